package dev.twinpath.bench.jmh;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Suite {@code vf-path}'s measurements and ceilings run on one thread, their two sides taking turns: every entry must
 * move frames, in per-flow order, and its buffers must keep circulating (a leak would starve the peer and stop the
 * count). What JMH measures is then the same code at speed.
 */
class VfPathBenchmarkRoundsTest
{
    private static final int ROUNDS = 5_000;

    private final VfPathBenchmark path = new VfPathBenchmark();
    private final VfLayoutBenchmark layout = new VfLayoutBenchmark();

    @Test
    void rxDeliversEveryFlowInOrder()
    {
        final VfPathBenchmark.RxLab lab = new VfPathBenchmark.RxLab();
        lab.setUp();
        final VfPathBenchmark.Peer peer = new VfPathBenchmark.Peer();
        for (int i = 0; i < ROUNDS; i++)
        {
            path.rxPeerAndGuest(lab, peer);
            path.rxNic(lab);
        }
        assertMoved(peer);
        assertEquals(peer.received, lab.a.counters().get(dev.twinpath.vf.nic.NicCounter.RX_DELIVERED) - inFlight(lab.a));
    }

    @Test
    void txAndHairpinDeliverEveryFlowInOrder()
    {
        final VfPathBenchmark.TxLab tx = new VfPathBenchmark.TxLab();
        tx.setUp();
        final VfPathBenchmark.Peer txPeer = new VfPathBenchmark.Peer();
        final VfPathBenchmark.HairpinLab hairpin = new VfPathBenchmark.HairpinLab();
        hairpin.setUp();
        final VfPathBenchmark.Peer hairpinPeer = new VfPathBenchmark.Peer();
        for (int i = 0; i < ROUNDS; i++)
        {
            path.txGuestAndPeer(tx, txPeer);
            path.txNic(tx);
            path.hairpinGuests(hairpin, hairpinPeer);
            path.hairpinNic(hairpin);
        }
        assertMoved(txPeer);
        assertMoved(hairpinPeer);
    }

    @Test
    void oneThreadModeDeliversEveryFlowInOrder()
    {
        final VfPathBenchmark.RxLab lab = new VfPathBenchmark.RxLab();
        lab.setUp();
        final VfPathBenchmark.Peer peer = new VfPathBenchmark.Peer();
        for (int i = 0; i < ROUNDS; i++)
        {
            path.rxOneThread(lab, peer);
        }
        assertMoved(peer);
    }

    @Test
    void theCeilingsStandInsDeliverEveryFlowInOrder()
    {
        final VfLayoutBenchmark.Layout four = new VfLayoutBenchmark.Layout();
        four.setUp();
        final VfPathBenchmark.Peer fourPeer = new VfPathBenchmark.Peer();
        final VfLayoutBenchmark.OneRing line = new VfLayoutBenchmark.OneRing();
        line.setUp();
        final VfLayoutBenchmark.StandInNic lineNic = new VfLayoutBenchmark.StandInNic();
        final VfPathBenchmark.Peer linePeer = new VfPathBenchmark.Peer();
        final VfLayoutBenchmark.OneRing bare = new VfLayoutBenchmark.OneRing();
        bare.setUp();
        final VfLayoutBenchmark.StandInNic bareNic = new VfLayoutBenchmark.StandInNic();
        final VfPathBenchmark.Peer barePeer = new VfPathBenchmark.Peer();
        for (int i = 0; i < ROUNDS; i++)
        {
            layout.ceilingPeerAndGuest(four, fourPeer);
            layout.ceilingNic(four);
            layout.lineCeilingPeerAndGuest(line, linePeer);
            layout.lineCeilingNic(line, lineNic);
            layout.ringCeilingPeerAndGuest(bare, barePeer);
            layout.ringCeilingNic(bare, bareNic);
        }
        assertMoved(fourPeer);
        assertMoved(linePeer);
        assertMoved(barePeer);
        assertTrue(lineNic.touched != 0, "the line ceiling's NIC read the frames");
        assertEquals(0, bareNic.touched, "the ring ceiling's NIC never reads a frame");
    }

    /** Descriptors delivered to the VF's RX rings and not yet taken by the guest. */
    private static long inFlight(final dev.twinpath.vf.nic.VirtualFunction vf)
    {
        long n = 0;
        for (int q = 0; q < VfPathBenchmark.QUEUES; q++)
        {
            n += vf.queuePair(q).rxRing().size();
        }
        return n;
    }

    private static void assertMoved(final VfPathBenchmark.Peer peer)
    {
        peer.check(); // throws when a frame came out of per-flow order
        assertEquals(0, peer.outOfOrder);
        // A burst of 32 a round at most; the rings fill first, then every round moves frames.
        assertTrue(peer.received > ROUNDS * 8L, "frames received in order: " + peer.received);
    }
}
