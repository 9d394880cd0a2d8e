package dev.twinpath.packet.pool;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two busy threads at most (this machine has two cores), 250 ms each by default
 * ({@code -Dtwinpath.pool.stressMillis=...} for a longer soak). A shared
 * {@link AtomicIntegerArray} marks each handle live while the test holds it: claiming a mark that is
 * already set means the pool handed out a live handle twice.
 */
class PacketPoolConcurrencyTest
{
    private static final long RUN_NANOS =
        TimeUnit.MILLISECONDS.toNanos(Long.getLong("twinpath.pool.stressMillis", 250));

    @Test
    @Timeout(30)
    void producerCacheToConsumerCacheLosesNothingAndNeverDuplicates() throws InterruptedException
    {
        final int slotCount = 512;
        final PacketPool pool = new PacketPool(new PacketPool.Context()
            .name("handoff").slotCount(slotCount).dataRoom(128).cacheSize(32).debug(true));
        final AtomicIntegerArray live = new AtomicIntegerArray(slotCount);
        final ArrayBlockingQueue<Integer> queue = new ArrayBlockingQueue<>(2 * slotCount);
        final AtomicBoolean producerDone = new AtomicBoolean();
        final AtomicInteger errors = new AtomicInteger();
        final AtomicLong consumed = new AtomicLong();

        final Thread producer = new Thread(() ->
        {
            final PoolCache cache = pool.newCache();
            final PacketFlyweight packet = new PacketFlyweight();
            final int[] burst = new int[16];
            final long deadline = System.nanoTime() + RUN_NANOS;
            long sequence = 0;
            try
            {
                while (System.nanoTime() < deadline)
                {
                    final int n = cache.allocateBurst(burst, 0, 1 + (int)(sequence % 16));
                    for (int i = 0; i < n; i++)
                    {
                        final int handle = burst[i];
                        if (!live.compareAndSet(handle, 0, 1))
                        {
                            errors.incrementAndGet();
                        }
                        packet.wrap(pool, handle).reset().sequence(sequence++).length(64);
                        if (!queue.offer(handle))
                        {
                            errors.incrementAndGet();
                        }
                    }
                    if (n == 0)
                    {
                        Thread.yield();
                    }
                }
            }
            finally
            {
                cache.close();
                producerDone.set(true);
            }
        }, "pool-producer");

        final Thread consumer = new Thread(() ->
        {
            final PoolCache cache = pool.newCache();
            final PacketFlyweight packet = new PacketFlyweight();
            final int[] batch = new int[24];
            long expectedSequence = 0;
            try
            {
                while (true)
                {
                    final boolean done = producerDone.get();
                    int n = 0;
                    Integer next;
                    while (n < batch.length && null != (next = queue.poll()))
                    {
                        final int handle = next;
                        packet.wrap(pool, handle);
                        if (packet.sequence() != expectedSequence++ || packet.storedHandle() != handle ||
                            !live.compareAndSet(handle, 1, 0))
                        {
                            errors.incrementAndGet();
                        }
                        batch[n++] = handle;
                    }
                    if (cache.freeBulk(batch, 0, n) != n)
                    {
                        errors.incrementAndGet();
                    }
                    consumed.addAndGet(n);
                    if (n == 0)
                    {
                        if (done)
                        {
                            break;
                        }
                        Thread.yield();
                    }
                }
            }
            finally
            {
                cache.close();
            }
        }, "pool-consumer");

        producer.start();
        consumer.start();
        producer.join();
        consumer.join();

        assertEquals(0, errors.get());
        assertTrue(consumed.get() > 1_000, "only " + consumed.get() + " packets moved");
        assertEquals(consumed.get(), pool.allocations());
        assertEquals(consumed.get(), pool.frees());
        assertEquals(0, pool.counter(PoolCounter.DOUBLE_FREES));
        pool.assertNoLeak();
    }

    @Test
    @Timeout(30)
    void twoThreadsHammeringTheSharedRingNeverDuplicateOrLose() throws InterruptedException
    {
        final int slotCount = 64;
        final PacketPool pool = new PacketPool(new PacketPool.Context()
            .name("shared-ring").slotCount(slotCount).dataRoom(64).cacheSize(0).debug(true));
        final AtomicIntegerArray live = new AtomicIntegerArray(slotCount);
        final AtomicInteger errors = new AtomicInteger();
        final AtomicLong moved = new AtomicLong();

        final Runnable worker = () ->
        {
            final int[] handles = new int[24];
            final long deadline = System.nanoTime() + RUN_NANOS;
            int round = 0;
            while (System.nanoTime() < deadline)
            {
                final int want = 1 + (round % 24);
                final int n;
                switch (round++ % 3)
                {
                    case 0:
                        n = Math.max(0, pool.allocateBulk(handles, 0, want));
                        break;
                    case 1:
                        n = pool.allocateBurst(handles, 0, want);
                        break;
                    default:
                        final int handle = pool.allocate();
                        handles[0] = handle;
                        n = handle >= 0 ? 1 : 0;
                        break;
                }
                for (int i = 0; i < n; i++)
                {
                    if (!live.compareAndSet(handles[i], 0, 1))
                    {
                        errors.incrementAndGet();
                    }
                }
                for (int i = 0; i < n; i++)
                {
                    live.set(handles[i], 0);
                }
                final int freed = (n == 1) ? pool.free(handles[0]) : pool.freeBulk(handles, 0, n);
                if (freed != n)
                {
                    errors.incrementAndGet();
                }
                moved.addAndGet(n);
            }
        };

        final Thread a = new Thread(worker, "ring-a");
        final Thread b = new Thread(worker, "ring-b");
        a.start();
        b.start();
        a.join();
        b.join();

        assertEquals(0, errors.get());
        assertTrue(moved.get() > 1_000, "only " + moved.get() + " handles moved");
        assertEquals(moved.get(), pool.allocations());
        assertEquals(moved.get(), pool.frees());
        pool.assertNoLeak();
    }
}
