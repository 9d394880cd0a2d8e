package dev.twinpath.datapath;

/**
 * The counters of one {@link NetVscAdapter}, kept off-heap in {@link AdapterCounters}.
 * <p>
 * Immutable, any thread.
 */
public enum AdapterCounter
{
    /** Packets delivered to the application that arrived on the VF. */
    RX_VF,
    /** Packets delivered to the application that arrived on the synthetic path. */
    RX_SYNTHETIC,
    /** Packets held back because they arrived on their flow's new path before the old path had drained. */
    RX_HELD,
    /** Held packets released, in order, once the old path had drained. */
    RX_RELEASED,
    /** Held packets released by the hold-back timeout (G7 fallback: a marker never came); order not proven for them. */
    RX_RELEASED_ON_TIMEOUT,
    /** Polls of a path skipped because the hold-back buffer was full (back-pressure, never a drop). */
    RX_HOLD_FULL,
    /** Broadcast/multicast frames that arrived on the VF: the synthetic path delivers group traffic, so the VF copy is suppressed. */
    RX_GROUP_ON_VF_SUPPRESSED,
    /** End-of-epoch markers received. */
    RX_MARKERS,
    /** Markers of another adapter or of no known move (ignored). */
    RX_FOREIGN_MARKERS,
    /** Packets still in the VF's RX rings when it was surprise-removed, taken back and delivered. */
    RX_RECLAIMED_AFTER_REMOVAL,
    /** The most packets RX held back at once (a high-water mark, not a sum). */
    RX_HELD_HIGH_WATER,
    /** Packets held back now by RX plus those waiting in the delivery queue (a level). */
    RX_IN_FLIGHT,
    /** Packets sent on the VF (taken by its TX queue). */
    TX_VF,
    /** Packets sent on the synthetic path (taken by the VMBus data ring). */
    TX_SYNTHETIC,
    /** Packets held back by a TX move until the old path's fence passed. */
    TX_HELD,
    /** The most packets TX held back at once (a high-water mark). */
    TX_HELD_HIGH_WATER,
    /** Packets held back or staged by TX now (a level). */
    TX_IN_FLIGHT,
    /** TX fences waited out by timeout (G7 fallback). */
    TX_FENCE_TIMEOUTS,
    /** Packets the VF had queued but not sent when it was surprise-removed, re-sent on the synthetic path. */
    TX_RESENT_AFTER_REMOVAL,
    /** Packets refused by {@code send} because the adapter's TX stages were full (back-pressure to the application). */
    TX_BACKPRESSURE,
    /** Data path switches completed (each direction of each move counts once). */
    PATH_SWITCHES,
    /** VF offers deferred because the last switch was less than the minimum dwell time ago (flap damping). */
    FLAPS_DAMPED,
    /** Control-plane waits that ran out (completion, markers, fences) and took their fallback. */
    CONTROL_TIMEOUTS,
    /** VFs that vanished without notice (surprise removal). */
    SURPRISE_REMOVALS;

    private static final AdapterCounter[] VALUES = values();

    public static int count()
    {
        return VALUES.length;
    }
}
