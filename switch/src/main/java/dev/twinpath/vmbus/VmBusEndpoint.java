package dev.twinpath.vmbus;

import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RecordDescriptor;
import org.agrona.concurrent.ringbuffer.RingBuffer;

import java.util.Objects;

/**
 * One side of a {@link VmBusChannel}: the guest's NetVSC or the host's virtual switch port. It sends
 * on its outbound direction (a data ring and a control ring) and receives on the inbound one.
 * <p>
 * DATA: {@code sendBurst}/{@code sendBulk} write one ring record per burst of up to {@code maxBurst}
 * descriptors ({@link DataRecordDescriptor}, {@link DataRecordWriter}); {@code receiveBurst} copies
 * records out, in order, splitting one only when the caller's array is smaller than it
 * ({@link DataRecordReader}). The data
 * path returns counts and never throws for a full or empty ring or a closed channel; a range outside
 * the caller's array is a bug and throws {@link IndexOutOfBoundsException} before anything moves.
 * <p>
 * CONTROL: {@code sendControl}/{@code pollControl} use a separate small ring per direction, so control
 * gets through while data fills its ring. They throw {@link IllegalStateException} once the channel is
 * closed.
 * <p>
 * Memory ordering: Agrona's {@link OneToOneRingBuffer} orders both rings, and this class relies on it:
 * <ul>
 *     <li>(D1) data: {@code commit} stores the record length with release after the descriptors are
 *     written; the reader's {@code getIntVolatile} of that length (acquire, in {@code controlledRead})
 *     pairs with it, so a reader that sees a record sees its descriptors.</li>
 *     <li>(D2) data: {@code controlledRead} publishes the head with release after copying; the writer's
 *     {@code getLongVolatile} of the head (acquire, in {@code tryClaim}) pairs with it, so space is
 *     reused only after it was read.</li>
 *     <li>(C1), (C2): the same two pairs on the control ring ({@code commit}/{@code read}).</li>
 *     <li>(X) {@link #closed} is volatile: {@link VmBusChannel#close()} writes it before freeing the
 *     rings; every call reads it first.</li>
 * </ul>
 * Threading: four roles, each at most one thread at a time (several may share a thread): the data
 * sender ({@code sendBurst}, {@code sendBulk}), the data receiver ({@code receiveBurst},
 * {@code hasData}), the control sender ({@code sendControl}) and the control receiver
 * ({@code pollControl}). {@link #counters()} and {@link #name()} from any thread.
 */
public final class VmBusEndpoint
{
    private final String name;
    private final int maxBurst;
    private final OneToOneRingBuffer outData;
    private final DataRecordWriter writer;
    private final OneToOneRingBuffer outControl;
    private final OneToOneRingBuffer inData;
    private final AtomicBuffer inDataBuffer;
    private final int inDataMask;
    private final OneToOneRingBuffer inControl;
    private final ChannelCounters counters;
    private final DataRecordReader reader = new DataRecordReader();
    private final ControlMessageAdapter controlAdapter;
    private final ControlMessageFlyweight controlEncoder = new ControlMessageFlyweight();
    private final ControlFaults controlFaults = new ControlFaults();
    private volatile boolean closed; // (X)

    VmBusEndpoint(
        final String name,
        final int maxBurst,
        final OneToOneRingBuffer outData,
        final OneToOneRingBuffer outControl,
        final OneToOneRingBuffer inData,
        final OneToOneRingBuffer inControl)
    {
        this.name = name;
        this.maxBurst = maxBurst;
        this.outData = outData;
        this.outControl = outControl;
        this.inData = inData;
        this.inDataBuffer = inData.buffer();
        this.inDataMask = inData.capacity() - 1;
        this.inControl = inControl;
        this.counters = new ChannelCounters(name);
        this.controlAdapter = new ControlMessageAdapter(counters);
        this.writer = new DataRecordWriter(outData, maxBurst, counters);
    }

    /** @return the channel name plus {@code /guest} or {@code /host}. */
    public String name()
    {
        return name;
    }

    /** @return this endpoint's counters (readable after close). */
    public ChannelCounters counters()
    {
        return counters;
    }

    /** @return descriptors per data record. */
    public int maxBurst()
    {
        return maxBurst;
    }

    // ---------------------------------------------------------------- data

    /**
     * Write as many of {@code count} descriptors as fit, in order, one record per {@code maxBurst}
     * (DPDK {@code enqueue_burst}). Data sender thread.
     *
     * @return how many were written, 0..count (0 when full or closed).
     */
    public int sendBurst(final long[] descriptors, final int offset, final int count)
    {
        if (count <= 0 || closed) // acquire (X)
        {
            return 0;
        }
        Objects.checkFromIndexSize(offset, count, descriptors.length);
        return writer.burst(descriptors, offset, count);
    }

    /**
     * Write all {@code count} descriptors, in order, or none (DPDK {@code enqueue_bulk}). Up to
     * {@code maxBurst} descriptors are one record; more are several records, written only after
     * checking that all of them fit. Data sender thread.
     *
     * @return {@code count}, or 0 when they do not all fit (or the channel is closed).
     */
    public int sendBulk(final long[] descriptors, final int offset, final int count)
    {
        if (count <= 0 || closed) // acquire (X)
        {
            return 0;
        }
        Objects.checkFromIndexSize(offset, count, descriptors.length);
        return writer.bulk(descriptors, offset, count);
    }

    /**
     * Copy up to {@code max} descriptors, in order, into {@code into[offset..]}. Whole records while
     * they fit; a record larger than the room left stays for the next call, unless nothing was copied
     * yet, in which case its first {@code max} descriptors are delivered and the rest stays. Data
     * receiver thread.
     *
     * @return how many were copied, 0..max (0 when empty or closed).
     */
    public int receiveBurst(final long[] into, final int offset, final int max)
    {
        if (max <= 0 || closed) // acquire (X)
        {
            return 0;
        }
        Objects.checkFromIndexSize(offset, max, into.length);
        final DataRecordReader reader = this.reader;
        reader.begin(into, offset, max);
        final OneToOneRingBuffer ring = inData;
        ring.controlledRead(reader); // acquire (D1) of each record length; release (D2) of the head when done
        if (!reader.stopped() && ((int)ring.consumerPosition() & inDataMask) == 0)
        {
            ring.controlledRead(reader); // a read stops at the end of the buffer: continue from index 0
        }
        reader.end();
        final int copied = reader.copied();
        if (copied > 0)
        {
            counters.add(ChannelCounter.DATA_DESCRIPTORS_RECEIVED, copied);
            counters.add(ChannelCounter.DATA_RECORDS_RECEIVED, reader.records());
        }
        return copied;
    }

    /**
     * Cheap peek: is a data record ready at the head of the inbound ring? Reads only the next record
     * header (and, when that is Agrona's end-of-buffer padding, the header at index 0). Data receiver
     * thread.
     *
     * @return true when {@link #receiveBurst} would copy at least one descriptor.
     */
    public boolean hasData()
    {
        if (closed) // acquire (X)
        {
            return false;
        }
        final AtomicBuffer buffer = inDataBuffer;
        final int index = (int)inData.consumerPosition() & inDataMask;
        if (buffer.getIntVolatile(RecordDescriptor.lengthOffset(index)) <= 0) // acquire (D1)
        {
            return false;
        }
        return buffer.getInt(RecordDescriptor.typeOffset(index)) != RingBuffer.PADDING_MSG_TYPE_ID ||
            buffer.getIntVolatile(RecordDescriptor.lengthOffset(0)) > 0; // acquire (D1) of the record after the padding
    }

    // ---------------------------------------------------------------- control

    /**
     * Send one control message. Control sender thread.
     *
     * @return false when the control ring is full (counted as {@link ChannelCounter#CONTROL_RING_FULL}).
     * @throws IllegalArgumentException naming the {@link ControlDecodeError} when the message is not valid.
     * @throws IllegalStateException    when the channel is closed.
     */
    public boolean sendControl(final ControlMessage message)
    {
        checkOpen();
        final ControlDecodeError invalid = ControlMessageCodec.validate(message);
        if (invalid != null)
        {
            throw new IllegalArgumentException(name + ": will not send " + invalid + " message " + message);
        }
        if (controlFaults.active())
        {
            switch (controlFaults.verdict(message, System.nanoTime()))
            {
                case REFUSE ->
                {
                    counters.increment(ChannelCounter.CONTROL_RING_FULL);
                    return false;
                }
                case LOSE ->
                {
                    counters.increment(ChannelCounter.CONTROL_FAULT_LOST);
                    return true;
                }
                case DELAY ->
                {
                    counters.increment(ChannelCounter.CONTROL_FAULT_DELAYED);
                    return true;
                }
                default ->
                {
                }
            }
        }
        return write(message);
    }

    private boolean write(final ControlMessage message)
    {
        final int length = ControlMessageCodec.encodedLength(message.type());
        // acquire (C2) inside tryClaim when short of room: pairs with the release of the head in the peer's pollControl
        final int index = outControl.tryClaim(ControlMessageDescriptor.CONTROL_RECORD_TYPE_ID, length);
        if (index < 0)
        {
            counters.increment(ChannelCounter.CONTROL_RING_FULL);
            return false;
        }
        ControlMessageCodec.encode(message, controlEncoder.wrap(outControl.buffer(), index));
        outControl.commit(index); // release (C1): pairs with the acquire in the peer's pollControl
        counters.increment(ChannelCounter.CONTROL_SENT);
        return true;
    }

    /**
     * @return the control faults of this endpoint's outbound direction, to arm on its control thread
     * (fault injection; see {@link ControlFaults}).
     */
    public ControlFaults controlFaults()
    {
        return controlFaults;
    }

    /**
     * Decode up to {@code limit} inbound control records, calling {@code handler} with each valid
     * message (one reused instance); malformed ones are counted by {@link ControlDecodeError} and
     * skipped. An exception thrown by the handler propagates; the record it was handling is consumed.
     * Control receiver thread.
     *
     * @return messages delivered to the handler.
     * @throws IllegalStateException when the channel is closed.
     */
    public int pollControl(final ControlMessageHandler handler, final int limit)
    {
        checkOpen();
        Objects.requireNonNull(handler, "handler");
        if (controlFaults.active())
        {
            writeDueControl(); // delayed by a fault: the control sender is this thread (see ControlFaults)
        }
        return limit <= 0 ? 0 : controlAdapter.poll(inControl, handler, limit);
    }

    private void writeDueControl()
    {
        final long now = System.nanoTime();
        ControlMessage due;
        while ((due = controlFaults.due(now)) != null && write(due))
        {
            controlFaults.written();
        }
    }

    // ---------------------------------------------------------------- life cycle and tests

    void markClosed()
    {
        closed = true; // release (X): before the channel frees the rings
    }

    private void checkOpen()
    {
        if (closed) // acquire (X)
        {
            throw new IllegalStateException(name + " is closed");
        }
    }

    /** For tests: the outbound control ring, to write malformed records. */
    OneToOneRingBuffer outboundControlRing()
    {
        return outControl;
    }

    /** For tests: the outbound data ring. */
    OneToOneRingBuffer outboundDataRing()
    {
        return outData;
    }

    @Override
    public String toString()
    {
        return "VmBusEndpoint{" + name + (closed ? ", closed}" : "}");
    }
}
