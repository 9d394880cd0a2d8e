package dev.twinpath.bench.jmh;

import dev.twinpath.packet.build.FrameBuilder;
import dev.twinpath.packet.build.FrameTemplate;
import dev.twinpath.packet.pool.PacketDescriptor;
import dev.twinpath.packet.pool.PacketPool;
import dev.twinpath.vf.nic.NicContext;
import dev.twinpath.vf.nic.PhysicalFunction;
import dev.twinpath.vf.nic.VfConfig;
import dev.twinpath.vf.nic.VirtualFunction;
import dev.twinpath.vf.ring.OverflowMode;
import dev.twinpath.vf.ring.SpscDescriptorRing;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.nio.ByteOrder;

/**
 * Suite {@code vf-path}: 60-byte UDP frames (64 on the wire with FCS) of {@value #FLOWS} flows
 * through the NIC model on the default two-thread layout of a 2-core machine: the NIC agent alone on
 * one thread, the wire peer and the guests on the other.
 * <ul>
 *     <li><b>rx</b>: the wire peer stamps the next sequence of each frame's flow and enqueues bursts
 *     on the wire RX ring; the NIC filters on MAC, hashes (RSS) to one of the VF's 4 RX queues; the
 *     guest reads the 4 queues and checks every flow's sequence.</li>
 *     <li><b>tx</b>: the guest sends on the VF's 4 TX queues (a flow always on the same queue); the
 *     NIC checks anti-spoof and forwards to the wire; the wire peer reads the wire TX ring.</li>
 *     <li><b>hairpin</b>: VF A's guest sends to VF B; the NIC switches it inside the NIC; VF B's
 *     guest reads its 4 queues.</li>
 * </ul>
 * The score is frames that arrived in per-flow order, per second ({@link Peer#received}); a frame out
 * of order fails the run. Buffers circulate on the peer thread: a received buffer is stamped and
 * sent again (what its pool cache would give back), so frames are built once. The UDP checksum is
 * zero ("none", legal over IPv4): the NIC does not verify it.
 * <p>
 * Threads: {@link Lab} is shared by the group; {@link Peer} belongs to the peer/guest thread.
 */
public class VfPathBenchmark
{
    public static final int FLOWS = 1024;
    public static final int QUEUES = 4;
    public static final int BURST = 32;
    private static final int BUFFERS = 4096;
    static final long PEER_MAC = 0x0200_0000_00AAL;
    static final long VF_A = 0x0200_0000_1000L;
    private static final long VF_B = 0x0200_0000_1001L;

    /** The NIC, its two VFs and the frames; one per group. */
    public abstract static class Lab
    {
        final PacketPool pool = new PacketPool(new PacketPool.Context().name("vf-path").slotCount(BUFFERS).cacheSize(256));
        final UnsafeBuffer memory = pool.buffer();
        final PhysicalFunction pf = new PhysicalFunction(new NicContext().pool(pool).totalVfs(4).maxQueuePairs(QUEUES)
            .ringCapacity(1024).burst(BURST).overflowMode(OverflowMode.BACKPRESSURE));
        final VirtualFunction a = pf.allocate("a", QUEUES);
        final VirtualFunction b = pf.allocate("b", QUEUES);
        final long[] descriptors = new long[BUFFERS];
        /** Flow of each buffer (fixed at build time), so the sender need not read the frame to learn it. */
        final int[] flowOf = new int[BUFFERS];
        int payloadOffset;
        /** Where each frame's UDP header starts (its source port first). */
        int l4Offset;

        /**
         * First touch of a burst: the sum of 8 bytes at {@code at} in each of the first {@code n} frames. The loads are
         * independent, so the misses of frames last written or read on the other core overlap.
         */
        long touch(final long[] descriptors, final int n, final int at)
        {
            long sum = 0;
            for (int i = 0; i < n; i++)
            {
                sum += memory.getLong(pool.dataOffset(PacketDescriptor.handle(descriptors[i])) + at);
            }
            return sum;
        }

        void build(final long src, final long dst)
        {
            pf.assign(a, new VfConfig().mac(VF_A));
            pf.assign(b, new VfConfig().mac(VF_B));
            final FrameBuilder builder = new FrameBuilder(new FrameTemplate().srcMac(src).dstMac(dst)
                .ipv4(0x0A00_0001, 0x0A00_0002));
            payloadOffset = builder.payloadHeaderOffset();
            l4Offset = builder.l4Offset();
            for (int i = 0; i < BUFFERS; i++)
            {
                final int handle = pool.allocate();
                final int flow = i % FLOWS;
                flowOf[handle] = flow;
                final int at = pool.dataOffset(handle);
                final int length = builder.write(memory, at, 1024 + flow, 5001, flow, 0, 0);
                memory.putShort(at + builder.l4Offset() + 6, (short)0, ByteOrder.BIG_ENDIAN); // no UDP checksum
                descriptors[i] = PacketDescriptor.packet(handle, length, 0, 0);
            }
        }
    }

    @State(Scope.Group)
    public static class RxLab extends Lab
    {
        @Setup(Level.Trial)
        public void setUp()
        {
            build(PEER_MAC, VF_A);
        }
    }

    @State(Scope.Group)
    public static class TxLab extends Lab
    {
        @Setup(Level.Trial)
        public void setUp()
        {
            build(VF_A, PEER_MAC);
        }
    }

    @State(Scope.Group)
    public static class HairpinLab extends Lab
    {
        @Setup(Level.Trial)
        public void setUp()
        {
            build(VF_A, VF_B);
        }
    }

    /**
     * The wire peer and guests: the free buffers, the next sequence per flow on the sending side, the
     * expected sequence per flow on the receiving side, and the score. Peer/guest thread.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Peer
    {
        /** Frames received in per-flow order, this iteration: the score. */
        public long received;
        /** Frames out of per-flow order (fails the run). */
        public long outOfOrder;

        final long[] free = new long[BUFFERS];
        int freeCount = -1;
        final FlowSequences sequences = new FlowSequences(FLOWS);
        final long[] burst = new long[BURST];
        final long[] inbound = new long[BURST];
        final long[][] perQueue = new long[QUEUES][BURST];
        final int[] queued = new int[QUEUES];
        int wirePending;
        int wireFrom;
        /** Sink of the burst's first touch, so the loads are not eliminated. */
        long touch;

        @Setup(Level.Iteration)
        public void reset()
        {
            received = 0;
            outOfOrder = 0;
        }

        @TearDown(Level.Iteration)
        public void check()
        {
            if (outOfOrder != 0)
            {
                throw new IllegalStateException(outOfOrder + " frames arrived out of per-flow order");
            }
        }

        private void init(final Lab lab)
        {
            if (freeCount < 0)
            {
                System.arraycopy(lab.descriptors, 0, free, 0, BUFFERS);
                freeCount = BUFFERS;
            }
        }

        /** Take up to a burst of free buffers and stamp the next sequence of each one's flow. */
        int stamp(final Lab lab)
        {
            init(lab);
            final int n = Math.min(BURST, freeCount);
            freeCount -= n;
            System.arraycopy(free, freeCount, burst, 0, n);
            for (int i = 0; i < n; i++)
            {
                final int handle = PacketDescriptor.handle(burst[i]);
                final int at = lab.pool.dataOffset(handle) + lab.payloadOffset;
                sequences.stamp(lab.memory, at, lab.flowOf[handle]);
            }
            return n;
        }

        /**
         * Check and free a burst. Each frame's line was last read on the NIC's core, so reading it here is a cache
         * miss: the burst is touched first, all loads independent, so the misses overlap (as a DPDK application
         * prefetches its burst) instead of queueing behind each frame's check.
         */
        void take(final Lab lab, final long[] descriptors, final int n)
        {
            touch = lab.touch(descriptors, n, lab.payloadOffset);
            for (int i = 0; i < n; i++)
            {
                final long d = descriptors[i];
                final int at = lab.pool.dataOffset(PacketDescriptor.handle(d)) + lab.payloadOffset;
                if (sequences.inOrder(lab.memory, at))
                {
                    received++;
                }
                else
                {
                    outOfOrder++;
                }
                free[freeCount++] = d;
            }
        }

        void receiveFrom(final Lab lab, final VirtualFunction vf)
        {
            for (int q = 0; q < QUEUES; q++)
            {
                final int n = vf.queuePair(q).receive(inbound, 0, BURST);
                if (n > 0)
                {
                    take(lab, inbound, n);
                }
            }
        }

        /** Frames stamped but not yet taken by the wire ring go first next time, with their sequence. */
        void sendToWire(final Lab lab)
        {
            if (wirePending == 0)
            {
                wirePending = stamp(lab);
                wireFrom = 0;
            }
            final SpscDescriptorRing wire = lab.pf.wireRxRing();
            final int sent = wire.enqueueBurst(burst, wireFrom, wirePending);
            wireFrom += sent;
            wirePending -= sent;
        }

        /**
         * A flow always uses one TX queue (flow mod 4, as XPS or a hash would), so its frames cannot
         * overtake each other across queues. Frames a queue does not take stay pending, ahead of any
         * new frame: no new burst is stamped until every queue has taken its pending frames.
         */
        void sendOnQueues(final Lab lab, final VirtualFunction vf)
        {
            if (queued[0] + queued[1] + queued[2] + queued[3] == 0)
            {
                final int n = stamp(lab);
                for (int i = 0; i < n; i++)
                {
                        final int q = lab.flowOf[PacketDescriptor.handle(burst[i])] & (QUEUES - 1);
                    perQueue[q][queued[q]++] = burst[i];
                }
            }
            for (int q = 0; q < QUEUES; q++)
            {
                final int count = queued[q];
                if (count > 0)
                {
                    final int sent = Math.max(0, vf.queuePair(q).send(perQueue[q], 0, count));
                    if (sent > 0 && sent < count)
                    {
                        System.arraycopy(perQueue[q], sent, perQueue[q], 0, count - sent);
                    }
                    queued[q] = count - sent;
                }
            }
        }
    }

    @Benchmark
    @Group("rx")
    @GroupThreads(1)
    public int rxNic(final RxLab lab)
    {
        return lab.pf.doWork();
    }

    @Benchmark
    @Group("rx")
    @GroupThreads(1)
    public void rxPeerAndGuest(final RxLab lab, final Peer peer)
    {
        peer.sendToWire(lab);
        peer.receiveFrom(lab, lab.a);
    }

    /**
     * The RX path in DESIGN.md's one-thread mode: the wire peer, the NIC and the guest take turns on one thread, so
     * no frame changes cores. Next to {@code rx}, it shows what the two-thread layout costs.
     */
    @Benchmark
    @Group("rxOneThread")
    @GroupThreads(1)
    public int rxOneThread(final RxLab lab, final Peer peer)
    {
        peer.sendToWire(lab);
        final int work = lab.pf.doWork();
        peer.receiveFrom(lab, lab.a);
        return work;
    }

    @Benchmark
    @Group("tx")
    @GroupThreads(1)
    public int txNic(final TxLab lab)
    {
        return lab.pf.doWork();
    }

    @Benchmark
    @Group("tx")
    @GroupThreads(1)
    public void txGuestAndPeer(final TxLab lab, final Peer peer)
    {
        peer.sendOnQueues(lab, lab.a);
        final int n = lab.pf.wireTxRing().dequeueBurst(peer.inbound, 0, BURST);
        peer.take(lab, peer.inbound, n);
    }

    @Benchmark
    @Group("hairpin")
    @GroupThreads(1)
    public int hairpinNic(final HairpinLab lab)
    {
        return lab.pf.doWork();
    }

    @Benchmark
    @Group("hairpin")
    @GroupThreads(1)
    public void hairpinGuests(final HairpinLab lab, final Peer peer)
    {
        peer.sendOnQueues(lab, lab.a);
        peer.receiveFrom(lab, lab.b);
    }
}
