package dev.twinpath.vf.nic;

import dev.twinpath.packet.pool.PacketDescriptor;
import dev.twinpath.vf.ring.OverflowMode;
import org.agrona.collections.LongArrayList;
import org.junit.jupiter.api.Test;

import static dev.twinpath.vf.nic.NicFixture.PEER_MAC;
import static dev.twinpath.vf.nic.NicFixture.drain;
import static dev.twinpath.vf.nic.NicFixture.vfMac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VfLifecycleTest
{
    @Test
    void theVfPoolIsFiniteAndSaysWhy()
    {
        final NicFixture nic = new NicFixture(2, 64, OverflowMode.DROP);
        nic.pf.allocate("a", 1);
        nic.pf.allocate("b", 1);
        assertEquals(0, nic.pf.freeVfs());
        final IovException e = assertThrows(IovException.class, () -> nic.pf.allocate("c", 1));
        assertEquals(IovException.Reason.VF_POOL_EXHAUSTED, e.reason());
        assertEquals("no virtual function left on nic0: all 2 are allocated", e.getMessage());
        assertEquals(IovException.Reason.BAD_CONFIGURATION,
            assertThrows(IovException.class, () -> new NicFixture().pf.allocate("d", 17)).reason());
    }

    @Test
    void wrongStatesAndDuplicateMacsAreRefused()
    {
        final NicFixture nic = new NicFixture();
        final VirtualFunction vf = nic.activeVf(1, new VfConfig().mac(vfMac(0)));
        assertEquals(IovException.Reason.WRONG_STATE,
            assertThrows(IovException.class, () -> nic.pf.assign(vf, new VfConfig().mac(vfMac(1)))).reason());
        final VirtualFunction other = nic.pf.allocate("x", 1);
        assertEquals(IovException.Reason.MAC_IN_USE,
            assertThrows(IovException.class, () -> nic.pf.assign(other, new VfConfig().mac(vfMac(0)))).reason());
        assertEquals(IovException.Reason.WRONG_STATE,
            assertThrows(IovException.class, () -> nic.pf.functionLevelReset(vf)).reason());
        assertEquals(IovException.Reason.WRONG_STATE, assertThrows(IovException.class, () -> nic.pf.release(vf)).reason());
        assertTrue(assertThrows(IovException.class, () -> nic.pf.assign(other, new VfConfig().mac(vfMac(2)).portVlan(4095)))
            .getMessage().startsWith("portVlan must be 1..4094"));
    }

    @Test
    void plannedRemovalPutsAnEndMarkerAfterTheLastFrameAndDrainsTx()
    {
        final NicFixture nic = new NicFixture();
        final VirtualFunction vf = nic.activeVf(2, new VfConfig().mac(vfMac(0)));
        for (int i = 0; i < 40; i++)
        {
            nic.toWire(nic.frame(PEER_MAC, vfMac(0), -1, 2000 + i, i));
        }
        nic.run();
        vf.queuePair(1).send(new long[]{nic.frame(vfMac(0), PEER_MAC, -1, 1, 100)}, 0, 1);
        nic.pf.revoke(vf, 7);
        assertEquals(QueuePair.FUNCTION_REVOKED, vf.queuePair(1).send(new long[1], 0, 1));
        assertEquals(VfState.REVOKING, vf.state());
        nic.toWire(nic.frame(PEER_MAC, vfMac(0), -1, 3000, 99)); // after the revoke: the PF's
        nic.run();
        assertEquals(VfState.REVOKED, vf.state());
        int frames = 0;
        for (int q = 0; q < 2; q++)
        {
            final LongArrayList got = drain(vf.queuePair(q).rxRing());
            final long last = got.getLong(got.size() - 1);
            assertTrue(PacketDescriptor.isMarker(last), "queue " + q + " ends with the marker");
            assertEquals(7, PacketDescriptor.epoch(last));
            for (int i = 0; i < got.size() - 1; i++)
            {
                assertFalse(PacketDescriptor.isMarker(got.getLong(i)));
            }
            frames += got.size() - 1;
            nic.free(got);
        }
        assertEquals(40, frames);
        final LongArrayList atPf = drain(nic.pf.pfDefaultRing());
        assertEquals(1, atPf.size());
        assertEquals(99, nic.sequence(atPf.getLong(0)));
        final LongArrayList wire = drain(nic.pf.wireTxRing());
        assertEquals(1, wire.size(), "TX queued before the revoke was still sent");
        nic.free(atPf);
        nic.free(wire);
        nic.pf.release(vf);
        assertEquals(VfState.FREE, vf.state());
        nic.assertNoLeak();
    }

    @Test
    void functionLevelResetReturnsEveryBufferAndCountsIt()
    {
        final NicFixture nic = new NicFixture();
        final VirtualFunction vf = nic.activeVf(1, new VfConfig().mac(vfMac(0)));
        for (int i = 0; i < 10; i++)
        {
            nic.toWire(nic.frame(PEER_MAC, vfMac(0), -1, 1, i));
        }
        nic.run();
        nic.pf.revoke(vf, 1);
        final long late = nic.frame(vfMac(0), PEER_MAC, -1, 1, 1);
        assertEquals(QueuePair.FUNCTION_REVOKED, vf.queuePair(0).send(new long[]{late}, 0, 1),
            "a planned removal closes TX: the guest sends on the synthetic path");
        nic.pool.free(PacketDescriptor.handle(late));
        // The NIC has not run since: the RX ring holds 10 frames and the marker is staged.
        assertEquals(IovException.Reason.WRONG_STATE,
            assertThrows(IovException.class, () -> nic.pf.functionLevelReset(vf)).reason());
        nic.run();
        final QueuePair old = vf.queuePair(0);
        assertEquals(10, nic.pf.functionLevelReset(vf));
        assertEquals(10, vf.counters().get(NicCounter.RX_RECLAIMED), "delivered, never read, taken back");
        assertEquals(QueuePair.FUNCTION_REMOVED, old.receive(new long[4], 0, 4), "the old queues are detached");
        assertTrue(vf.queuePair(0) != old && vf.queuePair(0).rxRing().isEmpty(), "fresh queues after the reset");
        nic.assertNoLeak();
    }

    @Test
    void surpriseRemovalMidBurstReportsExactlyWhatTheVfHeld()
    {
        final NicFixture nic = new NicFixture();
        final VirtualFunction vf = nic.activeVf(1, new VfConfig().mac(vfMac(0)));
        for (int i = 0; i < 5; i++)
        {
            nic.toWire(nic.frame(PEER_MAC, vfMac(0), -1, 1, i));
        }
        nic.run(); // 5 frames wait in the VF's RX ring
        final long[] tx = {nic.frame(vfMac(0), PEER_MAC, -1, 1, 50), nic.frame(vfMac(0), PEER_MAC, -1, 1, 51)};
        vf.queuePair(0).send(tx, 0, 2);
        for (int i = 5; i < 25; i++)
        {
            nic.toWire(nic.frame(PEER_MAC, vfMac(0), -1, 1, i));
        }
        nic.pf.injectSurpriseRemoval(vf, 8); // vanishes after the 8th frame of the next burst
        nic.run();

        assertEquals(VfState.REMOVED, vf.state());
        final SurpriseRemovalReport report = vf.removalReport();
        assertEquals(8, report.rxDropped().size(), "frames 5..12 were classified to it but not queued");
        for (int i = 0; i < 8; i++)
        {
            assertEquals(5 + i, nic.sequence(report.rxDropped().getLong(i)));
        }
        assertEquals(8, vf.counters().get(NicCounter.DROP_RX_SURPRISE_REMOVAL));
        assertEquals(5, report.rxHeld(0));
        assertEquals(2, report.txReturned().size(), "the TX it had queued comes back for re-sending");
        assertEquals(50, nic.sequence(report.txReturned().getLong(0)));
        assertEquals(51, nic.sequence(report.txReturned().getLong(1)));

        // Frames 13..24 arrived after it vanished: they went to the PF default queue.
        final LongArrayList atPf = drain(nic.pf.pfDefaultRing());
        assertEquals(12, atPf.size());
        assertEquals(13, nic.sequence(atPf.getLong(0)));

        // The guest learns of it and hands back what its RX ring held.
        assertEquals(QueuePair.FUNCTION_REMOVED, vf.queuePair(0).receive(new long[8], 0, 8));
        final long[] reclaimed = new long[16];
        final int n = vf.queuePair(0).reclaimAfterRemoval(reclaimed);
        assertEquals(5, n);
        for (int i = 0; i < n; i++)
        {
            assertEquals(i, nic.sequence(reclaimed[i]));
            nic.pool.free(PacketDescriptor.handle(reclaimed[i]));
        }
        nic.free(atPf);
        nic.free(report.txReturned());
        nic.pf.release(vf);
        assertEquals(0, vf.counters().get(NicCounter.DROP_RX_RESET) + vf.counters().get(NicCounter.DROP_TX_RESET) +
            vf.counters().get(NicCounter.RX_RECLAIMED), "nothing was left behind");
        nic.assertNoLeak();
    }

    @Test
    void surpriseRemovalHandsBackQueuedTxForResending()
    {
        final NicFixture nic = new NicFixture();
        final VirtualFunction vf = nic.activeVf(1, new VfConfig().mac(vfMac(0)));
        final long[] tx = {nic.frame(vfMac(0), PEER_MAC, -1, 1, 50), nic.frame(vfMac(0), PEER_MAC, -1, 1, 51)};
        vf.queuePair(0).send(tx, 0, 2);
        final SurpriseRemovalReport report = nic.pf.surpriseRemove(vf);
        assertEquals(2, report.txReturned().size());
        assertEquals(tx[0], report.txReturned().getLong(0));
        assertEquals(tx[1], report.txReturned().getLong(1));
        assertEquals(QueuePair.FUNCTION_REMOVED, vf.queuePair(0).send(tx, 0, 1));
        nic.free(report.txReturned());
        nic.pf.release(vf);
        nic.assertNoLeak();
    }

    @Test
    void movingTheMacToThePfAndBackEmitsMarkersIntoTheOldQueue()
    {
        final NicFixture nic = new NicFixture();
        final VirtualFunction vf = nic.activeVf(1, new VfConfig().mac(vfMac(0)));
        nic.toWire(nic.frame(PEER_MAC, vfMac(0), -1, 1, 1));
        nic.run();
        nic.pf.moveMacToPf(vf, 11);
        nic.toWire(nic.frame(PEER_MAC, vfMac(0), -1, 1, 2));
        nic.run();
        nic.pf.moveMacToVf(vf, 12);
        nic.toWire(nic.frame(PEER_MAC, vfMac(0), -1, 1, 3));
        nic.run();
        final LongArrayList atVf = drain(vf.queuePair(0).rxRing());
        final LongArrayList atPf = drain(nic.pf.pfDefaultRing());
        assertEquals(3, atVf.size());
        assertEquals(1, nic.sequence(atVf.getLong(0)));
        assertEquals(11, PacketDescriptor.epoch(atVf.getLong(1)));
        assertEquals(3, nic.sequence(atVf.getLong(2)));
        assertEquals(2, atPf.size());
        assertEquals(2, nic.sequence(atPf.getLong(0)));
        assertEquals(12, PacketDescriptor.epoch(atPf.getLong(1)));
        nic.free(atVf);
        nic.free(atPf);
        nic.assertNoLeak();
    }

    @Test
    void dropModeCountsRingFullAndBackpressureLosesNothing()
    {
        for (final OverflowMode mode : OverflowMode.values())
        {
            final NicFixture nic = new NicFixture(2, 64, mode);
            final VirtualFunction vf = nic.activeVf(1, new VfConfig().mac(vfMac(0)));
            for (int i = 0; i < 60; i++)
            {
                nic.toWire(nic.frame(PEER_MAC, vfMac(0), -1, 1, i));
            }
            for (int round = 0; round < 3; round++)
            {
                nic.pf.doWork(); // the guest does not read: the 64-slot ring fills up
            }
            for (int i = 60; i < 120; i++)
            {
                nic.toWire(nic.frame(PEER_MAC, vfMac(0), -1, 1, i));
            }
            final LongArrayList got = new LongArrayList();
            for (int round = 0; round < 100; round++)
            {
                nic.pf.doWork();
                got.addAll(drain(vf.queuePair(0).rxRing()));
            }
            final FunctionCounters c = vf.counters();
            assertEquals(120, c.get(NicCounter.RX_PACKETS), mode.name());
            assertEquals(c.get(NicCounter.RX_PACKETS), c.get(NicCounter.RX_DELIVERED) + c.get(NicCounter.DROP_RX_RING_FULL),
                mode + ": received = delivered + dropped");
            assertEquals(got.size(), c.get(NicCounter.RX_DELIVERED));
            if (mode == OverflowMode.BACKPRESSURE)
            {
                assertEquals(120, got.size(), "lossless");
                for (int i = 0; i < 120; i++)
                {
                    assertEquals(i, nic.sequence(got.getLong(i)), "in order");
                }
            }
            else
            {
                assertTrue(c.get(NicCounter.DROP_RX_RING_FULL) > 0, "drop mode dropped");
            }
            nic.free(got);
            nic.assertNoLeak();
        }
    }

    @Test
    void overflowModeIsChosenPerVirtualFunction()
    {
        final NicFixture nic = new NicFixture(4, 64, OverflowMode.DROP);
        final VirtualFunction dropping = nic.activeVf(1, new VfConfig().mac(vfMac(0)));
        final VirtualFunction lossless = nic.activeVf(1, new VfConfig().mac(vfMac(1)).overflowMode(OverflowMode.BACKPRESSURE));
        assertEquals(OverflowMode.DROP, dropping.queuePair(0).overflowMode());
        assertEquals(OverflowMode.BACKPRESSURE, lossless.queuePair(0).overflowMode());
        final LongArrayList got = new LongArrayList();
        for (int batch = 0; batch < 4; batch++)
        {
            for (int i = 0; i < 25; i++)
            {
                nic.toWire(nic.frame(PEER_MAC, vfMac(0), -1, 1, batch * 25 + i));
                nic.toWire(nic.frame(PEER_MAC, vfMac(1), -1, 1, batch * 25 + i));
            }
            for (int round = 0; round < 10; round++)
            {
                nic.pf.doWork(); // the dropping VF's guest never reads: its 64-slot ring overflows
                got.addAll(drain(lossless.queuePair(0).rxRing()));
            }
        }
        assertTrue(dropping.counters().get(NicCounter.DROP_RX_RING_FULL) > 0);
        assertEquals(0, lossless.counters().get(NicCounter.DROP_RX_RING_FULL));
        for (int i = 0; i < got.size(); i++)
        {
            assertEquals(i, nic.sequence(got.getLong(i)));
        }
        nic.free(drain(dropping.queuePair(0).rxRing()));
        assertEquals(100, got.size(), "the lossless VF lost nothing, although it shares the wire with a dropping one");
        nic.free(got);
        nic.assertNoLeak();
    }
}
