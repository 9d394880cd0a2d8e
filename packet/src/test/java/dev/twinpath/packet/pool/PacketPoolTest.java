package dev.twinpath.packet.pool;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static dev.twinpath.packet.pool.PacketPool.CLOSED;
import static dev.twinpath.packet.pool.PacketPool.DOUBLE_FREE;
import static dev.twinpath.packet.pool.PacketPool.EXHAUSTED;
import static dev.twinpath.packet.pool.PacketPool.INVALID_HANDLE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PacketPoolTest
{
    private static PacketPool pool(final int slotCount, final int cacheSize, final boolean debug)
    {
        return new PacketPool(new PacketPool.Context()
            .name("test").slotCount(slotCount).dataRoom(256).cacheSize(cacheSize).debug(debug));
    }

    @Test
    void exhaustionReturnsCodesAndCountsFailures()
    {
        final PacketPool pool = pool(8, 0, false);
        final int[] handles = new int[16];
        for (int i = 0; i < 8; i++)
        {
            assertTrue(pool.allocate() >= 0);
        }

        assertEquals(EXHAUSTED, pool.allocate());
        assertEquals(EXHAUSTED, pool.allocateBulk(handles, 0, 1));
        assertEquals(0, pool.allocateBurst(handles, 0, 4));
        assertEquals(3, pool.allocationFailures());
        assertEquals(8, pool.allocations());
        assertEquals(8, pool.inUse());
        assertEquals(0, pool.available());
    }

    @Test
    void exhaustionThroughACacheReturnsCodes()
    {
        final PacketPool pool = pool(8, 4, false);
        final PoolCache cache = pool.newCache();
        final int[] handles = new int[8];

        assertEquals(4, cache.allocateBulk(handles, 0, 4));
        assertEquals(EXHAUSTED, cache.allocateBulk(handles, 4, 5)); // 5 > cacheSize: bypasses to the ring, 4 left
        assertEquals(4, cache.allocateBurst(handles, 4, 4));
        assertEquals(EXHAUSTED, cache.allocate());
        assertEquals(0, cache.allocateBurst(handles, 0, 2));
        assertEquals(3, pool.allocationFailures());
        assertEquals(8, pool.inUse());
    }

    @Test
    void bulkIsAllOrNoneAndBurstTakesWhatIsFree()
    {
        final PacketPool pool = pool(10, 0, false);
        final int[] handles = new int[16];

        assertEquals(7, pool.allocateBulk(handles, 0, 7));
        assertEquals(EXHAUSTED, pool.allocateBulk(handles, 7, 4));
        assertEquals(3, pool.available());
        assertEquals(3, pool.allocateBurst(handles, 7, 4));
        assertEquals(0, pool.available());

        assertEquals(10, pool.freeBulk(handles, 0, 10));
        pool.assertNoLeak();
    }

    @Test
    void debugModeRefusesDoubleFreeAndOutOfRangeWithoutCorruption()
    {
        final PacketPool pool = pool(16, 0, true);
        final int handle = pool.allocate();

        assertEquals(1, pool.free(handle));
        assertEquals(DOUBLE_FREE, pool.free(handle));
        assertEquals(INVALID_HANDLE, pool.free(-1));
        assertEquals(INVALID_HANDLE, pool.free(16));

        final int other = pool.allocate();
        final int[] mixed = {other, handle, 99, other};
        assertEquals(1, pool.freeBulk(mixed, 0, mixed.length));

        assertEquals(3, pool.counter(PoolCounter.DOUBLE_FREES));
        assertEquals(3, pool.counter(PoolCounter.INVALID_HANDLES));
        assertEquals(0, pool.counter(PoolCounter.OVERFLOWS));
        pool.assertNoLeak();
        assertEquals(16, pool.available());
    }

    @Test
    void debugModeCatchesDoubleFreeAcrossTwoCaches()
    {
        final PacketPool pool = pool(64, 8, true);
        final PoolCache a = pool.newCache();
        final PoolCache b = pool.newCache();
        final int handle = a.allocate();

        assertEquals(1, a.free(handle));
        assertEquals(DOUBLE_FREE, b.free(handle));
        assertEquals(INVALID_HANDLE, b.free(64));
        final int[] burst = {handle, -5};
        assertEquals(0, b.freeBulk(burst, 0, 2));

        assertEquals(2, pool.counter(PoolCounter.DOUBLE_FREES));
        assertEquals(2, pool.counter(PoolCounter.INVALID_HANDLES));
        pool.assertNoLeak();
    }

    @Test
    void outOfRangeIsRefusedEvenOutsideDebugMode()
    {
        final PacketPool pool = pool(4, 2, false);
        final PoolCache cache = pool.newCache();

        assertEquals(INVALID_HANDLE, pool.free(4));
        assertEquals(INVALID_HANDLE, cache.free(Integer.MIN_VALUE));
        assertEquals(2, pool.counter(PoolCounter.INVALID_HANDLES));
        pool.assertNoLeak();
    }

    @Test
    void auditReportsAHeldHandleAsALeak()
    {
        final PacketPool pool = pool(8, 2, true);
        final PoolCache cache = pool.newCache();
        final int handle = cache.allocate();

        final PoolLeakException ex = assertThrows(PoolLeakException.class, pool::assertNoLeak);
        assertEquals(1, ex.audit().inUse());
        assertTrue(ex.audit().consistent(), ex.getMessage());
        assertFalse(ex.audit().noLeak());
        assertEquals(2, ex.audit().freeInCaches()); // refilled cacheSize + 1 = 3, handed out 1

        cache.free(handle);
        pool.assertNoLeak();
    }

    @Test
    void cacheRefillsAndFlushesInBursts()
    {
        final PacketPool pool = pool(100, 8, false);
        final PoolCache cache = pool.newCache();
        final int[] handles = new int[16];

        assertEquals(16, cache.capacity());
        assertTrue(cache.allocate() >= 0);
        assertEquals(8, cache.size()); // one refill of cacheSize + 1
        assertEquals(91, pool.available() - cache.size());

        assertEquals(8, cache.allocateBulk(handles, 0, 8)); // served from the cache
        assertEquals(0, cache.size());
        assertEquals(8, cache.allocateBulk(handles, 8, 8)); // one refill of cacheSize + 8
        assertEquals(8, cache.size());
        assertEquals(75, pool.available() - cache.size());

        assertEquals(8, cache.freeBulk(handles, 0, 8)); // fits: 16 cached
        assertEquals(16, cache.size());
        assertEquals(8, cache.freeBulk(handles, 8, 8)); // 16 + 8 > 16: flush the 8 above cacheSize first
        assertEquals(16, cache.size());
        assertEquals(83, pool.available() - cache.size());
        assertEquals(99, pool.available());
        assertEquals(1, pool.inUse());

        cache.flush();
        assertEquals(0, cache.size());
        assertEquals(99, pool.available());
    }

    @Test
    void requestsLargerThanTheCacheBypassIt()
    {
        final PacketPool pool = pool(64, 4, false);
        final PoolCache cache = pool.newCache();
        final int[] handles = new int[32];

        assertEquals(32, cache.allocateBulk(handles, 0, 32));
        assertEquals(0, cache.size());
        assertEquals(32, cache.freeBulk(handles, 0, 32));
        assertEquals(0, cache.size());
        pool.assertNoLeak();
    }

    @Test
    void closedCacheRefusesAndKeepsItsCountsInThePool()
    {
        final PacketPool pool = pool(32, 4, false);
        final PoolCache cache = pool.newCache();
        final int[] handles = new int[2];
        assertEquals(2, cache.allocateBulk(handles, 0, 2));
        assertEquals(2, cache.freeBulk(handles, 0, 2));

        cache.close();
        cache.close();

        assertTrue(cache.isClosed());
        assertEquals(CLOSED, cache.allocate());
        assertEquals(CLOSED, cache.allocateBurst(handles, 0, 1));
        assertEquals(CLOSED, cache.free(0));
        assertEquals(2, pool.allocations());
        assertEquals(2, pool.frees());
        assertEquals(32, pool.available());
        pool.assertNoLeak();
    }

    @Test
    void jumboFramesFitAndEverySlotIs64ByteAligned()
    {
        final PacketPool pool = new PacketPool(new PacketPool.Context()
            .name("jumbo").slotCount(24).dataRoom(PacketPool.Context.JUMBO_DATA_ROOM).cacheSize(4).debug(true));
        final UnsafeBuffer buffer = pool.buffer();
        final int frame = PacketPool.Context.JUMBO_DATA_ROOM;

        assertEquals(9280, pool.slotLength());
        for (int handle = 0; handle < pool.capacity(); handle++)
        {
            assertEquals(0, (buffer.addressOffset() + pool.metaOffset(handle)) % 64, "meta of " + handle);
            assertEquals(0, (buffer.addressOffset() + pool.dataOffset(handle)) % 64, "data of " + handle);
        }

        final int[] handles = new int[24];
        assertEquals(24, pool.allocateBulk(handles, 0, 24));
        final PacketFlyweight packet = new PacketFlyweight();
        final byte[] bytes = new byte[frame];
        for (final int handle : handles)
        {
            java.util.Arrays.fill(bytes, (byte)handle);
            packet.wrap(pool, handle).reset().length(frame);
            buffer.putBytes(packet.dataOffset(), bytes);
        }
        final byte[] read = new byte[frame];
        for (final int handle : handles)
        {
            java.util.Arrays.fill(bytes, (byte)handle);
            packet.wrap(pool, handle);
            buffer.getBytes(packet.dataOffset(), read);
            assertArrayEquals(bytes, read, "frame of " + handle);
            assertEquals(frame, packet.length());
            assertEquals(handle, packet.storedHandle());
            assertEquals(frame, PacketDescriptor.length(PacketDescriptor.packet(handle, packet.length(), 0)));
        }

        assertEquals(24, pool.freeBulk(handles, 0, 24));
        pool.assertNoLeak();
    }

    @Test
    void largestDataRoomFitsTheDescriptorLength()
    {
        final PacketPool pool = new PacketPool(new PacketPool.Context()
            .slotCount(4).dataRoom(PacketPool.Context.MAX_DATA_ROOM).cacheSize(0));

        assertEquals(0, pool.slotLength() % 64);
        final int handle = pool.allocate();
        final PacketFlyweight packet = new PacketFlyweight().wrap(pool, handle).length(65_535);
        assertEquals(65_535, PacketDescriptor.length(PacketDescriptor.packet(handle, packet.length(), 0)));
    }

    @Test
    void flyweightFieldsRoundTripAndResetKeepsTheHandle()
    {
        final PacketPool pool = pool(4, 0, false);
        final int handle = pool.allocate();
        final PacketFlyweight packet = new PacketFlyweight().wrap(pool, handle);

        packet.length(200).port(65_535).flags(0x8001).rssHash(0xCAFEBABE).timestamp(123L).sequence(-9L).vlanTci(0xF00D);
        pool.buffer().putLong(packet.userOffset() + PacketSlotDescriptor.USER_LENGTH - 8, 77L);

        assertEquals(200, packet.length());
        assertEquals(65_535, packet.port());
        assertEquals(0x8001, packet.flags());
        assertEquals(0xCAFEBABE, packet.rssHash());
        assertEquals(123L, packet.timestamp());
        assertEquals(-9L, packet.sequence());
        assertEquals(0xF00D, packet.vlanTci());
        assertEquals(pool.metaOffset(handle) + PacketSlotDescriptor.DATA_OFFSET, packet.dataOffset());

        packet.reset();
        assertEquals(0, packet.length());
        assertEquals(0L, packet.sequence());
        assertEquals(0L, pool.buffer().getLong(packet.userOffset() + PacketSlotDescriptor.USER_LENGTH - 8));
        assertEquals(handle, packet.storedHandle());
    }
}
