package dev.twinpath.vmbus;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.ControlledMessageHandler;

import static dev.twinpath.vmbus.DataRecordDescriptor.DATA_RECORD_TYPE_ID;
import static dev.twinpath.vmbus.DataRecordDescriptor.DESCRIPTOR_LENGTH;

/**
 * Copies data records out of an inbound data ring into the caller's array, for
 * {@link org.agrona.concurrent.ringbuffer.OneToOneRingBuffer#controlledRead}:
 * <ul>
 *     <li>a record that fits in the room left is copied whole ({@code CONTINUE}, or {@code BREAK} when it
 *     fills the array, so the next header is not even read);</li>
 *     <li>a record that does not fit, after something was copied, is left in the ring for the next
 *     call ({@code ABORT}: Agrona does not move the head past it);</li>
 *     <li>a record that does not fit in an empty array (the caller asked for fewer descriptors than
 *     one record holds) is split: its first descriptors are copied, the record stays in the ring
 *     ({@code ABORT}) and {@link #resume} remembers how many were delivered, so the next call
 *     continues inside it. Any {@code max >= 1} therefore makes progress; a record leaves the ring
 *     only when its last descriptor has been delivered.</li>
 * </ul>
 * Preallocated once per endpoint; no allocation per call.
 * <p>
 * Threading: the endpoint's data receiver thread only.
 */
final class DataRecordReader extends DataRecordReaderTrailerPadding implements ControlledMessageHandler
{
    void begin(final long[] into, final int offset, final int max)
    {
        this.into = into;
        this.offset = offset;
        this.remaining = max;
        this.copied = 0;
        this.records = 0;
        this.stopped = false;
    }

    /** Forget the caller's array. */
    void end()
    {
        into = null;
    }

    int copied()
    {
        return copied;
    }

    int records()
    {
        return records;
    }

    boolean stopped()
    {
        return stopped;
    }

    @Override
    public Action onMessage(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
    {
        if (msgTypeId != DATA_RECORD_TYPE_ID)
        {
            return Action.CONTINUE; // only this channel writes its data rings: cannot happen; never stall on it
        }
        final int skip = resume;
        final int left = length / DESCRIPTOR_LENGTH - skip;
        final int from = index + skip * DESCRIPTOR_LENGTH;
        if (left <= remaining)
        {
            copy(buffer, from, left);
            resume = 0;
            records++;
            if (remaining == 0)
            {
                stopped = true;
                return Action.BREAK;
            }
            return Action.CONTINUE;
        }
        stopped = true;
        if (copied == 0)
        {
            final int n = remaining;
            copy(buffer, from, n);
            resume = skip + n;
        }
        return Action.ABORT;
    }

    private void copy(final MutableDirectBuffer buffer, final int from, final int n)
    {
        DataRecordDescriptor.copyOut(buffer, from, into, offset, n);
        offset += n;
        remaining -= n;
        copied += n;
    }
}
