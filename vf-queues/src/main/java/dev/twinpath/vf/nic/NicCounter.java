package dev.twinpath.vf.nic;

/**
 * The counters kept for every function (each VF, the PF, the wire port) and every queue. Drop
 * counters name their direction and cause, so two identities hold for every function at any
 * quiescent point: {@code RX_PACKETS = RX_DELIVERED + RX drops} and
 * {@code TX_PACKETS = TX_FORWARDED + TX drops} (plus what is staged while back-pressured).
 */
public enum NicCounter
{
    /** Frames that reached the function (for the wire: frames received from it). */
    RX_PACKETS("frames classified to this function or queue"),
    RX_BYTES("bytes of RX_PACKETS"),
    /** RX frames placed in a queue for the guest/host to take. */
    RX_DELIVERED("frames placed in an RX queue"),
    /** Delivered frames a reset took back from an RX queue before the guest read them (not a drop: they were delivered). */
    RX_RECLAIMED("delivered frames taken back from an RX queue by a reset"),
    TX_PACKETS("frames taken from a TX queue (for the wire: frames sent to it)"),
    TX_BYTES("bytes of TX_PACKETS"),
    /** TX frames forwarded: to the wire, hairpinned to another function, or replicated. */
    TX_FORWARDED("frames forwarded to the wire or another function"),
    DROP_RX_RING_FULL("RX dropped: ring full in drop mode"),
    DROP_RX_LINK_DOWN("RX dropped: function link state down"),
    DROP_RX_MALFORMED("RX dropped: frame too short for an Ethernet header"),
    DROP_RX_NO_BUFFER("RX dropped: no packet buffer for a replicated copy"),
    DROP_RX_RESET("RX dropped: staged for the function when it was reset"),
    DROP_RX_SURPRISE_REMOVAL("RX dropped: staged for a function that was surprise-removed"),
    DROP_TX_LINK_DOWN("TX dropped: function link state down"),
    DROP_TX_SPOOF_MAC("TX dropped: source MAC is not the function's (spoof check)"),
    DROP_TX_SPOOF_VLAN("TX dropped: VLAN not allowed for the function"),
    DROP_TX_RATE_LIMIT("TX dropped: above the function's rate limit"),
    DROP_TX_MALFORMED("TX dropped: frame too short for an Ethernet header"),
    DROP_TX_RESET("TX dropped: queued by the guest when the function was reset"),
    DROP_TX_WIRE_FULL("TX dropped: wire TX ring full in drop mode"),
    DROP_TX_NO_BUFFER("TX dropped: no packet buffer for a replicated copy to the wire");

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

    /** @return true for the drops of received frames: {@code RX_PACKETS = RX_DELIVERED + RX drops + staged}. */
    public boolean isRxDrop()
    {
        return name().startsWith("DROP_RX_");
    }

    /** @return true for the drops of sent frames: {@code TX_PACKETS = TX_FORWARDED + TX drops}. */
    public boolean isTxDrop()
    {
        return name().startsWith("DROP_TX_");
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
