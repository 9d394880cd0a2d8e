package dev.twinpath.datapath.wire;

import dev.twinpath.packet.pool.PacketDescriptor;
import dev.twinpath.packet.pool.PacketPool;
import dev.twinpath.packet.pool.PoolCache;
import io.aeron.ExclusivePublication;
import io.aeron.Publication;
import io.aeron.logbuffer.BufferClaim;
import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.UnsafeBuffer;

import static dev.twinpath.datapath.wire.WireBatchDescriptor.HEADER_LENGTH;
import static dev.twinpath.datapath.wire.WireBatchDescriptor.MARKER_PAYLOAD_LENGTH;

/**
 * The sending end of the wire: takes bursts of descriptors (pool handles and end-of-epoch markers) and
 * puts many frames into one Aeron message ({@link WireBatchDescriptor}), up to the batch budget, as GSO
 * does. A batch that fits one MTU payload is written in place with {@link ExclusivePublication#tryClaim};
 * a larger one (a jumbo frame, or a budget above the MTU) is built in a staging buffer and
 * {@link ExclusivePublication#offer}ed, which Aeron fragments.
 * <p>
 * Batching across sends: a partly filled batch stays open ({@link WireOpenBatch}, descriptors only, the
 * frames stay in their pool buffers) so the frames of later sends fill it; it is published when full,
 * at the end of a send once its flush deadline ({@code WireContext.flushNanos}) has passed, on
 * {@link #flush()}, or on an agent duty cycle that finds no new descriptors.
 * <p>
 * {@link #send} returns how many descriptors it took, DPDK-style: a descriptor is taken once its batch
 * is in the log or in the open batch (with a deadline of 0: only once in the log), and its buffer is
 * freed to the pool exactly once, when its batch is in the log. Back-pressure
 * ({@code BACK_PRESSURED}, {@code ADMIN_ACTION}) takes nothing more: the caller keeps the rest and
 * retries, so no accepted frame is ever lost. {@code NOT_CONNECTED}, {@code CLOSED} and
 * {@code MAX_POSITION_EXCEEDED} are counted per cause ({@link #failures(WirePublicationFailure)}) and
 * returned as Aeron's negative code when nothing was taken (a code Aeron does not document is counted as
 * {@code CLOSED}). A frame longer than the wire's
 * {@code maxFrameLength} (or of 0 bytes) is taken, freed and counted ({@link #oversizeDropped()}): G8.
 * <p>
 * As an {@link Agent} it drains a {@link WireSource} and keeps what the publication refused for the
 * next duty cycle. A relay may also hand it a received batch whole ({@link #forwardWhole}, cut-through). Zero
 * allocation per frame and per batch.
 * <p>
 * Threading: owned by one thread (the exclusive publication's only writer); counters are plain fields
 * written by it, read by others as a racy snapshot or at a quiescent point.
 */
public final class WireSender implements Agent, AutoCloseable
{
    /** Room below which the open batch counts as full: the entry of a 60-byte frame, Ethernet's smallest. */
    private static final int FULL_ROOM = WireBatchDescriptor.entryLength(60);

    private final ExclusivePublication publication;
    private final PoolCache cache;
    private final BufferClaim claim = new BufferClaim();
    private final UnsafeBuffer staging;
    private final int batchBytes;
    private final int maxPayloadLength;
    private final int maxFrameLength;
    private final long flushNanos;
    private final WireOpenBatch open;
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
    private long forwardedMessages;

    WireSender(final ExclusivePublication publication, final PacketPool pool, final WireContext context)
    {
        this.publication = publication;
        this.cache = pool.newCache();
        this.batchBytes = context.effectiveBatchBytes();
        this.maxPayloadLength = publication.maxPayloadLength();
        this.maxFrameLength = Math.min(context.maxFrameLength(), pool.dataRoom());
        this.flushNanos = context.flushNanos();
        this.open = new WireOpenBatch(pool, WireBatchDescriptor.maxEntries(batchBytes));
        this.staging = new UnsafeBuffer(BufferUtil.allocateDirectAligned(
            Math.max(batchBytes, HEADER_LENGTH + WireBatchDescriptor.entryLength(maxFrameLength)), 64));
        this.pending = new long[context.burst()];
    }

    /**
     * Put descriptors on the wire, in order, as few Aeron messages as the budget allows. A descriptor is
     * taken into the open batch; the batch is published when it is full, at the end of the call once its
     * flush deadline ({@code WireContext.flushNanos}, counted from its first entry) has passed, on
     * {@link #flush()}, or when the agent finds no new descriptors. With a deadline of 0 the batch is
     * published at the end of every call, and what the publication refused is handed back (not taken).
     *
     * @param descriptors packets (whose buffers this sender frees once published) and markers.
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
            final long descriptor = descriptors[offset + taken];
            final int payload = payloadLength(descriptor);
            if (payload <= 0) // a frame the wire cannot carry (G8)
            {
                if (flushNanos == 0 && open.entries() > 0) // what precedes it goes first: taken still means sent
                {
                    final long result = publishOpen();
                    if (result < 0)
                    {
                        return refused(result, taken);
                    }
                }
                dropOversize(descriptor);
                taken++;
                continue;
            }
            final int entry = WireBatchDescriptor.entryLength(payload);
            if (open.entries() > 0 && (open.length() + entry > batchBytes || open.entries() == open.capacity()))
            {
                final long result = publishOpen();
                if (result < 0) // the open batch stays open (or goes back to the caller with a deadline of 0)
                {
                    return refused(result, taken);
                }
            }
            open.add(descriptor, entry, open.entries() == 0 && flushNanos > 0 ? System.nanoTime() : 0);
            taken++;
            if (open.entries() == open.capacity() || batchBytes - open.length() < FULL_ROOM)
            {
                final long result = publishOpen();
                if (result < 0)
                {
                    return refused(result, taken);
                }
            }
        }
        if (open.entries() > 0 && (flushNanos == 0 || System.nanoTime() - open.openedNanos() >= flushNanos))
        {
            final long result = publishOpen();
            if (result < 0)
            {
                return refused(result, taken);
            }
        }
        return taken;
    }

    /**
     * Publish the open batch now (a caller of {@link #send} that will not send again soon calls this, or
     * runs {@link #doWork()}).
     *
     * @return descriptors published (0 when no batch was open), or Aeron's negative code: the batch then
     * stays open.
     */
    public int flush()
    {
        final int entries = open.entries();
        if (entries == 0)
        {
            return 0;
        }
        final long result = publishOpen();
        return result < 0 ? (int)result : entries;
    }

    private int refused(final long result, final int taken)
    {
        int kept = taken;
        if (flushNanos == 0) // no batch stays open: its descriptors (all from this call) go back to the caller
        {
            kept -= open.entries();
            open.clear();
        }
        final WirePublicationFailure failure = WirePublicationFailure.of(result);
        return kept > 0 || (failure != null && failure.isTransient()) ? kept : (int)result;
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

    private long publishOpen()
    {
        final int length = open.length();
        final long result;
        if (length <= maxPayloadLength)
        {
            result = publication.tryClaim(length, claim);
            if (result > 0)
            {
                open.write(claim.buffer(), claim.offset());
                claim.commit(); // release: the claimed frame's header length, read by the subscriber (Aeron's pair)
                claimedMessages++;
            }
        }
        else
        {
            open.write(staging, 0);
            result = publication.offer(staging, 0, length);
            if (result > 0)
            {
                offeredMessages++;
            }
        }
        if (result < 0)
        {
            final WirePublicationFailure failure = WirePublicationFailure.of(result);
            failures[failure == null ? WirePublicationFailure.CLOSED.ordinal() : failure.ordinal()]++;
            return result;
        }
        for (int i = 0, entries = open.entries(); i < entries; i++) // in the log: free each buffer, once
        {
            final long descriptor = open.descriptor(i);
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
        messages++;
        bytes += length;
        open.clear();
        return result;
    }

    /**
     * Cut-through: publish a well-formed batch received from another wire as it is, one copy of the whole message into
     * the log, when nothing of this sender goes before it (no open batch, no descriptor held back) and it fits this
     * wire (one MTU payload, the batch budget, the largest frame). A {@link WireForwarder} for a relay whose ring
     * feeds this sender: {@code (b, o, l, f, m, x) -> ring.isEmpty() ? sender.forwardWhole(b, o, l, f, m, x) : COPY}.
     *
     * @param buffer       holds the batch ({@link WireBatchDescriptor}, checked by the receiver).
     * @param offset       where it starts.
     * @param length       its length.
     * @param frameCount   frame entries in it.
     * @param markerCount  marker entries in it.
     * @param largestFrame its longest frame.
     * @return {@code FORWARDED} when published (a message of {@code frameCount} frames, {@link #forwardedMessages()});
     * {@code WAIT} when the publication is back-pressured ({@code BACK_PRESSURED}, {@code ADMIN_ACTION}); {@code COPY}
     * when something goes first, it does not fit, or the wire is down: the caller then hands its frames one by one,
     * as usual. Every refusal is counted as {@link #failures}.
     */
    public WireForwarder.Outcome forwardWhole(final DirectBuffer buffer, final int offset, final int length,
        final int frameCount, final int markerCount, final int largestFrame)
    {
        if (pendingCount != 0 || open.entries() != 0 || length > maxPayloadLength || length > batchBytes ||
            largestFrame > maxFrameLength || frameCount + markerCount > open.capacity())
        {
            return WireForwarder.Outcome.COPY;
        }
        final long result = publication.tryClaim(length, claim);
        if (result < 0)
        {
            final WirePublicationFailure failure = WirePublicationFailure.of(result);
            failures[failure == null ? WirePublicationFailure.CLOSED.ordinal() : failure.ordinal()]++;
            return failure != null && failure.isTransient() ? WireForwarder.Outcome.WAIT : WireForwarder.Outcome.COPY;
        }
        claim.buffer().putBytes(claim.offset(), buffer, offset, length);
        claim.commit(); // release: the claimed frame's header length, read by the subscriber (Aeron's pair)
        claimedMessages++;
        forwardedMessages++;
        messages++;
        frames += frameCount;
        markers += markerCount;
        bytes += length;
        return WireForwarder.Outcome.FORWARDED;
    }

    /**
     * @return the pool cache sent buffers are freed into. A source running on the sender's thread that allocates its
     * frames from it (rather than from a cache of its own) gets them back at once, still in the CPU's cache, instead
     * of through the pool's shared free list. Sender's thread only.
     */
    public PoolCache cache()
    {
        return cache;
    }

    /** @return batches published whole by {@link #forwardWhole} (counted in {@link #messages()} too). */
    public long forwardedMessages()
    {
        return forwardedMessages;
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
     * Send what the last cycle kept back, or a new burst from the {@link WireSource}; a cycle that finds
     * nothing new (or has no source) publishes the open batch without waiting for its deadline.
     *
     * @return descriptors taken (or published from the open batch on an idle cycle).
     */
    @Override
    public int doWork()
    {
        if (pendingCount == 0)
        {
            final WireSource s = source;
            pendingHead = 0;
            pendingCount = s == null ? 0 : s.dequeueBurst(pending, 0, pending.length);
            if (pendingCount == 0) // an idle cycle: nothing more is coming now, so the open batch goes at once
            {
                return open.entries() > 0 ? Math.max(0, flush()) : 0;
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

    /** @return descriptors taken into the open batch and not published yet. */
    public int openEntries()
    {
        return open.entries();
    }

    /** @return the flush deadline of the open batch in ns (0: published at the end of every send). */
    public long flushNanos()
    {
        return flushNanos;
    }

    /**
     * @return the publication's position: bytes published so far. A receiver whose image reached it has every
     * frame sent before the read (see {@link WireReceiver#position()}). Any thread.
     */
    public long position()
    {
        return publication.position();
    }

    /** @return the publication's session id: a receiver's image of this sender carries it. Any thread. */
    public int sessionId()
    {
        return publication.sessionId();
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
     * Publish the open batch if the publication takes it, free the descriptors still held (the open
     * batch and the agent's pending burst, counted as {@link #abandoned()}), return the cache's buffers to
     * the pool and close the publication. Control path, on the owning thread or after it stopped.
     */
    @Override
    public void close()
    {
        if (open.entries() > 0 && !publication.isClosed())
        {
            flush();
        }
        for (int i = 0, entries = open.entries(); i < entries; i++)
        {
            if (PacketDescriptor.isPacket(open.descriptor(i)))
            {
                cache.free(PacketDescriptor.handle(open.descriptor(i)));
            }
            abandoned++;
        }
        open.clear();
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

    /** Return the cache's free buffers to the pool (a quiescent point: the owning thread stopped). */
    public void flushCache()
    {
        cache.flush();
    }

    /** @return descriptors freed unsent by {@link #close()}. */
    public long abandoned()
    {
        return abandoned;
    }
}
