package dev.twinpath.datapath.wire;

import dev.twinpath.packet.pool.PacketDescriptor;
import dev.twinpath.packet.pool.PacketPool;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;

import static dev.twinpath.datapath.wire.WireBatchDescriptor.BATCH_LENGTH_OFFSET;
import static dev.twinpath.datapath.wire.WireBatchDescriptor.ENTRY_COUNT_OFFSET;
import static dev.twinpath.datapath.wire.WireBatchDescriptor.ENTRY_HEADER_LENGTH;
import static dev.twinpath.datapath.wire.WireBatchDescriptor.HEADER_LENGTH;
import static dev.twinpath.datapath.wire.WireBatchDescriptor.MARKER_PAYLOAD_LENGTH;
import static dev.twinpath.datapath.wire.WireBatchDescriptor.RESERVED_OFFSET;
import static dev.twinpath.datapath.wire.WireBatchDescriptor.VERSION_OFFSET;

/**
 * The {@link WireSender}'s open batch: the descriptors it took but has not published yet, in order, with
 * the batch's length and the time its first entry came in. The frames stay in their pool buffers until
 * the batch is written ({@link #write}) straight into the log (or the staging buffer), so batching
 * across sends costs no extra copy. Preallocated, zero allocation.
 * <p>
 * Threading: owned by the sender's thread.
 */
final class WireOpenBatch
{
    private final PacketPool pool;
    private final UnsafeBuffer memory;
    private final long[] descriptors;
    private int entries;
    private int length = HEADER_LENGTH;
    private long openedNanos;

    WireOpenBatch(final PacketPool pool, final int maxEntries)
    {
        this.pool = pool;
        this.memory = pool.buffer();
        this.descriptors = new long[maxEntries];
    }

    /** @param descriptor a packet or marker taken. @param entryLength its entry's bytes. @param nowNanos time, when first. */
    void add(final long descriptor, final int entryLength, final long nowNanos)
    {
        if (entries == 0)
        {
            openedNanos = nowNanos;
        }
        descriptors[entries++] = descriptor;
        length += entryLength;
    }

    /** @return entries held (0: no open batch). */
    int entries()
    {
        return entries;
    }

    /** @return the most entries a batch holds. */
    int capacity()
    {
        return descriptors.length;
    }

    /** @return bytes of the batch as it stands, header included. */
    int length()
    {
        return length;
    }

    /** @return when the first entry came in ({@link System#nanoTime()}). */
    long openedNanos()
    {
        return openedNanos;
    }

    /** @param index 0 .. entries - 1. @return that entry's descriptor. */
    long descriptor(final int index)
    {
        return descriptors[index];
    }

    /** Forget the entries (published, handed back or freed by the caller). */
    void clear()
    {
        entries = 0;
        length = HEADER_LENGTH;
    }

    /** Write the batch ({@link WireBatchDescriptor}) at {@code base}: header, then each entry, padded. */
    void write(final MutableDirectBuffer buffer, final int base)
    {
        buffer.putByte(base + VERSION_OFFSET, (byte)WireBatchDescriptor.VERSION);
        buffer.putByte(base + RESERVED_OFFSET, (byte)0);
        buffer.putShort(base + ENTRY_COUNT_OFFSET, (short)entries, ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(base + BATCH_LENGTH_OFFSET, length, ByteOrder.LITTLE_ENDIAN);
        int position = base + HEADER_LENGTH;
        for (int i = 0; i < entries; i++)
        {
            final long descriptor = descriptors[i];
            final int payload;
            if (PacketDescriptor.isMarker(descriptor))
            {
                payload = MARKER_PAYLOAD_LENGTH;
                buffer.putInt(position, WireBatchDescriptor.entryHeader(payload, WireBatchDescriptor.KIND_MARKER, 0),
                    ByteOrder.LITTLE_ENDIAN);
                buffer.putLong(position + ENTRY_HEADER_LENGTH, descriptor, ByteOrder.LITTLE_ENDIAN);
            }
            else
            {
                payload = PacketDescriptor.length(descriptor);
                buffer.putInt(position, WireBatchDescriptor.entryHeader(payload, WireBatchDescriptor.KIND_FRAME,
                    PacketDescriptor.flags(descriptor)), ByteOrder.LITTLE_ENDIAN);
                buffer.putBytes(position + ENTRY_HEADER_LENGTH, memory,
                    pool.dataOffset(PacketDescriptor.handle(descriptor)), payload);
            }
            final int entryLength = WireBatchDescriptor.entryLength(payload);
            for (int pad = ENTRY_HEADER_LENGTH + payload; pad < entryLength; pad++)
            {
                buffer.putByte(position + pad, (byte)0);
            }
            position += entryLength;
        }
    }
}
