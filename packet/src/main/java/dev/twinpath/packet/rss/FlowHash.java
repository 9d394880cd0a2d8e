package dev.twinpath.packet.rss;

/**
 * The 64-bit mixing hash behind {@link FlowKey#hash64(long)}: every field of a key is folded in,
 * one long at a time, then the result is avalanched. For hash tables; not the RSS Toeplitz hash
 * (see {@link RssHasher}). Stable across runs.
 * <p>
 * Thread safety: stateless; safe from any thread.
 */
final class FlowHash
{
    private static final long IPV4_MASK = 0xFFFF_FFFFL;
    private static final long MIX_MULTIPLIER = 0x9E37_79B9_7F4A_7C15L;
    private static final long FINAL_MULTIPLIER_1 = 0xBF58_476D_1CE4_E5B9L;
    private static final long FINAL_MULTIPLIER_2 = 0x94D0_49BB_1331_11EBL;

    private FlowHash()
    {
    }

    /**
     * Hash every field of a key. Allocation-free.
     *
     * @param key  key to hash.
     * @param seed any value.
     * @return the hash.
     */
    static long hash64(final FlowKey key, final long seed)
    {
        long h = seed;
        h = mix(h, key.srcHi());
        h = mix(h, key.srcLo());
        h = mix(h, key.dstHi());
        h = mix(h, key.dstLo());
        h = mix(h, ((long)key.srcPort() << 32) | (key.dstPort() & IPV4_MASK));
        h = mix(h, ((long)key.protocol() << 32) | ((long)(key.vlanId() & 0xFFFF) << 16) |
            (key.ipVersion() << 8) | (key.fragment() ? 1 : 0));

        // Final avalanche so that every input bit can flip every output bit: the xor-shift-multiply
        // finaliser with the published constants of Stafford's "Mix13" (as used by SplitMix64).
        h = (h ^ (h >>> 30)) * FINAL_MULTIPLIER_1;
        h = (h ^ (h >>> 27)) * FINAL_MULTIPLIER_2;
        return h ^ (h >>> 31);
    }

    private static long mix(final long h, final long value)
    {
        // x -> (x * odd) ^ (... >>> 29) is a bijection, so for a given h distinct values never
        // collide within one step.
        final long x = (h ^ value) * MIX_MULTIPLIER;
        return x ^ (x >>> 29);
    }
}
