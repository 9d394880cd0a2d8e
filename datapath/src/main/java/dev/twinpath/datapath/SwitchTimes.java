package dev.twinpath.datapath;

import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;

/**
 * How long data path switches take, from the request (VF offer or revoke received) until both
 * directions run on the new path with nothing held back, in an HdrHistogram (ns, 3 significant
 * digits), and the switch windows themselves (which adapter, to which path, from when to when: the
 * first {@value #MAX_WINDOWS} of them) for a run report. Shared by the adapters of a lab.
 * <p>
 * Thread-safe: recording takes a lock (once per switch, never per packet).
 */
public final class SwitchTimes
{
    /** Switch windows kept; later ones still count in the histogram. */
    public static final int MAX_WINDOWS = 100_000;

    /**
     * One data path switch of one adapter.
     *
     * @param adapter    the adapter, e.g. {@code vm1/eth0}.
     * @param to         the path it switched to.
     * @param startNanos when the switch was requested, on the lab's clock.
     * @param endNanos   when both directions ran on {@code to} with nothing held back.
     */
    public record Window(String adapter, Path to, long startNanos, long endNanos)
    {
        /** @return how long the switch took. */
        public long durationNanos()
        {
            return endNanos - startNanos;
        }
    }

    private final Histogram histogram = new Histogram(60_000_000_000L, 3);
    private final List<Window> windows = new ArrayList<>();

    /** Record one switch of {@code nanos}. Any thread. */
    public synchronized void record(final long nanos)
    {
        histogram.recordValue(Math.max(0, Math.min(nanos, histogram.getHighestTrackableValue())));
    }

    /** Record the switch of {@code adapter} to {@code to} that ran from {@code startNanos} to {@code endNanos}. Any thread. */
    public synchronized void record(final String adapter, final Path to, final long startNanos, final long endNanos)
    {
        record(endNanos - startNanos);
        if (windows.size() < MAX_WINDOWS)
        {
            windows.add(new Window(adapter, to, startNanos, endNanos));
        }
    }

    /** @return a copy of the histogram. Any thread. */
    public synchronized Histogram snapshot()
    {
        return histogram.copy();
    }

    /** @return the switch windows recorded so far, oldest first. Any thread. */
    public synchronized List<Window> windows()
    {
        return List.copyOf(windows);
    }

    public synchronized long count()
    {
        return histogram.getTotalCount();
    }
}
