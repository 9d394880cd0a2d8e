package dev.twinpath.bench.scenario.wire;

/**
 * What carries the frames in a trial of suite {@code wire-proc}: the Twinpath wire, or one of two raw Aeron baselines
 * through the same three processes.
 * <p>
 * Constants only, any thread.
 */
public enum WirePath
{
    /** The wire: 64-byte frames from a packet pool, batched into Aeron messages, relayed cut-through by the ToR. */
    WIRE("wire", "wire-proc-", ""),
    /**
     * Raw Aeron with messages of the frames' size: one 64-byte message per frame, claimed, relayed and polled one by
     * one. The baseline of the throughput goal: what Aeron carries when every frame pays its own message.
     */
    RAW("raw", "raw-aeron-proc-", ""),
    /**
     * Raw Aeron with messages of a full batch's size, each counting for a batch's frames, nothing done per frame: the
     * ceiling of any batching, reported next to the goal.
     */
    RAW_BATCH("raw-batch", "raw-aeron-proc-", "-batch");

    private final String label;
    private final String prefix;
    private final String suffix;

    WirePath(final String label, final String prefix, final String suffix)
    {
        this.label = label;
        this.prefix = prefix;
        this.suffix = suffix;
    }

    /** @return the name in a child's arguments and in the JSON: {@code wire}, {@code raw}, {@code raw-batch}. */
    public String label()
    {
        return label;
    }

    /** @return true for the two raw Aeron baselines. */
    public boolean raw()
    {
        return this != WIRE;
    }

    /** @return the suite's entry for this path over {@code transport}, e.g. {@code raw-aeron-proc-udp-batch}. */
    public String entry(final WireTransport transport)
    {
        return prefix + transport.label() + suffix;
    }

    /** @return 64-byte frames one unit (a frame, or a raw message) stands for. */
    public int framesPerUnit(final WireTransport transport)
    {
        return this == RAW_BATCH ? transport.framesPerBatch() : 1;
    }

    /** @return bytes of one raw message (64, or a full batch); the wire's frames are 64 bytes too. */
    public int messageLength(final WireTransport transport)
    {
        return this == RAW_BATCH ? transport.batchLength() : WireTransport.FRAME_LENGTH;
    }

    /** @return the path named {@code text}. @throws IllegalArgumentException naming it when none is. */
    public static WirePath of(final String text)
    {
        for (final WirePath p : values())
        {
            if (p.label.equals(text))
            {
                return p;
            }
        }
        throw new IllegalArgumentException("path: '" + text + "' is none of wire, raw, raw-batch");
    }
}
