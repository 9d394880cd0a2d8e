package dev.twinpath.vf.nic;

import dev.twinpath.packet.pool.PacketDescriptor;
import dev.twinpath.packet.pool.PoolCache;
import dev.twinpath.vf.ring.OverflowMode;
import dev.twinpath.vf.ring.SpscDescriptorRing;

/**
 * A ring the NIC produces into (a VF RX queue, the PF default queue, the wire TX port) with the
 * staging area where the embedded switch gathers a burst for it, so the ring's tail is published
 * once per burst. {@link #flush} moves what fits; what does not is dropped and counted in
 * {@link OverflowMode#DROP} (packets only: markers are never dropped) or kept for the next flush in
 * {@link OverflowMode#BACKPRESSURE}, in which case the NIC pulls no new burst until it has drained.
 * <p>
 * Owned by the NIC agent thread (or the control thread while it holds the NIC lock).
 */
final class EgressQueue
{
    enum Kind
    {
        /** A function's receive queue: counts RX_DELIVERED / DROP_RX_RING_FULL. */
        RX,
        /** The wire: counts TX_FORWARDED / DROP_TX_WIRE_FULL. */
        WIRE
    }

    private final SpscDescriptorRing ring;
    private final FunctionCounters functionCounters;
    private final FunctionCounters queueCounters;
    private OverflowMode overflowMode;
    private final Kind kind;
    /** Staging slots kept for markers: packets may not use them. */
    private static final int MARKER_RESERVE = 16;

    private long[] stage;
    private int staged;
    private boolean dirty;
    private long classifiedPackets;
    private long classifiedBytes;

    EgressQueue(
        final SpscDescriptorRing ring,
        final int burst,
        final FunctionCounters functionCounters,
        final FunctionCounters queueCounters,
        final OverflowMode overflowMode,
        final Kind kind)
    {
        this.ring = ring;
        this.stage = new long[Math.max(2, burst) * EmbeddedSwitch.WIRE_BURSTS + MARKER_RESERVE];
        this.functionCounters = functionCounters;
        this.queueCounters = queueCounters;
        this.overflowMode = overflowMode;
        this.kind = kind;
    }

    SpscDescriptorRing ring()
    {
        return ring;
    }

    /** @return true when another packet can be staged (markers have a reserve of their own). */
    boolean hasRoom()
    {
        return staged < stage.length - MARKER_RESERVE;
    }

    /**
     * @return true when this queue holds back-pressured packets: the NIC then reads no new burst. A
     * marker waiting for room in a drop-mode queue does not block anything else.
     */
    boolean blocksNewBursts()
    {
        return overflowMode == OverflowMode.BACKPRESSURE && staged > 0;
    }

    Kind kind()
    {
        return kind;
    }

    int staged()
    {
        return staged;
    }

    /**
     * Stage one descriptor; the caller checked {@link #hasRoom()}. The packet counts as received by
     * the destination (RX_PACKETS/RX_BYTES, or the wire's TX_PACKETS/TX_BYTES) when the stage is
     * next flushed or discarded: one counter update per burst instead of per packet.
     *
     * @return true if this made the queue dirty.
     */
    boolean stage(final long descriptor, final int bytes)
    {
        if (!PacketDescriptor.isMarker(descriptor))
        {
            classifiedPackets++;
            classifiedBytes += bytes;
        }
        else if (staged == stage.length)
        {
            // A marker is never dropped: its reserve is used up (a long-stalled consumer and many
            // control changes), so the staging area grows. Rare, and on the control path's behalf.
            stage = java.util.Arrays.copyOf(stage, stage.length * 2);
        }
        stage[staged++] = descriptor;
        if (!dirty)
        {
            dirty = true;
            return true;
        }
        return false;
    }

    /**
     * Publish the staged burst: one {@code enqueueBurst}, one doorbell.
     *
     * @param cache to free dropped packets into.
     * @return descriptors still staged (0 unless back-pressured, or markers waiting for room).
     */
    int flush(final PoolCache cache)
    {
        dirty = false;
        publishClassified();
        if (staged == 0)
        {
            return 0;
        }
        final int n = ring.enqueueBurst(stage, 0, staged);
        int packets = 0;
        for (int i = 0; i < n; i++)
        {
            packets += PacketDescriptor.isMarker(stage[i]) ? 0 : 1;
        }
        countDelivered(packets);
        if (n == staged)
        {
            staged = 0;
            return 0;
        }
        int kept = 0;
        if (overflowMode == OverflowMode.BACKPRESSURE)
        {
            if (n > 0)
            {
                System.arraycopy(stage, n, stage, 0, staged - n); // nothing to move when the ring took nothing
            }
            kept = staged - n;
        }
        else
        {
            int dropped = 0;
            for (int i = n; i < staged; i++)
            {
                final long d = stage[i];
                if (PacketDescriptor.isMarker(d))
                {
                    stage[kept++] = d; // markers are never dropped
                }
                else
                {
                    cache.free(PacketDescriptor.handle(d));
                    dropped++;
                }
            }
            countDropped(dropped);
        }
        staged = kept;
        return kept;
    }

    /** Change the mode (control path, under the NIC lock). */
    void overflowMode(final OverflowMode mode)
    {
        overflowMode = mode;
    }

    OverflowMode overflowMode()
    {
        return overflowMode;
    }

    void markDirty()
    {
        dirty = true;
    }

    /**
     * The staging area has no room for another packet (cannot happen while the NIC respects
     * back-pressure): the packet is dropped and counted, so it is still accounted for.
     */
    void dropOrKeep(final long d, final int bytes, final PoolCache cache)
    {
        classifiedPackets++;
        classifiedBytes += bytes;
        cache.free(PacketDescriptor.handle(d));
        countDropped(1);
    }

    /**
     * Remove every staged descriptor, handing each to {@code sink} (reset and removal). The staged
     * packets count as received first, so the caller's drop counter keeps the identity.
     *
     * @return how many.
     */
    int discard(final java.util.function.LongConsumer sink)
    {
        publishClassified();
        final int n = staged;
        for (int i = 0; i < n; i++)
        {
            sink.accept(stage[i]);
        }
        staged = 0;
        dirty = false;
        return n;
    }

    private void publishClassified()
    {
        if (classifiedPackets == 0)
        {
            return;
        }
        final NicCounter packets = kind == Kind.RX ? NicCounter.RX_PACKETS : NicCounter.TX_PACKETS;
        final NicCounter bytes = kind == Kind.RX ? NicCounter.RX_BYTES : NicCounter.TX_BYTES;
        functionCounters.add(packets, classifiedPackets);
        functionCounters.add(bytes, classifiedBytes);
        if (queueCounters != null)
        {
            queueCounters.add(packets, classifiedPackets);
            queueCounters.add(bytes, classifiedBytes);
        }
        classifiedPackets = 0;
        classifiedBytes = 0;
    }

    private void countDelivered(final int n)
    {
        if (n == 0)
        {
            return;
        }
        final NicCounter counter = kind == Kind.RX ? NicCounter.RX_DELIVERED : NicCounter.TX_FORWARDED;
        functionCounters.add(counter, n);
        if (queueCounters != null)
        {
            queueCounters.add(counter, n);
        }
    }

    /** A replicated copy for this destination could not get a buffer: received, then dropped. */
    void countNoBuffer(final int bytes)
    {
        classifiedPackets++;
        classifiedBytes += bytes;
        publishClassified();
        final NicCounter counter = kind == Kind.RX ? NicCounter.DROP_RX_NO_BUFFER : NicCounter.DROP_TX_NO_BUFFER;
        functionCounters.add(counter, 1);
        if (queueCounters != null)
        {
            queueCounters.add(counter, 1);
        }
    }

    private void countDropped(final int n)
    {
        if (n == 0)
        {
            return;
        }
        final NicCounter counter = kind == Kind.RX ? NicCounter.DROP_RX_RING_FULL : NicCounter.DROP_TX_WIRE_FULL;
        functionCounters.add(counter, n);
        if (queueCounters != null)
        {
            queueCounters.add(counter, n);
        }
    }
}
