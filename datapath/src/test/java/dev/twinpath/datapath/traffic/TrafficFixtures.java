package dev.twinpath.datapath.traffic;

import dev.twinpath.packet.build.FrameBuilder;
import dev.twinpath.packet.build.FrameTemplate;
import dev.twinpath.packet.build.PayloadHeader;
import dev.twinpath.packet.pool.PacketDescriptor;
import dev.twinpath.packet.pool.PacketPool;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Pools, hand-built frames and an in-memory sink for the traffic tests. Test thread only.
 */
final class TrafficFixtures
{
    private TrafficFixtures()
    {
    }

    static PacketPool pool(final int slots, final int cacheSize)
    {
        return new PacketPool(new PacketPool.Context().name("traffic-test").slotCount(slots).cacheSize(cacheSize)
            .dataRoom(256));
    }

    /** Writes single frames of given stream, sequence and timestamp into a scratch buffer. */
    static final class FrameWriter
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[2048]);
        private final FrameBuilder builder;

        FrameWriter()
        {
            this(new FrameTemplate());
        }

        FrameWriter(final FrameTemplate template)
        {
            builder = new FrameBuilder(template.conclude());
        }

        /** @return the frame length; the frame is at offset 0 of {@link #buffer}. */
        int write(final int streamId, final long sequence, final long timestamp)
        {
            return builder.write(buffer, 0, streamId, sequence, timestamp);
        }

        int payloadHeaderOffset()
        {
            return builder.payloadHeaderOffset();
        }
    }

    /**
     * A sink that keeps what it takes in arrival order, taking at most {@link #budget} per call
     * (negative: everything), and at most its capacity in all until drained.
     */
    static final class CollectingSink implements DescriptorSink
    {
        final long[] taken;
        int count;
        int budget = -1;
        long calls;

        CollectingSink(final int capacity)
        {
            taken = new long[capacity];
        }

        @Override
        public int offer(final long[] descriptors, final int offset, final int n)
        {
            calls++;
            int accept = Math.min(n, taken.length - count);
            if (budget >= 0)
            {
                accept = Math.min(accept, budget);
            }
            System.arraycopy(descriptors, offset, taken, count, accept);
            count += accept;
            return accept;
        }

        /** Free every taken packet back to the pool and forget them. */
        void freeAll(final PacketPool pool)
        {
            for (int i = 0; i < count; i++)
            {
                pool.free(PacketDescriptor.handle(taken[i]));
            }
            count = 0;
        }

        long streamId(final PacketPool pool, final int index)
        {
            return PayloadHeader.streamId(pool.buffer(), headerOffset(pool, index)) & 0xFFFF_FFFFL;
        }

        long sequence(final PacketPool pool, final int index)
        {
            return PayloadHeader.sequence(pool.buffer(), headerOffset(pool, index));
        }

        long timestamp(final PacketPool pool, final int index)
        {
            return PayloadHeader.timestamp(pool.buffer(), headerOffset(pool, index));
        }

        private int headerOffset(final PacketPool pool, final int index)
        {
            final long d = taken[index];
            return TrafficFrames.payloadHeaderOffset(
                pool.buffer(), pool.dataOffset(PacketDescriptor.handle(d)), PacketDescriptor.length(d));
        }
    }
}
