package dev.twinpath.bench.jmh;

import dev.twinpath.packet.pool.PacketDescriptor;
import dev.twinpath.vf.ring.SpscDescriptorRing;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.nio.ByteOrder;

/**
 * The ceiling of suite {@code vf-path}'s two-thread layout: what the RX measurement costs when the NIC does nothing
 * but what any NIC thread must do. The RX measurement's own lab, rings and peer/guest thread
 * ({@link VfPathBenchmark.Peer}: stamps each frame's next per-flow sequence, puts bursts of 32 on the wire RX ring,
 * reads the VF's 4 RX queues and checks every flow's sequence), with the NIC agent replaced by a thread that takes
 * each burst off the wire RX ring, reads each frame's destination MAC and UDP source port (the first touch of the
 * frame's line on the NIC's core, which any filter and any hash needs) and puts it on one of the 4 RX rings by that
 * port: no MAC table, no Toeplitz hash, no counters, but the NIC's batching (up to 4 wire bursts a round, each touched
 * whole first, then one doorbell per queue). What is left is the rings and every frame's cache line changing cores.
 * <p>
 * Two narrower entries split that cost in two. Both hand every wire burst whole to one RX ring (one doorbell a burst,
 * per-flow order kept trivially) and run the same peer/guest thread: {@code lineCeiling}'s NIC thread reads the first
 * 8 bytes of each frame first (the one thing any NIC thread must do with a frame the peer wrote on the other core),
 * {@code ringCeiling}'s does not read the frames at all. Their difference is the price of each frame's cache line
 * changing cores; {@code lineCeiling} is what this layout carries when the NIC thread does nothing with a frame but
 * read it.
 * <p>
 * Threads: {@link Layout} and {@link OneRing} are shared by their group; {@link StandInNic} belongs to the NIC thread,
 * the peer to the peer/guest thread.
 */
public class VfLayoutBenchmark
{
    private static final int QUEUES = VfPathBenchmark.QUEUES;
    private static final int BURST = VfPathBenchmark.BURST;

    /** The RX measurement's lab (its NIC agent never runs) and the stand-in NIC's staging; one per group. */
    @State(Scope.Group)
    public static class Layout extends VfPathBenchmark.Lab
    {
        /** Wire bursts a round before the doorbells, as the NIC's RX engine reads. */
        static final int ROUND_BURSTS = 4;

        final SpscDescriptorRing[] queues = new SpscDescriptorRing[QUEUES];
        final long[] nicBurst = new long[BURST];
        final long[] heads = new long[BURST];
        final long[][] staged = new long[QUEUES][BURST * ROUND_BURSTS];
        final int[] stagedCount = new int[QUEUES];

        @Setup(Level.Trial)
        public void setUp()
        {
            build(VfPathBenchmark.PEER_MAC, VfPathBenchmark.VF_A); // the same 4,096 frames as the RX measurement
            for (int q = 0; q < QUEUES; q++)
            {
                queues[q] = a.queuePair(q).rxRing();
            }
        }

        /**
         * Stand-in NIC thread, organised as the NIC's RX engine: pass on what is staged; once nothing is, read up to
         * {@link #ROUND_BURSTS} wire bursts, each touched whole before any frame is placed, then ring the 4 doorbells.
         */
        int nicWork()
        {
            if (flush() > 0)
            {
                return 0;
            }
            int moved = 0;
            for (int b = 0; b < ROUND_BURSTS; b++)
            {
                final int n = pf.wireRxRing().dequeueBurst(nicBurst, 0, BURST);
                for (int i = 0; i < n; i++)
                {
                    heads[i] = memory.getLong(pool.dataOffset(PacketDescriptor.handle(nicBurst[i]))); // first touch
                }
                for (int i = 0; i < n; i++)
                {
                    final long d = nicBurst[i];
                    final int port = memory.getShort(pool.dataOffset(PacketDescriptor.handle(d)) + l4Offset,
                        ByteOrder.BIG_ENDIAN) & 0xFFFF;
                    final int q = (int)(port ^ (heads[i] >>> 16)) & (QUEUES - 1); // a flow always on one queue
                    staged[q][stagedCount[q]++] = d;
                }
                moved += n;
                if (n < BURST)
                {
                    break;
                }
            }
            flush();
            return moved;
        }

        /** @return descriptors still staged: a queue that could not take its whole stage keeps the rest, in order. */
        private int flush()
        {
            int left = 0;
            for (int q = 0; q < QUEUES; q++)
            {
                final int count = stagedCount[q];
                if (count > 0)
                {
                    final int sent = queues[q].enqueueBurst(staged[q], 0, count);
                    if (sent > 0 && sent < count)
                    {
                        System.arraycopy(staged[q], sent, staged[q], 0, count - sent);
                    }
                    stagedCount[q] = count - sent;
                    left += count - sent;
                }
            }
            return left;
        }
    }

    /**
     * The one-ring lab: the RX measurement's frames and rings, the VF's RX queue 0 as the only RX ring; one per group
     * (JMH gives each group its own).
     */
    @State(Scope.Group)
    public static class OneRing extends VfPathBenchmark.Lab
    {
        SpscDescriptorRing rx;

        @Setup(Level.Trial)
        public void setUp()
        {
            build(VfPathBenchmark.PEER_MAC, VfPathBenchmark.VF_A);
            rx = a.queuePair(0).rxRing();
        }

        /** Peer/guest thread: the RX measurement's peer, and its guest reading the one ring. */
        void peerWork(final VfPathBenchmark.Peer peer)
        {
            peer.sendToWire(this);
            final int n = rx.dequeueBurst(peer.inbound, 0, BURST);
            if (n > 0)
            {
                peer.take(this, peer.inbound, n);
            }
        }
    }

    /**
     * The one-ring stand-in NIC: every wire burst whole to the RX ring. Its own object on the NIC thread, so nothing it
     * writes shares a cache line with what the peer/guest thread reads. NIC thread.
     */
    @State(Scope.Thread)
    public static class StandInNic
    {
        final long[] burst = new long[BURST];
        int pending;
        int pendingFrom;
        /** Sink of the frame reads, so they are not eliminated. */
        long touched;

        /** Finish the burst the RX ring could not take, else take the next off the wire. */
        int work(final OneRing lab, final boolean readFrames)
        {
            if (pending == 0)
            {
                pending = lab.pf.wireRxRing().dequeueBurst(burst, 0, BURST);
                pendingFrom = 0;
                if (readFrames)
                {
                    touched = lab.touch(burst, pending, 0);
                }
            }
            final int sent = lab.rx.enqueueBurst(burst, pendingFrom, pending);
            pendingFrom += sent;
            pending -= sent;
            return sent;
        }
    }

    @Benchmark
    @Group("lineCeiling")
    @GroupThreads(1)
    public int lineCeilingNic(final OneRing lab, final StandInNic nic)
    {
        return nic.work(lab, true);
    }

    @Benchmark
    @Group("lineCeiling")
    @GroupThreads(1)
    public void lineCeilingPeerAndGuest(final OneRing lab, final VfPathBenchmark.Peer peer)
    {
        lab.peerWork(peer);
    }

    @Benchmark
    @Group("ringCeiling")
    @GroupThreads(1)
    public int ringCeilingNic(final OneRing lab, final StandInNic nic)
    {
        return nic.work(lab, false);
    }

    @Benchmark
    @Group("ringCeiling")
    @GroupThreads(1)
    public void ringCeilingPeerAndGuest(final OneRing lab, final VfPathBenchmark.Peer peer)
    {
        lab.peerWork(peer);
    }

    @Benchmark
    @Group("ceiling")
    @GroupThreads(1)
    public int ceilingNic(final Layout layout)
    {
        return layout.nicWork();
    }

    @Benchmark
    @Group("ceiling")
    @GroupThreads(1)
    public void ceilingPeerAndGuest(final Layout layout, final VfPathBenchmark.Peer peer)
    {
        peer.sendToWire(layout);
        peer.receiveFrom(layout, layout.a);
    }
}
