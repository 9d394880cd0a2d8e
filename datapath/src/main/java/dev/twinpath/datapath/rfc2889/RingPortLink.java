package dev.twinpath.datapath.rfc2889;

import dev.twinpath.packet.pool.PacketDescriptor;
import dev.twinpath.packet.pool.PacketPool;
import dev.twinpath.vf.ring.SpscDescriptorRing;
import dev.twinpath.vswitch.PortLink;

/**
 * One port of the {@link SwitchUnderTest}: an ingress ring the tester fills ({@link #offer(long)}) and the switch
 * reads, and an egress that counts every frame the switch delivers and frees it (a receiver that never pushes
 * back).
 * <p>
 * Threads: {@link #offer(long)} by the tester's thread (the ring's one producer); {@link #receive} and
 * {@link #transmit} by the switch's thread (the ring's one consumer, the counter's one writer); {@link #delivered()}
 * by any thread.
 */
final class RingPortLink implements PortLink
{
    private final String name;
    private final PacketPool pool;
    private final SpscDescriptorRing ingress;
    private volatile long delivered;
    private long deliveredCount;

    RingPortLink(final String name, final PacketPool pool, final int ringCapacity)
    {
        this.name = name;
        this.pool = pool;
        this.ingress = new SpscDescriptorRing(ringCapacity);
    }

    /** Tester's thread: queue a frame into the switch. @return false when the ring is full (the frame stays the caller's). */
    boolean offer(final long descriptor)
    {
        return ingress.offer(descriptor);
    }

    /** @return frames waiting in the ingress ring. Any thread (a recent value). */
    int queued()
    {
        return ingress.size();
    }

    /** @return frames the switch delivered to this port. Any thread. */
    long delivered()
    {
        return delivered;
    }

    @Override
    public int receive(final long[] into, final int offset, final int max)
    {
        return ingress.dequeueBurst(into, offset, max);
    }

    @Override
    public int transmit(final long[] descriptors, final int offset, final int count)
    {
        int frames = 0;
        for (int i = offset; i < offset + count; i++)
        {
            if (PacketDescriptor.isPacket(descriptors[i]))
            {
                pool.free(PacketDescriptor.handle(descriptors[i]));
                frames++;
            }
        }
        deliveredCount += frames;
        delivered = deliveredCount; // one writer: the volatile store publishes the count to readers
        return count;
    }

    @Override
    public String name()
    {
        return name;
    }
}
