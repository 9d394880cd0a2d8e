package dev.twinpath.packet.pool;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PacketPoolContextTest
{
    @Test
    void concludeDerivesSlotAndRegionLength()
    {
        final PacketPool.Context ctx =
            new PacketPool.Context().slotCount(10).dataRoom(1500).cacheSize(2).conclude();

        assertEquals(1600, ctx.slotLength()); // 64 + 1500 = 1564, rounded up to 25 * 64
        assertEquals(16_000L, ctx.regionLength());
        assertEquals(2112, new PacketPool.Context().conclude().slotLength());
        assertEquals(
            9280, new PacketPool.Context().dataRoom(PacketPool.Context.JUMBO_DATA_ROOM).conclude().slotLength());
    }

    @Test
    void refusesBadValuesNamingTheField()
    {
        assertRefused("name", new PacketPool.Context().name(" "));
        assertRefused("slotCount", new PacketPool.Context().slotCount(0));
        assertRefused("slotCount", new PacketPool.Context().slotCount(PacketPool.Context.MAX_SLOT_COUNT + 1));
        assertRefused("dataRoom", new PacketPool.Context().dataRoom(63));
        assertRefused("dataRoom", new PacketPool.Context().dataRoom(65_536));
        assertRefused("cacheSize", new PacketPool.Context().cacheSize(-1));
        assertRefused("cacheSize", new PacketPool.Context().slotCount(16).cacheSize(17));
        assertRefused("cacheSize", new PacketPool.Context().cacheSize(PacketPool.Context.MAX_CACHE_SIZE + 1));
        assertRefused("slotCount", new PacketPool.Context().slotCount(200_000).dataRoom(9216));
    }

    @Test
    void poolConstructorRefusesToo()
    {
        final PoolConfigurationException ex = assertThrows(
            PoolConfigurationException.class, () -> new PacketPool(new PacketPool.Context().dataRoom(10)));
        assertEquals("dataRoom", ex.field());
    }

    private static void assertRefused(final String field, final PacketPool.Context ctx)
    {
        final PoolConfigurationException ex = assertThrows(PoolConfigurationException.class, ctx::conclude);
        assertEquals(field, ex.field(), ex.getMessage());
        assertEquals(field, ex.getMessage().substring(0, ex.getMessage().indexOf(':')));
    }
}
