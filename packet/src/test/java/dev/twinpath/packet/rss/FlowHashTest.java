package dev.twinpath.packet.rss;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link FlowHash}, behind {@link FlowKey#hash64()}, is documented as stable across runs: pin its
 * values so that a change to the mixing shows up.
 */
class FlowHashTest
{
    private static final long SEED = 0x1234_5678_9ABC_DEF0L;

    @Test
    void emptyKeyHashIsPinned()
    {
        assertHashes(new FlowKey(), 0x39493FA2A5E2D048L, 0x639C620AF3743493L, -1666453526);
    }

    @Test
    void ipv4KeyHashIsPinned()
    {
        final FlowKey key = new FlowKey()
            .ipv4(0xC0A80102, 0x0A000001).ports(0x1234, 80).protocol(6).vlan(100).fragment(true);
        assertHashes(key, 0xB9F78D210165B91DL, 0x64C157BEBE1BB922L, -1198377924);
    }

    @Test
    void ipv6KeyHashIsPinned()
    {
        final FlowKey key = new FlowKey()
            .ipv6(0x20010DB800000000L, 1L, 0x20010DB800000000L, 2L).ports(443, 65535).protocol(17);
        assertHashes(key, 0xF54DA533983A18F5L, 0x9F70DAF27F601082L, 1836563910);
    }

    private static void assertHashes(final FlowKey key, final long hash, final long seeded, final int hashCode)
    {
        assertEquals(hash, key.hash64());
        assertEquals(seeded, key.hash64(SEED));
        assertEquals(seeded, FlowHash.hash64(key, SEED));
        assertEquals(hashCode, key.hashCode());
    }
}
