package dev.twinpath.datapath.wire;

import dev.twinpath.packet.pool.PacketDescriptor;
import dev.twinpath.packet.pool.PacketPool;
import dev.twinpath.packet.pool.PoolCache;
import io.aeron.ExclusivePublication;
import io.aeron.Publication;
import io.aeron.logbuffer.BufferClaim;
import org.agrona.BufferUtil;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;

import static dev.twinpath.datapath.wire.WireBatchDescriptor.BATCH_LENGTH_OFFSET;
import static dev.twinpath.datapath.wire.WireBatchDescriptor.ENTRY_COUNT_OFFSET;
import static dev.twinpath.datapath.wire.WireBatchDescriptor.ENTRY_FLAGS_OFFSET;
import static dev.twinpath.datapath.wire.WireBatchDescriptor.ENTRY_HEADER_LENGTH;
import static dev.twinpath.datapath.wire.WireBatchDescriptor.ENTRY_KIND_OFFSET;
import static dev.twinpath.datapath.wire.WireBatchDescriptor.ENTRY_LENGTH_OFFSET;
import static dev.twinpath.datapath.wire.WireBatchDescriptor.HEADER_LENGTH;
import static dev.twinpath.datapath.wire.WireBatchDescriptor.MARKER_PAYLOAD_LENGTH;
import static dev.twinpath.datapath.wire.WireBatchDescriptor.RESERVED_OFFSET;
import static dev.twinpath.datapath.wire.WireBatchDescriptor.VERSION_OFFSET;

/**
 * The sending end of the wire: takes bursts of descriptors (pool handles and end-of-epoch markers) and
 * puts many frames into one Aeron message ({@link WireBatchDescriptor}), up to the batch budget, as GSO
 * does. A batch that fits one MTU payload is written in place with {@link ExclusivePublication#tryClaim};
 * a larger one (a jumbo frame, or a budget above the MTU) is built in a staging buffer and
 * {@link ExclusivePublication#offer}ed, which Aeron fragments.
 * <p>
 * {@link #send} returns how many descriptors it took, DPDK-style: a descriptor is taken once its batch
 * is in the log, and its buffer is then freed to the pool exactly once. Back-pressure
 * ({@code BACK_PRESSURED}, {@code ADMIN_ACTION}) takes nothing more: the caller keeps the rest and
 * retries, so no accepted frame is ever lost. {@code NOT_CONNECTED}, {@code CLOSED} and
 * {@code MAX_POSITION_EXCEEDED} are counted per cause ({@link #failures(WirePublicationFailure)}) and
 * returned as Aeron's negative code when nothing was taken (a code Aeron does not document is counted as
 * {@code CLOSED}). A frame longer than the wire's
 * {@code maxFrameLength} (or of 0 bytes) is taken, freed and counted ({@link #oversizeDropped()}): G8.
 * <p>
 * As an {@link Agent} it drains a {@link WireSource} and keeps what the publication refused for the
 * next duty cycle. Zero allocation per frame and per batch.
 * <p>
 * Threading: owned by one thread (the exclusive publication's only writer); counters are plain fields
 * written by it, read by others as a racy snapshot or at a quiescent point.
 */
public final class WireSender implements Agent, AutoCloseable
{
    private final ExclusivePublication publication;
    private final PacketPool pool;
    private final UnsafeBuffer memory;
    private final PoolCache cache;
    private final BufferClaim claim = new BufferClaim();
    private final UnsafeBuffer staging;
    private final int batchBytes;
    private final int maxPayloadLength;
    private final int maxFrameLength;
    private final int maxEntries;
    private final long[] failures = new long[WirePublicationFailure.values().length];
    private final long[] pending;
    private int pendingHead;
    private int pendingCount;
    private WireSource source;

    private long messages;
    private long claimedMessages;
    private long offeredMessages;
    private long frames;
    private long markers;
    private long bytes;
    private long oversizeDropped;
    private long abandoned;

    WireSender(final ExclusivePublication publication, final PacketPool pool, final WireContext context)
    {
        this.publication = publication;
        this.pool = pool;
        this.memory = pool.buffer();
        this.cache = pool.newCache();
        this.batchBytes = context.effectiveBatchBytes();
        this.maxPayloadLength = publication.maxPayloadLength();
        this.maxFrameLength = Math.min(context.maxFrameLength(), pool.dataRoom());
        this.maxEntries = WireBatchDescriptor.maxEntries(batchBytes);
        this.staging = new UnsafeBuffer(BufferUtil.allocateDirectAligned(
            Math.max(batchBytes, HEADER_LENGTH + WireBatchDescriptor.entryLength(maxFrameLength)), 64));
        this.pending = new long[context.burst()];
    }

    /**
     * Put descriptors on the wire, in order, as few Aeron messages as the budget allows.
     *
     * @param descriptors packets (whose buffers this sender frees once sent) and markers.
     * @param offset      first index.
     * @param count       number offered.
     * @return number taken (a prefix; the caller keeps the rest), or, when none was taken because the
     * wire is down, Aeron's code: {@link Publication#NOT_CONNECTED}, {@link Publication#CLOSED} or
     * {@link Publication#MAX_POSITION_EXCEEDED}.
     */
    public int send(final long[] descriptors, final int offset, final int count)
    {
        int taken = 0;
        while (taken < count)
        {
            final int first = offset + taken;
            final int end = offset + count;
            int length = HEADER_LENGTH;
            int entries = 0;
            int i = first;
            while (i < end && entries < maxEntries)
            {
                final long descriptor = descriptors[i];
                final int payload = payloadLength(descriptor);
                if (payload <= 0)
                {
                    break;
                }
                final int entry = WireBatchDescriptor.entryLength(payload);
                if (entries > 0 && length + entry > batchBytes)
                {
                    break;
                }
                length += entry;
                entries++;
                i++;
            }
            if (entries == 0) // descriptors[first] is a frame the wire cannot carry (G8)
            {
                dropOversize(descriptors[first]);
                taken++;
                continue;
            }

            final long result = publish(descriptors, first, entries, length);
            if (result < 0)
            {
                final WirePublicationFailure failure = WirePublicationFailure.of(result);
                failures[failure == null ? WirePublicationFailure.CLOSED.ordinal() : failure.ordinal()]++;
                return taken > 0 || (failure != null && failure.isTransient()) ? taken : (int)result;
            }
            release(descriptors, first, entries);
            messages++;
            bytes += length;
            taken += entries;
        }
        return taken;
    }

    private int payloadLength(final long descriptor)
    {
        if (PacketDescriptor.isMarker(descriptor))
        {
            return MARKER_PAYLOAD_LENGTH;
        }
        final int length = PacketDescriptor.length(descriptor);
        return length > maxFrameLength ? -1 : length;
    }

    private long publish(final long[] descriptors, final int first, final int entries, final int length)
    {
        if (length <= maxPayloadLength)
        {
            final long result = publication.tryClaim(length, claim);
            if (result > 0)
            {
                write(claim.buffer(), claim.offset(), descriptors, first, entries, length);
                claim.commit(); // release: the claimed frame's header length, read by the subscriber (Aeron's pair)
                claimedMessages++;
            }
            return result;
        }
        write(staging, 0, descriptors, first, entries, length);
        final long result = publication.offer(staging, 0, length);
        if (result > 0)
        {
            offeredMessages++;
        }
        return result;
    }

    private void write(final MutableDirectBuffer buffer, final int base, final long[] descriptors, final int first,
        final int entries, final int length)
    {
        buffer.putByte(base + VERSION_OFFSET, (byte)WireBatchDescriptor.VERSION);
        buffer.putByte(base + RESERVED_OFFSET, (byte)0);
        buffer.putShort(base + ENTRY_COUNT_OFFSET, (short)entries, ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(base + BATCH_LENGTH_OFFSET, length, ByteOrder.LITTLE_ENDIAN);
        int position = base + HEADER_LENGTH;
        for (int i = first, last = first + entries; i < last; i++)
        {
            final long descriptor = descriptors[i];
            final int payload;
            if (PacketDescriptor.isMarker(descriptor))
            {
                payload = MARKER_PAYLOAD_LENGTH;
                buffer.putByte(position + ENTRY_KIND_OFFSET, (byte)WireBatchDescriptor.KIND_MARKER);
                buffer.putByte(position + ENTRY_FLAGS_OFFSET, (byte)0);
                buffer.putLong(position + ENTRY_HEADER_LENGTH, descriptor, ByteOrder.LITTLE_ENDIAN);
            }
            else
            {
                payload = PacketDescriptor.length(descriptor);
                buffer.putByte(position + ENTRY_KIND_OFFSET, (byte)WireBatchDescriptor.KIND_FRAME);
                buffer.putByte(position + ENTRY_FLAGS_OFFSET, (byte)PacketDescriptor.flags(descriptor));
                buffer.putBytes(position + ENTRY_HEADER_LENGTH, memory,
                    pool.dataOffset(PacketDescriptor.handle(descriptor)), payload);
            }
            buffer.putShort(position + ENTRY_LENGTH_OFFSET, (short)payload, ByteOrder.LITTLE_ENDIAN);
            final int entryLength = WireBatchDescriptor.entryLength(payload);
            for (int pad = ENTRY_HEADER_LENGTH + payload; pad < entryLength; pad++)
            {
                buffer.putByte(position + pad, (byte)0);
            }
            position += entryLength;
        }
    }

    private void release(final long[] descriptors, final int first, final int entries)
    {
        for (int i = first, last = first + entries; i < last; i++)
        {
            final long descriptor = descriptors[i];
            if (PacketDescriptor.isMarker(descriptor))
            {
                markers++;
            }
            else
            {
                cache.free(PacketDescriptor.handle(descriptor));
                frames++;
            }
        }
    }

    private void dropOversize(final long descriptor)
    {
        cache.free(PacketDescriptor.handle(descriptor));
        oversizeDropped++;
    }

    /** @param source where {@link #doWork()} takes descriptors from. Before the agent runs. */
    public void source(final WireSource source)
    {
        this.source = source;
    }

    /**
     * Send what the last cycle kept back, or a new burst from the {@link WireSource}.
     *
     * @return descriptors taken.
     */
    @Override
    public int doWork()
    {
        if (pendingCount == 0)
        {
            final WireSource s = source;
            if (s == null)
            {
                return 0;
            }
            pendingHead = 0;
            pendingCount = s.dequeueBurst(pending, 0, pending.length);
            if (pendingCount == 0)
            {
                return 0;
            }
        }
        final int taken = send(pending, pendingHead, pendingCount);
        if (taken > 0)
        {
            pendingHead += taken;
            pendingCount -= taken;
            return taken;
        }
        return 0;
    }

    @Override
    public String roleName()
    {
        return "wire-sender";
    }

    /** @return descriptors the agent holds that the publication has not taken yet. */
    public int pending()
    {
        return pendingCount;
    }

    /** @return true once a subscriber is connected. Any thread. */
    public boolean isConnected()
    {
        return publication.isConnected();
    }

    /** @return Aeron messages (batches) sent. */
    public long messages()
    {
        return messages;
    }

    /** @return batches written in place with {@code tryClaim}. */
    public long claimedMessages()
    {
        return claimedMessages;
    }

    /** @return batches copied and {@code offer}ed (larger than one MTU payload). */
    public long offeredMessages()
    {
        return offeredMessages;
    }

    /** @return frames sent (their buffers freed). */
    public long frames()
    {
        return frames;
    }

    /** @return end-of-epoch markers sent. */
    public long markers()
    {
        return markers;
    }

    /** @return batch bytes sent (headers included, Aeron's own headers excluded). */
    public long bytes()
    {
        return bytes;
    }

    /** @return frames longer than the wire's largest frame (or empty), freed and not sent. */
    public long oversizeDropped()
    {
        return oversizeDropped;
    }

    /** @param failure a cause. @return times the publication answered it. */
    public long failures(final WirePublicationFailure failure)
    {
        return failures[failure.ordinal()];
    }

    /** @return the batch budget in bytes. */
    public int batchBytes()
    {
        return batchBytes;
    }

    /** @return the largest batch {@code tryClaim} takes (one MTU payload). */
    public int maxPayloadLength()
    {
        return maxPayloadLength;
    }

    /**
     * Free the descriptors the agent still holds (counted as {@link #abandoned()}), return the cache's
     * buffers to the pool and close the publication. Control path, on the owning thread or after it stopped.
     */
    @Override
    public void close()
    {
        for (int i = pendingHead, end = pendingHead + pendingCount; i < end; i++)
        {
            if (PacketDescriptor.isPacket(pending[i]))
            {
                cache.free(PacketDescriptor.handle(pending[i]));
            }
            abandoned++;
        }
        pendingCount = 0;
        cache.close();
        publication.close();
    }

    /** @return descriptors freed unsent by {@link #close()}. */
    public long abandoned()
    {
        return abandoned;
    }
}
