package dev.twinpath.vswitch;

/**
 * The three kinds of Hyper-V virtual switch ({@code New-VMSwitch -SwitchType}, or
 * {@code -NetAdapterName} for an external one).
 * <p>
 * Immutable; any thread.
 */
public enum SwitchType
{
    /** Bound to a physical NIC (the uplink port); VMs reach the network, and the host too when the
     *  management OS shares the adapter. The only kind that can be created with SR-IOV. */
    EXTERNAL(true, true),
    /** VMs and the host (through host virtual NICs); no uplink. */
    INTERNAL(false, true),
    /** VMs only: no uplink and no host virtual NIC. */
    PRIVATE(false, false);

    private final boolean hasUplink;
    private final boolean allowsHostVnic;

    SwitchType(final boolean hasUplink, final boolean allowsHostVnic)
    {
        this.hasUplink = hasUplink;
        this.allowsHostVnic = allowsHostVnic;
    }

    /** @return true when the switch has exactly one uplink port, bound at creation. */
    public boolean hasUplink()
    {
        return hasUplink;
    }

    /** @return true when host (management OS) virtual NICs may be attached. */
    public boolean allowsHostVnic()
    {
        return allowsHostVnic;
    }
}
