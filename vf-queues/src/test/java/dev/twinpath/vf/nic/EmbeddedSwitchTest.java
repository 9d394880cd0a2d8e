package dev.twinpath.vf.nic;

import dev.twinpath.packet.parse.FrameParser;
import dev.twinpath.packet.parse.FrameStatus;
import dev.twinpath.packet.parse.ParsedFrame;
import dev.twinpath.packet.pool.PacketDescriptor;
import dev.twinpath.packet.rss.ToeplitzHash;
import org.agrona.collections.LongArrayList;
import org.junit.jupiter.api.Test;

import static dev.twinpath.vf.nic.NicFixture.PEER_MAC;
import static dev.twinpath.vf.nic.NicFixture.PF_MAC;
import static dev.twinpath.vf.nic.NicFixture.drain;
import static dev.twinpath.vf.nic.NicFixture.vfMac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmbeddedSwitchTest
{
    private final NicFixture nic = new NicFixture();
    private final PhysicalFunction pf = nic.pf;

    @Test
    void wireFramesReachTheVfOwningTheMacOrThePfDefaultQueue()
    {
        final VirtualFunction vf0 = nic.activeVf(1, new VfConfig().mac(vfMac(0)));
        final VirtualFunction vf1 = nic.activeVf(1, new VfConfig().mac(vfMac(1)));
        nic.toWire(nic.frame(PEER_MAC, vfMac(0), -1, 1000, 1));
        nic.toWire(nic.frame(PEER_MAC, vfMac(1), -1, 1000, 2));
        nic.toWire(nic.frame(PEER_MAC, 0x0200_0000_9999L, -1, 1000, 3)); // nobody's
        nic.run();
        final LongArrayList at0 = drain(vf0.queuePair(0).rxRing());
        final LongArrayList at1 = drain(vf1.queuePair(0).rxRing());
        final LongArrayList atPf = drain(pf.pfDefaultRing());
        assertEquals(1, at0.size());
        assertEquals(1, nic.sequence(at0.getLong(0)));
        assertEquals(2, nic.sequence(at1.getLong(0)));
        assertEquals(3, nic.sequence(atPf.getLong(0)));
        assertEquals(3, pf.wireCounters().get(NicCounter.RX_PACKETS));
        assertEquals(1, vf0.counters().get(NicCounter.RX_DELIVERED));
        assertEquals(1, pf.counters().get(NicCounter.RX_DELIVERED));
        nic.free(at0);
        nic.free(at1);
        nic.free(atPf);
        nic.assertNoLeak();
    }

    @Test
    void rssSpreadsFlowsExactlyAsTheIndirectionTableSays()
    {
        final byte[] key = new byte[40];
        for (int i = 0; i < key.length; i++)
        {
            key[i] = (byte)(i * 37 + 11);
        }
        final VirtualFunction vf = nic.activeVf(4, new VfConfig().mac(vfMac(0)).rssKey(key));
        final ToeplitzHash toeplitz = new ToeplitzHash(key);
        final FrameParser parser = new FrameParser();
        final ParsedFrame parsed = new ParsedFrame();
        final int[] expectedPerQueue = new int[4];
        for (int flow = 0; flow < 512; flow++)
        {
            final long d = nic.frame(PEER_MAC, vfMac(0), -1, 1024 + flow, flow);
            assertEquals(FrameStatus.OK, parser.parse(nic.pool.buffer(), nic.pool.dataOffset(PacketDescriptor.handle(d)),
                PacketDescriptor.length(d), parsed));
            final int hash = toeplitz.hashIpv4(parsed.ipv4Src(), parsed.ipv4Dst(), parsed.srcPort(), parsed.dstPort());
            expectedPerQueue[vf.queueFor(hash)]++;
            nic.toWire(d);
            if (flow % 64 == 63)
            {
                nic.run();
            }
        }
        nic.run();
        int total = 0;
        for (int q = 0; q < 4; q++)
        {
            final LongArrayList got = drain(vf.queuePair(q).rxRing());
            assertEquals(expectedPerQueue[q], got.size(), "queue " + q);
            for (int i = 0; i < got.size(); i++)
            {
                final long d = got.getLong(i);
                final int at = nic.pool.dataOffset(PacketDescriptor.handle(d));
                parser.parse(nic.pool.buffer(), at, PacketDescriptor.length(d), parsed);
                assertEquals(q, vf.queueFor(toeplitz.hashIpv4(parsed.ipv4Src(), parsed.ipv4Dst(), parsed.srcPort(),
                    parsed.dstPort())));
            }
            assertEquals(got.size(), vf.queuePair(q).counters().get(NicCounter.RX_DELIVERED));
            total += got.size();
            nic.free(got);
        }
        assertEquals(512, total);
        assertTrue(expectedPerQueue[0] > 64 && expectedPerQueue[3] > 64, "flows spread over the queues");
        nic.assertNoLeak();
    }

    @Test
    void portVlanIsStrippedOnRxInsertedOnTxAndOtherVlansMiss()
    {
        final VirtualFunction vf = nic.activeVf(1, new VfConfig().mac(vfMac(0)).portVlan(100));
        nic.toWire(nic.frame(PEER_MAC, vfMac(0), 100, 1000, 1)); // tagged 100: stripped, delivered
        nic.toWire(nic.frame(PEER_MAC, vfMac(0), 200, 1000, 2)); // wrong VLAN: filter miss
        nic.toWire(nic.frame(PEER_MAC, vfMac(0), -1, 1000, 3));  // untagged: filter miss
        nic.run();
        final LongArrayList got = drain(vf.queuePair(0).rxRing());
        assertEquals(1, got.size());
        final long d = got.getLong(0);
        assertEquals(60 + 4 - 4, PacketDescriptor.length(d), "the 4-byte tag is gone");
        assertEquals(0x0800, nic.pool.buffer().getShort(nic.pool.dataOffset(PacketDescriptor.handle(d)) + 12,
            java.nio.ByteOrder.BIG_ENDIAN) & 0xFFFF);
        assertEquals(1, nic.sequence(d), "payload intact after the strip");
        final LongArrayList missed = drain(pf.pfDefaultRing());
        assertEquals(2, missed.size());
        nic.free(missed);

        // TX: untagged from the guest leaves on the wire tagged with the port VLAN.
        nic.free(got);
        assertEquals(1, vf.queuePair(0).send(new long[]{nic.frame(vfMac(0), PEER_MAC, -1, 1000, 1)}, 0, 1));
        nic.run();
        final LongArrayList out = drain(pf.wireTxRing());
        assertEquals(1, out.size());
        final int at = nic.pool.dataOffset(PacketDescriptor.handle(out.getLong(0)));
        assertEquals(0x8100, nic.pool.buffer().getShort(at + 12, java.nio.ByteOrder.BIG_ENDIAN) & 0xFFFF);
        assertEquals(100, nic.pool.buffer().getShort(at + 14, java.nio.ByteOrder.BIG_ENDIAN) & 0x0FFF);
        assertEquals(1, nic.sequence(out.getLong(0)));
        assertEquals(64, PacketDescriptor.length(out.getLong(0)));
        nic.free(out);
        nic.free(drain(pf.pfDefaultRing()));
        nic.assertNoLeak();
    }

    @Test
    void antiSpoofDropsForeignSourceMacsAndVlansUnlessTrusted()
    {
        final VirtualFunction vf = nic.activeVf(1, new VfConfig().mac(vfMac(0)));
        final VirtualFunction trusted = nic.activeVf(1, new VfConfig().mac(vfMac(1)).trust(true));
        vf.queuePair(0).send(new long[]{
            nic.frame(vfMac(0), PEER_MAC, -1, 1, 1),
            nic.frame(vfMac(7), PEER_MAC, -1, 1, 2),   // spoofed source MAC
            nic.frame(vfMac(0), PEER_MAC, 5, 1, 3)},   // a VLAN it may not use
            0, 3);
        trusted.queuePair(0).send(new long[]{nic.frame(vfMac(7), PEER_MAC, 5, 1, 4)}, 0, 1);
        nic.run();
        final LongArrayList out = drain(pf.wireTxRing());
        assertEquals(2, out.size());
        assertEquals(1, nic.sequence(out.getLong(0)));
        assertEquals(1, vf.counters().get(NicCounter.DROP_TX_SPOOF_MAC));
        assertEquals(1, vf.counters().get(NicCounter.DROP_TX_SPOOF_VLAN));
        assertEquals(3, vf.counters().get(NicCounter.TX_PACKETS));
        assertEquals(vf.counters().get(NicCounter.TX_PACKETS),
            vf.counters().get(NicCounter.TX_FORWARDED) + vf.counters().txDropped(), "TX accounting identity");
        nic.free(out);
        nic.assertNoLeak();
    }

    @Test
    void hairpinBetweenVfsAndToThePf()
    {
        final VirtualFunction a = nic.activeVf(1, new VfConfig().mac(vfMac(0)));
        final VirtualFunction b = nic.activeVf(1, new VfConfig().mac(vfMac(1)));
        a.queuePair(0).send(new long[]{nic.frame(vfMac(0), vfMac(1), -1, 1, 1), nic.frame(vfMac(0), PF_MAC, -1, 1, 2)},
            0, 2);
        nic.run();
        final LongArrayList atB = drain(b.queuePair(0).rxRing());
        final LongArrayList atPf = drain(pf.pfDefaultRing());
        assertEquals(1, atB.size());
        assertEquals(1, nic.sequence(atB.getLong(0)));
        assertEquals(2, nic.sequence(atPf.getLong(0)));
        assertEquals(0, drain(pf.wireTxRing()).size(), "hairpinned traffic never touches the wire");
        nic.free(atB);
        nic.free(atPf);
        nic.assertNoLeak();
    }

    @Test
    void broadcastIsReplicatedToEveryMemberOfTheVlan()
    {
        final VirtualFunction a = nic.activeVf(1, new VfConfig().mac(vfMac(0)));
        final VirtualFunction b = nic.activeVf(1, new VfConfig().mac(vfMac(1)));
        final VirtualFunction c = nic.activeVf(1, new VfConfig().mac(vfMac(2)));
        final VirtualFunction other = nic.activeVf(1, new VfConfig().mac(vfMac(3)).portVlan(7));
        a.queuePair(0).send(new long[]{nic.frame(vfMac(0), 0xFFFF_FFFF_FFFFL, -1, 1, 42)}, 0, 1);
        nic.run();
        final LongArrayList atB = drain(b.queuePair(0).rxRing());
        final LongArrayList atC = drain(c.queuePair(0).rxRing());
        final LongArrayList atPf = drain(pf.pfDefaultRing());
        final LongArrayList atWire = drain(pf.wireTxRing());
        assertEquals(0, drain(a.queuePair(0).rxRing()).size(), "not back to the sender");
        assertEquals(0, drain(other.queuePair(0).rxRing()).size(), "not into another VLAN");
        for (final LongArrayList copy : java.util.List.of(atB, atC, atPf, atWire))
        {
            assertEquals(1, copy.size());
            assertEquals(42, nic.sequence(copy.getLong(0)));
        }
        assertTrue(PacketDescriptor.handle(atB.getLong(0)) != PacketDescriptor.handle(atC.getLong(0)),
            "each member gets its own buffer");
        for (final LongArrayList copy : java.util.List.of(atB, atC, atPf, atWire))
        {
            nic.free(copy);
        }
        nic.assertNoLeak();
    }

    @Test
    void linkDownDropsBothWaysAndCounts()
    {
        final VirtualFunction vf = nic.activeVf(1, new VfConfig().mac(vfMac(0)).linkState(LinkState.DISABLE));
        nic.toWire(nic.frame(PEER_MAC, vfMac(0), -1, 1, 1));
        vf.queuePair(0).send(new long[]{nic.frame(vfMac(0), PEER_MAC, -1, 1, 2)}, 0, 1);
        nic.run();
        assertEquals(1, vf.counters().get(NicCounter.DROP_RX_LINK_DOWN));
        assertEquals(1, vf.counters().get(NicCounter.DROP_TX_LINK_DOWN));
        pf.linkState(vf, LinkState.ENABLE);
        nic.toWire(nic.frame(PEER_MAC, vfMac(0), -1, 1, 3));
        nic.run();
        final LongArrayList got = drain(vf.queuePair(0).rxRing());
        assertEquals(1, got.size());
        nic.free(got);
        assertEquals(vf.counters().get(NicCounter.RX_PACKETS),
            vf.counters().get(NicCounter.RX_DELIVERED) + vf.counters().rxDropped(), "RX accounting identity");
        nic.assertNoLeak();
    }

    @Test
    void rateLimitDropsAboveTheRateAndRefillsWithTime()
    {
        final VirtualFunction vf = nic.activeVf(1, new VfConfig().mac(vfMac(0)).rateLimit(6_000, 120)); // 2 frames
        final long[] frames = new long[4];
        for (int i = 0; i < 4; i++)
        {
            frames[i] = nic.frame(vfMac(0), PEER_MAC, -1, 1, i);
        }
        vf.queuePair(0).send(frames, 0, 4);
        nic.run();
        final LongArrayList passed = drain(pf.wireTxRing());
        assertEquals(2, passed.size(), "the bucket holds two 60-byte frames");
        nic.free(passed);
        assertEquals(2, vf.counters().get(NicCounter.DROP_TX_RATE_LIMIT));
        nic.fakeNanos += 20_000_000; // 20 ms at 6,000 B/s = 120 bytes
        vf.queuePair(0).send(new long[]{nic.frame(vfMac(0), PEER_MAC, -1, 1, 9)}, 0, 1);
        nic.run();
        assertEquals(3, vf.counters().get(NicCounter.TX_FORWARDED), "refilled after 20 ms");
        nic.free(drain(pf.wireTxRing()));
        nic.assertNoLeak();
    }
}
