package dev.twinpath.datapath.traffic;

import org.junit.jupiter.api.Test;

import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrafficProfileTest
{
    @Test
    void defaultsConclude()
    {
        final TrafficProfile profile = new TrafficProfile().conclude();
        assertEquals(1024, profile.flows());
        assertEquals(60, profile.frameLength());
        assertEquals(1_000_000L, profile.ratePps());
        assertEquals(32, profile.burst());
        assertEquals(0, profile.streamIdBase());
        assertEquals(-1, profile.vlan());
        assertEquals(1, profile.destinations().length);
    }

    @Test
    void aTaggedProfileDerivesTheLongerMinimumFrame()
    {
        assertEquals(64, new TrafficProfile().vlan(100).conclude().frameLength());
        assertEquals(128, new TrafficProfile().vlan(100).frameLength(128).conclude().frameLength());
    }

    @Test
    void badValuesAreRefusedNamingTheField()
    {
        refused(p -> p.flows(0), "flows must be 1..1048576: 0");
        refused(p -> p.flows(TrafficProfile.MAX_FLOWS + 1), "flows");
        refused(p -> p.frameLength(59), "frameLength must be 60..9216: 59");
        refused(p -> p.vlan(7).frameLength(60), "frameLength must be 64..9216 with a VLAN tag: 60");
        refused(p -> p.frameLength(9217), "frameLength");
        refused(p -> p.ratePps(-1), "ratePps");
        refused(p -> p.ratePps(TrafficProfile.MAX_RATE_PPS + 1), "ratePps");
        refused(p -> p.burst(0), "burst must be 1..1024: 0");
        refused(p -> p.maxBurstsPerCall(0), "maxBurstsPerCall");
        refused(p -> p.srcMac(0x0100_0000_0001L), "srcMac");
        refused(p -> p.srcMac(1L << 48), "srcMac");
        refused(p -> p.destinations(new long[0]), "destinations must hold 1..4096 MACs: 0");
        refused(p -> p.destinations((long[])null), "destinations");
        refused(p -> p.destinations(1L << 48), "destinations");
        refused(p -> p.srcPort(65536), "srcPort");
        refused(p -> p.dstPort(-1), "dstPort");
        refused(p -> p.srcPort(65000).sourcePorts(1000), "sourcePorts");
        refused(p -> p.sourcePorts(0), "sourcePorts");
        refused(p -> p.streamIdBase(-1), "streamIdBase");
        refused(p -> p.flows(2).streamIdBase(Integer.MAX_VALUE), "streamIdBase");
        refused(p -> p.vlan(4095), "vlan");
    }

    @Test
    void addressesFromText()
    {
        final TrafficProfile profile = new TrafficProfile().srcIp("192.168.1.2").dstIp("10.1.2.3").conclude();
        assertEquals(0xC0A8_0102, profile.srcIp());
        assertEquals(0x0A01_0203, profile.dstIp());
    }

    @Test
    void destinationsAreCopied()
    {
        final long[] macs = {0x0200_0000_0010L, 0x0200_0000_0011L};
        final TrafficProfile profile = new TrafficProfile().destinations(macs);
        macs[0] = 0;
        assertEquals(0x0200_0000_0010L, profile.destinations()[0]);
    }

    private static void refused(final Consumer<TrafficProfile> change, final String message)
    {
        final TrafficProfile profile = new TrafficProfile();
        change.accept(profile);
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, profile::conclude);
        assertTrue(ex.getMessage().startsWith(message), ex.getMessage());
    }
}
