package dev.twinpath.datapath.lab;

import dev.twinpath.datapath.NetVscContext;
import dev.twinpath.datapath.run.RunContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile values for the datapath's configuration, {@link LabContext} and {@link RunContext}: each is refused by
 * {@code conclude()} (and a lab by its constructor) with an {@link IllegalArgumentException} whose message starts
 * with the field's setter name and says what is allowed; nothing hangs, runs out of memory or is clamped.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HostileConfigurationTest
{
    static Stream<Arguments> hostileLabs()
    {
        return Stream.of(
            lab("vms", "must be 1..64", c -> c.vms(0)),
            lab("vms", "must be 1..64", c -> c.vms(Integer.MAX_VALUE)), // refused before any loop over the VMs
            lab("vms", "must be 1..64", c -> c.vms(Integer.MIN_VALUE)),
            lab("totalVfs", "must be 1..256", c -> c.totalVfs(0)),
            lab("queuePairs", "must be 1..16", c -> c.queuePairs(17)),
            lab("poolSlots", "must be 1024..16777216", c -> c.poolSlots(0)),
            lab("poolSlots", "must be 1024..16777216", c -> c.poolSlots(Integer.MAX_VALUE)),
            lab("poolSlots", "must be at least 17408, the descriptors the lab's RX rings hold (17 rings of ringCapacity " +
                "1024), or the pool runs dry before they fill: 16384", c -> c.vms(15).totalVfs(16).poolSlots(16_384)),
            lab("poolSlots", "must be at least 34816, the descriptors the lab's RX rings hold (34 rings",
                c -> c.vms(2).totalVfs(4).queuePairs(16).poolSlots(32_768)),
            lab("dataRoom", "must be 128..9216", c -> c.dataRoom(64)),
            lab("dataRoom", "must be 128..9216", c -> c.dataRoom(1 << 20)),
            lab("burst", "must be 1..256", c -> c.burst(0)),
            lab("ringCapacity", "must be a power of two from 2 x burst (64) to 2^20", c -> c.ringCapacity(1000)),
            lab("ringCapacity", "must be a power of two from 2 x burst (64) to 2^20", c -> c.ringCapacity(32)),
            lab("ringCapacity", "must be a power of two from 2 x burst (64) to 2^20", c -> c.ringCapacity(0)),
            lab("ringCapacity", "must be a power of two from 2 x burst (64) to 2^20", c -> c.ringCapacity(Integer.MIN_VALUE)),
            lab("ringCapacity", "must be a power of two from 2 x burst (64) to 2^20", c -> c.ringCapacity(1 << 30)),
            lab("threading", "must be set", c -> c.threading(null)),
            lab("hostTimeout", "must be > 0", c -> c.hostTimeout(0, TimeUnit.SECONDS)),
            lab("hostTimeout", "must be > 0", c -> c.hostTimeout(-1, TimeUnit.SECONDS)),
            lab("peerMac", "must be a unicast 48-bit address", c -> c.peerMac(0x0100_5E00_0001L)),
            lab("peerMac", "must be a unicast 48-bit address", c -> c.peerMac(-1)),
            lab("vmMacBase", "must be a unicast 48-bit address", c -> c.vmMacBase(0)),
            lab("vmMacBase", "must be a unicast 48-bit address", c -> c.vmMacBase(1L << 50)),
            lab("vmMac", "must be a unicast 48-bit address, unique", c -> c.vmMac(1, c.vmMac(0))),
            lab("vmMac", "no VM 2 (vms = 2, so 0..1)", c -> c.vmMac(2, 0x0200_0000_7777L)),
            lab("adapterCount", "must have 1..8 adapters", c -> c.adapterCount(0, 9)),
            lab("adapterCount", "no VM 5 (vms = 2, so 0..1)", c -> c.adapterCount(5, 1)),
            lab("adapterIov", "no VM 3 (vms = 2, so 0..1)", c -> c.adapterIov(3, 100, 1)),
            lab("team", "no VM -1 (vms = 2, so 0..1)", c -> c.team(-1, new TeamSetup("t", dev.twinpath.datapath.team.TeamMode.ACTIVE_STANDBY))),
            lab("placeVm", "no VM 2", c -> c.placeVm(2, "host")),
            lab("placeVm", "on unknown host 'Z'", c -> c.placeVm(0, "Z")),
            lab("hosts", "duplicate host name 'A'", c -> c.addHost(new HostConfig("A")).addHost(new HostConfig("A"))),
            lab("eventLogCapacity", "must be 16..10000000", c -> c.eventLogCapacity(0)),
            lab("eventLogCapacity", "must be 16..10000000", c -> c.eventLogCapacity(Integer.MAX_VALUE)));
    }

    static Stream<Arguments> hostileRuns()
    {
        return Stream.of(
            run("vms", "must be 1..64", c -> c.vms(-1)),
            run("totalVfs", "must be 2..256", c -> c.totalVfs(1)),
            run("flows", "must be 2..", c -> c.flows(Integer.MIN_VALUE)),
            run("frameLength", "must be 60..9216", c -> c.frameLength(9217)),
            run("ratePps", "must be 0..", c -> c.ratePps(Long.MAX_VALUE)),
            run("guestFlows", "must be 1..65536", c -> c.guestFlows(0)),
            run("duration", "must be 10000000..86400000000000", c -> c.duration(Long.MAX_VALUE, TimeUnit.NANOSECONDS)),
            run("switchInterval", "must be 0..", c -> c.switchInterval(-1, TimeUnit.SECONDS)),
            run("warmup", "must be 0..3600000000000", c -> c.warmup(2, TimeUnit.HOURS)),
            run("vms", "64 VMs with frames of 9216 bytes need a packet pool of 2097152 slots (19461570560 bytes), more " +
                "than a pool may have (16777216 slots, 1073741824 bytes); lower vms, frameLength, queuePairs or " +
                "adapterTemplate.holdBound (4096)", c -> c.vms(64).totalVfs(64).frameLength(9216)),
            run("vms", "need a packet pool of 16777216 slots",
                c -> c.vms(64).totalVfs(64).adapterTemplate(new NetVscContext().holdBound(1 << 15))),
            run("vms", "4 VMs with frames of 9216 bytes need a packet pool of 131072 slots (1216348160 bytes)",
                c -> c.vms(4).frameLength(9216)),
            run("threading", "must be set", c -> c.threading(null)),
            run("adapterTemplate", "must be set", c -> c.adapterTemplate(null)));
    }

    private static Arguments lab(final String field, final String allowed, final UnaryOperator<LabContext> change)
    {
        return Arguments.of(field, allowed, change);
    }

    private static Arguments run(final String field, final String allowed, final UnaryOperator<RunContext> change)
    {
        return Arguments.of(field, allowed, change);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("hostileLabs")
    void aLabIsRefusedNamingTheField(final String field, final String allowed, final UnaryOperator<LabContext> change)
    {
        final IllegalArgumentException concluded = assertThrows(IllegalArgumentException.class,
            () -> change.apply(new LabContext()).conclude());
        assertNamed(field, allowed, concluded);
        final IllegalArgumentException built = assertThrows(IllegalArgumentException.class,
            () -> new Lab(change.apply(new LabContext())).close());
        assertEquals(concluded.getMessage(), built.getMessage());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("hostileRuns")
    void aRunIsRefusedNamingTheField(final String field, final String allowed, final UnaryOperator<RunContext> change)
    {
        assertNamed(field, allowed, assertThrows(IllegalArgumentException.class, () -> change.apply(new RunContext()).conclude()));
    }

    @Test
    void anAdapterSlotBeyondEightIsRefusedWhenSetNotSilentlyGivenToTheNextVm()
    {
        assertNamed("adapterIov", "slot must be 0..7",
            assertThrows(IllegalArgumentException.class, () -> new LabContext().adapterIov(0, 16, 100, 1)));
        assertNamed("adapterIov", "slot must be 0..7",
            assertThrows(IllegalArgumentException.class, () -> new LabContext().adapterIov(0, -1, 100, 1)));
    }

    @Test
    void aRunsLabHasAPoolThatFillsEveryRxRingAndTheLargestRunsStillFit()
    {
        final LabContext wide = new RunContext().vms(64).totalVfs(64).queuePairs(16).conclude().labContext();
        assertTrue(wide.poolSlots() >= wide.rxRingSlots(), wide.poolSlots() + " < " + wide.rxRingSlots());
        assertEquals(2 * 1024 + 64 * 16 * 1024, wide.rxRingSlots());
        new RunContext().vms(16).totalVfs(16).frameLength(1514).conclude();
        new RunContext().vms(3).totalVfs(3).frameLength(9216).conclude();
        assertEquals(65_536, new RunContext().conclude().labContext().poolSlots(), "the default pool is unchanged");
    }

    private static void assertNamed(final String field, final String allowed, final RuntimeException ex)
    {
        assertTrue(ex.getMessage().startsWith(field + " ") || ex.getMessage().startsWith(field + ":"), ex.getMessage());
        assertTrue(ex.getMessage().contains(allowed), ex.getMessage());
    }
}
