package dev.twinpath.datapath.run;

import dev.twinpath.datapath.lab.VirtualMachine;
import dev.twinpath.datapath.traffic.StreamChecker;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * What one VM's application records for a {@link RunRecording}, besides its checker's totals: the
 * latency of each packet into a per-path interval recorder (the control thread takes an interval
 * histogram each second, wait-free for the writer) and into a histogram for "inside a path switch" or
 * "outside" (the VM's adapters are looked at once per burst), the packets delivered per path and the
 * checker's missing count per timeline interval.
 * <p>
 * Data path: zero allocation, never throws. Written by the VM's guest thread; the recorders are read
 * by the control thread while it runs (their own phaser), everything else at a quiescent point.
 */
final class RecordingTap implements StreamChecker.LatencyListener
{
    static final int PATHS = 2;

    private final VirtualMachine vm;
    private final SingleWriterRecorder[] recorders = new SingleWriterRecorder[PATHS];
    private final Histogram[] recycle = new Histogram[PATHS];
    private final Histogram[] outside = new Histogram[PATHS];
    private final Histogram[] inside = new Histogram[PATHS];
    private final long[][] delivered;
    private final long[] missing;
    private final long intervalNanos;
    private StreamChecker checker;
    private boolean inSwitch;
    private int interval = -1;

    RecordingTap(final VirtualMachine vm, final int intervals, final long intervalNanos)
    {
        this.vm = vm;
        this.intervalNanos = intervalNanos;
        this.delivered = new long[PATHS][intervals];
        this.missing = new long[intervals];
        java.util.Arrays.fill(missing, -1);
        for (int p = 0; p < PATHS; p++)
        {
            recorders[p] = new SingleWriterRecorder(StreamChecker.DEFAULT_HIGHEST_LATENCY_NANOS, 3);
            outside[p] = new Histogram(StreamChecker.DEFAULT_HIGHEST_LATENCY_NANOS, 3);
            inside[p] = new Histogram(StreamChecker.DEFAULT_HIGHEST_LATENCY_NANOS, 3);
        }
    }

    /** Record {@code checker}'s latencies. Before the guest thread starts. */
    void attach(final StreamChecker checker)
    {
        this.checker = checker;
        checker.latencyListener(this);
    }

    /**
     * A burst arrives {@code sinceOrigin} ns after the origin; {@code counting} false before the origin is set. The
     * guest reads its clock once per duty cycle, so the first bursts after the origin may carry a time a little before
     * it: they count in the first interval. Guest thread.
     */
    void beginBurst(final long sinceOrigin, final boolean counting)
    {
        boolean switching = false;
        final java.util.List<dev.twinpath.datapath.lab.VmAdapter> adapters = vm.adapters();
        for (int i = 0, n = adapters.size(); i < n; i++)
        {
            switching |= adapters.get(i).adapter().switchInProgress();
        }
        inSwitch = switching;
        interval = !counting ? -1 : (int)Math.min(Math.max(0, sinceOrigin) / intervalNanos, missing.length - 1);
    }

    /** One packet of the burst came by {@code path} (0 the VF, 1 synthetic). Guest thread. */
    void onPacket(final int path)
    {
        if (interval >= 0 && path >= 0 && path < PATHS)
        {
            delivered[path][interval]++;
        }
    }

    /** The burst is over. Guest thread. */
    void endBurst()
    {
        if (interval >= 0)
        {
            missing[interval] = checker.lost();
        }
    }

    @Override
    public void onLatency(final int path, final long latencyNanos)
    {
        if (path < PATHS)
        {
            recorders[path].recordValue(latencyNanos);
            (inSwitch ? inside : outside)[path].recordValue(latencyNanos);
        }
    }

    /** @return the latency recorded on {@code path} since the last call; valid until the next call. Control thread. */
    Histogram intervalHistogram(final int path)
    {
        recycle[path] = recorders[path].getIntervalHistogram(recycle[path]);
        return recycle[path];
    }

    /** @return latency on {@code path} inside (true) or outside switches. Quiescent point. */
    Histogram latency(final int path, final boolean inSwitchWindow)
    {
        return (inSwitchWindow ? inside : outside)[path];
    }

    /** @return packets delivered on {@code path} per interval. Quiescent point. */
    long[] delivered(final int path)
    {
        return delivered[path];
    }

    /** @return the checker's missing count at the last burst of each interval, -1 where no burst came. Quiescent point. */
    long[] missing()
    {
        return missing;
    }
}
