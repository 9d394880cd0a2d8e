package dev.twinpath.datapath.migrate;

import dev.twinpath.packet.pool.PacketDescriptor;
import dev.twinpath.vf.ring.SpscDescriptorRing;

/**
 * The host-to-host forwarding of one live migration: frames that still reach the VM's old switch port
 * after it left go, in order, to its new port on the destination host, and the end marker the rack
 * sent behind the last of them closes the stream.
 * <p>
 * Single producer (the source host's switch thread, through the old port's {@link VmPortLink}; in a
 * destination process, the wire receiver of frames forwarded from the source process), single consumer
 * (the destination host's switch thread, through the new port's link; in a source process, the wire sender
 * that carries them to the destination process). The ring's
 * own release/acquire pair orders the descriptors; {@link #forwarded()} and {@link #closed()} are
 * written by the producer with release semantics and read by the control thread. (E): the producer
 * adds a burst's frames to {@link #forwarded()} before the ring publishes the burst, so a thread that
 * has seen the end marker read (the destination, or the control thread through the destination's
 * volatile flags) reads the final count.
 */
public final class ForwardingChannel
{
    private final String name;
    private final long endEpoch;
    private final SpscDescriptorRing ring;
    private volatile long forwarded;
    private volatile boolean closed;
    private volatile boolean drained;

    /**
     * @param endEpoch the epoch of the rack's end marker that closes the stream.
     * @param capacity descriptors in flight at most (a power of two); when full the source switch waits.
     */
    public ForwardingChannel(final String name, final long endEpoch, final int capacity)
    {
        this.name = name;
        this.endEpoch = endEpoch;
        this.ring = new SpscDescriptorRing(capacity);
    }

    public String name()
    {
        return name;
    }

    public long endEpoch()
    {
        return endEpoch;
    }

    /** @return true when {@code descriptor} is this channel's end marker. */
    boolean isEnd(final long descriptor)
    {
        return PacketDescriptor.isMarker(descriptor) && PacketDescriptor.epoch(descriptor) == endEpoch;
    }

    /** @return frames forwarded so far (not markers); final once the end marker has been read (E). Any thread. */
    public long forwarded()
    {
        return forwarded;
    }

    /** @return true once the end marker went into the channel: nothing more comes. Any thread. */
    public boolean closed()
    {
        return closed;
    }

    /** @return true once the destination read the end marker: every forwarded frame reached the VM's new port. Any thread. */
    public boolean drained()
    {
        return drained;
    }

    /**
     * Source switch thread: forward descriptors in order. Only as many as the ring surely has room for
     * are taken (the consumer can only free more meanwhile), so their frames are counted before the
     * burst is published (E) and none is counted and then left out.
     *
     * @return how many were taken (the rest waits: the channel is full).
     */
    public int offer(final long[] descriptors, final int offset, final int count)
    {
        final int fits = Math.min(count, ring.capacity() - ring.size()); // acquire of the consumer's head
        long frames = 0;
        boolean end = false;
        for (int i = offset; i < offset + fits; i++)
        {
            final long d = descriptors[i];
            if (!PacketDescriptor.isMarker(d))
            {
                frames++;
            }
            else if (PacketDescriptor.epoch(d) == endEpoch)
            {
                end = true;
            }
        }
        if (frames != 0)
        {
            forwarded = forwarded + frames; // single writer; release (E): before the ring publishes them
        }
        // takes all of them; the ring's release (C) pairs with the destination's acquire of each slot
        final int n = ring.enqueueBurst(descriptors, offset, fits);
        if (end)
        {
            closed = true;
        }
        return n;
    }

    /**
     * Destination switch thread (or, when the VM leaves for another process, the wire sender that carries the
     * channel there). @return descriptors read into {@code into}.
     */
    public int poll(final long[] into, final int offset, final int max)
    {
        return ring.dequeueBurst(into, offset, max);
    }

    /** Destination switch thread: the end marker was read. */
    void markDrained()
    {
        drained = true;
    }

    /** @return descriptors in the channel now (approximate from another thread). */
    public int size()
    {
        return ring.size();
    }
}
