package dev.twinpath.vf.nic;

import dev.twinpath.packet.pool.PacketDescriptor;
import dev.twinpath.vf.ring.OverflowMode;
import org.agrona.collections.LongArrayList;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static dev.twinpath.vf.nic.NicFixture.PEER_MAC;
import static dev.twinpath.vf.nic.NicFixture.drain;
import static dev.twinpath.vf.nic.NicFixture.vfMac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hard cases: stalled guests, steering moves with broadcast and hairpin, faults, accounting, races. */
class NicReviewScenariosTest
{
    @Test
    void aMarkerWaitingForAStalledGuestDoesNotStopTheNic()
    {
        final NicFixture nic = new NicFixture(4, 64, OverflowMode.DROP);
        final VirtualFunction stalled = nic.activeVf(1, new VfConfig().mac(vfMac(0)));
        final VirtualFunction busy = nic.activeVf(1, new VfConfig().mac(vfMac(1)));
        for (int i = 0; i < 50; i++)
        {
            nic.toWire(nic.frame(PEER_MAC, vfMac(0), -1, 1, i));
        }
        for (int round = 0; round < 10; round++)
        {
            nic.pf.doWork();
        }
        for (int i = 50; i < 80; i++)
        {
            nic.toWire(nic.frame(PEER_MAC, vfMac(0), -1, 1, i)); // its 64-slot ring is now full
        }
        nic.run();
        nic.pf.moveMacToPf(stalled, 5); // the end marker cannot be queued yet
        final LongArrayList got = new LongArrayList();
        for (int i = 0; i < 40; i++)
        {
            nic.toWire(nic.frame(PEER_MAC, vfMac(1), -1, 1, i));
            nic.pf.doWork();
            got.addAll(drain(busy.queuePair(0).rxRing()));
        }
        nic.run();
        got.addAll(drain(busy.queuePair(0).rxRing()));
        assertEquals(40, got.size(), "the other VF's traffic kept flowing");
        final LongArrayList stalledQueue = drain(stalled.queuePair(0).rxRing());
        nic.run();
        stalledQueue.addAll(drain(stalled.queuePair(0).rxRing()));
        assertTrue(PacketDescriptor.isMarker(stalledQueue.getLong(stalledQueue.size() - 1)),
            "once the guest reads, the marker follows its last frame");
        nic.free(got);
        nic.free(stalledQueue);
        nic.assertNoLeak();
    }

    @Test
    void aMacMovedToThePfGetsNoBroadcastCopyAndHairpinFollowsItToThePf()
    {
        final NicFixture nic = new NicFixture();
        final VirtualFunction moved = nic.activeVf(1, new VfConfig().mac(vfMac(0)));
        final VirtualFunction sender = nic.activeVf(1, new VfConfig().mac(vfMac(1)));
        nic.pf.moveMacToPf(moved, 9);
        sender.queuePair(0).send(new long[]{
            nic.frame(vfMac(1), 0xFFFF_FFFF_FFFFL, -1, 1, 1),
            nic.frame(vfMac(1), vfMac(0), -1, 1, 2)}, 0, 2);
        nic.run();
        final LongArrayList atMoved = drain(moved.queuePair(0).rxRing());
        assertEquals(1, atMoved.size(), "only its end marker");
        assertTrue(PacketDescriptor.isMarker(atMoved.getLong(0)));
        final LongArrayList atPf = drain(nic.pf.pfDefaultRing());
        assertEquals(2, atPf.size(), "the broadcast copy and the hairpinned frame reach the PF");
        assertEquals(1, nic.sequence(atPf.getLong(0)));
        assertEquals(2, nic.sequence(atPf.getLong(1)));
        final LongArrayList wire = drain(nic.pf.wireTxRing());
        assertEquals(1, wire.size(), "only the broadcast leaves on the wire");
        nic.free(atPf);
        nic.free(wire);
        nic.assertNoLeak();
    }

    @Test
    void aFaultAimedAtAVfThatIsGoneIsIgnoredAndTheBurstIsIntact()
    {
        final NicFixture nic = new NicFixture();
        final VirtualFunction vf = nic.activeVf(1, new VfConfig().mac(vfMac(0)));
        nic.pf.injectSurpriseRemoval(vf, 3);
        nic.pf.revoke(vf, 1);
        nic.run();
        nic.pf.release(vf);
        for (int i = 0; i < 10; i++)
        {
            nic.toWire(nic.frame(PEER_MAC, vfMac(0), -1, 1, i));
        }
        nic.run();
        final LongArrayList atPf = drain(nic.pf.pfDefaultRing());
        assertEquals(10, atPf.size());
        assertEquals(10, nic.pf.wireCounters().get(NicCounter.RX_PACKETS));
        nic.free(atPf);
        nic.assertNoLeak();
    }

    @Test
    void everyFunctionKeepsBothAccountingIdentities()
    {
        final NicFixture nic = new NicFixture(4, 64, OverflowMode.DROP);
        final VirtualFunction a = nic.activeVf(2, new VfConfig().mac(vfMac(0)).rateLimit(10_000, 200));
        final VirtualFunction b = nic.activeVf(1, new VfConfig().mac(vfMac(1)).portVlan(10));
        final VirtualFunction c = nic.activeVf(1, new VfConfig().mac(vfMac(2)).linkState(LinkState.DISABLE));
        for (int i = 0; i < 400; i++)
        {
            nic.toWire(nic.frame(PEER_MAC, vfMac(i % 3), i % 3 == 1 ? 10 : -1, 1000 + i, i));
            if (i % 10 == 0)
            {
                nic.toWire(nic.frame(PEER_MAC, 0xFFFF_FFFF_FFFFL, -1, 1, i));
            }
            if (i % 40 == 0)
            {
                nic.pf.doWork();
            }
        }
        nic.run();
        a.queuePair(0).send(new long[]{
            nic.frame(vfMac(0), vfMac(1), -1, 1, 1), nic.frame(vfMac(0), vfMac(1), 10, 1, 2),
            nic.frame(vfMac(9), PEER_MAC, -1, 1, 3), nic.frame(vfMac(0), PEER_MAC, -1, 1, 4),
            nic.frame(vfMac(0), PEER_MAC, -1, 1, 5), nic.frame(vfMac(0), PEER_MAC, -1, 1, 6)}, 0, 6);
        c.queuePair(0).send(new long[]{nic.frame(vfMac(2), PEER_MAC, -1, 1, 7)}, 0, 1);
        nic.run();
        for (final FunctionCounters counters : new FunctionCounters[]{
            a.counters(), b.counters(), c.counters(), nic.pf.counters(),
            a.queuePair(0).counters(), a.queuePair(1).counters(), b.queuePair(0).counters()})
        {
            assertEquals(counters.get(NicCounter.RX_PACKETS),
                counters.get(NicCounter.RX_DELIVERED) + counters.rxDropped(), counters + ": RX identity");
            assertEquals(counters.get(NicCounter.TX_PACKETS),
                counters.get(NicCounter.TX_FORWARDED) + counters.txDropped(), counters + ": TX identity");
        }
        assertTrue(a.counters().get(NicCounter.DROP_RX_RING_FULL) > 0, "ring-full drops happened");
        assertTrue(a.counters().get(NicCounter.DROP_TX_RATE_LIMIT) > 0, "rate-limit drops happened");
        assertEquals(1, a.counters().get(NicCounter.DROP_TX_SPOOF_MAC));
        assertEquals(1, a.counters().get(NicCounter.DROP_TX_SPOOF_VLAN));
        assertTrue(c.counters().get(NicCounter.DROP_RX_LINK_DOWN) > 0 && c.counters().get(NicCounter.DROP_TX_LINK_DOWN) == 1);
        for (final VirtualFunction vf : new VirtualFunction[]{a, b, c})
        {
            for (int q = 0; q < vf.queuePairCount(); q++)
            {
                nic.free(drain(vf.queuePair(q).rxRing()));
            }
        }
        nic.free(drain(nic.pf.pfDefaultRing()));
        nic.free(drain(nic.pf.wireTxRing()));
        nic.assertNoLeak();
    }

    /**
     * A guest sends as fast as it can while the control thread surprise-removes its VF: every frame
     * the guest was told was queued is either forwarded on the wire or handed back in the report;
     * none is lost or counted twice (two busy threads).
     */
    @Test
    void surpriseRemovalRacingAGuestSendLosesNoAcceptedFrame() throws Exception
    {
        for (int trial = 0; trial < 20; trial++)
        {
            final NicFixture nic = new NicFixture(2, 256, OverflowMode.BACKPRESSURE);
            final VirtualFunction vf = nic.activeVf(1, new VfConfig().mac(vfMac(0)));
            final long[] frames = new long[2000];
            for (int i = 0; i < frames.length; i++)
            {
                frames[i] = nic.frame(vfMac(0), PEER_MAC, -1, 1, i);
            }
            final AtomicLong accepted = new AtomicLong();
            final AtomicBoolean started = new AtomicBoolean();
            final Thread guest = new Thread(() ->
            {
                int next = 0;
                while (next < frames.length)
                {
                    started.set(true);
                    final int n = vf.queuePair(0).send(frames, next, Math.min(8, frames.length - next));
                    if (n == QueuePair.FUNCTION_REMOVED)
                    {
                        break;
                    }
                    next += n;
                    accepted.set(next);
                }
            });
            guest.start();
            while (!started.get())
            {
                Thread.onSpinWait();
            }
            final LongArrayList wire = new LongArrayList();
            for (int i = 0; i < trial; i++)
            {
                nic.pf.doWork();
                wire.addAll(drain(nic.pf.wireTxRing()));
            }
            wire.addAll(drain(nic.pf.wireTxRing()));
            final SurpriseRemovalReport report = nic.pf.surpriseRemove(vf);
            guest.join();
            for (int i = 0; i < 20; i++)
            {
                nic.run();
                wire.addAll(drain(nic.pf.wireTxRing()));
            }
            assertEquals(0, nic.pf.wireCounters().get(NicCounter.DROP_TX_WIRE_FULL));
            assertEquals(accepted.get(), wire.size() + report.txReturned().size(),
                "trial " + trial + ": accepted = forwarded + handed back");
            for (int i = 0; i < wire.size(); i++)
            {
                assertEquals(i, nic.sequence(wire.getLong(i)));
            }
            for (int i = 0; i < report.txReturned().size(); i++)
            {
                assertEquals(wire.size() + i, nic.sequence(report.txReturned().getLong(i)), "in order, nothing twice");
            }
            nic.free(wire);
            nic.free(report.txReturned());
            for (int i = (int)accepted.get(); i < frames.length; i++)
            {
                nic.pool.free(PacketDescriptor.handle(frames[i]));
            }
            nic.pf.release(vf);
            nic.assertNoLeak();
        }
    }
}
