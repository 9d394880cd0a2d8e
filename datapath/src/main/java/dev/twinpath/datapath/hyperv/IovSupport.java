package dev.twinpath.datapath.hyperv;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether SR-IOV can be used, and why not: {@code IovSupport} and {@code IovSupportReasons} of
 * {@code Get-VMSwitch}. Supported exactly when there is no reason.
 * <p>
 * Immutable, any thread.
 *
 * @param supported true when SR-IOV can be used.
 * @param reasons   why not, in the fixed evaluation order; empty when supported.
 */
public record IovSupport(boolean supported, List<IovSupportReason> reasons)
{
    /** SR-IOV can be used. */
    public static final IovSupport SUPPORTED = new IovSupport(true, List.of());

    /** @throws IllegalArgumentException when {@code supported} contradicts {@code reasons}. */
    public IovSupport
    {
        reasons = List.copyOf(reasons);
        if (supported != reasons.isEmpty())
        {
            throw new IllegalArgumentException("supported must be true exactly when reasons is empty: supported="
                + supported + ", reasons=" + reasons);
        }
    }

    /** @return support for these reasons: supported when there is none. */
    public static IovSupport of(final List<IovSupportReason> reasons)
    {
        return reasons.isEmpty() ? SUPPORTED : new IovSupport(false, reasons);
    }

    /**
     * Evaluate a host's platform in a fixed order: the NIC ({@link IovSupportReason#NIC_NO_SRIOV}, else
     * {@link IovSupportReason#NIC_NO_VFS}), the firmware's SR-IOV switch, PCI Express control, I/O
     * remapping, the I/O remapping erratum, ACS. Every failing check adds its reason.
     */
    public static IovSupport ofPlatform(final HostPlatform platform)
    {
        final List<IovSupportReason> reasons = new ArrayList<>(6);
        if (!platform.nicSriov())
        {
            reasons.add(IovSupportReason.NIC_NO_SRIOV);
        }
        else if (platform.nicTotalVfs() == 0)
        {
            reasons.add(IovSupportReason.NIC_NO_VFS);
        }
        if (!platform.biosSriov())
        {
            reasons.add(IovSupportReason.BIOS_SRIOV_DISABLED);
        }
        if (!platform.osControlsPcie())
        {
            reasons.add(IovSupportReason.OS_PCIE_CONTROL_DENIED);
        }
        if (!platform.ioRemapping())
        {
            reasons.add(IovSupportReason.NO_IO_REMAPPING);
        }
        else if (platform.ioRemappingErratum())
        {
            reasons.add(IovSupportReason.IO_REMAPPING_ERRATUM);
        }
        if (!platform.acs())
        {
            reasons.add(IovSupportReason.NO_ACS);
        }
        return of(reasons);
    }

    /**
     * The support of a virtual switch on {@code platform}: the platform's reasons, then
     * {@link IovSupportReason#SWITCH_NOT_IOV_ENABLED} when the switch was created without {@code -EnableIov}.
     */
    public static IovSupport ofSwitch(final HostPlatform platform, final boolean iovEnabled)
    {
        final IovSupport platformSupport = ofPlatform(platform);
        if (iovEnabled)
        {
            return platformSupport;
        }
        final List<IovSupportReason> reasons = new ArrayList<>(platformSupport.reasons());
        reasons.add(IovSupportReason.SWITCH_NOT_IOV_ENABLED);
        return of(reasons);
    }

    /**
     * @return the reason one adapter gives when this support is lacking: {@link IovSupportReason#HOST_NOT_SUPPORTED}
     * when any platform reason is present, else {@link IovSupportReason#SWITCH_NOT_IOV_ENABLED}; null when supported.
     */
    public IovSupportReason adapterReason()
    {
        if (supported)
        {
            return null;
        }
        for (final IovSupportReason reason : reasons)
        {
            if (reason.scope() == IovSupportReason.Scope.PLATFORM)
            {
                return IovSupportReason.HOST_NOT_SUPPORTED;
            }
        }
        return IovSupportReason.SWITCH_NOT_IOV_ENABLED;
    }
}
