package dev.twinpath.vmbus;

import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;

import static dev.twinpath.vmbus.DataRecordDescriptor.DATA_RECORD_TYPE_ID;
import static dev.twinpath.vmbus.DataRecordDescriptor.RECORD_HEADER_LENGTH;
import static dev.twinpath.vmbus.DataRecordDescriptor.payloadLength;

/**
 * Writes bursts of descriptors into an outbound data ring, one record per {@code maxBurst}
 * descriptors, with Agrona's {@code tryClaim}/{@code commit}: the descriptors go straight into the
 * claimed record, and the commit (one release store of the record length) publishes the burst.
 * <p>
 * When a claim fails, {@link DataRecordDescriptor#fittingDescriptors} works out from the two
 * positions the largest record Agrona would accept, and one claim of that size follows, so a nearly
 * full ring still takes what fits without a retry per size; the loop goes on until nothing fits (a
 * record can end exactly at the end of the buffer and another one still fit before the head). The
 * arguments are checked by the endpoint.
 * No field changes after construction: nothing here needs padding.
 * <p>
 * Memory ordering: (D1) and (D2) of {@link VmBusEndpoint}, done by Agrona.
 * <p>
 * Threading: the endpoint's data sender thread only.
 */
final class DataRecordWriter
{
    private final OneToOneRingBuffer ring;
    private final AtomicBuffer buffer;
    private final int maxBurst;
    private final ChannelCounters counters;

    DataRecordWriter(final OneToOneRingBuffer ring, final int maxBurst, final ChannelCounters counters)
    {
        this.ring = ring;
        this.buffer = ring.buffer();
        this.maxBurst = maxBurst;
        this.counters = counters;
    }

    /** @return descriptors written, 0..count: as many as fit, in order. */
    int burst(final long[] descriptors, final int offset, final int count)
    {
        final OneToOneRingBuffer ring = this.ring;
        int sent = 0;
        int records = 0;
        while (sent < count)
        {
            int n = Math.min(count - sent, maxBurst);
            int index = ring.tryClaim(DATA_RECORD_TYPE_ID, payloadLength(n)); // acquire (D2) inside when short of room
            if (index < 0)
            {
                n = Math.min(n, DataRecordDescriptor.fittingDescriptors(
                    ring.capacity(), ring.producerPosition(), ring.consumerPosition())); // acquire (D2)
                if (n == 0 || (index = ring.tryClaim(DATA_RECORD_TYPE_ID, payloadLength(n))) < 0)
                {
                    break;
                }
            }
            write(index, descriptors, offset + sent, n);
            sent += n;
            records++;
        }
        account(count, sent, records);
        return sent;
    }

    /** @return {@code count} when all were written, in order, or 0 when they do not all fit. */
    int bulk(final long[] descriptors, final int offset, final int count)
    {
        final OneToOneRingBuffer ring = this.ring;
        if (count <= maxBurst)
        {
            final int index = ring.tryClaim(DATA_RECORD_TYPE_ID, payloadLength(count)); // one record: all or none
            final boolean fits = index >= 0;
            if (fits)
            {
                write(index, descriptors, offset, count);
            }
            account(count, fits ? count : 0, fits ? 1 : 0);
            return fits ? count : 0;
        }
        if (!allFit(count))
        {
            account(count, 0, 0);
            return 0;
        }
        int sent = 0;
        int records = 0;
        while (sent < count)
        {
            final int n = Math.min(count - sent, maxBurst);
            final int index = ring.tryClaim(DATA_RECORD_TYPE_ID, payloadLength(n)); // fits: the reader only frees room
            write(index, descriptors, offset + sent, n);
            sent += n;
            records++;
        }
        account(count, sent, records);
        return sent;
    }

    /** Would records for {@code count} descriptors all fit now, claimed one after the other? */
    private boolean allFit(final int count)
    {
        final int capacity = ring.capacity();
        final long head = ring.consumerPosition(); // acquire (D2): room freed by the reader
        long tail = ring.producerPosition();
        for (int left = count; left > 0 && tail >= 0; left -= maxBurst)
        {
            final int n = Math.min(left, maxBurst);
            tail = DataRecordDescriptor.tailAfter(capacity, tail, head, RECORD_HEADER_LENGTH + payloadLength(n));
        }
        return tail >= 0;
    }

    private void write(final int index, final long[] src, final int from, final int n)
    {
        DataRecordDescriptor.copyIn(src, from, buffer, index, n);
        ring.commit(index); // release (D1): the record length, after the descriptors; pairs with controlledRead
    }

    private void account(final int asked, final int sent, final int records)
    {
        if (sent > 0)
        {
            counters.add(ChannelCounter.DATA_DESCRIPTORS_SENT, sent);
            counters.add(ChannelCounter.DATA_RECORDS_SENT, records);
        }
        if (sent < asked)
        {
            counters.increment(ChannelCounter.DATA_RING_FULL);
        }
    }
}
