package dev.twinpath.bench.jmh;

import dev.twinpath.packet.pool.PacketDescriptor;
import dev.twinpath.vf.ring.SpscDescriptorRing;
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
 * The ceiling of suite {@code vf-path}'s two-thread layout: what the RX measurement costs when the NIC does nothing
 * but what any NIC thread must do. The same 4,096 frames of 1,024 flows, the same peer/guest thread (stamps each
 * frame's next per-flow sequence, puts bursts of 32 on a wire ring, reads 4 queues and checks every flow's sequence),
 * and a "NIC" thread that takes each burst off the wire ring, reads each frame's destination MAC and UDP source port
 * (the first touch of the frame's line on the NIC's core, which any filter and any hash needs) and puts it on one of
 * 4 queues by that port: no MAC table, no Toeplitz hash, no counters, no VF. What is left is the rings and every
 * frame's cache line changing cores twice, so no NIC on this layout can pass this figure on this machine.
 * <p>
 * Threads: {@link Layout} is shared by the group; {@link Guest} belongs to the peer/guest thread.
 */
public class VfLayoutBenchmark
{
    private static final int FLOWS = VfPathBenchmark.FLOWS;
    private static final int QUEUES = VfPathBenchmark.QUEUES;
    private static final int BURST = VfPathBenchmark.BURST;
    private static final int BUFFERS = 4096;
    private static final int RING_CAPACITY = 1024;

    /** The RX measurement's frames (its NIC is left idle) and the five rings; one per group. */
    @State(Scope.Group)
    public static class Layout extends VfPathBenchmark.Lab
    {
        final SpscDescriptorRing wire = new SpscDescriptorRing(RING_CAPACITY);
        final SpscDescriptorRing[] queues = new SpscDescriptorRing[QUEUES];

        // NIC thread's
        final long[] nicBurst = new long[BURST];
        final long[][] staged = new long[QUEUES][BURST];
        final int[] stagedCount = new int[QUEUES];

        @Setup(Level.Trial)
        public void setUp()
        {
            for (int q = 0; q < QUEUES; q++)
            {
                queues[q] = new SpscDescriptorRing(RING_CAPACITY);
            }
            build(VfPathBenchmark.PEER_MAC, VfPathBenchmark.VF_A); // the same 4,096 frames as the RX measurement
        }

        /** NIC thread: pass what is staged on; take a burst off the wire only once nothing is staged. */
        int nicWork()
        {
            int staging = 0;
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
                    staging += count - sent;
                }
            }
            if (staging > 0)
            {
                return 0;
            }
            final int n = wire.dequeueBurst(nicBurst, 0, BURST);
            for (int i = 0; i < n; i++)
            {
                final long d = nicBurst[i];
                final int at = pool.dataOffset(PacketDescriptor.handle(d));
                final long dstMac = memory.getLong(at) >>> 16; // the first touch of the frame on this core
                final int port = memory.getShort(at + l4Offset, ByteOrder.BIG_ENDIAN) & 0xFFFF;
                final int q = (int)(port ^ dstMac) & (QUEUES - 1);
                staged[q][stagedCount[q]++] = d;
            }
            return n;
        }
    }

    /** The peer and the guest: free buffers, sequences, the score. Peer/guest thread. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Guest
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
        int pending;
        int from;

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

        void send(final Layout layout)
        {
            if (freeCount < 0)
            {
                System.arraycopy(layout.descriptors, 0, free, 0, BUFFERS);
                freeCount = BUFFERS;
            }
            if (pending == 0)
            {
                final int n = Math.min(BURST, freeCount);
                freeCount -= n;
                System.arraycopy(free, freeCount, burst, 0, n);
                for (int i = 0; i < n; i++)
                {
                    final int handle = PacketDescriptor.handle(burst[i]);
                    sequences.stamp(layout.memory, layout.pool.dataOffset(handle) + layout.payloadOffset,
                        layout.flowOf[handle]);
                }
                pending = n;
                from = 0;
            }
            final int sent = layout.wire.enqueueBurst(burst, from, pending);
            from += sent;
            pending -= sent;
        }

        void receive(final Layout layout)
        {
            for (int q = 0; q < QUEUES; q++)
            {
                final int n = layout.queues[q].dequeueBurst(inbound, 0, BURST);
                for (int i = 0; i < n; i++)
                {
                    final long d = inbound[i];
                    if (sequences.inOrder(layout.memory, layout.pool.dataOffset(PacketDescriptor.handle(d)) +
                        layout.payloadOffset))
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
        }
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
    public void ceilingPeerAndGuest(final Layout layout, final Guest guest)
    {
        guest.send(layout);
        guest.receive(layout);
    }
}
