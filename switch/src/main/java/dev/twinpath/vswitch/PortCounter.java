package dev.twinpath.vswitch;

/**
 * Traffic counters of one switch port; its drops are counted per {@link DropCause} beside them.
 * "Received" is what the port sent into the switch, "transmitted" what the switch delivered to it.
 * <p>
 * Immutable; any thread.
 */
public enum PortCounter
{
    /** Frames read from the port's ring. */
    RECEIVED_PACKETS,
    /** Bytes of those frames. */
    RECEIVED_BYTES,
    /** Frames (and flood copies) written to the port's ring. */
    TRANSMITTED_PACKETS,
    /** Bytes of those frames. */
    TRANSMITTED_BYTES,
    /** In-band markers read from the port. */
    MARKERS_RECEIVED,
    /** In-band markers written to the port. */
    MARKERS_TRANSMITTED,
    /** Polls skipped because the port was over its bandwidth limit (its frames waited in its ring). */
    SHAPED_POLLS,
    /** Bursts in which the port's egress ring was full in lossless mode (the switch held them). */
    EGRESS_STALLS;

    private static final PortCounter[] VALUES = values();

    /** @return the number of counters. */
    public static int count()
    {
        return VALUES.length;
    }
}
