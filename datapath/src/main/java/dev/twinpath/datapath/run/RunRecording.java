package dev.twinpath.datapath.run;

import dev.twinpath.datapath.SwitchTimes;
import dev.twinpath.datapath.lab.VirtualMachine;
import org.HdrHistogram.Histogram;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * What a {@link FailoverRun} records for a run report besides its summary: the progress reports (one
 * a second), latency interval histograms per path (one a second, for an HdrHistogram {@code .hlog}),
 * latency inside and outside path switches per path, packets delivered per path and sequences missing
 * per timeline interval (10 ms by default), and every path switch's window. Asked for with
 * {@link FailoverRun#record()}; read with {@link FailoverRun#recording()} after the run.
 * <p>
 * Built and sampled on the run's control thread; the taps are written by the guest threads. The
 * accessors answer after the run (a quiescent point).
 */
public final class RunRecording
{
    /** The path names, by path id. */
    public static final List<String> PATHS = List.of("vf", "synthetic");

    /**
     * Latency of one path over one interval.
     *
     * @param startNanos start of the interval, since the origin.
     * @param endNanos   its end, since the origin.
     * @param path       0 the VF, 1 synthetic.
     * @param compressed the histogram, HdrHistogram's compressed encoding (decode with {@link #histogram()}).
     */
    public record Interval(long startNanos, long endNanos, int path, byte[] compressed)
    {
        /** @return the interval's histogram, its start and end timestamps in ms since the origin. */
        public Histogram histogram()
        {
            try
            {
                final Histogram h = Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(compressed), 0);
                h.setStartTimeStamp(startNanos / 1_000_000);
                h.setEndTimeStamp(endNanos / 1_000_000);
                h.setTag(PATHS.get(path));
                return h;
            }
            catch (final java.util.zip.DataFormatException ex)
            {
                throw new IllegalStateException("interval histogram could not be decoded", ex);
            }
        }
    }

    private final List<RecordingTap> taps = new ArrayList<>();
    private final List<RunProgress> progress = new ArrayList<>();
    private final List<Interval> intervals = new ArrayList<>();
    private final long intervalNanos;
    private final int timelineIntervals;
    private long originNanos;
    private long lastSampleNanos;
    private List<SwitchTimes.Window> switches = List.of();

    RunRecording(final int timelineIntervals, final long intervalNanos)
    {
        this.timelineIntervals = timelineIntervals;
        this.intervalNanos = intervalNanos;
    }

    /** @return a tap for {@code vm}'s receiver. Before the run starts. */
    RecordingTap tap(final VirtualMachine vm)
    {
        final RecordingTap tap = new RecordingTap(vm, timelineIntervals, intervalNanos);
        taps.add(tap);
        return tap;
    }

    /** The wire peer starts at {@code nanos}: times are measured from there. */
    void origin(final long nanos)
    {
        originNanos = nanos;
        lastSampleNanos = nanos;
        for (int p = 0; p < RecordingTap.PATHS; p++)
        {
            for (final RecordingTap tap : taps)
            {
                tap.intervalHistogram(p); // what came before the origin is not counted
            }
        }
    }

    /** Take the latency of the interval ending {@code now} and keep {@code report}. Control thread. */
    void sample(final long now, final RunProgress report)
    {
        if (report != null)
        {
            progress.add(report);
        }
        for (int p = 0; p < RecordingTap.PATHS; p++)
        {
            final Histogram merged = new Histogram(dev.twinpath.datapath.traffic.StreamChecker.DEFAULT_HIGHEST_LATENCY_NANOS, 3);
            for (final RecordingTap tap : taps)
            {
                merged.add(tap.intervalHistogram(p));
            }
            final ByteBuffer buffer = ByteBuffer.allocate(merged.getNeededByteBufferCapacity());
            final int length = merged.encodeIntoCompressedByteBuffer(buffer);
            final byte[] bytes = new byte[length];
            buffer.flip();
            buffer.get(bytes);
            intervals.add(new Interval(lastSampleNanos - originNanos, now - originNanos, p, bytes));
        }
        lastSampleNanos = now;
    }

    /** The run is over and drained: take the last interval and the switch windows. Control thread. */
    void finish(final long now, final List<SwitchTimes.Window> windows)
    {
        if (now - lastSampleNanos > 0)
        {
            sample(now, null);
        }
        switches = windows;
    }

    /** @return the time the wire peer started, on the lab's clock: every time here is measured from it. */
    public long originNanos()
    {
        return originNanos;
    }

    /** @return the length of one timeline interval. */
    public long timelineIntervalNanos()
    {
        return intervalNanos;
    }

    /** @return the progress reports, one per progress interval. */
    public List<RunProgress> progress()
    {
        return List.copyOf(progress);
    }

    /** @return the latency interval histograms, per sample the VF's then the synthetic path's. */
    public List<Interval> intervals()
    {
        return List.copyOf(intervals);
    }

    /** @return the latency of {@code path} (0 the VF, 1 synthetic) inside path switches (true) or outside them. */
    public Histogram latency(final int path, final boolean inSwitch)
    {
        final Histogram merged = new Histogram(dev.twinpath.datapath.traffic.StreamChecker.DEFAULT_HIGHEST_LATENCY_NANOS, 3);
        for (final RecordingTap tap : taps)
        {
            merged.add(tap.latency(path, inSwitch));
        }
        return merged;
    }

    /** @return packets delivered on {@code path} per timeline interval, over all VMs. */
    public long[] delivered(final int path)
    {
        final long[] sum = new long[timelineIntervals];
        for (final RecordingTap tap : taps)
        {
            final long[] d = tap.delivered(path);
            for (int i = 0; i < sum.length; i++)
            {
                sum[i] += d[i];
            }
        }
        return sum;
    }

    /** @return sequences missing inside the flows so far, at the end of each timeline interval, over all VMs. */
    public long[] missing()
    {
        final long[] sum = new long[timelineIntervals];
        for (final RecordingTap tap : taps)
        {
            final long[] m = tap.missing();
            long last = 0;
            for (int i = 0; i < sum.length; i++)
            {
                last = m[i] >= 0 ? m[i] : last; // an interval without a burst keeps the count it had
                sum[i] += last;
            }
        }
        return sum;
    }

    /** @return the path switches, times on the lab's clock (subtract {@link #originNanos()}). */
    public List<SwitchTimes.Window> switches()
    {
        return switches;
    }
}
