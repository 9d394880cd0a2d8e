package dev.twinpath.datapath.rfc2889;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * RFC 2889 address caching capacity (§5.7) and address learning rate (§5.8) of the virtual switch, on a
 * {@link SwitchUnderTest} built afresh for every trial.
 * <p>
 * <b>Capacity.</b> A trial teaches the switch {@code n} addresses (learning frames from {@code n} distinct source
 * MACs on the learning port, to the test port), then sends a test frame to each of them from the test port. It
 * passes when every test frame is forwarded to the learning port and the monitor port sees none (a frame to an
 * address the table does not hold is flooded). The search starts at {@code addresses}; after a failing trial it tries
 * {@code n - flooded} (what a table that refuses new addresses when full has learned), then bisects; the capacity is
 * the largest passing {@code n}. The switch runs on the tester's thread, so the result does not depend on timing.
 * <p>
 * <b>Learning rate.</b> With the switch on its own agent thread, a trial offers {@code min(addresses, capacity)}
 * learning frames, one new address each, at a fixed rate into the learning port's ingress ring (1,024 frames; a frame
 * the full ring refuses is not learned), then checks with test frames as above. First an unpaced trial (each frame
 * waits for room; after one second of such trials not counted, to warm the JIT up) gives the rate the switch learns at; the
 * search then tries that rate paced, doubles while it
 * passes, and bisects to the resolution; the learning rate is the highest passing rate.
 * <p>
 * Runs on the caller's thread; the switch's agent on its own during learning trials.
 */
public final class Rfc2889Benchmark
{
    /** Rate value of the unpaced learning trial. */
    static final long UNPACED = 0;
    private static final long FLOOR_FPS = 1_000;
    private static final long IDLE_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);
    /** How long unpaced learning trials run, uncounted, before the learning-rate search. */
    private static final long WARMUP_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final int tableCapacity;
    private final int addresses;
    private final double resolution;
    private final int maxTrials;

    /**
     * @param tableCapacity the switch's MAC table capacity, 1..4,194,304.
     * @param addresses     the most addresses to try, 1..4,194,304 (above the capacity, or the capacity shows only as
     *                      "at least").
     * @param resolution    the learning-rate search stops within this fraction of its upper bound, 0.001..0.5.
     * @param maxTrials     most trials of each search, 2..1000.
     * @throws IllegalArgumentException naming the parameter refused.
     */
    public Rfc2889Benchmark(final int tableCapacity, final int addresses, final double resolution, final int maxTrials)
    {
        check(tableCapacity >= 1 && tableCapacity <= 1 << 22, "tableCapacity must be 1..4194304: " + tableCapacity);
        check(addresses >= 1 && addresses <= 1 << 22, "addresses must be 1..4194304: " + addresses);
        check(resolution >= 0.001 && resolution <= 0.5, "resolution must be 0.001..0.5: " + resolution);
        check(maxTrials >= 2 && maxTrials <= 1000, "maxTrials must be 2..1000: " + maxTrials);
        this.tableCapacity = tableCapacity;
        this.addresses = addresses;
        this.resolution = resolution;
        this.maxTrials = maxTrials;
    }

    /** Measure the capacity, then the learning rate. @param progress told one line per trial. */
    public Rfc2889Result run(final Consumer<String> progress)
    {
        final List<Rfc2889Result.CachingTrial> caching = new ArrayList<>();
        final int capacity = cachingCapacity(caching, progress);
        final boolean atLeast = capacity == addresses;
        final int learning = Math.min(addresses, capacity);
        final List<Rfc2889Result.LearningTrial> rates = new ArrayList<>();
        final long rate = learning == 0 ? 0 : learningRate(learning, rates, progress);
        return new Rfc2889Result(tableCapacity, addresses, capacity, atLeast, caching, learning, rate, rates);
    }

    private int cachingCapacity(final List<Rfc2889Result.CachingTrial> trials, final Consumer<String> progress)
    {
        int lower = 0;
        int upper = addresses + 1;
        int next = addresses;
        boolean estimated = false;
        while (upper - lower > 1 && trials.size() < maxTrials)
        {
            final Rfc2889Result.CachingTrial t = cachingTrial(next);
            trials.add(t);
            progress.accept(String.format(Locale.ROOT, "capacity  %,9d addresses: %,d forwarded, %,d flooded: %s",
                t.addresses(), t.forwarded(), t.flooded(), t.passed() ? "pass" : "fail"));
            final long learned = next - t.flooded(); // what a table that refuses new addresses when full holds
            if (t.passed())
            {
                lower = next;
            }
            else
            {
                upper = next;
            }
            if (!t.passed() && learned > lower && learned < upper)
            {
                next = (int)learned;
                estimated = true;
            }
            else if (t.passed() && estimated)
            {
                next = lower + 1; // confirm the estimate: one more address must fail
                estimated = false;
            }
            else
            {
                next = lower + (upper - lower) / 2;
                estimated = false;
            }
        }
        return lower;
    }

    /** One capacity trial, the switch on this thread. */
    static Rfc2889Result.CachingTrial cachingTrial(final int tableCapacity, final int n)
    {
        try (SwitchUnderTest sut = new SwitchUnderTest(tableCapacity))
        {
            for (int i = 0; i < n; i++)
            {
                sut.send(sut.learning, SwitchUnderTest.address(i), SwitchUnderTest.TEST_MAC);
            }
            sut.drain();
            final long[] before = {sut.learning.delivered(), sut.monitor.delivered()};
            for (int i = 0; i < n; i++)
            {
                sut.send(sut.test, SwitchUnderTest.TEST_MAC, SwitchUnderTest.address(i));
            }
            sut.drain();
            final long toLearning = sut.learning.delivered() - before[0];
            final long flooded = sut.monitor.delivered() - before[1];
            return new Rfc2889Result.CachingTrial(n, toLearning - flooded, flooded,
                flooded == 0 && toLearning == n && sut.error() == null);
        }
    }

    private Rfc2889Result.CachingTrial cachingTrial(final int n)
    {
        return cachingTrial(tableCapacity, n);
    }

    private long learningRate(final int n, final List<Rfc2889Result.LearningTrial> trials, final Consumer<String> progress)
    {
        final long warmupEnd = System.nanoTime() + WARMUP_NANOS;
        for (int i = 0; i < 3 || System.nanoTime() - warmupEnd < 0; i++)
        {
            learningTrial(tableCapacity, n, UNPACED); // warm-up, not counted: the JIT compiles the threaded path
        }
        // its rate is where the paced search starts, whether or not it flooded (at full speed a frame may wait for the
        // switch's thread on a shared machine; paced, the search finds the rate it keeps up with)
        final Rfc2889Result.LearningTrial top = learningTrial(n, UNPACED, trials, progress);
        long lower = 0;
        long upper = Long.MAX_VALUE;
        long next = top.achievedPps();
        while (trials.size() < maxTrials && (upper == Long.MAX_VALUE || upper - lower > resolution * upper) &&
            !(lower == 0 && upper <= FLOOR_FPS))
        {
            final Rfc2889Result.LearningTrial t = learningTrial(n, next, trials, progress);
            if (t.passed())
            {
                lower = next;
            }
            else
            {
                upper = next;
            }
            next = upper == Long.MAX_VALUE ? Math.min(lower * 2, 1_000_000_000L) :
                Math.max(FLOOR_FPS, lower + (upper - lower) / 2);
            if (upper == Long.MAX_VALUE && lower == 1_000_000_000L)
            {
                break;
            }
        }
        return lower;
    }

    private Rfc2889Result.LearningTrial learningTrial(
        final int n, final long rate, final List<Rfc2889Result.LearningTrial> trials, final Consumer<String> progress)
    {
        final Rfc2889Result.LearningTrial t = learningTrial(tableCapacity, n, rate);
        trials.add(t);
        progress.accept(String.format(Locale.ROOT, "learning  %,9d addresses at %s: achieved %,d fps, %,d refused, " +
            "%,d flooded: %s", n, t.unpaced() ? "max" : String.format(Locale.ROOT, "%,d fps", t.ratePps()), t.achievedPps(),
            t.refused(), t.flooded(), t.passed() ? "pass" : "fail"));
        return t;
    }

    /** One learning-rate trial: the switch on its own thread, {@code n} learning frames at {@code rate} (or unpaced). */
    static Rfc2889Result.LearningTrial learningTrial(final int tableCapacity, final int n, final long rate)
    {
        try (SwitchUnderTest sut = new SwitchUnderTest(tableCapacity))
        {
            sut.startAgent();
            long refused = 0;
            final long start = System.nanoTime();
            for (int i = 0; i < n; i++)
            {
                if (rate == UNPACED)
                {
                    sut.send(sut.learning, SwitchUnderTest.address(i), SwitchUnderTest.TEST_MAC);
                    continue;
                }
                final long due = start + i * 1_000_000_000L / rate;
                while (System.nanoTime() - due < 0)
                {
                    Thread.onSpinWait();
                }
                long frame;
                while ((frame = sut.frame(SwitchUnderTest.address(i), SwitchUnderTest.TEST_MAC)) < 0)
                {
                    Thread.onSpinWait();
                }
                if (!sut.learning.offer(frame))
                {
                    sut.pool.free(dev.twinpath.packet.pool.PacketDescriptor.handle(frame));
                    refused++;
                }
            }
            final long elapsed = Math.max(1, System.nanoTime() - start);
            final long achieved = n <= 1 ? rate : (long)((n - 1) * 1e9 / elapsed);
            final boolean idle = sut.awaitIdle(IDLE_TIMEOUT_NANOS);
            final long[] before = {sut.learning.delivered(), sut.monitor.delivered()};
            for (int i = 0; i < n; i++)
            {
                sut.send(sut.test, SwitchUnderTest.TEST_MAC, SwitchUnderTest.address(i));
            }
            final boolean done = idle && sut.awaitIdle(IDLE_TIMEOUT_NANOS);
            final long toLearning = sut.learning.delivered() - before[0];
            final long flooded = sut.monitor.delivered() - before[1];
            return new Rfc2889Result.LearningTrial(rate == UNPACED ? achieved : rate, rate == UNPACED, achieved, refused,
                toLearning - flooded, flooded, done && refused == 0 && flooded == 0 && toLearning == n && sut.error() == null);
        }
    }

    private static void check(final boolean valid, final String message)
    {
        if (!valid)
        {
            throw new IllegalArgumentException(message);
        }
    }
}
