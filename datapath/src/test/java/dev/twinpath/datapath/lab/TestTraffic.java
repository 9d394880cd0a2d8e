package dev.twinpath.datapath.lab;

import dev.twinpath.packet.build.FrameBuilder;
import dev.twinpath.packet.build.FrameTemplate;
import dev.twinpath.packet.build.PayloadHeader;
import dev.twinpath.packet.pool.PacketDescriptor;
import dev.twinpath.packet.pool.PacketPool;
import dev.twinpath.packet.pool.PoolCache;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Test traffic: numbered frames on {@code flows} flows from one source MAC to several destinations,
 * and a per-stream checker of loss, order and duplicates. One thread each.
 */
final class TestTraffic
{
    /** Sends up to {@code perCall} frames per call, flow k % flows, to destination flow % n. */
    static final class Source implements TrafficSource
    {
        private final PacketPool pool;
        private final PoolCache cache;
        private final UnsafeBuffer memory;
        private final FrameBuilder[] builders;
        private final int flows;
        private final long[] nextSequence;
        private final long[] burst;
        private int pending;
        private long k;
        long limit = Long.MAX_VALUE;
        int perCall;
        long sent;

        Source(final PacketPool pool, final long srcMac, final long[] dstMacs, final int flows, final int perCall)
        {
            this.pool = pool;
            this.cache = pool.newCache();
            this.memory = pool.buffer();
            this.flows = flows;
            this.perCall = perCall;
            this.nextSequence = new long[flows];
            this.burst = new long[Math.max(perCall, 1)];
            this.builders = new FrameBuilder[dstMacs.length];
            for (int i = 0; i < dstMacs.length; i++)
            {
                builders[i] = new FrameBuilder(new FrameTemplate().srcMac(srcMac).dstMac(dstMacs[i])
                    .addresses("10.0.0.1", "10.0.1." + (i + 1)).ports(1000, 2000).conclude());
            }
        }

        @Override
        public int send(final long nowNanos, final dev.twinpath.datapath.traffic.DescriptorSink sink)
        {
            while (pending < perCall && k < limit)
            {
                final int handle = cache.allocate();
                if (handle < 0)
                {
                    break;
                }
                final int flow = (int)(k % flows);
                final FrameBuilder b = builders[flow % builders.length];
                final int length = b.write(memory, pool.dataOffset(handle), 1024 + flow, 2000, flow, nextSequence[flow]++, nowNanos);
                burst[pending++] = PacketDescriptor.packet(handle, length, 0);
                k++;
            }
            final int n = pending == 0 ? 0 : sink.offer(burst, 0, pending);
            System.arraycopy(burst, n, burst, 0, pending - n);
            pending -= n;
            sent += n;
            return n;
        }
    }

    /** Checks each stream's sequence; frees every packet. */
    static final class Checker implements PacketHandler
    {
        private final PacketPool pool;
        private final PoolCache cache;
        private final UnsafeBuffer memory;
        private final long[] expected;
        private final int payloadHeaderOffset;
        long delivered;
        long gaps;
        long late;
        final long[] byPath = new long[2];
        String firstProblem;

        Checker(final PacketPool pool, final int flows, final int payloadHeaderOffset)
        {
            this.pool = pool;
            this.cache = pool.newCache();
            this.memory = pool.buffer();
            this.expected = new long[flows];
            this.payloadHeaderOffset = payloadHeaderOffset;
        }

        @Override
        public void onBurst(final long[] descriptors, final int count, final long nowNanos)
        {
            for (int i = 0; i < count; i++)
            {
                final long d = descriptors[i];
                final int handle = PacketDescriptor.handle(d);
                final int at = pool.dataOffset(handle) + payloadHeaderOffset;
                final int stream = PayloadHeader.streamId(memory, at);
                final long sequence = PayloadHeader.sequence(memory, at);
                if (sequence > expected[stream])
                {
                    gaps += sequence - expected[stream];
                    problem("stream " + stream + ": expected " + expected[stream] + " got " + sequence + " via path " + PacketDescriptor.port(d));
                }
                else if (sequence < expected[stream])
                {
                    late++;
                    problem("stream " + stream + ": expected " + expected[stream] + " got late/duplicate " + sequence + " via path " + PacketDescriptor.port(d));
                }
                expected[stream] = Math.max(expected[stream], sequence + 1);
                delivered++;
                byPath[PacketDescriptor.port(d) & 1]++;
                cache.free(handle);
            }
        }

        private void problem(final String what)
        {
            if (firstProblem == null)
            {
                firstProblem = what;
            }
        }

        long expectedTotal()
        {
            long sum = 0;
            for (final long e : expected)
            {
                sum += e;
            }
            return sum;
        }
    }

    private TestTraffic()
    {
    }
}
