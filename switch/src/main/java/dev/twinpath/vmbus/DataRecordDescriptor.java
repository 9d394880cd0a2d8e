package dev.twinpath.vmbus;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.UnsafeApi;
import org.agrona.concurrent.ringbuffer.RecordDescriptor;

/**
 * Layout of a data record: one record of a data ring carries one burst of {@code n} descriptors
 * ({@code 1 <= n <= maxBurst}), so the record header and the producer's tail publication are paid
 * once per burst, not once per packet.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |        record length = 8 + 8n (Agrona, i32, release)          |  0
 *  +---------------------------------------------------------------+
 *  |        record type = DATA_RECORD_TYPE_ID (Agrona, i32)        |  4
 *  +---------------------------------------------------------------+
 *  |                  descriptor 0 (PacketDescriptor, i64)         |  8
 *  +                                                               +
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                  ... descriptor n - 1                         |  8n
 *  +---------------------------------------------------------------+
 * </pre>
 * The count is not stored: it is the payload length divided by 8. Descriptors are packets and
 * end-of-epoch markers in the order they were sent; they are stored in native byte order (the
 * channel never leaves the process). Agrona aligns records to {@value RecordDescriptor#ALIGNMENT}
 * bytes, which 8 + 8n already is, and allows a record at most one eighth of the ring, which is why
 * {@link VmBusChannel.Context#conclude()} asks for {@code dataRingBytes >= 64 x maxBurst}.
 * <p>
 * Threading: constants and pure functions, any thread.
 */
public final class DataRecordDescriptor
{
    /** Agrona record type of a data record. */
    public static final int DATA_RECORD_TYPE_ID = 1;
    /** Bytes per descriptor. */
    public static final int DESCRIPTOR_LENGTH = Long.BYTES;
    /** Agrona's record header: length and type. */
    public static final int RECORD_HEADER_LENGTH = RecordDescriptor.HEADER_LENGTH;

    private static final long LONG_ARRAY_BASE = UnsafeApi.arrayBaseOffset(long[].class);

    private DataRecordDescriptor()
    {
    }

    /** @return payload bytes of a record of {@code count} descriptors. */
    public static int payloadLength(final int count)
    {
        return count * DESCRIPTOR_LENGTH;
    }

    /** @return the smallest data ring (bytes) that takes records of {@code maxBurst} descriptors. */
    public static int minRingBytes(final int maxBurst)
    {
        return 8 * payloadLength(maxBurst);
    }

    /**
     * Copy {@code n} descriptors from {@code src[from..]} into a record payload at {@code index}: one
     * bounds check of the buffer range, then one bulk memory copy (the array's native layout is the
     * record's). The caller has checked the array range: an unchecked one would write past the array.
     */
    static void copyIn(final long[] src, final int from, final MutableDirectBuffer buffer, final int index, final int n)
    {
        final int bytes = n * DESCRIPTOR_LENGTH;
        buffer.boundsCheck(index, bytes);
        final long source = LONG_ARRAY_BASE + (long)from * DESCRIPTOR_LENGTH;
        UnsafeApi.copyMemory(src, source, buffer.byteArray(), buffer.addressOffset() + index, bytes);
    }

    /**
     * Copy {@code n} descriptors of a record payload at {@code index} into {@code dst[to..]}, as
     * {@link #copyIn} does; the caller has checked the array range.
     */
    static void copyOut(final DirectBuffer buffer, final int index, final long[] dst, final int to, final int n)
    {
        final int bytes = n * DESCRIPTOR_LENGTH;
        buffer.boundsCheck(index, bytes);
        final long target = LONG_ARRAY_BASE + (long)to * DESCRIPTOR_LENGTH;
        UnsafeApi.copyMemory(buffer.byteArray(), buffer.addressOffset() + index, dst, target, bytes);
    }

    /**
     * Largest record {@link org.agrona.concurrent.ringbuffer.OneToOneRingBuffer#tryClaim} would accept
     * now, by its rules: a record needs its aligned length plus one spare header of free space, and
     * either ends exactly at the end of the buffer or leaves room for a header before it, or else
     * goes to index 0 (the end of the buffer becomes padding) with room for a header before the head.
     *
     * @param capacity ring capacity (power of two).
     * @param tail     producer position.
     * @param head     consumer position.
     * @return the payload descriptors that fit in one record, 0 when none does.
     */
    static int fittingDescriptors(final int capacity, final long tail, final long head)
    {
        final int free = capacity - (int)(tail - head);
        final int tailIndex = (int)tail & (capacity - 1);
        final int toEnd = capacity - tailIndex;
        final int atTail = toEnd + RECORD_HEADER_LENGTH <= free ? toEnd : Math.min(toEnd, free) - RECORD_HEADER_LENGTH;
        final int headIndex = (int)head & (capacity - 1);
        final int wrapped = headIndex <= tailIndex ? Math.min(headIndex, free) - RECORD_HEADER_LENGTH : 0;
        final int recordLength = Math.max(atTail, wrapped);
        return recordLength <= RECORD_HEADER_LENGTH ? 0 : (recordLength - RECORD_HEADER_LENGTH) / DESCRIPTOR_LENGTH;
    }

    /**
     * Where the tail would be after a claim of a record of {@code recordLength} bytes (aligned), by the
     * rules of {@link #fittingDescriptors}, or -1 when it does not fit.
     */
    static long tailAfter(final int capacity, final long tail, final long head, final int recordLength)
    {
        final int free = capacity - (int)(tail - head);
        if (recordLength + RECORD_HEADER_LENGTH > free)
        {
            return -1;
        }
        final int toEnd = capacity - ((int)tail & (capacity - 1));
        if (recordLength == toEnd || recordLength + RECORD_HEADER_LENGTH <= toEnd)
        {
            return tail + recordLength;
        }
        final int headIndex = (int)head & (capacity - 1);
        return recordLength + RECORD_HEADER_LENGTH <= headIndex ? tail + toEnd + recordLength : -1;
    }
}
