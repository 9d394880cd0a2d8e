package dev.twinpath.bench.jmh;

import dev.twinpath.packet.build.FrameBuilder;
import dev.twinpath.packet.build.FrameTemplate;
import dev.twinpath.packet.build.PayloadHeader;
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

import java.nio.ByteOrder;

/**
 * Suite {@code vf-path}: 60-byte UDP frames (64 on the wire with FCS) of {@value #FLOWS} flows
 * through the NIC model on two threads, scored by frames that reached the far side with their
 * per-flow sequence checked:
 * <ul>
 *     <li><b>rx</b>: thread 1 is the wire (stamps the next sequence of the frame's flow into a
 *     recycled buffer and enqueues a burst on the wire RX ring) and the NIC agent (VEB filter, RSS
 *     over 4 queues); thread 2 is the guest, reading the VF's 4 RX queues.</li>
 *     <li><b>tx</b>: thread 1 is the guest sending on the VF's 4 TX queues; thread 2 is the NIC agent
 *     (anti-spoof, switching to the wire) and the wire peer reading the wire TX ring.</li>
 *     <li><b>hairpin</b>: thread 1 is VF A's guest sending to VF B; thread 2 is the NIC agent and VF
 *     B's guest.</li>
 * </ul>
 * Buffers circulate: the receiving side hands each buffer back to the sending side on an SPSC
 * recycle ring (what a per-thread pool cache would do), so the frames are built once and only their
 * sequence numbers change. The UDP checksum is left at zero ("none", legal over IPv4): the NIC does
 * not verify it. A frame out of order counts in {@link Received#outOfOrder}.
 * <p>
 * Threads: {@link Lab} is shared by the two threads of a group; the other states belong to one each.
 */
public class VfPathBenchmark
{
    public static final int FLOWS = 1024;
    public static final int QUEUES = 4;
    public static final int BURST = 32;
    private static final int BUFFERS = 4096;
    private static final long PEER_MAC = 0x0200_0000_00AAL;
    private static final long VF_A = 0x0200_0000_1000L;
    private static final long VF_B = 0x0200_0000_1001L;

    /** Which way the frames go. */
    enum Direction
    {
        RX, TX, HAIRPIN
    }

    /** The NIC, its VFs, the buffers and the recycle ring; one per group. */
    public abstract static class Lab
    {
        final PacketPool pool = new PacketPool(new PacketPool.Context().name("vf-path").slotCount(BUFFERS).cacheSize(256));
        final UnsafeBuffer memory = pool.buffer();
        final PhysicalFunction pf = new PhysicalFunction(new NicContext().pool(pool).totalVfs(4).maxQueuePairs(QUEUES)
            .ringCapacity(1024).burst(BURST).overflowMode(OverflowMode.BACKPRESSURE));
        final VirtualFunction a = pf.allocate("a", QUEUES);
        final VirtualFunction b = pf.allocate("b", QUEUES);
        final SpscDescriptorRing recycle = new SpscDescriptorRing(BUFFERS);
        int payloadOffset;

        void build(final Direction direction)
        {
            pf.assign(a, new VfConfig().mac(VF_A));
            pf.assign(b, new VfConfig().mac(VF_B));
            final FrameTemplate template = direction == Direction.RX ?
                new FrameTemplate().srcMac(PEER_MAC).dstMac(VF_A) :
                new FrameTemplate().srcMac(VF_A).dstMac(direction == Direction.TX ? PEER_MAC : VF_B);
            final FrameBuilder builder = new FrameBuilder(template.ipv4(0x0A00_0001, 0x0A00_0002));
            payloadOffset = builder.payloadHeaderOffset();
            for (int handle = 0; handle < BUFFERS; handle++)
            {
                if (pool.allocate() != handle)
                {
                    throw new IllegalStateException("expected a fresh pool");
                }
                final int flow = handle % FLOWS;
                final int at = pool.dataOffset(handle);
                final int length = builder.write(memory, at, 1024 + flow, 5001, flow, 0, 0);
                memory.putShort(at + builder.l4Offset() + 6, (short)0, ByteOrder.BIG_ENDIAN); // no UDP checksum
                recycle.offer(PacketDescriptor.packet(handle, length, 0, 0));
            }
        }
    }

    @State(Scope.Group)
    public static class RxLab extends Lab
    {
        @Setup(Level.Trial)
        public void setUp()
        {
            build(Direction.RX);
        }
    }

    @State(Scope.Group)
    public static class TxLab extends Lab
    {
        @Setup(Level.Trial)
        public void setUp()
        {
            build(Direction.TX);
        }
    }

    @State(Scope.Group)
    public static class HairpinLab extends Lab
    {
        @Setup(Level.Trial)
        public void setUp()
        {
            build(Direction.HAIRPIN);
        }
    }

    /** The sending side: next sequence per flow, and frames stamped but not yet accepted. Sender thread. */
    @State(Scope.Thread)
    public static class Sender
    {
        final long[] nextSequence = new long[FLOWS];
        final long[] burst = new long[BURST];
        final long[][] perQueue = new long[QUEUES][BURST];
        final int[] queued = new int[QUEUES];
        final int[] sentFrom = new int[QUEUES];
        int pending;
        int start;
        int queuedTotal;

        /** Refill {@link #burst} from the recycle ring and stamp sequences, unless frames are still pending. */
        int stamp(final Lab lab)
        {
            if (pending > 0)
            {
                return pending;
            }
            final int n = lab.recycle.dequeueBurst(burst, 0, BURST);
            for (int i = 0; i < n; i++)
            {
                final int at = lab.pool.dataOffset(PacketDescriptor.handle(burst[i])) + lab.payloadOffset;
                final int flow = lab.memory.getInt(at + PayloadHeader.STREAM_ID_OFFSET, ByteOrder.BIG_ENDIAN);
                final long sequence = nextSequence[flow]++;
                lab.memory.putShort(at + PayloadHeader.SEQUENCE_OFFSET, (short)(sequence >>> 32), ByteOrder.BIG_ENDIAN);
                lab.memory.putInt(at + PayloadHeader.SEQUENCE_OFFSET + 2, (int)sequence, ByteOrder.BIG_ENDIAN);
            }
            start = 0;
            pending = n;
            return n;
        }

        void accepted(final int n)
        {
            start += n;
            pending -= n;
        }

        /**
         * Guest TX: a flow always uses the same TX queue (flow mod 4, as XPS or a hash would), so
         * its frames cannot overtake each other across queues. What a queue does not take is kept.
         */
        void sendOnQueues(final Lab lab, final VirtualFunction vf)
        {
            if (queuedTotal == 0)
            {
                final int n = stamp(lab);
                for (int i = 0; i < n; i++)
                {
                    final long d = burst[i];
                    final int at = lab.pool.dataOffset(PacketDescriptor.handle(d)) + lab.payloadOffset;
                    final int q = lab.memory.getInt(at + PayloadHeader.STREAM_ID_OFFSET, ByteOrder.BIG_ENDIAN) & (QUEUES - 1);
                    perQueue[q][queued[q]++] = d;
                }
                accepted(n);
                queuedTotal = n;
                java.util.Arrays.fill(sentFrom, 0);
                if (n == 0)
                {
                    Thread.onSpinWait();
                    return;
                }
            }
            for (int q = 0; q < QUEUES; q++)
            {
                final int left = queued[q] - sentFrom[q];
                if (left > 0)
                {
                    final int sent = Math.max(0, vf.queuePair(q).send(perQueue[q], sentFrom[q], left));
                    sentFrom[q] += sent;
                    queuedTotal -= sent;
                    if (sentFrom[q] == queued[q])
                    {
                        queued[q] = 0;
                        sentFrom[q] = 0;
                    }
                }
            }
        }
    }

    /** The receiving side: frames received (the score) and the per-flow order check. Receiver thread. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Received
    {
        /** Frames received in order, this iteration. */
        public long received;
        /** Frames whose sequence was not the next of their flow (must stay 0). */
        public long outOfOrder;
        final long[] expected = new long[FLOWS];
        final long[] burst = new long[BURST];

        @Setup(Level.Iteration)
        public void reset()
        {
            received = 0;
            outOfOrder = 0;
        }

        void take(final Lab lab, final long[] descriptors, final int n)
        {
            for (int i = 0; i < n; i++)
            {
                final int at = lab.pool.dataOffset(PacketDescriptor.handle(descriptors[i])) + lab.payloadOffset;
                final int flow = lab.memory.getInt(at + PayloadHeader.STREAM_ID_OFFSET, ByteOrder.BIG_ENDIAN);
                final long sequence = PayloadHeader.sequence(lab.memory, at);
                if (sequence == expected[flow])
                {
                    received++;
                }
                else
                {
                    outOfOrder++;
                }
                expected[flow] = sequence + 1;
            }
            lab.recycle.enqueueBurst(descriptors, 0, n); // capacity = all buffers: always fits
        }

        void takeFromQueues(final Lab lab, final VirtualFunction vf)
        {
            int total = 0;
            for (int q = 0; q < QUEUES; q++)
            {
                final int n = vf.queuePair(q).receive(burst, 0, BURST);
                if (n > 0)
                {
                    take(lab, burst, n);
                    total += n;
                }
            }
            if (total == 0)
            {
                Thread.onSpinWait();
            }
        }
    }

    // ---------------------------------------------------------------- RX: wire -> VEB -> RSS -> 4 queues

    @Benchmark
    @Group("rx")
    @GroupThreads(1)
    public int rxWireAndNic(final RxLab lab, final Sender sender)
    {
        final int n = sender.stamp(lab);
        if (n > 0)
        {
            sender.accepted(lab.pf.wireRxRing().enqueueBurst(sender.burst, sender.start, n));
        }
        return lab.pf.doWork();
    }

    @Benchmark
    @Group("rx")
    @GroupThreads(1)
    public void rxGuest(final RxLab lab, final Received received)
    {
        received.takeFromQueues(lab, lab.a);
    }

    // ---------------------------------------------------------------- TX: 4 queues -> anti-spoof -> wire

    @Benchmark
    @Group("tx")
    @GroupThreads(1)
    public void txGuest(final TxLab lab, final Sender sender)
    {
        sender.sendOnQueues(lab, lab.a);
    }

    @Benchmark
    @Group("tx")
    @GroupThreads(1)
    public void txNicAndWire(final TxLab lab, final Received received)
    {
        lab.pf.doWork();
        final int n = lab.pf.wireTxRing().dequeueBurst(received.burst, 0, BURST);
        if (n > 0)
        {
            received.take(lab, received.burst, n);
        }
    }

    // ---------------------------------------------------------------- hairpin: VF A TX -> VF B RX

    @Benchmark
    @Group("hairpin")
    @GroupThreads(1)
    public void hairpinSender(final HairpinLab lab, final Sender sender)
    {
        sender.sendOnQueues(lab, lab.a);
    }

    @Benchmark
    @Group("hairpin")
    @GroupThreads(1)
    public void hairpinNicAndReceiver(final HairpinLab lab, final Received received)
    {
        lab.pf.doWork();
        received.takeFromQueues(lab, lab.b);
    }
}
