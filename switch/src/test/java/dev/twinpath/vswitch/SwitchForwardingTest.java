package dev.twinpath.vswitch;

import dev.twinpath.packet.codec.EthernetFrames;
import dev.twinpath.packet.pool.PacketDescriptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.twinpath.vswitch.SwitchFixture.MAC_A;
import static dev.twinpath.vswitch.SwitchFixture.MAC_B;
import static dev.twinpath.vswitch.SwitchFixture.MAC_C;
import static dev.twinpath.vswitch.SwitchFixture.MAC_REMOTE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SwitchForwardingTest
{
    private final SwitchFixture f = new SwitchFixture(SwitchType.EXTERNAL);
    private final TestLink a = new TestLink("a");
    private final TestLink b = new TestLink("b");
    private final TestLink c = new TestLink("c");

    @AfterEach
    void tearDown()
    {
        f.consume(a, b, c, f.uplink);
        f.close();
        f.pool.assertNoLeak();
    }

    @Test
    void unknownUnicastFloodsUntilTheDestinationIsLearned()
    {
        f.start();
        final SwitchPort pa = f.vm("a", MAC_A, a);
        final SwitchPort pb = f.vm("b", MAC_B, b);
        f.vm("c", MAC_C, c);

        a.inject(f.frame(MAC_A, MAC_B, -1, 1, 0));
        f.run();
        assertEquals(1, b.delivered.size());
        assertEquals(1, c.delivered.size(), "unknown unicast floods");
        assertEquals(1, f.uplink.delivered.size(), "the uplink is in the flood domain");
        assertEquals(1, f.vswitch.counters().flooded());
        assertEquals(3, f.vswitch.counters().floodCopies());

        b.inject(f.frame(MAC_B, MAC_A, -1, 2, 0));
        f.run();
        assertEquals(1, a.delivered.size(), "A was learned from its first frame: unicast");
        assertEquals(1, c.delivered.size(), "C saw nothing new");

        a.inject(f.frame(MAC_A, MAC_B, -1, 1, 1));
        f.run();
        assertEquals(2, b.delivered.size());
        assertEquals(1, c.delivered.size(), "flooding stopped once B was learned");
        assertEquals(1, f.uplink.delivered.size());
        assertEquals(2, f.vswitch.counters().forwarded());
        assertEquals(1, f.vswitch.counters().port(pa.id(), PortCounter.TRANSMITTED_PACKETS));
        assertEquals(2, f.vswitch.counters().port(pb.id(), PortCounter.TRANSMITTED_PACKETS));
        f.assertIdentity();
    }

    @Test
    void broadcastReachesEveryPortButTheSenderAsSeparateBuffers()
    {
        f.start();
        f.vm("a", MAC_A, a);
        f.vm("b", MAC_B, b);
        f.vm("c", MAC_C, c);
        a.inject(f.frame(MAC_A, EthernetFrames.BROADCAST, -1, 1, 7));
        f.run();
        assertEquals(0, a.delivered.size());
        final long db = b.delivered.getLong(0);
        final long dc = c.delivered.getLong(0);
        final long du = f.uplink.delivered.getLong(0);
        assertTrue(PacketDescriptor.handle(db) != PacketDescriptor.handle(dc)
            && PacketDescriptor.handle(dc) != PacketDescriptor.handle(du), "each port owns its copy");
        assertEquals(List.of((1L << 32) | 7), f.streamSequences(b));
        assertEquals(List.of((1L << 32) | 7), f.streamSequences(f.uplink));
        f.assertIdentity();
    }

    @Test
    void vlansIsolateAndTheUplinkCarriesThemTagged()
    {
        f.start();
        f.vm(new PortSettings().name("a").macAddress(MAC_A).vlan(PortVlan.access(10)), a);
        f.vm(new PortSettings().name("b").macAddress(MAC_B).vlan(PortVlan.access(10)), b);
        f.vm(new PortSettings().name("c").macAddress(MAC_C).vlan(PortVlan.access(20)), c);

        a.inject(f.frame(MAC_A, EthernetFrames.BROADCAST, -1, 1, 0));
        f.run();
        assertEquals(1, b.delivered.size());
        assertEquals(0, c.delivered.size(), "VLAN 20 does not see VLAN 10");
        assertEquals(1, f.uplink.delivered.size());
        assertEquals(10, f.outerVlan(f.uplink.delivered.getLong(0)), "tagged towards the uplink");
        assertEquals(EthernetFrames.UNTAGGED, f.outerVlan(b.delivered.getLong(0)), "access ports get untagged frames");
        assertEquals(64, PacketDescriptor.length(f.uplink.delivered.getLong(0)));

        f.uplink.inject(f.frame(MAC_REMOTE, MAC_C, 20, 2, 0));
        f.uplink.inject(f.frame(MAC_REMOTE, MAC_C, 10, 2, 1));
        f.run();
        assertEquals(1, c.delivered.size(), "only the VLAN 20 frame reaches C");
        assertEquals(EthernetFrames.UNTAGGED, f.outerVlan(c.delivered.getLong(0)), "the tag is stripped for an access port");
        assertEquals(60, PacketDescriptor.length(c.delivered.getLong(0)));
        assertEquals(List.of(2L << 32), f.streamSequences(c));
        f.assertIdentity();
    }

    @Test
    void accessAndUntaggedPortsRefuseTaggedFramesAndTrunksFilterTheirList()
    {
        f.start();
        final SwitchPort pa = f.vm(new PortSettings().name("a").macAddress(MAC_A).vlan(PortVlan.access(10)), a);
        final SwitchPort pb = f.vm(new PortSettings().name("b").macAddress(MAC_B).vlan(PortVlan.trunk(0, 10, 30)), b);
        a.inject(f.frame(MAC_A, MAC_B, 10, 1, 0));
        b.inject(f.frame(MAC_B, MAC_A, 20, 1, 0));
        b.inject(f.frame(MAC_B, MAC_A, 10, 1, 1));
        f.run();
        assertEquals(1, f.vswitch.counters().portDropped(pa.id(), DropCause.VLAN_NOT_ALLOWED));
        assertEquals(1, f.vswitch.counters().portDropped(pb.id(), DropCause.VLAN_NOT_ALLOWED));
        assertEquals(1, a.delivered.size(), "VLAN 10 from the trunk reaches the access port");
        assertEquals(EthernetFrames.UNTAGGED, f.outerVlan(a.delivered.getLong(0)));
        f.assertIdentity();
    }

    @Test
    void trunkNativeVlanTravelsUntaggedAndOtherVlansTagged()
    {
        f.start();
        f.vm(new PortSettings().name("a").macAddress(MAC_A).vlan(PortVlan.access(5)), a);
        f.vm(new PortSettings().name("b").macAddress(MAC_B).vlan(PortVlan.access(6)), b);
        f.vm(new PortSettings().name("t").macAddress(MAC_C).vlan(PortVlan.trunk(5, 6)), c);
        a.inject(f.frame(MAC_A, EthernetFrames.BROADCAST, -1, 1, 0));
        b.inject(f.frame(MAC_B, EthernetFrames.BROADCAST, -1, 2, 0));
        f.run();
        assertEquals(2, c.delivered.size());
        assertEquals(EthernetFrames.UNTAGGED, f.outerVlan(c.delivered.getLong(0)), "native VLAN 5 untagged");
        assertEquals(6, f.outerVlan(c.delivered.getLong(1)));
    }

    @Test
    void spoofGuardDropsForeignSourcesUnlessSpoofingIsOn()
    {
        f.start();
        final SwitchPort pa = f.vm("a", MAC_A, a);
        f.vm(new PortSettings().name("b").macAddress(MAC_B).macAddressSpoofing(true), b);
        f.vm("c", MAC_C, c);
        a.inject(f.frame(MAC_C, EthernetFrames.BROADCAST, -1, 1, 0));
        b.inject(f.frame(MAC_REMOTE, EthernetFrames.BROADCAST, -1, 2, 0));
        a.inject(f.frame(EthernetFrames.BROADCAST, MAC_B, -1, 1, 1));
        f.run();
        assertEquals(1, f.vswitch.counters().portDropped(pa.id(), DropCause.SPOOFED_SOURCE));
        assertEquals(1, f.vswitch.counters().portDropped(pa.id(), DropCause.INVALID_SOURCE));
        assertEquals(List.of(2L << 32), f.streamSequences(c), "the spoofing-allowed port got through");
        assertEquals(MAC_REMOTE, f.srcMac(c.delivered.getLong(0)));
        f.assertIdentity();
    }

    @Test
    void aDestinationLearnedOnTheIngressPortIsNotSentBack()
    {
        f.start();
        f.vm("a", MAC_A, a);
        f.uplink.inject(f.frame(MAC_REMOTE, EthernetFrames.BROADCAST, -1, 1, 0));
        f.uplink.inject(f.frame(0x00AA_BBCC_0002L, MAC_REMOTE, -1, 1, 1));
        f.run();
        assertEquals(1, f.vswitch.counters().dropped(DropCause.LOOPBACK));
        f.assertIdentity();
    }

    @Test
    void markersReachTheirTargetInOrderWithPackets()
    {
        f.start();
        f.vm("a", MAC_A, a);
        final SwitchPort pb = f.vm("b", MAC_B, b);
        f.vm("c", MAC_C, c);
        b.inject(f.frame(MAC_B, EthernetFrames.BROADCAST, -1, 9, 0)); // learn B
        f.run();
        f.consume(a, c, f.uplink);
        a.inject(f.frame(MAC_A, MAC_B, -1, 1, 0));
        a.inject(PacketDescriptor.marker(42, pb.id()));
        a.inject(f.frame(MAC_A, MAC_B, -1, 1, 1));
        a.inject(PacketDescriptor.marker(43, PacketDescriptor.MAX_PORT));
        f.run();
        assertEquals(4, b.delivered.size());
        assertTrue(PacketDescriptor.isPacket(b.delivered.getLong(0)));
        assertEquals(42, PacketDescriptor.epoch(b.delivered.getLong(1)));
        assertTrue(PacketDescriptor.isPacket(b.delivered.getLong(2)));
        assertEquals(43, PacketDescriptor.epoch(b.delivered.getLong(3)));
        assertEquals(1, c.delivered.size(), "the broadcast marker reaches every other port");
        assertEquals(1, f.uplink.delivered.size());
        assertEquals(0, a.delivered.size(), "not the sender");
        assertEquals(1 + 1 + 1 + 1, f.vswitch.counters().markers());
        assertEquals(1, f.vswitch.counters().port(0, PortCounter.MARKERS_TRANSMITTED), "the uplink is port 0");
        assertEquals(2, f.vswitch.counters().port(pb.id(), PortCounter.MARKERS_TRANSMITTED));
    }

    @Test
    void runtFramesAreDroppedAsMalformed()
    {
        f.start();
        final SwitchPort pa = f.vm("a", MAC_A, a);
        final long d = f.frame(MAC_A, MAC_B, -1, 1, 0);
        a.inject(PacketDescriptor.withLength(d, 10));
        f.run();
        assertEquals(1, f.vswitch.counters().portDropped(pa.id(), DropCause.MALFORMED));
        f.assertIdentity();
    }

    @Test
    void descriptorsNamingNoSlotOrTooLongAreDroppedNotThrown()
    {
        f.start();
        final SwitchPort pa = f.vm("a", MAC_A, a);
        f.vm("b", MAC_B, b);
        a.inject(PacketDescriptor.packet(f.pool.capacity() + 5, 60, 0)); // no such slot
        final long d = f.frame(MAC_A, MAC_B, -1, 1, 0);
        a.inject(PacketDescriptor.withLength(d, f.pool.dataRoom() + 1)); // longer than its slot
        a.inject(f.frame(MAC_A, MAC_B, -1, 1, 1));
        f.run();
        assertEquals(1, f.vswitch.counters().portDropped(pa.id(), DropCause.INVALID_DESCRIPTOR));
        assertEquals(1, f.vswitch.counters().portDropped(pa.id(), DropCause.MALFORMED));
        assertEquals(List.of((1L << 32) | 1), f.streamSequences(b), "the good frame after them still goes");
        f.assertIdentity();
    }
}
