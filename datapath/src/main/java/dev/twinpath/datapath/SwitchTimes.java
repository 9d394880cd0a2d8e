package dev.twinpath.datapath;

import org.HdrHistogram.Histogram;

/**
 * How long data path switches take, from the request (VF offer or revoke received) until both
 * directions run on the new path with nothing held back, in an HdrHistogram (ns, 3 significant
 * digits). Shared by the adapters of a lab.
 * <p>
 * Thread-safe: recording takes a lock (once per switch, never per packet).
 */
public final class SwitchTimes
{
    private final Histogram histogram = new Histogram(60_000_000_000L, 3);

    /** Record one switch of {@code nanos}. Any thread. */
    public synchronized void record(final long nanos)
    {
        histogram.recordValue(Math.max(0, Math.min(nanos, histogram.getHighestTrackableValue())));
    }

    /** @return a copy of the histogram. Any thread. */
    public synchronized Histogram snapshot()
    {
        return histogram.copy();
    }

    public synchronized long count()
    {
        return histogram.getTotalCount();
    }
}
