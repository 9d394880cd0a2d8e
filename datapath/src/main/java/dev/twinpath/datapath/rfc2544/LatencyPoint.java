package dev.twinpath.datapath.rfc2544;

import dev.twinpath.datapath.run.Percentiles;

/**
 * Latency of one path and frame size at a fraction of its NDR (RFC 2544 §26.2 measures it at the throughput rate;
 * Twinpath takes 10, 50 and 90 % of the NDR so the curve shows how queueing grows with load).
 * <p>
 * Immutable; any thread.
 *
 * @param fraction of the NDR, e.g. 0.5.
 * @param trial    the trial at that rate.
 */
public record LatencyPoint(double fraction, Trial trial)
{
    /** @return the rate of the trial. */
    public long ratePps()
    {
        return trial.ratePps();
    }

    /** @return nanoseconds from each frame's intended send time to its delivery (p50, p99, p99.9, max, ...). */
    public Percentiles latency()
    {
        return trial.latency();
    }

    /** @return the trial's loss ratio (normally 0 below the NDR). */
    public double lossRatio()
    {
        return trial.lossRatio();
    }

    /** @return false when the trial was invalid (its {@link Trial#invalid()} says why). */
    public boolean valid()
    {
        return trial.valid();
    }
}
