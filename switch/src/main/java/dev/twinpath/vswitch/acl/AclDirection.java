package dev.twinpath.vswitch.acl;

/**
 * Which traffic of a VM port a rule applies to, seen from the VM as Hyper-V does: the rule's
 * "local" fields are the VM's side of the packet. Also the direction a packet is evaluated in
 * ({@link #INBOUND} or {@link #OUTBOUND}; {@link #BOTH} only describes rules).
 * <p>
 * Immutable; any thread.
 */
public enum AclDirection
{
    /** The switch delivering a frame to the VM's port: local = destination fields, remote = source. */
    INBOUND(1, "Inbound"),
    /** A frame from the VM's port into the switch: local = source fields, remote = destination. */
    OUTBOUND(2, "Outbound"),
    /** A rule for both directions; local and remote follow the direction of each packet. */
    BOTH(3, "Both");

    final int bits;
    private final String text;

    AclDirection(final int bits, final String text)
    {
        this.bits = bits;
        this.text = text;
    }

    /** @return true when a rule with this direction applies to a packet travelling {@code packetDirection}. */
    public boolean covers(final AclDirection packetDirection)
    {
        return (bits & packetDirection.bits) == packetDirection.bits;
    }

    /** @return the word Hyper-V prints, e.g. {@code Outbound}. */
    public String text()
    {
        return text;
    }
}
