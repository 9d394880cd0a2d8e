package dev.twinpath.bench.scenario.wire;

/**
 * The three kinds of trial suite {@code wire-proc} runs per transport and path. Constants, any thread.
 */
public enum WireTrialKind
{
    /** A sends as fast as the wire takes: the throughput at B. */
    MAX("max"),
    /** A constant light rate ({@code WireProcessScenario.Settings#lightRatePps}): the latency of an unqueued wire. */
    LIGHT("light"),
    /** A constant rate of a share of the lower maximum, at most 1 Mpps: the latency of a busy wire. */
    LOADED("loaded");

    private final String label;

    WireTrialKind(final String label)
    {
        this.label = label;
    }

    /** @return {@code max}, {@code light} or {@code loaded}. */
    public String label()
    {
        return label;
    }
}
