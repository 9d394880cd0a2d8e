package dev.twinpath.packet.pool;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

import static dev.twinpath.packet.pool.PacketPool.CLOSED;
import static dev.twinpath.packet.pool.PacketPool.EXHAUSTED;

/**
 * A per-thread cache of free handles in front of a {@link PacketPool}'s shared ring, like a DPDK
 * per-lcore mempool cache: the common allocation or free pops or pushes a local {@code int[]}
 * stack and touches no shared state.
 * <p>
 * The stack holds up to {@code 2 * cacheSize} handles. When an allocation finds too few, one
 * refill burst brings the cache back to {@code cacheSize} above the request; when a free would
 * overflow the stack, one flush burst first sends the handles above {@code cacheSize} to the ring,
 * so the handles being freed now stay in the cache for the next allocation. Requests larger than
 * {@code cacheSize} bypass the cache and go to the ring directly. Handles in a cache count as
 * available to {@link PacketPool#available()} but no other thread can take them: size the pool for
 * the working set plus up to {@code 2 * cacheSize} per cache.
 * <p>
 * Data path: zero allocation, never throws, same return conventions as {@link PacketPool}. The
 * same checks apply to frees (range, and double free in debug mode through the pool's shared slot
 * states, so a double free across two caches is caught too).
 * <p>
 * Threading: owned by one thread, which alone may call any method except {@link #size()} and
 * {@link #counter(PoolCounter)} (any thread). The owner publishes its size and counters with
 * release stores so other threads read a recent value.
 */
public final class PoolCache implements AutoCloseable
{
    private static final VarHandle SIZE;

    static
    {
        try
        {
            SIZE = MethodHandles.lookup().findVarHandle(PoolCache.class, "size", int.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private final PacketPool pool;
    private final SharedFreeList freeList;
    private final int cacheSize;
    private final int[] stack;
    private final CounterBlock counters = new CounterBlock();
    private int size;
    private boolean closed;

    PoolCache(final PacketPool pool, final SharedFreeList freeList, final int cacheSize)
    {
        this.pool = pool;
        this.freeList = freeList;
        this.cacheSize = cacheSize;
        this.stack = new int[2 * cacheSize];
    }

    /**
     * Allocate one handle.
     *
     * @return a handle, {@link PacketPool#EXHAUSTED} or {@link PacketPool#CLOSED}.
     */
    public int allocate()
    {
        if (closed)
        {
            return CLOSED;
        }
        if (cacheSize == 0)
        {
            return freeList.allocate();
        }

        int n = size;
        if (n == 0)
        {
            n = refill(0, 1);
            if (n == 0)
            {
                counters.addSingleWriter(PoolCounter.ALLOCATION_FAILURES, 1);
                return EXHAUSTED;
            }
        }
        final int handle = stack[--n];
        publishSize(n);
        freeList.onAllocated(handle);
        counters.addSingleWriter(PoolCounter.ALLOCATIONS, 1);

        return handle;
    }

    /**
     * Allocate exactly {@code count} handles or none.
     *
     * @param handles where to write them.
     * @param offset  first index in {@code handles}.
     * @param count   number wanted.
     * @return {@code count}, {@link PacketPool#EXHAUSTED} with nothing allocated, or {@link PacketPool#CLOSED}.
     */
    public int allocateBulk(final int[] handles, final int offset, final int count)
    {
        return allocate(handles, offset, count, true);
    }

    /**
     * Allocate up to {@code count} handles, as many as the cache and the ring can give.
     *
     * @param handles where to write them.
     * @param offset  first index in {@code handles}.
     * @param count   number wanted.
     * @return number allocated, 0..count, or {@link PacketPool#CLOSED}.
     */
    public int allocateBurst(final int[] handles, final int offset, final int count)
    {
        return allocate(handles, offset, count, false);
    }

    /**
     * Free one handle into the cache.
     *
     * @param handle a handle of the pool that the caller holds.
     * @return 1, or {@link PacketPool#INVALID_HANDLE}, {@link PacketPool#DOUBLE_FREE} (debug mode),
     * {@link PacketPool#OVERFLOW} or {@link PacketPool#CLOSED}.
     */
    public int free(final int handle)
    {
        if (closed)
        {
            return CLOSED;
        }
        if (cacheSize == 0)
        {
            return freeList.free(handle);
        }

        final int code = freeList.checkFree(handle);
        if (code < 0)
        {
            counters.addSingleWriter(SharedFreeList.rejectCounter(code), 1);
            return code;
        }
        int n = size;
        if (n == stack.length)
        {
            n = flush(n, n - cacheSize);
        }
        stack[n++] = handle;
        publishSize(n);
        counters.addSingleWriter(PoolCounter.FREES, 1);

        return 1;
    }

    /**
     * Free a burst of handles into the cache. A refused handle is counted and skipped.
     *
     * @param handles handles of the pool that the caller holds.
     * @param offset  first index in {@code handles}.
     * @param count   number of handles.
     * @return number freed, or {@link PacketPool#CLOSED}.
     */
    public int freeBulk(final int[] handles, final int offset, final int count)
    {
        if (closed)
        {
            return CLOSED;
        }
        if (count <= 0)
        {
            return 0;
        }
        if (count > cacheSize)
        {
            return freeList.freeBulk(handles, offset, count);
        }

        int n = size;
        if (n + count > stack.length)
        {
            n = flush(n, n - cacheSize);
        }
        int invalid = 0;
        int doubleFrees = 0;
        for (int i = offset, end = offset + count; i < end; i++)
        {
            final int handle = handles[i];
            final int code = freeList.checkFree(handle);
            if (code == 0)
            {
                stack[n++] = handle;
            }
            else if (code == PacketPool.INVALID_HANDLE)
            {
                invalid++;
            }
            else
            {
                doubleFrees++;
            }
        }
        publishSize(n);

        final int freed = count - invalid - doubleFrees;
        counters.addSingleWriter(PoolCounter.FREES, freed);
        if ((invalid | doubleFrees) != 0)
        {
            counters.addSingleWriter(PoolCounter.INVALID_HANDLES, invalid);
            counters.addSingleWriter(PoolCounter.DOUBLE_FREES, doubleFrees);
        }

        return freed;
    }

    /**
     * Send every cached handle to the shared ring, e.g. before the owner goes idle for a while.
     * Idempotent.
     */
    public void flush()
    {
        publishSize(flush(size, size));
    }

    /**
     * Flush, deregister from the pool (folding this cache's counters into the pool's) and refuse
     * further calls with {@link PacketPool#CLOSED}. Owner thread, control path. Idempotent.
     */
    public void close()
    {
        if (!closed)
        {
            flush();
            closed = true;
            pool.onCacheClosed(this);
        }
    }

    /**
     * @return handles in the cache now; any thread (a recent value).
     */
    public int size()
    {
        return (int)SIZE.getAcquire(this); // acquire: pairs with setRelease in publishSize()
    }

    /**
     * @return most handles the cache holds, {@code 2 * cacheSize}.
     */
    public int capacity()
    {
        return stack.length;
    }

    /**
     * @return true once {@link #close()} has run.
     */
    public boolean isClosed()
    {
        return closed;
    }

    /**
     * @param counter which counter.
     * @return this cache's own count; any thread (a recent value).
     */
    public long counter(final PoolCounter counter)
    {
        return counters.get(counter);
    }

    /**
     * Copy the cached handles for an audit at a quiescent point.
     *
     * @param dst at least {@link #capacity()} long.
     * @return number copied.
     */
    int snapshot(final int[] dst)
    {
        final int n = size(); // acquire: the owner's stack writes before its last publishSize() are visible
        System.arraycopy(stack, 0, dst, 0, n);
        return n;
    }

    private int allocate(final int[] handles, final int offset, final int count, final boolean allOrNone)
    {
        if (closed)
        {
            return CLOSED;
        }
        if (count > cacheSize)
        {
            return allOrNone ?
                freeList.allocateBulk(handles, offset, count) : freeList.allocateBurst(handles, offset, count);
        }
        if (count <= 0)
        {
            return 0;
        }

        int n = size;
        if (n < count)
        {
            n = refill(n, count);
        }
        final int taken = Math.min(n, count);
        if (taken < count)
        {
            counters.addSingleWriter(PoolCounter.ALLOCATION_FAILURES, 1);
            if (allOrNone)
            {
                publishSize(n);
                return EXHAUSTED;
            }
        }

        n -= taken;
        System.arraycopy(stack, n, handles, offset, taken);
        publishSize(n);
        freeList.onAllocated(handles, offset, taken);
        counters.addSingleWriter(PoolCounter.ALLOCATIONS, taken);

        return taken;
    }

    /**
     * One burst from the ring: up to {@code cacheSize} above the request ({@code wanted <= cacheSize}
     * so it fits in the stack).
     */
    private int refill(final int n, final int wanted)
    {
        return n + freeList.pull(stack, n, cacheSize + wanted - n);
    }

    /**
     * One burst to the ring: the top {@code count} handles.
     */
    private int flush(final int n, final int count)
    {
        final int pushed = freeList.push(stack, n - count, count);
        if (pushed < count)
        {
            counters.addSingleWriter(PoolCounter.OVERFLOWS, count - pushed);
        }

        return n - count;
    }

    private void publishSize(final int n)
    {
        SIZE.setRelease(this, n); // release: pairs with getAcquire in size()/snapshot(), read by PacketPool.available()
    }
}
