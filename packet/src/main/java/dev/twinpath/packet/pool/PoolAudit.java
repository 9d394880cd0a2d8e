package dev.twinpath.packet.pool;

import java.util.BitSet;

/**
 * Result of {@link PacketPool#audit()}: where every slot of a pool is, taken at a quiescent point
 * by walking the free ring and every cache, and whether that agrees with the counters.
 * <p>
 * A slot is <em>free</em> if its handle sits in the ring or in a cache, and <em>in use</em>
 * otherwise. The pool has <em>no leak</em> when every handle is free exactly once; it is
 * <em>consistent</em> when the free lists hold no duplicate or foreign handle, the number in use
 * equals allocations minus frees, and (debug mode) every slot's state agrees with where it is.
 * <p>
 * Threading: immutable, any thread.
 */
public final class PoolAudit
{
    private final String name;
    private final int capacity;
    private final int freeInRing;
    private final int freeInCaches;
    private final int inUse;
    private final int duplicates;
    private final int foreign;
    private final long countedInUse;
    private final int stateMismatches;
    private final long doubleFrees;
    private final long invalidHandles;
    private final long overflows;

    PoolAudit(
        final String name,
        final int capacity,
        final int freeInRing,
        final int freeInCaches,
        final int inUse,
        final int duplicates,
        final int foreign,
        final long countedInUse,
        final int stateMismatches,
        final long doubleFrees,
        final long invalidHandles,
        final long overflows)
    {
        this.name = name;
        this.capacity = capacity;
        this.freeInRing = freeInRing;
        this.freeInCaches = freeInCaches;
        this.inUse = inUse;
        this.duplicates = duplicates;
        this.foreign = foreign;
        this.countedInUse = countedInUse;
        this.stateMismatches = stateMismatches;
        this.doubleFrees = doubleFrees;
        this.invalidHandles = invalidHandles;
        this.overflows = overflows;
    }

    /**
     * Walk the free ring and the caches of a quiescent pool and account for every slot.
     */
    static PoolAudit take(
        final PacketPool pool, final MpmcHandleRing ring, final PoolCache[] caches, final SlotStates states)
    {
        final Tally tally = new Tally(pool.capacity());
        final int[] scratch = new int[Math.max(ring.capacity(), 2 * pool.cacheSize())];

        final int inRing = ring.snapshot(scratch);
        tally.add(scratch, inRing);
        int inCaches = 0;
        for (final PoolCache cache : caches)
        {
            final int count = cache.snapshot(scratch);
            tally.add(scratch, count);
            inCaches += count;
        }

        int stateMismatches = -1;
        if (null != states)
        {
            stateMismatches = 0;
            for (int handle = 0; handle < tally.slotCount; handle++)
            {
                if (states.isAllocated(handle) == tally.free.get(handle))
                {
                    stateMismatches++;
                }
            }
        }

        return new PoolAudit(
            pool.name(),
            tally.slotCount,
            inRing,
            inCaches,
            tally.slotCount - tally.free.cardinality(),
            tally.duplicates,
            tally.foreign,
            pool.allocations() - pool.frees(),
            stateMismatches,
            pool.counter(PoolCounter.DOUBLE_FREES),
            pool.counter(PoolCounter.INVALID_HANDLES),
            pool.counter(PoolCounter.OVERFLOWS));
    }

    /**
     * @return true if every slot is free exactly once.
     */
    public boolean noLeak()
    {
        return inUse == 0 && duplicates == 0 && foreign == 0;
    }

    /**
     * @return true if the free lists, the counters and (debug mode) the slot states agree.
     */
    public boolean consistent()
    {
        return duplicates == 0 && foreign == 0 && countedInUse == inUse && stateMismatches <= 0;
    }

    /**
     * @return number of slots.
     */
    public int capacity()
    {
        return capacity;
    }

    /**
     * @return handles found in the shared free ring.
     */
    public int freeInRing()
    {
        return freeInRing;
    }

    /**
     * @return handles found in caches.
     */
    public int freeInCaches()
    {
        return freeInCaches;
    }

    /**
     * @return slots whose handle is in no free list: held by the application, or leaked.
     */
    public int inUse()
    {
        return inUse;
    }

    /**
     * @return handles found more than once in the free lists (each extra copy counts once).
     */
    public int duplicates()
    {
        return duplicates;
    }

    /**
     * @return out-of-range values found in the free lists.
     */
    public int foreign()
    {
        return foreign;
    }

    /**
     * @return allocations minus frees, from the counters.
     */
    public long countedInUse()
    {
        return countedInUse;
    }

    /**
     * @return slots whose debug state disagrees with where the handle is, or -1 outside debug mode.
     */
    public int stateMismatches()
    {
        return stateMismatches;
    }

    /**
     * @return double frees refused so far.
     */
    public long doubleFrees()
    {
        return doubleFrees;
    }

    /**
     * @return out-of-range frees refused so far.
     */
    public long invalidHandles()
    {
        return invalidHandles;
    }

    /**
     * @return handles dropped on a full free ring so far.
     */
    public long overflows()
    {
        return overflows;
    }

    /**
     * {@inheritDoc}
     */
    public String toString()
    {
        return "PoolAudit{" +
            "pool=" + name +
            ", noLeak=" + noLeak() +
            ", consistent=" + consistent() +
            ", capacity=" + capacity +
            ", freeInRing=" + freeInRing +
            ", freeInCaches=" + freeInCaches +
            ", inUse=" + inUse +
            ", countedInUse=" + countedInUse +
            ", duplicates=" + duplicates +
            ", foreign=" + foreign +
            ", stateMismatches=" + stateMismatches +
            ", doubleFrees=" + doubleFrees +
            ", invalidHandles=" + invalidHandles +
            ", overflows=" + overflows +
            '}';
    }

    private static final class Tally
    {
        private final int slotCount;
        private final BitSet free;
        private int duplicates;
        private int foreign;

        private Tally(final int slotCount)
        {
            this.slotCount = slotCount;
            this.free = new BitSet(slotCount);
        }

        private void add(final int[] handles, final int count)
        {
            for (int i = 0; i < count; i++)
            {
                final int handle = handles[i];
                if (handle < 0 || handle >= slotCount)
                {
                    foreign++;
                }
                else if (free.get(handle))
                {
                    duplicates++;
                }
                else
                {
                    free.set(handle);
                }
            }
        }
    }
}
