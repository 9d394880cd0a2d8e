package dev.twinpath.packet.pool;

import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.Arrays;

import static dev.twinpath.packet.pool.PacketSlotDescriptor.DATA_OFFSET;
import static dev.twinpath.packet.pool.PacketSlotDescriptor.HANDLE_OFFSET;
import static dev.twinpath.packet.pool.PacketSlotDescriptor.SLOT_ALIGNMENT;

/**
 * A pool of fixed-size packet buffers in one off-heap region, as a NIC driver's buffer pool
 * (DPDK's mempool of mbufs): the memory frames live in while they cross the datapath.
 * <p>
 * The region is one 64-byte aligned direct buffer cut into {@link #capacity()} slots of
 * {@link #slotLength()} bytes, laid out as {@link PacketSlotDescriptor} says. A slot is named by an
 * {@code int} handle, its index; {@link #metaOffset(int)} and {@link #dataOffset(int)} locate it in
 * {@link #buffer()}, and {@link PacketFlyweight} reads and writes its fields.
 * <p>
 * Free handles live in a shared lock-free ring (one CAS on a padded index per burst, see
 * {@link MpmcHandleRing}) and in per-thread {@link PoolCache}s from {@link #newCache()}. The
 * data-path methods of this class go to the shared ring on every call and bump shared counters
 * atomically; a thread that allocates or frees often should use its own cache, which touches shared
 * state only to refill or flush a burst.
 * <p>
 * Data path ({@code allocate*}, {@code free*}): zero allocation, never throws, returns a count, a
 * handle or one of the negative codes below. An allocation can come back short while a concurrent
 * free is still publishing; it never waits. A free always checks the handle's range; in debug mode
 * ({@link Context#debug(boolean)}) it also refuses a handle that is already free.
 * <p>
 * Memory: freeing a handle publishes, through the ring's release/acquire pair, every write the
 * freeing thread made to the slot, so the next owner sees them. Passing a live handle between
 * threads is the job of the ring that carries its descriptor.
 * <p>
 * Threading: every data-path method may be called by any thread at once; {@link #newCache()},
 * {@link #audit()} and {@link #assertNoLeak()} are control path. Publish the pool to other threads
 * safely (e.g. build it before starting them). Accounting is exact at a quiescent point and a recent
 * snapshot otherwise.
 */
public final class PacketPool
{
    /**
     * Allocation found no (or not enough) free handles.
     */
    public static final int EXHAUSTED = -1;

    /**
     * Free of a handle outside [0, capacity).
     */
    public static final int INVALID_HANDLE = -2;

    /**
     * Free of a handle that is already free (debug mode only).
     */
    public static final int DOUBLE_FREE = -3;

    /**
     * Call on a {@link PoolCache} after {@link PoolCache#close()}.
     */
    public static final int CLOSED = -4;

    /**
     * Free dropped because the free ring was full, which only an undetected double free can cause.
     */
    public static final int OVERFLOW = -5;

    private final String name;
    private final int slotCount;
    private final int dataRoom;
    private final int slotLength;
    private final int cacheSize;
    private final boolean debug;
    private final UnsafeBuffer region;
    private final SharedFreeList freeList;
    private final Object cacheLock = new Object();
    private volatile PoolCache[] caches = new PoolCache[0];

    /**
     * Build a pool, every slot free. Control path: allocates the region.
     *
     * @param context configuration, concluded here.
     * @throws PoolConfigurationException naming the field if the context is refused, or naming
     *                                    {@code slotCount} when the JVM cannot reserve the region's direct memory.
     */
    public PacketPool(final Context context)
    {
        context.conclude();
        name = context.name();
        slotCount = context.slotCount();
        dataRoom = context.dataRoom();
        slotLength = context.slotLength();
        cacheSize = context.cacheSize();
        debug = context.debug();

        region = new UnsafeBuffer(allocateRegion(context));
        for (int handle = 0; handle < slotCount; handle++)
        {
            region.putInt(handle * slotLength + HANDLE_OFFSET, handle);
        }
        freeList = new SharedFreeList(slotCount, debug);
    }

    /**
     * The region, or a refusal naming {@code slotCount} when the JVM's direct memory
     * ({@code -XX:MaxDirectMemorySize}) cannot hold it: the reservation fails before anything is
     * allocated, so a configuration the machine cannot hold is refused like any other, not left to end
     * the program with an {@link OutOfMemoryError}.
     */
    private static java.nio.ByteBuffer allocateRegion(final Context context)
    {
        try
        {
            return BufferUtil.allocateDirectAligned((int)context.regionLength(), SLOT_ALIGNMENT);
        }
        catch (final OutOfMemoryError ex)
        {
            throw new PoolConfigurationException("slotCount", context.slotCount() + " slots of " + context.slotLength() +
                " bytes (dataRoom=" + context.dataRoom() + ") need " + context.regionLength() + " bytes of direct " +
                "memory, more than this JVM can reserve (" + ex.getMessage() + "); lower slotCount or dataRoom, or " +
                "raise -XX:MaxDirectMemorySize");
        }
    }

    /**
     * Allocate one handle from the shared ring.
     *
     * @return a handle, or {@link #EXHAUSTED}.
     */
    public int allocate()
    {
        return freeList.allocate();
    }

    /**
     * Allocate exactly {@code count} handles from the shared ring, or none.
     *
     * @param handles where to write them; the range may be overwritten even on failure.
     * @param offset  first index in {@code handles}.
     * @param count   number wanted.
     * @return {@code count}, or {@link #EXHAUSTED} with nothing allocated.
     */
    public int allocateBulk(final int[] handles, final int offset, final int count)
    {
        return freeList.allocateBulk(handles, offset, count);
    }

    /**
     * Allocate up to {@code count} handles from the shared ring, as many as are free.
     *
     * @param handles where to write them; the range may be overwritten beyond the returned count.
     * @param offset  first index in {@code handles}.
     * @param count   number wanted.
     * @return number allocated, 0..count.
     */
    public int allocateBurst(final int[] handles, final int offset, final int count)
    {
        return freeList.allocateBurst(handles, offset, count);
    }

    /**
     * Free one handle to the shared ring.
     *
     * @param handle a handle of this pool that the caller holds.
     * @return 1, or {@link #INVALID_HANDLE}, {@link #DOUBLE_FREE} (debug mode) or {@link #OVERFLOW}.
     */
    public int free(final int handle)
    {
        return freeList.free(handle);
    }

    /**
     * Free a burst of handles to the shared ring. A refused handle is counted and skipped; the
     * others are freed.
     *
     * @param handles handles of this pool that the caller holds.
     * @param offset  first index in {@code handles}.
     * @param count   number of handles.
     * @return number freed; less than {@code count} means some were refused (see the counters).
     */
    public int freeBulk(final int[] handles, final int offset, final int count)
    {
        return freeList.freeBulk(handles, offset, count);
    }

    /**
     * A cache for one thread: allocations and frees hit a local stack and reach the shared ring
     * only in bursts. Control path (allocates the stack).
     *
     * @return a new cache registered with this pool, owned by the thread that uses it.
     */
    public PoolCache newCache()
    {
        synchronized (cacheLock)
        {
            final PoolCache cache = new PoolCache(this, freeList, cacheSize);
            final PoolCache[] current = caches;
            final PoolCache[] next = Arrays.copyOf(current, current.length + 1);
            next[current.length] = cache;
            caches = next; // volatile write: publishes the cache to available(), counter() and audit()
            return cache;
        }
    }

    /**
     * @return free handles in the shared ring plus those in caches; exact at a quiescent point.
     */
    public int available()
    {
        long free = freeList.size();
        for (final PoolCache cache : caches) // volatile read: pairs with the write in newCache()/onCacheClosed()
        {
            free += cache.size();
        }

        return (int)Math.min(free, slotCount);
    }

    /**
     * @return {@code capacity() - available()}; exact at a quiescent point.
     */
    public int inUse()
    {
        return slotCount - available();
    }

    /**
     * @param counter which counter.
     * @return its value summed over the pool, its live caches and its closed caches; exact at a
     * quiescent point.
     */
    public long counter(final PoolCounter counter)
    {
        long value = freeList.counters().get(counter);
        for (final PoolCache cache : caches) // volatile read: pairs with the write in newCache()/onCacheClosed()
        {
            value += cache.counter(counter);
        }

        return value;
    }

    /**
     * @return {@link PoolCounter#ALLOCATIONS}.
     */
    public long allocations()
    {
        return counter(PoolCounter.ALLOCATIONS);
    }

    /**
     * @return {@link PoolCounter#FREES}.
     */
    public long frees()
    {
        return counter(PoolCounter.FREES);
    }

    /**
     * @return {@link PoolCounter#ALLOCATION_FAILURES}.
     */
    public long allocationFailures()
    {
        return counter(PoolCounter.ALLOCATION_FAILURES);
    }

    /**
     * Walk the shared ring and every cache and account for every slot. Control path; call it at a
     * quiescent point (no thread allocating, freeing or using a cache), otherwise the answer is
     * meaningless.
     *
     * @return where the slots are and whether the accounting agrees.
     */
    public PoolAudit audit()
    {
        return PoolAudit.take(this, freeList.ring(), caches, freeList.states()); // volatile read of caches
    }

    /**
     * Control path, at a quiescent point: check that every slot is back exactly once and that the
     * counters and (debug mode) slot states agree.
     *
     * @throws PoolLeakException carrying the {@link PoolAudit} if not.
     */
    public void assertNoLeak()
    {
        final PoolAudit audit = audit();
        if (!audit.noLeak() || !audit.consistent())
        {
            throw new PoolLeakException(audit);
        }
    }

    /**
     * @return the region holding every slot; each thread touches only slots whose handles it holds.
     */
    public UnsafeBuffer buffer()
    {
        return region;
    }

    /**
     * @param handle a handle of this pool.
     * @return offset in {@link #buffer()} of the slot's metadata, 64-byte aligned.
     */
    public int metaOffset(final int handle)
    {
        assert handle >= 0 && handle < slotCount : "handle=" + handle;
        return handle * slotLength;
    }

    /**
     * @param handle a handle of this pool.
     * @return offset in {@link #buffer()} of the slot's data room, 64-byte aligned.
     */
    public int dataOffset(final int handle)
    {
        assert handle >= 0 && handle < slotCount : "handle=" + handle;
        return handle * slotLength + DATA_OFFSET;
    }

    /**
     * @return number of slots.
     */
    public int capacity()
    {
        return slotCount;
    }

    /**
     * @return bytes of data room in each slot.
     */
    public int dataRoom()
    {
        return dataRoom;
    }

    /**
     * @return bytes from one slot to the next, a multiple of 64.
     */
    public int slotLength()
    {
        return slotLength;
    }

    /**
     * @return nominal size of each cache.
     */
    public int cacheSize()
    {
        return cacheSize;
    }

    /**
     * @return true if double frees are detected.
     */
    public boolean isDebug()
    {
        return debug;
    }

    /**
     * @return the pool's name.
     */
    public String name()
    {
        return name;
    }

    /**
     * {@inheritDoc}
     */
    public String toString()
    {
        return "PacketPool{name=" + name + ", capacity=" + slotCount + ", dataRoom=" + dataRoom +
            ", slotLength=" + slotLength + ", cacheSize=" + cacheSize + ", debug=" + debug + '}';
    }

    void onCacheClosed(final PoolCache cache)
    {
        synchronized (cacheLock)
        {
            for (final PoolCounter counter : PoolCounter.values())
            {
                freeList.counters().addAtomic(counter, cache.counter(counter));
            }
            final PoolCache[] current = caches;
            final PoolCache[] next = new PoolCache[current.length - 1];
            int j = 0;
            for (final PoolCache c : current)
            {
                if (c != cache)
                {
                    next[j++] = c;
                }
            }
            caches = next; // volatile write: readers stop summing the cache whose counters were just folded in
        }
    }

    /**
     * Configuration of a {@link PacketPool}: fluent setters, then {@link #conclude()} validates and
     * derives the slot and region lengths. Fields, limits and checks are in {@link PacketPoolContext}.
     * <p>
     * Threading: filled in and concluded by one thread on the control path, before the pool exists.
     */
    public static final class Context extends PacketPoolContext<Context>
    {
        /**
         * {@inheritDoc}
         */
        @Override
        Context self()
        {
            return this;
        }
    }
}
