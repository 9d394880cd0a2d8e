package dev.twinpath.datapath.capture;

import dev.twinpath.datapath.lab.VmAdapter;
import dev.twinpath.datapath.steer.RxTap;
import dev.twinpath.packet.pool.PacketDescriptor;
import dev.twinpath.packet.pool.PacketPool;
import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

/**
 * The guest side of a {@link PathCapture}: copies what one adapter's RX reads (frames and end-of-epoch
 * markers, per path and queue, before hold-back) into an Agrona {@link OneToOneRingBuffer} the capture
 * thread drains into the file. The data path never waits for the capture: a full ring drops the copy
 * and counts it ({@link #overflow()}), never the packet.
 * <pre>
 * message (type 1 frame, 2 marker), little-endian:
 *  0                   8          12        14        16                  24
 *  +-------------------+----------+---------+---------+-------------------+------------------+
 *  | time ns (guest)   | flags    | path    | queue   | wire length/epoch | frame bytes ...  |
 *  +-------------------+----------+---------+---------+-------------------+------------------+
 * flags: bit 0 the adapter was in a path switch
 * </pre>
 * Written by the adapter's guest thread (single producer), read by the capture thread; the ring's own
 * release/acquire pairs order the copy before the read.
 */
public final class CaptureTap implements RxTap
{
    static final int FRAME = 1;
    static final int MARKER = 2;
    static final int TIME_OFFSET = 0;
    static final int FLAGS_OFFSET = 8;
    static final int PATH_OFFSET = 12;
    static final int QUEUE_OFFSET = 14;
    static final int VALUE_OFFSET = 16;
    static final int HEADER_LENGTH = 24;
    static final int IN_SWITCH = 1;

    private final VmAdapter adapter;
    private final PacketPool pool;
    private final UnsafeBuffer frames;
    private final RingBuffer ring;
    private final boolean switchesOnly;
    private final int maxFrame;
    private volatile boolean stopped;
    private long overflow;
    private long notCopied;

    /**
     * @param adapter      the adapter whose RX is captured.
     * @param pool         the lab's pool, where the frames are.
     * @param ringBytes    ring capacity, a power of two of at least 64 KiB.
     * @param switchesOnly copy only while the adapter is in a path switch.
     */
    CaptureTap(final VmAdapter adapter, final PacketPool pool, final int ringBytes, final boolean switchesOnly)
    {
        this.adapter = adapter;
        this.pool = pool;
        this.frames = pool.buffer();
        this.switchesOnly = switchesOnly;
        this.ring = new OneToOneRingBuffer(new UnsafeBuffer(BufferUtil.allocateDirectAligned(
            ringBytes + RingBufferDescriptor.TRAILER_LENGTH, 64)));
        this.maxFrame = ring.maxMsgLength() - HEADER_LENGTH;
    }

    @Override
    public void onArrival(final long d, final int pathId, final int queue, final long nowNanos)
    {
        final boolean inSwitch = adapter.adapter().switchInProgress();
        if (switchesOnly && !inSwitch)
        {
            return;
        }
        final boolean marker = PacketDescriptor.isMarker(d);
        if (stopped)
        {
            notCopied += marker ? 0 : 1;
            return;
        }
        final int captured = marker ? 0 : Math.min(PacketDescriptor.length(d), maxFrame);
        final int index = ring.tryClaim(marker ? MARKER : FRAME, HEADER_LENGTH + captured);
        if (index < 0)
        {
            overflow += marker ? 0 : 1;
            return;
        }
        final var buffer = ring.buffer();
        buffer.putLong(index + TIME_OFFSET, nowNanos);
        buffer.putInt(index + FLAGS_OFFSET, inSwitch ? IN_SWITCH : 0);
        buffer.putShort(index + PATH_OFFSET, (short)pathId);
        buffer.putShort(index + QUEUE_OFFSET, (short)queue);
        if (marker)
        {
            buffer.putLong(index + VALUE_OFFSET, PacketDescriptor.epoch(d));
        }
        else
        {
            buffer.putLong(index + VALUE_OFFSET, PacketDescriptor.length(d));
            buffer.putBytes(index + HEADER_LENGTH, frames, pool.dataOffset(PacketDescriptor.handle(d)), captured);
        }
        ring.commit(index); // release: the capture thread's read of this message acquires it
    }

    /** @return the adapter captured. */
    public VmAdapter adapter()
    {
        return adapter;
    }

    RingBuffer ring()
    {
        return ring;
    }

    /** Copy nothing more (the capture reached its limit or closed). Any thread. */
    void stop()
    {
        stopped = true;
    }

    /** @return frames not copied because the capture had stopped. Guest thread, or any thread once the lab stopped. */
    public long notCopied()
    {
        return notCopied;
    }

    /** @return copies dropped because the ring was full. Guest thread, or any thread once the lab stopped. */
    public long overflow()
    {
        return overflow;
    }
}
