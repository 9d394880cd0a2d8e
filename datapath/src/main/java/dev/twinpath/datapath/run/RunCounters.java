package dev.twinpath.datapath.run;

import dev.twinpath.datapath.lab.Lab;
import dev.twinpath.datapath.stat.LabCounters;
import dev.twinpath.datapath.stat.LiveCounterType;
import dev.twinpath.datapath.traffic.ConstantRateGenerator;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A {@link FailoverRun}'s live counters ({@link RunContext#liveCounters(Path, String)}): the lab's counters
 * ({@link LabCounters}) plus the run's traffic ({@code run offered}, {@code run delivered vf}, ...), refreshed
 * from the run's control loop every {@link #REFRESH_NANOS}; a run without live counters gets {@link #NONE}, whose
 * methods do nothing. A file that cannot be made turns live counters off with a note; the run goes on.
 * <p>
 * Owned by the run's control thread.
 */
final class RunCounters implements AutoCloseable
{
    /** How often the values are copied into the file. */
    static final long REFRESH_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    /** No live counters. */
    static final RunCounters NONE = new RunCounters(null, 0);

    private final LabCounters counters;
    private long nextRefreshNanos;

    private RunCounters(final LabCounters counters, final long nextRefreshNanos)
    {
        this.counters = counters;
        this.nextRefreshNanos = nextRefreshNanos;
    }

    /** @return the live counters of a run over {@code lab}, or {@link #NONE} when the context has none or the file cannot be made. */
    static RunCounters open(final RunContext context, final Lab lab, final ConstantRateGenerator generator,
        final GuestReceiver[] receivers, final RunListener listener)
    {
        final Path directory = context.liveCounters();
        if (directory == null)
        {
            return NONE;
        }
        final LabCounters counters = new LabCounters(lab);
        counters.add(LiveCounterType.RUN_TRAFFIC, "run offered", generator::sent);
        counters.add(LiveCounterType.RUN_TRAFFIC, "run delivered vf", () -> delivered(receivers, 0));
        counters.add(LiveCounterType.RUN_TRAFFIC, "run delivered synthetic", () -> delivered(receivers, 1));
        counters.add(LiveCounterType.RUN_TRAFFIC, "run lost", () ->
        {
            long sum = 0;
            for (final GuestReceiver r : receivers)
            {
                sum += r.checker().lost();
            }
            return sum;
        });
        counters.add(LiveCounterType.RUN_TRAFFIC, "run reordered", () ->
        {
            long sum = 0;
            for (final GuestReceiver r : receivers)
            {
                sum += r.checker().reordered();
            }
            return sum;
        });
        counters.add(LiveCounterType.RUN_TRAFFIC, "run duplicates", () ->
        {
            long sum = 0;
            for (final GuestReceiver r : receivers)
            {
                sum += r.checker().duplicates();
            }
            return sum;
        });
        try
        {
            counters.publish(directory, context.liveCountersCommand()); // the values once, the heartbeat now
            return new RunCounters(counters, lab.clock().nanoTime() + REFRESH_NANOS);
        }
        catch (final java.io.IOException | RuntimeException ex)
        {
            listener.onNote("live counters off: cannot create a file in " + directory + " (" + ex + ")");
            return NONE;
        }
    }

    private static long delivered(final GuestReceiver[] receivers, final int path)
    {
        long sum = 0;
        for (final GuestReceiver r : receivers)
        {
            sum += r.checker().delivered(path);
        }
        return sum;
    }

    /** Copy the values into the file when a refresh is due at {@code nowNanos}. Allocates nothing. */
    void refresh(final long nowNanos)
    {
        if (counters == null || nowNanos - nextRefreshNanos < 0)
        {
            return;
        }
        nextRefreshNanos = nowNanos + REFRESH_NANOS;
        counters.refresh(System.currentTimeMillis());
    }

    /** @return nanoseconds from {@code nowNanos} to the next refresh ({@link Long#MAX_VALUE} without live counters). */
    long nanosToRefresh(final long nowNanos)
    {
        return counters == null ? Long.MAX_VALUE : Math.max(0, nextRefreshNanos - nowNanos);
    }

    /** @return the file, or null. */
    Path path()
    {
        return counters == null ? null : counters.path();
    }

    /** Delete the file. */
    @Override
    public void close()
    {
        if (counters != null)
        {
            counters.close();
        }
    }
}
