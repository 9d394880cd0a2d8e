package dev.twinpath.vswitch.table;

import dev.twinpath.packet.codec.EthernetFrames;
import org.agrona.BitUtil;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ThreadLocalRandom;

import static dev.twinpath.vswitch.table.MacSlots.EMPTY;

/**
 * The virtual switch's forwarding database: (MAC, VLAN) to port, learnt from source addresses,
 * aged out after {@link #agingNanos()} without traffic, plus static entries set by the control plane.
 * The same MAC on two VLANs is two independent entries.
 * <p>
 * <b>Layout.</b> Open addressing with linear probing and backward-shift deletion in {@link MacSlots}
 * (one {@code long[]}, MurmurHash3 fmix64 of the key under a per-table random seed). The slot count
 * is the power of two at or above twice the capacity, so the load factor never passes 0.5: 24 bytes
 * per slot, 48 to 96 bytes per entry of capacity. Nothing is allocated after construction.
 * <p>
 * <b>Aging.</b> A dynamic entry is expired once {@code now - lastSeen > agingNanos}. Expired entries
 * count as absent: {@link #lookup} removes the one it meets, {@link #learn} re-learns over it and
 * {@link #age} sweeps a bounded number of slots per call from a cursor. Until then they still take a
 * place in {@link #size()}: call {@link #age} regularly (a full sweep of {@link #slots()} slots per
 * aging period is plenty). Time is the caller's: any monotonic nanosecond clock.
 * <p>
 * <b>Threading.</b> Owned by the single switch thread, which alone may call any method except the
 * counter getters and {@link #size()}. The owner writes those with {@code setOpaque} and readers use
 * {@code getOpaque}: each value is whole and eventually visible, with no ordering between them (a
 * reader may see a lookup before its miss). They are statistics: nothing is published through them.
 */
public final class MacTable
{
    /** {@link #lookup} of an address the table does not map. */
    public static final int MISS = -1;
    /** Largest capacity: 4 Mi entries (a 192 MiB slot array). */
    public static final int MAX_CAPACITY = 1 << 22;

    /** Visits one entry of {@link #forEach}. */
    @FunctionalInterface
    public interface Visitor
    {
        /** @param ageNanos time since the address was last seen; 0 for a static entry. */
        void onEntry(long mac, int vlan, int port, boolean isStatic, long ageNanos);
    }

    /** Value word: the port in the low 32 bits, this flag above. */
    private static final long STATIC_FLAG = 1L << 32;

    private static final int SIZE = 0;
    private static final int LEARNED = 1;
    private static final int MOVES = 2;
    private static final int AGED = 3;
    private static final int FULL = 4;
    private static final int LOOKUPS = 5;
    private static final int MISSES = 6;
    private static final VarHandle COUNTER = MethodHandles.arrayElementVarHandle(long[].class);

    private final int capacity;
    private final long agingNanos;
    private final MacSlots store;
    private final long[] counters = new long[MISSES + 1];
    private int sweepCursor;
    private long clockNanos;

    /**
     * @param capacity   most entries, dynamic and static together, 1..{@value #MAX_CAPACITY}.
     * @param agingNanos how long a dynamic entry lives without traffic, &gt; 0 (Hyper-V: 300 s).
     */
    public MacTable(final int capacity, final long agingNanos)
    {
        this(capacity, agingNanos, ThreadLocalRandom.current().nextLong());
    }

    /** As {@link #MacTable(int, long)} with a fixed hash seed, for reproducible layouts in tests and benchmarks. */
    public MacTable(final int capacity, final long agingNanos, final long hashSeed)
    {
        if (capacity < 1 || capacity > MAX_CAPACITY)
        {
            throw new IllegalArgumentException("capacity must be in 1.." + MAX_CAPACITY + ": " + capacity);
        }
        if (agingNanos <= 0)
        {
            throw new IllegalArgumentException("agingNanos must be > 0: " + agingNanos);
        }
        this.capacity = capacity;
        this.agingNanos = agingNanos;
        this.store = new MacSlots(BitUtil.findNextPositivePowerOfTwo(2 * capacity), hashSeed);
    }

    /**
     * Data path: where to send a frame for {@code mac} on {@code vlan}.
     *
     * @return the port, or {@link #MISS} (then flood). An expired entry is a miss, and is removed.
     */
    public int lookup(final long mac, final int vlan, final long nowNanos)
    {
        clockNanos = nowNanos;
        add(LOOKUPS, 1);
        final long key = MacSlots.key(mac, vlan);
        final int slot = key == EMPTY ? -1 : store.find(key);
        if (slot >= 0)
        {
            final long value = store.value(slot);
            if ((value & STATIC_FLAG) != 0 || !expired(store.lastSeen(slot), nowNanos))
            {
                return (int)value;
            }
            removeAt(slot);
            add(AGED, 1);
        }
        add(MISSES, 1);
        return MISS;
    }

    /**
     * Data path: a frame from {@code mac} on {@code vlan} arrived on {@code port}. Learning over an
     * expired entry counts as aged plus learned, not as a move.
     *
     * @return a {@link LearnResult} code.
     */
    public int learn(final long mac, final int vlan, final int port, final long nowNanos)
    {
        clockNanos = nowNanos;
        final long key = MacSlots.key(mac, vlan);
        if (key == EMPTY || EthernetFrames.isGroup(mac) || port < 0)
        {
            return LearnResult.IGNORED;
        }
        final int slot = store.find(key);
        if (slot < 0)
        {
            if (counters[SIZE] == capacity)
            {
                add(FULL, 1);
                return LearnResult.FULL;
            }
            put(~slot, key, nowNanos, port);
            add(LEARNED, 1);
            return LearnResult.LEARNED;
        }
        final long value = store.value(slot);
        if ((value & STATIC_FLAG) != 0)
        {
            return LearnResult.STATIC;
        }
        final boolean wasExpired = expired(store.lastSeen(slot), nowNanos);
        store.update(slot, nowNanos, port);
        if (wasExpired)
        {
            add(AGED, 1);
            add(LEARNED, 1);
            return LearnResult.LEARNED;
        }
        if ((int)value == port)
        {
            return LearnResult.REFRESHED;
        }
        add(MOVES, 1);
        return LearnResult.MOVED;
    }

    /**
     * Control path: pin a unicast address to a port. Static entries never age and learning does not
     * move them; a dynamic entry for the address becomes static, a static one takes the new port.
     *
     * @throws IllegalArgumentException for a zero, group or wider than 48-bit MAC, a VLAN outside
     *                                  0..4095 or a negative port.
     * @throws IllegalStateException    when the address is new and the table is full.
     */
    public void addStatic(final long mac, final int vlan, final int port)
    {
        if (!EthernetFrames.isUnicastStation(mac))
        {
            throw new IllegalArgumentException("mac must be a 48-bit unicast address, not zero or group: 0x" +
                Long.toHexString(mac));
        }
        if ((vlan & ~0xFFF) != 0)
        {
            throw new IllegalArgumentException("vlan must be in 0..4095: " + vlan);
        }
        if (port < 0)
        {
            throw new IllegalArgumentException("port must be >= 0: " + port);
        }
        final long key = MacSlots.key(mac, vlan);
        final int slot = store.find(key);
        if (slot >= 0)
        {
            store.update(slot, 0, STATIC_FLAG | port);
            return;
        }
        if (counters[SIZE] == capacity)
        {
            throw new IllegalStateException("MAC table full: capacity " + capacity + " entries");
        }
        put(~slot, key, 0, STATIC_FLAG | port);
    }

    /** Control path: forget one entry, static or dynamic. @return true when there was one. */
    public boolean remove(final long mac, final int vlan)
    {
        final long key = MacSlots.key(mac, vlan);
        final int slot = key == EMPTY ? -1 : store.find(key);
        if (slot < 0)
        {
            return false;
        }
        removeAt(slot);
        return true;
    }

    /** Forget every dynamic entry on {@code port} (its link went down). @return how many. */
    public int flushPort(final int port)
    {
        return forgetPort(port, false);
    }

    /** Forget every entry on {@code port}, static ones too (the port left the switch). @return how many. */
    public int removePort(final int port)
    {
        return forgetPort(port, true);
    }

    private int forgetPort(final int port, final boolean alsoStatic)
    {
        int removed = 0;
        int slot = 0;
        for (int advanced = 0; advanced < store.slotCount(); )
        {
            final long value = store.value(slot);
            if (store.key(slot) != EMPTY && (alsoStatic || (value & STATIC_FLAG) == 0) && (int)value == port)
            {
                removeAt(slot); // a later entry may have shifted into this slot: look again
                removed++;
            }
            else
            {
                slot = store.next(slot);
                advanced++;
            }
        }
        return removed;
    }

    /**
     * Incremental aging: advance the sweep cursor over up to {@code maxSlots} slots, removing the
     * expired dynamic entries found. A slot emptied by a removal is examined again without counting
     * (the backward shift may have moved a later entry into it), so {@code maxSlots >= }{@link #slots()}
     * is a complete sweep: no entry expired at {@code nowNanos} is left. A shift only moves entries
     * not yet swept within the part not yet swept, so nothing escapes a sweep spread over calls either.
     *
     * @return entries removed (also added to {@link #aged()}).
     */
    public int age(final long nowNanos, final int maxSlots)
    {
        clockNanos = nowNanos;
        final int budget = Math.min(maxSlots, store.slotCount());
        int removed = 0;
        int slot = sweepCursor;
        for (int advanced = 0; advanced < budget; )
        {
            if (store.key(slot) != EMPTY && (store.value(slot) & STATIC_FLAG) == 0 &&
                expired(store.lastSeen(slot), nowNanos))
            {
                removeAt(slot);
                removed++;
            }
            else
            {
                slot = store.next(slot);
                advanced++;
            }
        }
        sweepCursor = slot;
        add(AGED, removed);
        return removed;
    }

    /**
     * Control path listing, e.g. for a {@code show}-style command: every entry that is not expired,
     * in slot order, with its age at {@code nowNanos}. The visitor must not change the table.
     */
    public void forEach(final long nowNanos, final Visitor visitor)
    {
        for (int slot = 0; slot < store.slotCount(); slot++)
        {
            final long key = store.key(slot);
            if (key == EMPTY)
            {
                continue;
            }
            final long value = store.value(slot);
            final boolean isStatic = (value & STATIC_FLAG) != 0;
            final long age = isStatic ? 0 : nowNanos - store.lastSeen(slot);
            if (isStatic || age <= agingNanos)
            {
                visitor.onEntry(MacSlots.mac(key), MacSlots.vlan(key), (int)value, isStatic, age);
            }
        }
    }

    /** {@link #forEach(long, Visitor)} at the latest time the table was given (by lookup, learn or age). */
    public void forEach(final Visitor visitor)
    {
        forEach(clockNanos, visitor);
    }

    /** @return entries held, expired ones not yet removed included. Any thread (opaque read). */
    public int size()
    {
        return (int)counter(SIZE);
    }

    public int capacity()
    {
        return capacity;
    }

    /** @return the number of slots: {@code 2 * capacity} rounded up to a power of two. */
    public int slots()
    {
        return store.slotCount();
    }

    public long agingNanos()
    {
        return agingNanos;
    }

    /** @return new dynamic entries learnt. Any thread (opaque read), as are the other counters. */
    public long learned()
    {
        return counter(LEARNED);
    }

    /** @return learns that changed the port of a dynamic entry. */
    public long moves()
    {
        return counter(MOVES);
    }

    /** @return dynamic entries removed or re-learnt because they had expired. */
    public long aged()
    {
        return counter(AGED);
    }

    /** @return learns refused because the table held its capacity. */
    public long learnFailuresFull()
    {
        return counter(FULL);
    }

    public long lookups()
    {
        return counter(LOOKUPS);
    }

    public long misses()
    {
        return counter(MISSES);
    }

    /** @return true when the table holds an entry for the address, expired or not; counts nothing (tests). */
    boolean holds(final long mac, final int vlan)
    {
        final long key = MacSlots.key(mac, vlan);
        return key != EMPTY && store.find(key) >= 0;
    }

    /** @return the home slot of an address under this table's seed (tests build colliding keys with it). */
    int homeSlot(final long mac, final int vlan)
    {
        return store.home(MacSlots.key(mac, vlan));
    }

    private boolean expired(final long lastSeenNanos, final long nowNanos)
    {
        return nowNanos - lastSeenNanos > agingNanos;
    }

    private void put(final int slot, final long key, final long lastSeenNanos, final long value)
    {
        store.put(slot, key, lastSeenNanos, value);
        add(SIZE, 1);
    }

    private void removeAt(final int slot)
    {
        store.removeAt(slot);
        add(SIZE, -1);
    }

    private void add(final int counter, final long delta)
    {
        // opaque: single writer (this thread), so the plain read sees its own last write; pairs with getOpaque in counter()
        COUNTER.setOpaque(counters, counter, counters[counter] + delta);
    }

    private long counter(final int counter)
    {
        // opaque: a whole, eventually visible value from the owner's setOpaque in add()
        return (long)COUNTER.getOpaque(counters, counter);
    }
}
