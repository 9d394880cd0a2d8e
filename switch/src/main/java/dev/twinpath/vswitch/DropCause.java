package dev.twinpath.vswitch;

/**
 * Why the virtual switch dropped a frame or one copy of a flooded frame. Every drop has exactly one
 * cause, counted per switch and per port (the ingress port for the causes found before forwarding,
 * the egress port for the others).
 * <p>
 * Immutable; any thread.
 */
public enum DropCause
{
    /** Not a packet or marker descriptor, or naming no slot of the pool: nothing is freed for it. */
    INVALID_DESCRIPTOR("descriptor is neither a packet of the pool nor a marker"),
    /** Longer than its slot's data room, shorter than an Ethernet header, or an IP header cut short
     *  (only checked where an ACL needs it). */
    MALFORMED("malformed frame"),
    /** The ingress port's VLAN mode does not admit the frame's tag (or lack of one). */
    VLAN_NOT_ALLOWED("VLAN not allowed on the ingress port"),
    /** MAC address spoofing is off on the port and the source MAC is not the adapter's. */
    SPOOFED_SOURCE("source MAC is not the adapter's (MAC spoofing off)"),
    /** The source MAC is a group (multicast/broadcast) address or zero. */
    INVALID_SOURCE("invalid source MAC"),
    /** An outbound ACL rule of the ingress port denies the frame. */
    ACL_DENIED_OUTBOUND("denied by an outbound ACL"),
    /** The destination MAC was learned on the ingress port itself. */
    LOOPBACK("destination is the ingress port"),
    /** The destination port was removed while the frame was in the switch. */
    PORT_REMOVED("destination port removed"),
    /** The egress port's VLAN mode does not carry the frame's VLAN. */
    EGRESS_VLAN("VLAN not carried by the egress port"),
    /** An inbound ACL rule of the egress port denies the frame. */
    ACL_DENIED_INBOUND("denied by an inbound ACL"),
    /** Adding the egress port's VLAN tag would exceed the buffer's data room. */
    FRAME_TOO_LONG("frame too long for the VLAN tag"),
    /** The egress ring (VMBus channel or uplink) is full and the port is lossy. */
    RING_FULL("egress ring full (lossy port)"),
    /** The port's link threw when the switch wrote to it (a fault outside the switch): what was staged for it is dropped. */
    LINK_ERROR("the port's link failed on transmit"),
    /** No buffer left in the pool for a copy of a flooded frame. */
    NO_BUFFER("no buffer for a flood copy");

    private static final DropCause[] VALUES = values();

    private final String description;

    DropCause(final String description)
    {
        this.description = description;
    }

    /** @return a sentence for tables and logs. */
    public String description()
    {
        return description;
    }

    /** @return the number of causes. */
    public static int count()
    {
        return VALUES.length;
    }

    /** @return the cause with this ordinal. */
    public static DropCause of(final int ordinal)
    {
        return VALUES[ordinal];
    }
}
