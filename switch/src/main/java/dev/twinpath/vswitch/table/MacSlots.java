package dev.twinpath.vswitch.table;

import org.agrona.BitUtil;

/**
 * The open-addressing store under {@link MacTable}: linear probing over one {@code long[]} with three
 * words per slot (key, last-seen nanos, value), so a hit reads one slot and usually one cache line.
 * The key packs the 48-bit MAC with the 12-bit VLAN above it ({@code vlan << 48 | mac}); a key of 0
 * marks an empty slot, which is why MAC 0 is never stored. The caller keeps at most half the slots
 * full, so every probe run ends at an empty slot. Removal shifts the rest of the run back (Knuth's
 * algorithm R): no tombstones, so probes never lengthen with churn.
 * <p>
 * <b>Hash.</b> The key XOR a per-table seed goes through the MurmurHash3 64-bit finaliser (fmix64:
 * two multiplies, three xor-shifts, full avalanche), and the low bits pick the home slot. MACs share
 * their vendor prefix and VLANs are small, so an identity hash would cluster badly; the seed keeps
 * a guest that chooses its source MACs from aiming them all at one probe run (not a cryptographic
 * defence; the capacity bound caps the damage).
 * <p>
 * Not thread-safe: owned by the {@link MacTable}'s thread. Allocation-free after construction.
 */
final class MacSlots
{
    static final long EMPTY = 0;
    static final long MAC_MASK = 0xFFFF_FFFF_FFFFL;

    private static final int STRIDE = 3;
    private static final int LAST_SEEN = 1;
    private static final int VALUE = 2;

    private final long seed;
    private final int mask;
    private final long[] words;

    MacSlots(final int slotCount, final long seed)
    {
        if (!BitUtil.isPowerOfTwo(slotCount))
        {
            throw new IllegalArgumentException("slotCount must be a power of two: " + slotCount);
        }
        this.seed = seed;
        this.mask = slotCount - 1;
        this.words = new long[slotCount * STRIDE];
    }

    /** @return the packed key, or {@link #EMPTY} for an address a table never holds (zero, wide MAC or VLAN). */
    static long key(final long mac, final int vlan)
    {
        return mac != 0 && (mac & ~MAC_MASK) == 0 && (vlan & ~0xFFF) == 0 ? ((long)vlan << 48) | mac : EMPTY;
    }

    static long mac(final long key)
    {
        return key & MAC_MASK;
    }

    static int vlan(final long key)
    {
        return (int)(key >>> 48);
    }

    int slotCount()
    {
        return mask + 1;
    }

    /** @return the slot after {@code slot}, wrapping. */
    int next(final int slot)
    {
        return (slot + 1) & mask;
    }

    int home(final long key)
    {
        long h = key ^ seed;
        h = (h ^ (h >>> 33)) * 0xFF51_AFD7_ED55_8CCDL;
        h = (h ^ (h >>> 33)) * 0xC4CE_B9FE_1A85_EC53L;
        return (int)(h ^ (h >>> 33)) & mask;
    }

    /** @return the slot holding {@code key}, or {@code ~slot} of the empty slot that ends its probe run. */
    int find(final long key)
    {
        int slot = home(key);
        while (true)
        {
            final long k = words[slot * STRIDE];
            if (k == key)
            {
                return slot;
            }
            if (k == EMPTY)
            {
                return ~slot;
            }
            slot = (slot + 1) & mask;
        }
    }

    long key(final int slot)
    {
        return words[slot * STRIDE];
    }

    long lastSeen(final int slot)
    {
        return words[slot * STRIDE + LAST_SEEN];
    }

    long value(final int slot)
    {
        return words[slot * STRIDE + VALUE];
    }

    void update(final int slot, final long lastSeenNanos, final long value)
    {
        final int at = slot * STRIDE;
        words[at + LAST_SEEN] = lastSeenNanos;
        words[at + VALUE] = value;
    }

    void value(final int slot, final long value)
    {
        words[slot * STRIDE + VALUE] = value;
    }

    /** Fill an empty slot, normally the {@code ~slot} a failed {@link #find} returned. */
    void put(final int slot, final long key, final long lastSeenNanos, final long value)
    {
        final int at = slot * STRIDE;
        words[at] = key;
        words[at + LAST_SEEN] = lastSeenNanos;
        words[at + VALUE] = value;
    }

    /**
     * Backward-shift deletion: pull later entries of the run into the hole while the hole lies on
     * their probe path. Entries only move towards {@code slot}, never past it, and never out of the run.
     */
    void removeAt(final int slot)
    {
        int hole = slot;
        int next = slot;
        while (true)
        {
            next = (next + 1) & mask;
            final int from = next * STRIDE;
            final long key = words[from];
            if (key == EMPTY)
            {
                break;
            }
            // movable when home <= hole < next (cyclically): its distance from home covers the hole's
            if (((next - home(key)) & mask) >= ((next - hole) & mask))
            {
                final int to = hole * STRIDE;
                words[to] = key;
                words[to + LAST_SEEN] = words[from + LAST_SEEN];
                words[to + VALUE] = words[from + VALUE];
                hole = next;
            }
        }
        final int at = hole * STRIDE;
        words[at] = EMPTY;
        words[at + LAST_SEEN] = 0;
        words[at + VALUE] = 0;
    }
}
