package dev.twinpath.vswitch.acl;

/**
 * An exact-match cache of ACL decisions, keyed by everything a rule can look at, as the packet travels (direction, IP
 * version, protocol, source and destination ports, MACs and addresses): the first packet of a flow walks the
 * rules, the next ones find the decision in one cache line. This is how Hyper-V's Virtual Filtering
 * Platform keeps rule lists fast (its unified flow table) and what OVS's exact-match cache does.
 * The cache belongs to one immutable rule set, so it never needs invalidating: new rules come with
 * a new {@link PortAcl} and a new cache.
 * <p>
 * Two tables, both two-way set associative with the most recently filled way first (a third flow in
 * a set evicts the older one): IPv4 and non-IP packets, whose addresses fit one word, use compact
 * 32-byte entries (addresses, direction/version/protocol/ports with the rule index in the top bits,
 * both MACs), so a whole set is one cache line; IPv6 packets use 64-byte entries (7 key words and
 * the rule index). {@value #SETS} sets each: 768 KiB per ACL; allocation-free after construction.
 * <p>
 * Owned by the port's switch thread (the thread that calls {@link PortAcl#evaluate}).
 */
final class AclFlowCache
{
    static final int SETS = 4096;
    static final int MISS = -2;
    private static final int STRIDE = 8;      // longs per entry
    private static final int WAY = STRIDE;    // offset of the second way
    private static final int RESULT = 7;      // rule index + 2: 0 = empty, 1 = no match
    private static final long PORT_MASK = 0x1FFFFL;
    private static final int SET_SHIFT = 64 - Integer.numberOfTrailingZeros(SETS);

    private static final int COMPACT_STRIDE = 4; // addresses, meta | result << RESULT_SHIFT, source MAC, destination MAC
    private static final int RESULT_SHIFT = 51;
    private static final long META_MASK = (1L << RESULT_SHIFT) - 1;

    private final long[] entries = new long[SETS * 2 * STRIDE];
    private final long[] compact = new long[SETS * 2 * COMPACT_STRIDE];

    static long meta(final int directionBit, final int ipVersion, final int protocol, final int srcPort, final int dstPort)
    {
        return directionBit | (long)(ipVersion & 0xF) << 4 | (long)((protocol + 1) & 0x1FF) << 8
            | ((srcPort + 1) & PORT_MASK) << 17 | ((dstPort + 1) & PORT_MASK) << 34;
    }

    /** Fibonacci hashing of the folded key: one multiply, the top bits pick the set. */
    private static int set(final long meta, final long srcMac, final long dstMac, final long srcHi, final long srcLo, final long dstHi, final long dstLo)
    {
        final long folded = meta ^ Long.rotateLeft(srcMac, 17) ^ Long.rotateLeft(dstMac, 41) ^ srcHi ^ Long.rotateLeft(dstHi, 29)
            ^ srcLo ^ Long.rotateLeft(dstLo, 32);
        return (int)((folded * 0x9E3779B97F4A7C15L) >>> SET_SHIFT);
    }

    private static boolean holds(
        final long[] e, final int at, final long meta, final long srcMac, final long dstMac, final long srcHi, final long srcLo,
        final long dstHi, final long dstLo)
    {
        return e[at] == meta && e[at + 6] == dstLo && e[at + 4] == srcLo && e[at + RESULT] != 0 &&
            e[at + 1] == srcMac && e[at + 2] == dstMac && e[at + 3] == srcHi && e[at + 5] == dstHi;
    }

    /** @return the cached rule index, {@link PortAcl#NO_MATCH}, or {@link #MISS}; on a miss, {@link #fill} follows. */
    int lookup(final long meta, final long srcMac, final long dstMac, final long srcHi, final long srcLo, final long dstHi, final long dstLo)
    {
        final long[] e = entries;
        final int at = set(meta, srcMac, dstMac, srcHi, srcLo, dstHi, dstLo) * 2 * STRIDE;
        if (holds(e, at, meta, srcMac, dstMac, srcHi, srcLo, dstHi, dstLo))
        {
            return (int)e[at + RESULT] - 2;
        }
        if (holds(e, at + WAY, meta, srcMac, dstMac, srcHi, srcLo, dstHi, dstLo))
        {
            return (int)e[at + WAY + RESULT] - 2;
        }
        return MISS;
    }

    /** @return true when the packet can use the compact table: IPv4 or not IP, addresses in the low words. */
    static boolean isCompact(final int ipVersion, final long srcHi, final long dstHi, final long srcLo, final long dstLo)
    {
        return (srcHi | dstHi | (srcLo >>> 32) | (dstLo >>> 32)) == 0 && ipVersion != 6;
    }

    private static int compactSet(final long addresses, final long meta, final long srcMac, final long dstMac)
    {
        final long folded = addresses ^ Long.rotateLeft(meta, 23) ^ Long.rotateLeft(srcMac, 7) ^ Long.rotateLeft(dstMac, 37);
        return (int)((folded * 0x9E3779B97F4A7C15L) >>> SET_SHIFT);
    }

    /** {@link #lookup} for a packet {@link #isCompact}: both ways of a set share one cache line. */
    int lookupCompact(final long meta, final long srcMac, final long dstMac, final long srcLo, final long dstLo)
    {
        final long addresses = srcLo << 32 | dstLo;
        final long[] e = compact;
        final int at = compactSet(addresses, meta, srcMac, dstMac) * 2 * COMPACT_STRIDE;
        final long first = e[at + 1];
        if (e[at] == addresses && (first & META_MASK) == meta && e[at + 2] == srcMac && e[at + 3] == dstMac)
        {
            return (int)(first >>> RESULT_SHIFT) - 2;
        }
        final long second = e[at + COMPACT_STRIDE + 1];
        if (e[at + COMPACT_STRIDE] == addresses && (second & META_MASK) == meta &&
            e[at + COMPACT_STRIDE + 2] == srcMac && e[at + COMPACT_STRIDE + 3] == dstMac)
        {
            return (int)(second >>> RESULT_SHIFT) - 2;
        }
        return MISS;
    }

    /** {@link #fill} for a packet {@link #isCompact}. */
    void fillCompact(final long meta, final long srcMac, final long dstMac, final long srcLo, final long dstLo, final int ruleIndex)
    {
        final long addresses = srcLo << 32 | dstLo;
        final long[] e = compact;
        final int at = compactSet(addresses, meta, srcMac, dstMac) * 2 * COMPACT_STRIDE;
        System.arraycopy(e, at, e, at + COMPACT_STRIDE, COMPACT_STRIDE);
        e[at] = addresses;
        e[at + 1] = meta | (long)(ruleIndex + 2) << RESULT_SHIFT;
        e[at + 2] = srcMac;
        e[at + 3] = dstMac;
    }

    /** Remember a decision: the set's first way moves to the second, the new one takes the first. */
    void fill(
        final long meta, final long srcMac, final long dstMac, final long srcHi, final long srcLo, final long dstHi, final long dstLo,
        final int ruleIndex)
    {
        final long[] e = entries;
        final int at = set(meta, srcMac, dstMac, srcHi, srcLo, dstHi, dstLo) * 2 * STRIDE;
        System.arraycopy(e, at, e, at + WAY, STRIDE);
        e[at] = meta;
        e[at + 1] = srcMac;
        e[at + 2] = dstMac;
        e[at + 3] = srcHi;
        e[at + 4] = srcLo;
        e[at + 5] = dstHi;
        e[at + 6] = dstLo;
        e[at + RESULT] = ruleIndex + 2;
    }
}
