package dev.twinpath.vf.ring;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static dev.twinpath.vf.ring.SpscDescriptorRing.EMPTY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Stress with exactly two busy threads (the machine has two cores): a producer enqueues the
 * sequence 0..N-1 with random calls and burst sizes, a consumer dequeues with random calls and
 * burst sizes and checks strict FIFO order, no loss and no duplicate.
 * <p>
 * Publication safety: each descriptor carries its sequence in bits 0..47 and a 15-bit checksum of
 * the sequence in bits 48..62, so a slot read before its write became visible (stale: an older
 * lap's value, or the consumer's empty mark), or a torn one, fails the check even when the low
 * bits happen to be right.
 */
class SpscDescriptorRingConcurrencyTest
{
    private static final long SEQUENCE_MASK = 0xFFFF_FFFF_FFFFL;
    private static final int MAX_BURST = 64;
    private static final int SPINS_BEFORE_YIELD = 256;

    /** The first failure of either thread; the other one stops when it sees it. */
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    enum Calls
    {
        /** Producer: enqueueBulk, enqueueBurst or offer; consumer: dequeueBurst or poll; each drawn at random. */
        MIXED,
        /** offer and poll only. */
        SINGLE,
        /** enqueueBurst and dequeueBurst only. */
        BURST
    }

    static Stream<Arguments> runs()
    {
        return Stream.of(
            Arguments.of(2, Calls.MIXED, 2_000_000),
            Arguments.of(8, Calls.MIXED, 3_000_000),
            Arguments.of(1024, Calls.MIXED, 5_000_000),
            Arguments.of(2, Calls.SINGLE, 1_000_000),
            Arguments.of(1024, Calls.SINGLE, 3_000_000),
            Arguments.of(8, Calls.BURST, 3_000_000),
            Arguments.of(1024, Calls.BURST, 5_000_000));
    }

    @ParameterizedTest(name = "capacity {0}, {1} calls, {2} descriptors")
    @MethodSource("runs")
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void strictFifoNoLossNoDuplicateNoStaleSlot(final int capacity, final Calls calls, final int count)
        throws InterruptedException
    {
        final SpscDescriptorRing ring = new SpscDescriptorRing(capacity);
        final long seed = System.nanoTime();

        final Thread producer = new Thread(() -> produce(ring, calls, count, new SplittableRandom(seed)), "producer");
        final Thread consumer = new Thread(() -> consume(ring, calls, count, new SplittableRandom(~seed)), "consumer");
        producer.setUncaughtExceptionHandler((t, ex) -> failure.compareAndSet(null, ex));
        consumer.setUncaughtExceptionHandler((t, ex) -> failure.compareAndSet(null, ex));
        producer.setDaemon(true);
        consumer.setDaemon(true);
        producer.start();
        consumer.start();
        producer.join();
        consumer.join();

        assertNull(failure.get(), () -> "seed " + seed + ": " + failure.get());
        assertEquals(count, ring.producerPosition());
        assertEquals(count, ring.consumerPosition());
        assertEquals(0, ring.size());
        assertEquals(EMPTY, ring.poll());
    }

    private void produce(final SpscDescriptorRing ring, final Calls calls, final int count, final SplittableRandom random)
    {
        final long[] src = new long[MAX_BURST];
        long next = 0;
        int idle = 0;
        while (next < count)
        {
            final int want = (int)Math.min(count - next, 1 + random.nextInt(MAX_BURST));
            final int call = calls == Calls.SINGLE ? 2 : calls == Calls.BURST ? 1 : random.nextInt(3);
            final int moved;
            if (call == 2)
            {
                moved = ring.offer(descriptor(next)) ? 1 : 0;
            }
            else
            {
                final int n = call == 0 ? Math.min(want, ring.capacity()) : want;
                for (int i = 0; i < n; i++)
                {
                    src[i] = descriptor(next + i);
                }
                moved = call == 0 ? ring.enqueueBulk(src, 0, n) : ring.enqueueBurst(src, 0, n);
                if (call == 0 && moved != 0 && moved != n)
                {
                    fail("enqueueBulk of " + n + " moved " + moved);
                }
            }
            next += moved;
            idle = backOff(moved, idle);
        }
    }

    private void consume(final SpscDescriptorRing ring, final Calls calls, final int count, final SplittableRandom random)
    {
        final long[] dst = new long[MAX_BURST];
        long expected = 0;
        int idle = 0;
        while (expected < count)
        {
            final boolean single = calls == Calls.SINGLE || (calls == Calls.MIXED && random.nextInt(3) == 0);
            int got = 0;
            if (single)
            {
                final long d = ring.poll();
                if (d != EMPTY)
                {
                    check(d, expected++);
                    got = 1;
                }
            }
            else
            {
                got = ring.dequeueBurst(dst, 0, 1 + random.nextInt(MAX_BURST));
                for (int i = 0; i < got; i++)
                {
                    check(dst[i], expected++);
                }
            }
            final int size = ring.size();
            if (size < 0 || size > ring.capacity())
            {
                fail("size " + size + " outside 0.." + ring.capacity());
            }
            idle = backOff(got, idle);
        }
        assertFalse(ring.poll() != EMPTY, "more than " + count + " descriptors came out");
    }

    /**
     * Spin politely while the other side catches up; yield when it takes long, in case it shares our
     * core, and give up when it has failed.
     */
    private int backOff(final int moved, final int idle)
    {
        if (moved > 0)
        {
            return 0;
        }
        if (idle < SPINS_BEFORE_YIELD)
        {
            Thread.onSpinWait();
        }
        else
        {
            if (failure.get() != null)
            {
                throw new IllegalStateException("the other thread failed");
            }
            Thread.yield();
        }
        return idle + 1;
    }

    static long descriptor(final long sequence)
    {
        return (checksum(sequence) << 48) | sequence;
    }

    static long checksum(final long sequence)
    {
        long x = sequence * 0x9E37_79B9_7F4A_7C15L;
        x ^= x >>> 29;
        return x & 0x7FFF;
    }

    private static void check(final long descriptor, final long expected)
    {
        if (descriptor < 0 || (descriptor & SEQUENCE_MASK) != expected || (descriptor >>> 48) != checksum(expected))
        {
            fail("expected sequence " + expected + " (0x" + Long.toHexString(descriptor(expected)) + ") but read 0x" +
                Long.toHexString(descriptor) + ": " + diagnose(descriptor, expected));
        }
    }

    private static String diagnose(final long descriptor, final long expected)
    {
        if (descriptor == EMPTY)
        {
            return "an empty slot, read before the producer's write was visible or after it was overwritten";
        }
        if (descriptor < 0 || (descriptor >>> 48) != checksum(descriptor & SEQUENCE_MASK))
        {
            return "a torn or corrupt slot (checksum mismatch)";
        }
        final long sequence = descriptor & SEQUENCE_MASK;
        return sequence < expected ? "a duplicate or a stale value of an older lap" : "a later value: " +
            (sequence - expected) + " descriptors lost or overwritten before they were read";
    }
}
