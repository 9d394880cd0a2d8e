package dev.twinpath.datapath.run;

import dev.twinpath.datapath.lab.TrafficSource;
import dev.twinpath.datapath.traffic.ConstantRateGenerator;
import dev.twinpath.datapath.traffic.DescriptorSink;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The wire peer's traffic in a {@link FailoverRun}: a {@link ConstantRateGenerator} that the control
 * thread starts and stops by request, while the generator itself is only ever touched by the thread
 * that runs the wire peer. A request is a volatile write the owner picks up at its next call, so the
 * schedule starts on the owner's clock reading, and the time it started is published back.
 * <p>
 * {@link #send} runs on the wire peer's thread; {@link #requestStart()}, {@link #requestStop()},
 * {@link #startNanos()} and {@link #stopNanos()} from any thread.
 */
final class WireTraffic implements TrafficSource
{
    private static final int IDLE = 0;
    private static final int START = 1;
    private static final int RUNNING = 2;
    private static final int STOP = 3;
    private static final int STOPPED = 4;

    private final ConstantRateGenerator generator;
    private final AtomicInteger state = new AtomicInteger(IDLE);
    private volatile long startNanos;
    private volatile long stopNanos;

    WireTraffic(final ConstantRateGenerator generator)
    {
        this.generator = generator;
    }

    /** Ask the owner to start the generator at its next call. Any thread. */
    void requestStart()
    {
        state.compareAndSet(IDLE, START);
    }

    /** Ask the owner to stop building packets; what is pending is still offered. Any thread. */
    void requestStop()
    {
        int s;
        do
        {
            s = state.get();
        }
        while (s < STOP && !state.compareAndSet(s, s == IDLE ? STOPPED : STOP));
    }

    /** @return the clock reading the generator started at, or 0 before it started. Any thread. */
    long startNanos()
    {
        return startNanos;
    }

    /** @return the clock reading the generator stopped at, or 0 before it stopped. Any thread. */
    long stopNanos()
    {
        return stopNanos;
    }

    /** @return true once the generator started. Any thread. */
    boolean started()
    {
        return state.get() >= RUNNING;
    }

    /** @return true once the generator stopped. Any thread. */
    boolean stopped()
    {
        return state.get() == STOPPED;
    }

    @Override
    public int send(final long nowNanos, final DescriptorSink sink)
    {
        final int s = state.get();
        if (s == START)
        {
            generator.start(nowNanos);
            startNanos = nowNanos;
            state.compareAndSet(START, RUNNING); // a stop requested meanwhile is seen at the next call
        }
        else if (s == STOP)
        {
            // Hand over everything due up to the stop first, as far as the sink takes it without waiting, so a
            // generator that only ran late (its thread descheduled) catches up, and what is missing from rate x
            // send time is what the lab refused (an RFC 2544 trial counts it as loss); a refusal stays pending.
            int taken = 0;
            int n;
            do
            {
                n = generator.generate(nowNanos, sink);
                taken += n;
            }
            while (n > 0 && generator.pending() == 0);
            generator.stop();
            stopNanos = nowNanos;
            state.set(STOPPED);
            return taken + generator.generate(nowNanos, sink);
        }
        else if (s == IDLE)
        {
            return 0;
        }
        return generator.generate(nowNanos, sink);
    }
}
