package dev.twinpath.datapath.run;

import org.agrona.concurrent.NanoClock;

import java.util.concurrent.TimeUnit;

/**
 * Polls a {@link FailoverRun}'s switch schedule on the host's thread when a switch is due, until the schedule is
 * done or the run is stopped early.
 * <p>
 * Runs on the host's thread; {@link #stop()} and {@link #finished()} from any thread.
 */
final class ScheduleDuty implements dev.twinpath.datapath.host.IovHostAgent.Duty
{
    /** Shortest sleep: a switch overdue because its VM is not ready yet is looked at again this much later. */
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final NanoClock clock;
    private final SwitchSchedule schedule;
    private final SwitchSchedule.Operations operations;
    private long due;
    private volatile boolean finished;
    private volatile boolean stopped;

    ScheduleDuty(final NanoClock clock, final SwitchSchedule schedule, final SwitchSchedule.Operations operations)
    {
        this.clock = clock;
        this.schedule = schedule;
        this.operations = operations;
        this.due = clock.nanoTime();
    }

    @Override
    public int doWork(final long now)
    {
        if (stopped)
        {
            finished = true; // the run was stopped early: issue nothing more
            return 0;
        }
        if (now - due < 0)
        {
            return 0;
        }
        final int work = schedule.poll(now, operations);
        finished = schedule.finished(now);
        due = Math.min(schedule.nextDueNanos(now), now + POLL_NANOS); // also notice the end of the run
        return work;
    }

    /** Issue nothing more (the run was stopped early); a switch under way still completes. Any thread. */
    void stop()
    {
        stopped = true;
    }

    /** @return true once the schedule has nothing left to issue. Any thread. */
    boolean finished()
    {
        return finished;
    }

}
