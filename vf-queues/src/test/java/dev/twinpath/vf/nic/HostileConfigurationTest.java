package dev.twinpath.vf.nic;

import dev.twinpath.packet.pool.PacketPool;
import dev.twinpath.vf.ring.SpscDescriptorRing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile values for the NIC model's configuration: {@link NicContext}, a descriptor ring's capacity, a VF's
 * queue pairs and its {@link VfConfig}. Each is refused before anything changes, by an exception whose message
 * starts with the field's setter name and says what is allowed.
 */
class HostileConfigurationTest
{
    private static final PacketPool POOL = new PacketPool(new PacketPool.Context().name("hostile").slotCount(1024));

    static Stream<Arguments> hostileNics()
    {
        return Stream.of(
            nic("pool", "is required", c -> c.pool(null)),
            nic("totalVfs", "must be 1..256", c -> c.totalVfs(0)),
            nic("totalVfs", "must be 1..256", c -> c.totalVfs(-1)),
            nic("totalVfs", "must be 1..256", c -> c.totalVfs(257)),
            nic("totalVfs", "must be 1..256", c -> c.totalVfs(Integer.MIN_VALUE)),
            nic("maxQueuePairs", "must be 1..16", c -> c.maxQueuePairs(0)),
            nic("maxQueuePairs", "must be 1..16", c -> c.maxQueuePairs(Integer.MAX_VALUE)),
            nic("burst", "must be 1..256", c -> c.burst(0)),
            nic("burst", "must be 1..256", c -> c.burst(1 << 20)),
            nic("ringCapacity", "must be a power of two from 2 x burst (64) to 2^20", c -> c.ringCapacity(0)),
            nic("ringCapacity", "must be a power of two from 2 x burst (64) to 2^20", c -> c.ringCapacity(-1024)),
            nic("ringCapacity", "must be a power of two from 2 x burst (64) to 2^20", c -> c.ringCapacity(1000)),
            nic("ringCapacity", "must be a power of two from 2 x burst (64) to 2^20", c -> c.ringCapacity(32)),
            nic("ringCapacity", "must be a power of two from 2 x burst (64) to 2^20", c -> c.ringCapacity(1 << 21)),
            nic("ringCapacity", "must be a power of two from 2 x burst (64) to 2^20", c -> c.ringCapacity(Integer.MIN_VALUE)),
            nic("ringCapacity", "totalVfs x maxQueuePairs x 2 rings x ringCapacity must be at most 2^26 descriptors",
                c -> c.totalVfs(256).maxQueuePairs(16).ringCapacity(1 << 20)),
            nic("name", "must not be blank", c -> c.name(" ")),
            nic("name", "must not be blank", c -> c.name(null)),
            nic("overflowMode", "is required", c -> c.overflowMode(null)),
            nic("clock", "is required", c -> c.clock(null)),
            nic("pfMac", "must be a unicast 48-bit address", c -> c.pfMac(0)),
            nic("pfMac", "must be a unicast 48-bit address", c -> c.pfMac(-1)),
            nic("pfMac", "must be a unicast 48-bit address", c -> c.pfMac(0x0100_5E00_0001L)),
            nic("pfMac", "must be a unicast 48-bit address", c -> c.pfMac(0x1_0000_0000_0000L)));
    }

    static Stream<Arguments> hostileVfConfigs()
    {
        final long mac = 0x0200_0000_1000L;
        return Stream.of(
            vf("mac", "must be a unicast 48-bit address", c -> c.mac(0)),
            vf("mac", "must be a unicast 48-bit address", c -> c.mac(Long.MIN_VALUE)),
            vf("mac", "must be a unicast 48-bit address", c -> c.mac(0x0100_5E00_0001L)),
            vf("secondaryMac", "must be -1 or a unicast 48-bit address other than mac", c -> c.secondaryMac(mac)),
            vf("secondaryMac", "must be -1 or a unicast 48-bit address other than mac", c -> c.secondaryMac(-2)),
            vf("portVlan", "must be 1..4094", c -> c.portVlan(0)),
            vf("portVlan", "must be 1..4094", c -> c.portVlan(4095)),
            vf("trunkVlans", "must be 0..4094", c -> c.trunkVlans(10, 4095)),
            vf("trunkVlans", "must be 0..4094", c -> c.trunkVlans(-1)),
            vf("rateLimit", "must be >= 0 bytes/s", c -> c.rateLimit(-1, 65_536)),
            vf("rateLimit", "must be >= 0 bytes/s", c -> c.rateLimit(Long.MIN_VALUE, 65_536)),
            vf("rateLimit burst", "must be >= 64 bytes", c -> c.rateLimit(1_000_000, 63)),
            vf("rateLimit burst", "must be >= 64 bytes", c -> c.rateLimit(1_000_000, Long.MIN_VALUE)),
            vf("rssKey", "must be 40..256 bytes", c -> c.rssKey(new byte[39])),
            vf("rssKey", "must be 40..256 bytes", c -> c.rssKey(new byte[0])),
            vf("rssKey", "must be 40..256 bytes", c -> c.rssKey(new byte[257])));
    }

    private static Arguments nic(final String field, final String allowed, final UnaryOperator<NicContext> change)
    {
        return Arguments.of(field, allowed, change);
    }

    private static Arguments vf(final String field, final String allowed, final UnaryOperator<VfConfig> change)
    {
        return Arguments.of(field, allowed, change);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("hostileNics")
    void aNicIsRefusedNamingTheField(final String field, final String allowed, final UnaryOperator<NicContext> change)
    {
        final IllegalArgumentException concluded = assertThrows(IllegalArgumentException.class,
            () -> change.apply(new NicContext().pool(POOL)).conclude());
        assertNamed(field, allowed, concluded);
        final IllegalArgumentException built = assertThrows(IllegalArgumentException.class,
            () -> new PhysicalFunction(change.apply(new NicContext().pool(POOL))));
        assertEquals(concluded.getMessage(), built.getMessage());
    }

    @ParameterizedTest(name = "capacity {0}")
    @ValueSource(ints = {0, 1, 3, 1000, -2, Integer.MIN_VALUE, Integer.MAX_VALUE, (1 << 30) + 1})
    void aRingCapacityNotAPowerOfTwoIn2To2Pow30IsRefused(final int capacity)
    {
        assertNamed("capacity", "must be a power of two in 2..2^30",
            assertThrows(IllegalArgumentException.class, () -> new SpscDescriptorRing(capacity)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("hostileVfConfigs")
    void aVfConfigIsRefusedBeforeTheVfChanges(final String field, final String allowed, final UnaryOperator<VfConfig> change)
    {
        final PhysicalFunction pf = new PhysicalFunction(new NicContext().pool(POOL).totalVfs(2));
        final VirtualFunction vf = pf.allocate("vm", 1);
        final IovException ex = assertThrows(IovException.class,
            () -> pf.assign(vf, change.apply(new VfConfig().mac(0x0200_0000_1000L))));
        assertEquals(IovException.Reason.BAD_CONFIGURATION, ex.reason());
        assertNamed(field, allowed, ex);
        assertEquals(VfState.ALLOCATED, vf.state(), "nothing was assigned");
        pf.assign(vf, new VfConfig().mac(0x0200_0000_1000L));
        assertEquals(VfState.ACTIVE, vf.state(), "a good config still goes through");
    }

    @Test
    void queuePairsOutsideWhatTheNicGivesAreRefused()
    {
        final PhysicalFunction pf = new PhysicalFunction(new NicContext().pool(POOL).totalVfs(2).maxQueuePairs(4));
        for (final int pairs : new int[] {0, -1, 5, Integer.MAX_VALUE, Integer.MIN_VALUE})
        {
            final IovException ex = assertThrows(IovException.class, () -> pf.allocate("vm", pairs));
            assertEquals(IovException.Reason.BAD_CONFIGURATION, ex.reason());
            assertNamed("queuePairs", "must be 1..4", ex);
        }
        assertEquals(2, pf.freeVfs(), "no VF was taken");
    }

    private static void assertNamed(final String field, final String allowed, final RuntimeException ex)
    {
        assertTrue(ex.getMessage().startsWith(field + " ") || ex.getMessage().startsWith(field + ":"), ex.getMessage());
        assertTrue(ex.getMessage().contains(allowed), ex.getMessage());
    }
}
