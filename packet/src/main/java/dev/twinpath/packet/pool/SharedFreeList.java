package dev.twinpath.packet.pool;

import org.agrona.BitUtil;

import static dev.twinpath.packet.pool.PacketPool.DOUBLE_FREE;
import static dev.twinpath.packet.pool.PacketPool.EXHAUSTED;
import static dev.twinpath.packet.pool.PacketPool.INVALID_HANDLE;
import static dev.twinpath.packet.pool.PacketPool.OVERFLOW;

/**
 * The free handles of a {@link PacketPool} that no cache holds: the shared {@link MpmcHandleRing},
 * the free-side checks (range always, double free in debug mode) and the counters of calls made on
 * the pool itself. Plays the part of a DPDK mempool's backing ring; {@link PoolCache}s refill from
 * it and flush to it in bursts.
 * <p>
 * Threading: every method may be called by any thread at once. Counters in this block are updated
 * with atomic adds, one per call, never per handle.
 */
final class SharedFreeList
{
    private final int slotCount;
    private final MpmcHandleRing ring;
    private final SlotStates states;
    private final CounterBlock counters = new CounterBlock();

    /**
     * @param slotCount number of slots; the ring gets the next power of two, so it is never full
     *                  unless a handle is freed twice.
     * @param debug     whether to keep a state word per slot and refuse double frees.
     */
    SharedFreeList(final int slotCount, final boolean debug)
    {
        this.slotCount = slotCount;
        this.ring = new MpmcHandleRing(BitUtil.findNextPositivePowerOfTwo(slotCount));
        this.states = debug ? new SlotStates(slotCount) : null;

        final int[] handles = new int[slotCount];
        for (int handle = 0; handle < slotCount; handle++)
        {
            handles[handle] = handle;
        }
        if (push(handles, 0, slotCount) != slotCount)
        {
            throw new IllegalStateException("free ring refused its initial " + slotCount + " handles");
        }
    }

    int allocate()
    {
        final int handle = ring.poll();
        if (handle < 0)
        {
            counters.addAtomic(PoolCounter.ALLOCATION_FAILURES, 1);
            return EXHAUSTED;
        }
        onAllocated(handle);
        counters.addAtomic(PoolCounter.ALLOCATIONS, 1);

        return handle;
    }

    int allocateBulk(final int[] handles, final int offset, final int count)
    {
        if (count <= 0)
        {
            return 0;
        }
        if (ring.dequeueBulk(handles, offset, count) == 0)
        {
            counters.addAtomic(PoolCounter.ALLOCATION_FAILURES, 1);
            return EXHAUSTED;
        }
        onAllocated(handles, offset, count);
        counters.addAtomic(PoolCounter.ALLOCATIONS, count);

        return count;
    }

    int allocateBurst(final int[] handles, final int offset, final int count)
    {
        if (count <= 0)
        {
            return 0;
        }
        final int allocated = ring.dequeueBurst(handles, offset, count);
        if (allocated < count)
        {
            counters.addAtomic(PoolCounter.ALLOCATION_FAILURES, 1);
        }
        onAllocated(handles, offset, allocated);
        counters.addAtomic(PoolCounter.ALLOCATIONS, allocated);

        return allocated;
    }

    int free(final int handle)
    {
        final int code = checkFree(handle);
        if (code < 0)
        {
            counters.addAtomic(rejectCounter(code), 1);
            return code;
        }
        if (!ring.offer(handle))
        {
            counters.addAtomic(PoolCounter.OVERFLOWS, 1);
            return OVERFLOW;
        }
        counters.addAtomic(PoolCounter.FREES, 1);

        return 1;
    }

    int freeBulk(final int[] handles, final int offset, final int count)
    {
        if (count <= 0)
        {
            return 0;
        }
        final int end = offset + count;
        int runStart = offset;
        int freed = 0;
        for (int i = offset; i < end; i++)
        {
            final int code = checkFree(handles[i]);
            if (code < 0)
            {
                counters.addAtomic(rejectCounter(code), 1);
                freed += pushCounted(handles, runStart, i - runStart);
                runStart = i + 1;
            }
        }
        freed += pushCounted(handles, runStart, end - runStart);
        counters.addAtomic(PoolCounter.FREES, freed);

        return freed;
    }

    /**
     * Range check, and in debug mode flip the slot to free.
     *
     * @return 0, {@link PacketPool#INVALID_HANDLE} or {@link PacketPool#DOUBLE_FREE}.
     */
    int checkFree(final int handle)
    {
        if (handle < 0 || handle >= slotCount)
        {
            return INVALID_HANDLE;
        }
        if (null != states && !states.markFree(handle))
        {
            return DOUBLE_FREE;
        }

        return 0;
    }

    void onAllocated(final int handle)
    {
        if (null != states)
        {
            final boolean wasFree = states.markAllocated(handle);
            assert wasFree : "handle " + handle + " allocated while live";
        }
    }

    void onAllocated(final int[] handles, final int offset, final int count)
    {
        if (null != states)
        {
            for (int i = offset, end = offset + count; i < end; i++)
            {
                onAllocated(handles[i]);
            }
        }
    }

    /**
     * Move free handles into the ring (cache flush), without counting frees.
     *
     * @return number moved; less than {@code count} only if the ring is full.
     */
    int push(final int[] src, final int offset, final int count)
    {
        int pushed = 0;
        while (pushed < count)
        {
            final int n = ring.enqueueBurst(src, offset + pushed, count - pushed);
            if (n == 0)
            {
                break;
            }
            pushed += n;
        }

        return pushed;
    }

    /**
     * Move up to {@code count} free handles out of the ring (cache refill), without counting
     * allocations.
     *
     * @return number moved.
     */
    int pull(final int[] dst, final int offset, final int count)
    {
        return ring.dequeueBurst(dst, offset, count);
    }

    int size()
    {
        return ring.size();
    }

    MpmcHandleRing ring()
    {
        return ring;
    }

    SlotStates states()
    {
        return states;
    }

    CounterBlock counters()
    {
        return counters;
    }

    static PoolCounter rejectCounter(final int code)
    {
        return code == INVALID_HANDLE ? PoolCounter.INVALID_HANDLES : PoolCounter.DOUBLE_FREES;
    }

    private int pushCounted(final int[] handles, final int offset, final int count)
    {
        final int pushed = push(handles, offset, count);
        if (pushed < count)
        {
            counters.addAtomic(PoolCounter.OVERFLOWS, count - pushed);
        }

        return pushed;
    }
}
