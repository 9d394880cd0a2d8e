package dev.twinpath.vmbus;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static dev.twinpath.vmbus.VmBusFixture.channel;
import static dev.twinpath.vmbus.VmBusFixture.descriptor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Stress with exactly two busy threads (the machine has two cores): the guest sends the numbered
 * descriptors 0..N-1 (a marker every seventh) with random calls ({@code sendBurst} or {@code sendBulk})
 * and random sizes, some above {@code maxBurst} (several records) and some not; the host receives
 * with random {@code max}, some below {@code maxBurst} (split records) and some above, and peeks with
 * {@code hasData}. Every descriptor must arrive once, in order, with every bit right: loss,
 * duplication, reordering and a record read before it was fully written all show as a wrong value.
 * Small rings make the ring wrap, pad and fill thousands of times.
 */
class VmBusDataConcurrencyTest
{
    private static final int SPINS_BEFORE_YIELD = 256;

    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    @ParameterizedTest(name = "ring {0} bytes, maxBurst {1}, {2} descriptors")
    @CsvSource({"512, 8, 2000000", "4096, 32, 4000000", "262144, 32, 4000000", "65536, 256, 4000000"})
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void everyDescriptorArrivesOnceInOrder(final int ringBytes, final int maxBurst, final int count) throws InterruptedException
    {
        try (VmBusChannel channel = channel(ringBytes, maxBurst))
        {
            final long seed = System.nanoTime();
            final Thread producer = new Thread(() -> produce(channel.guest(), maxBurst, count, new SplittableRandom(seed)), "guest");
            final Thread consumer = new Thread(() -> consume(channel.host(), maxBurst, count, new SplittableRandom(~seed)), "host");
            producer.setUncaughtExceptionHandler((t, ex) -> failure.compareAndSet(null, ex));
            consumer.setUncaughtExceptionHandler((t, ex) -> failure.compareAndSet(null, ex));
            producer.setDaemon(true);
            consumer.setDaemon(true);
            producer.start();
            consumer.start();
            producer.join();
            consumer.join();

            assertNull(failure.get(), () -> "seed " + seed + ": " + failure.get());
            final ChannelCounters sent = channel.guest().counters();
            final ChannelCounters received = channel.host().counters();
            assertEquals(count, sent.get(ChannelCounter.DATA_DESCRIPTORS_SENT));
            assertEquals(count, received.get(ChannelCounter.DATA_DESCRIPTORS_RECEIVED));
            assertEquals(sent.get(ChannelCounter.DATA_RECORDS_SENT), received.get(ChannelCounter.DATA_RECORDS_RECEIVED));
            assertFalse(channel.host().hasData());
        }
    }

    private void produce(final VmBusEndpoint guest, final int maxBurst, final int count, final SplittableRandom random)
    {
        final long[] src = new long[3 * maxBurst];
        long next = 0;
        int idle = 0;
        while (next < count)
        {
            final int n = (int)Math.min(count - next, 1 + random.nextInt(src.length));
            VmBusFixture.fill(src, next, n);
            final boolean bulk = random.nextInt(3) == 0;
            final int sent = bulk ? guest.sendBulk(src, 0, n) : guest.sendBurst(src, 0, n);
            if (bulk && sent != 0 && sent != n)
            {
                fail("sendBulk of " + n + " sent " + sent);
            }
            next += sent;
            idle = backOff(sent, idle);
        }
    }

    private void consume(final VmBusEndpoint host, final int maxBurst, final int count, final SplittableRandom random)
    {
        final long[] dst = new long[2 * maxBurst + 7];
        long expected = 0;
        int idle = 0;
        while (expected < count)
        {
            if (random.nextInt(8) == 0)
            {
                host.hasData();
            }
            final int got = host.receiveBurst(dst, 0, 1 + random.nextInt(dst.length));
            for (int i = 0; i < got; i++)
            {
                if (dst[i] != descriptor(expected))
                {
                    fail("descriptor " + expected + ": expected 0x" + Long.toHexString(descriptor(expected)) +
                        " but read 0x" + Long.toHexString(dst[i]));
                }
                expected++;
            }
            idle = backOff(got, idle);
        }
        for (int spin = 0; spin < 1_000; spin++)
        {
            if (host.receiveBurst(dst, 0, dst.length) != 0)
            {
                fail("more than " + count + " descriptors came out");
            }
        }
    }

    /** Spin politely; yield when the other side takes long (it may share our core); stop when it failed. */
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
}
