package dev.twinpath.vf.nic;

/**
 * The counters kept for every function (each VF, the PF default queue, the wire port) and every
 * queue. Drop counters name their cause; together they make the accounting identity
 * {@code received = delivered + dropped(by cause) + in flight} checkable at any quiescent point.
 */
public enum NicCounter
{
    /** Packets that reached the function: for a VF, RX frames the embedded switch chose for it. */
    RX_PACKETS("frames classified to this function or queue"),
    RX_BYTES("bytes of RX_PACKETS"),
    /** RX packets placed in a queue for the guest/host to take. */
    RX_DELIVERED("frames placed in an RX queue"),
    TX_PACKETS("frames taken from a TX queue"),
    TX_BYTES("bytes of TX_PACKETS"),
    /** TX packets forwarded: to the wire, hairpinned to another function, or replicated. */
    TX_FORWARDED("frames forwarded to the wire or another function"),
    DROP_RX_RING_FULL("dropped: RX ring full in drop mode"),
    DROP_LINK_DOWN("dropped: function link state down"),
    DROP_SPOOF_MAC("dropped: TX source MAC is not the function's (spoof check)"),
    DROP_SPOOF_VLAN("dropped: TX VLAN not allowed for the function"),
    DROP_VLAN_FILTER("dropped: RX VLAN not allowed for the function"),
    DROP_RATE_LIMIT("dropped: TX above the function's rate limit"),
    DROP_MALFORMED("dropped: frame too short for an Ethernet header"),
    DROP_NO_BUFFER("dropped: no packet buffer for a replicated copy"),
    DROP_WIRE_FULL("dropped: wire TX ring full"),
    DROP_RESET("dropped: emptied by a function-level reset"),
    DROP_SURPRISE_REMOVAL("dropped: held by a function that was surprise-removed");

    private static final NicCounter[] VALUES = values();

    private final String description;

    NicCounter(final String description)
    {
        this.description = description;
    }

    public String description()
    {
        return description;
    }

    /** @return true for the drop counters. */
    public boolean isDrop()
    {
        return name().startsWith("DROP_");
    }

    static NicCounter of(final int ordinal)
    {
        return VALUES[ordinal];
    }

    static int count()
    {
        return VALUES.length;
    }
}
