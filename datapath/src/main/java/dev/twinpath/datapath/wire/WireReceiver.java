package dev.twinpath.datapath.wire;

import dev.twinpath.packet.pool.PacketDescriptor;
import dev.twinpath.packet.pool.PacketPool;
import dev.twinpath.packet.pool.PoolCache;
import io.aeron.ControlledFragmentAssembler;
import io.aeron.Subscription;
import io.aeron.logbuffer.ControlledFragmentHandler;
import io.aeron.logbuffer.Header;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;

import static dev.twinpath.datapath.wire.WireBatchDescriptor.BATCH_LENGTH_OFFSET;
import static dev.twinpath.datapath.wire.WireBatchDescriptor.ENTRY_COUNT_OFFSET;
import static dev.twinpath.datapath.wire.WireBatchDescriptor.ENTRY_HEADER_LENGTH;
import static dev.twinpath.datapath.wire.WireBatchDescriptor.HEADER_LENGTH;
import static dev.twinpath.datapath.wire.WireBatchDescriptor.KIND_FRAME;
import static dev.twinpath.datapath.wire.WireBatchDescriptor.KIND_MARKER;
import static dev.twinpath.datapath.wire.WireBatchDescriptor.MARKER_PAYLOAD_LENGTH;
import static dev.twinpath.datapath.wire.WireBatchDescriptor.VERSION_OFFSET;

/**
 * The receiving end of the wire: polls the subscription through a {@link ControlledFragmentAssembler}
 * (a batch larger than one MTU payload, such as a jumbo frame, arrives in fragments and is reassembled),
 * checks each batch ({@link WireBatchDescriptor}), copies its frames into buffers of its pool and hands
 * the descriptors, in wire order, to a {@link WireHandler} in bursts.
 * <p>
 * One poll takes up to {@code fragmentLimit} batches: the receiver holds room for that many whole batches
 * ({@link #pendingCapacity}: 16 x 171 entries with the defaults, at most {@link #MAX_PENDING}), so a poll
 * is not cut short after the first few batches, each cut batch being checked again on the next poll.
 * The frames of the batches polled stay in pool buffers until the handler takes them (16 x 20 = 320 with
 * 64-byte frames and the default MTU); size the pool for it.
 * <p>
 * Lossless: a batch is taken whole or not at all. When the pool cannot give buffers for a whole batch,
 * or the descriptors not yet taken by the handler leave no room for it, the fragment handler answers
 * {@code ABORT} and Aeron delivers the same batch again on a later poll; meanwhile the publication's
 * window fills up and the sender sees back-pressure. A malformed batch is counted by reason
 * ({@link #malformed(WireMalformed)}) and skipped, never thrown (G8).
 * <p>
 * Relays: with a {@link WireForwarder} ({@link #forwarder}), a batch checked well-formed while nothing is waiting
 * for the handler is first offered to it; one it sends on whole is counted ({@link #forwardedMessages()},
 * {@link #forwardedFrames()}) and never touches this receiver's pool, one it cannot send yet (back-pressure) stays in
 * the stream ({@code ABORT}, {@link #forwardStalls()}), and any other is copied and handed as usual.
 * <p>
 * Zero allocation per frame and per batch. Threading: owned by one thread (the subscription's poller);
 * counters are plain fields written by it, read by others as a racy snapshot or at a quiescent point.
 */
public final class WireReceiver implements Agent, ControlledFragmentHandler, AutoCloseable
{
    /** Most descriptors held for the handler, unless one batch alone is larger. */
    static final int MAX_PENDING = 16_384;

    private final Subscription subscription;
    private final PacketPool pool;
    private final UnsafeBuffer memory;
    private final PoolCache cache;
    private final WireHandler handler;
    private final ControlledFragmentAssembler assembler;
    private final int fragmentLimit;
    private final int burst;
    /** Most entries a well-formed batch may have here: more is {@link WireMalformed#TOO_MANY_ENTRIES}. */
    private final int maxBatchEntries;
    private final int maxFrameLength;
    private final long[] pending;
    private final int[] handles;
    private final long[] malformed = new long[WireMalformed.values().length];
    private int pendingHead;
    private int pendingCount;
    private WireForwarder forwarder;
    /** Set by {@link #check}: the longest frame of the batch it last found well-formed. */
    private int largestFrame;

    private long messages;
    private long frames;
    private long markers;
    private long bytes;
    private long poolStalls;
    private long handlerStalls;
    private long delivered;
    private long abandoned;
    private long forwardedMessages;
    private long forwardedFrames;
    private long forwardStalls;

    WireReceiver(final Subscription subscription, final PacketPool pool, final WireHandler handler,
        final WireContext context)
    {
        this.subscription = subscription;
        this.pool = pool;
        this.memory = pool.buffer();
        this.cache = pool.newCache();
        this.handler = handler;
        this.assembler = new ControlledFragmentAssembler(this, context.maxMessageLength() / 8);
        this.fragmentLimit = context.fragmentLimit();
        this.burst = context.burst();
        this.maxFrameLength = Math.min(context.maxFrameLength(), pool.dataRoom());
        this.maxBatchEntries = Math.max(WireBatchDescriptor.maxEntries(context.effectiveBatchBytes()), burst);
        this.pending = new long[pendingCapacity(maxBatchEntries, fragmentLimit)];
        this.handles = new int[maxBatchEntries];
    }

    /**
     * Room for the descriptors of one poll: {@code fragmentLimit} whole batches, so a poll is not cut short
     * after the first batches (each cut batch is read again on the next poll), at most
     * {@link #MAX_PENDING} descriptors but always one whole batch.
     */
    static int pendingCapacity(final int maxBatchEntries, final int fragmentLimit)
    {
        return (int)Math.max(maxBatchEntries, Math.min((long)maxBatchEntries * fragmentLimit, MAX_PENDING));
    }

    /**
     * Hand what the handler has not taken yet; when all is taken, poll Aeron and hand the new batches.
     *
     * @return descriptors handed plus fragments polled.
     */
    @Override
    public int doWork()
    {
        int work = deliver();
        if (pendingCount == 0)
        {
            work += subscription.controlledPoll(assembler, fragmentLimit);
            work += deliver();
        }
        return work;
    }

    private int deliver()
    {
        int work = 0;
        while (pendingCount > 0)
        {
            final int n = Math.min(pendingCount, burst);
            final int taken = handler.onFrames(pending, pendingHead, n);
            if (taken <= 0)
            {
                handlerStalls++;
                break;
            }
            pendingHead += taken;
            pendingCount -= taken;
            delivered += taken;
            work += taken;
            if (taken < n)
            {
                break;
            }
        }
        if (pendingCount == 0)
        {
            pendingHead = 0;
        }
        return work;
    }

    /**
     * One whole batch (reassembled when it was fragmented). Receiver thread.
     */
    @Override
    public Action onFragment(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        if (length >= HEADER_LENGTH) // no room for a batch that may be well-formed: wait before checking it
        {
            final int entries = buffer.getShort(offset + ENTRY_COUNT_OFFSET, ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
            if (entries <= maxBatchEntries && pendingHead + pendingCount + entries > pending.length)
            {
                handlerStalls++;
                return Action.ABORT; // the handler has not taken enough yet: the same batch comes again
            }
        }
        final int frameCount = check(buffer, offset, length);
        if (frameCount < 0)
        {
            malformed[-frameCount - 1]++;
            return Action.CONTINUE;
        }
        final int entries = buffer.getShort(offset + ENTRY_COUNT_OFFSET, ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
        final WireForwarder.Outcome outcome = forwarder == null || pendingCount != 0 ? WireForwarder.Outcome.COPY :
            forwarder.forward(buffer, offset, length, frameCount, entries - frameCount, largestFrame);
        if (outcome == WireForwarder.Outcome.WAIT)
        {
            forwardStalls++;
            return Action.ABORT; // the way out is back-pressured: the same batch comes again
        }
        if (outcome == WireForwarder.Outcome.FORWARDED)
        {
            forwardedMessages++;
            forwardedFrames += frameCount;
            frames += frameCount;
            markers += entries - frameCount;
            messages++;
            bytes += length;
            return Action.CONTINUE;
        }
        if (frameCount > 0 && cache.allocateBulk(handles, 0, frameCount) != frameCount)
        {
            poolStalls++;
            return Action.ABORT; // no buffers for the whole batch: wait, never drop
        }

        int position = offset + HEADER_LENGTH;
        int slot = pendingHead + pendingCount;
        int next = 0;
        for (int i = 0; i < entries; i++)
        {
            final int entryHeader = buffer.getInt(position, ByteOrder.LITTLE_ENDIAN); // length, kind, flags at once
            final int payload = WireBatchDescriptor.headerLength(entryHeader);
            if (WireBatchDescriptor.headerKind(entryHeader) == KIND_MARKER)
            {
                pending[slot++] = buffer.getLong(position + ENTRY_HEADER_LENGTH, ByteOrder.LITTLE_ENDIAN);
                markers++;
            }
            else
            {
                final int handle = handles[next++];
                memory.putBytes(pool.dataOffset(handle), buffer, position + ENTRY_HEADER_LENGTH, payload);
                pending[slot++] = PacketDescriptor.packet(handle, payload, WireBatchDescriptor.headerFlags(entryHeader));
                frames++;
            }
            position += WireBatchDescriptor.entryLength(payload);
        }
        pendingCount += entries;
        messages++;
        bytes += length;
        return Action.CONTINUE;
    }

    /**
     * @return the number of frame entries of a well-formed batch, or {@code -(reason.ordinal() + 1)}.
     */
    private int check(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < HEADER_LENGTH)
        {
            return reject(WireMalformed.SHORT_MESSAGE);
        }
        if (buffer.getByte(offset + VERSION_OFFSET) != WireBatchDescriptor.VERSION)
        {
            return reject(WireMalformed.BAD_VERSION);
        }
        if (buffer.getInt(offset + BATCH_LENGTH_OFFSET, ByteOrder.LITTLE_ENDIAN) != length)
        {
            return reject(WireMalformed.LENGTH_MISMATCH);
        }
        final int entries = buffer.getShort(offset + ENTRY_COUNT_OFFSET, ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
        if (entries == 0)
        {
            return reject(WireMalformed.EMPTY_BATCH);
        }
        if (entries > maxBatchEntries)
        {
            return reject(WireMalformed.TOO_MANY_ENTRIES);
        }
        final int end = offset + length;
        int position = offset + HEADER_LENGTH;
        int frameCount = 0;
        int largest = 0;
        for (int i = 0; i < entries; i++)
        {
            if (position + ENTRY_HEADER_LENGTH > end)
            {
                return reject(WireMalformed.ENTRY_OVERRUN);
            }
            final int header = buffer.getInt(position, ByteOrder.LITTLE_ENDIAN); // length, kind, flags at once
            final int payload = WireBatchDescriptor.headerLength(header);
            final int kind = WireBatchDescriptor.headerKind(header);
            if (position + WireBatchDescriptor.entryLength(payload) > end)
            {
                return reject(WireMalformed.ENTRY_OVERRUN);
            }
            if (kind == KIND_FRAME)
            {
                if (payload == 0 || payload > maxFrameLength)
                {
                    return reject(WireMalformed.BAD_FRAME_LENGTH);
                }
                frameCount++;
                largest = Math.max(largest, payload);
            }
            else if (kind == KIND_MARKER)
            {
                if (payload != MARKER_PAYLOAD_LENGTH ||
                    !PacketDescriptor.isMarker(buffer.getLong(position + ENTRY_HEADER_LENGTH, ByteOrder.LITTLE_ENDIAN)))
                {
                    return reject(WireMalformed.BAD_MARKER);
                }
            }
            else
            {
                return reject(WireMalformed.BAD_KIND);
            }
            position += WireBatchDescriptor.entryLength(payload);
        }
        largestFrame = largest;
        return position == end ? frameCount : reject(WireMalformed.TRAILING_BYTES);
    }

    private static int reject(final WireMalformed reason)
    {
        return -(reason.ordinal() + 1);
    }

    @Override
    public String roleName()
    {
        return "wire-receiver";
    }

    /**
     * @return the position of the subscription's first image: bytes of the publisher's stream received and handed
     * on (or refused whole, then handed again), or -1 with no image. One publisher per stream. Any thread.
     */
    public long position()
    {
        try
        {
            return subscription.imageCount() == 0 ? -1 : subscription.imageAtIndex(0).position();
        }
        catch (final IndexOutOfBoundsException ex)
        {
            return -1; // the image went between the two reads
        }
    }

    /** @return true while the publisher of session {@code sessionId} is connected (its image is there). Any thread. */
    public boolean hasImage(final int sessionId)
    {
        return subscription.imageBySessionId(sessionId) != null;
    }

    /** @return the images (connected publishers) of the subscription: 0 once the publisher is gone. Any thread. */
    public int imageCount()
    {
        return subscription.imageCount();
    }

    /** @return true once a publication's image is connected. Any thread. */
    public boolean isConnected()
    {
        return subscription.isConnected();
    }

    /** @return well-formed batches received. */
    public long messages()
    {
        return messages;
    }

    /**
     * @param forwarder offered each well-formed batch first while nothing waits for the handler (a relay), or null
     * (the default) to copy every batch. Before the receiver runs, or on its thread.
     */
    public void forwarder(final WireForwarder forwarder)
    {
        this.forwarder = forwarder;
    }

    /**
     * @return the pool cache received frames are allocated from. A handler running on the receiver's thread that frees
     * the buffers it took into it (rather than a cache of its own) has them back at once, still in the CPU's cache,
     * instead of through the pool's shared free list. Receiver's thread only.
     */
    public PoolCache cache()
    {
        return cache;
    }

    /** @return batches the {@link WireForwarder} sent on whole (counted in {@link #messages()} too). */
    public long forwardedMessages()
    {
        return forwardedMessages;
    }

    /** @return times the {@link WireForwarder} answered WAIT (the batch was polled again later). */
    public long forwardStalls()
    {
        return forwardStalls;
    }

    /** @return frames in those batches (counted in {@link #frames()} too; never in a pool buffer here). */
    public long forwardedFrames()
    {
        return forwardedFrames;
    }

    /** @return frames received: copied into pool buffers, or forwarded whole ({@link #forwardedFrames()}). */
    public long frames()
    {
        return frames;
    }

    /** @return end-of-epoch markers received. */
    public long markers()
    {
        return markers;
    }

    /** @return bytes of well-formed batches received. */
    public long bytes()
    {
        return bytes;
    }

    /** @return descriptors the handler took. */
    public long delivered()
    {
        return delivered;
    }

    /** @return descriptors received and not yet taken by the handler. */
    public int pending()
    {
        return pendingCount;
    }

    /** @param reason a reason. @return malformed batches refused for it. */
    public long malformed(final WireMalformed reason)
    {
        return malformed[reason.ordinal()];
    }

    /** @return malformed batches refused, all reasons. */
    public long malformedTotal()
    {
        long total = 0;
        for (final long count : malformed)
        {
            total += count;
        }
        return total;
    }

    /** @return times a batch waited for pool buffers (ABORT, delivered again later). */
    public long poolStalls()
    {
        return poolStalls;
    }

    /** @return times the handler took nothing or a batch waited for the handler to take more. */
    public long handlerStalls()
    {
        return handlerStalls;
    }

    /** @return descriptors freed untaken by {@link #close()}. */
    public long abandoned()
    {
        return abandoned;
    }

    /** Return the cache's free buffers to the pool (a quiescent point: the owning thread stopped). */
    public void flushCache()
    {
        cache.flush();
    }

    /**
     * Free what the handler never took (counted as {@link #abandoned()}), return the cache's buffers and
     * close the subscription. Control path, on the owning thread or after it stopped.
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
        subscription.close();
    }
}
