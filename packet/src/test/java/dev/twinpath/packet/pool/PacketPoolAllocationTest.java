package dev.twinpath.packet.pool;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The data path allocates nothing on the heap once warm: measured with the JVM's per-thread
 * allocation counter around many bursts through the pool and through a cache.
 */
class PacketPoolAllocationTest
{
    private static final int ROUNDS = 50_000;

    @Test
    void burstsThroughPoolAndCacheAllocateNoHeap()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final PacketPool pool = new PacketPool(new PacketPool.Context()
            .name("zero-alloc").slotCount(1024).dataRoom(2048).cacheSize(64).debug(true));
        final PoolCache cache = pool.newCache();
        final PacketFlyweight packet = new PacketFlyweight();
        final int[] handles = new int[128];

        run(pool, cache, packet, handles); // warm up: link VarHandles, let the JIT compile
        final long before = threads.getCurrentThreadAllocatedBytes();
        final long moved = run(pool, cache, packet, handles);
        final long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertTrue(moved > ROUNDS, "moved " + moved);
        assertTrue(allocated < 1024, allocated + " bytes allocated for " + moved + " handles");
        assertEquals(0, pool.allocationFailures());
        pool.assertNoLeak();
    }

    private static long run(
        final PacketPool pool, final PoolCache cache, final PacketFlyweight packet, final int[] handles)
    {
        long moved = 0;
        for (int i = 0; i < ROUNDS; i++)
        {
            final int burst = 1 + (i & 31);
            final int n = cache.allocateBurst(handles, 0, burst);
            for (int j = 0; j < n; j++)
            {
                packet.wrap(pool, handles[j]).reset().length(64).sequence(i);
            }
            final int m = pool.allocateBulk(handles, n, 96);
            final int single = cache.allocate();
            moved += cache.freeBulk(handles, 0, n) + pool.freeBulk(handles, n, Math.max(0, m)) + cache.free(single);
        }

        return moved;
    }
}
