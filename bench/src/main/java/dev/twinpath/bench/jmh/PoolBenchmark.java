package dev.twinpath.bench.jmh;

import dev.twinpath.packet.pool.PacketPool;
import dev.twinpath.packet.pool.PoolCache;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Suite {@code pool}: allocate a burst of 32 packet handles and free them again, through a
 * per-thread {@link PoolCache} and straight on the shared lock-free free ring, against a plain
 * single-threaded {@code int[]} stack of free handles (the floor any free list pays). One operation
 * is one handle allocated and freed.
 */
@State(Scope.Thread)
public class PoolBenchmark
{
    private static final int BURST = 32;
    private static final int SLOTS = 8192;

    private final PacketPool pool = new PacketPool(new PacketPool.Context().name("bench").slotCount(SLOTS).cacheSize(256));
    private final PoolCache cache = pool.newCache();
    private final int[] handles = new int[BURST];
    private final int[] stack = new int[SLOTS];
    private int stackSize;

    public PoolBenchmark()
    {
        for (int i = 0; i < SLOTS; i++)
        {
            stack[i] = i;
        }
        stackSize = SLOTS;
    }

    @Benchmark
    @OperationsPerInvocation(BURST)
    public int cacheBurst()
    {
        final int got = cache.allocateBulk(handles, 0, BURST);
        cache.freeBulk(handles, 0, BURST);
        return got;
    }

    @Benchmark
    @OperationsPerInvocation(BURST)
    public int sharedBurst()
    {
        final int got = pool.allocateBulk(handles, 0, BURST);
        pool.freeBulk(handles, 0, BURST);
        return got;
    }

    @Benchmark
    @OperationsPerInvocation(BURST)
    public int intStackBurst()
    {
        if (stackSize < BURST)
        {
            return -1;
        }
        stackSize -= BURST;
        System.arraycopy(stack, stackSize, handles, 0, BURST);
        System.arraycopy(handles, 0, stack, stackSize, BURST);
        stackSize += BURST;
        return BURST;
    }

    @TearDown
    public void tearDown()
    {
        cache.close();
        pool.assertNoLeak();
    }
}
