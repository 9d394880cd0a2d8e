package dev.twinpath.vmbus;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;

/**
 * Decodes the records of an inbound control ring into one reused {@link ControlMessage} and calls
 * the {@link ControlMessageHandler} with each valid one; a malformed record is counted under its
 * {@link ControlDecodeError} and skipped. Preallocated once per endpoint.
 * <p>
 * Threading: the endpoint's control receiver thread only.
 */
final class ControlMessageAdapter implements MessageHandler
{
    private final ChannelCounters counters;
    private final ControlMessageFlyweight flyweight = new ControlMessageFlyweight();
    private final ControlMessage message = new ControlMessage();
    private ControlMessageHandler handler;
    private int delivered;

    ControlMessageAdapter(final ChannelCounters counters)
    {
        this.counters = counters;
    }

    /**
     * Read up to {@code limit} records (malformed ones included).
     *
     * @return messages handed to {@code handler}.
     */
    int poll(final OneToOneRingBuffer ring, final ControlMessageHandler handler, final int limit)
    {
        this.handler = handler;
        delivered = 0;
        try
        {
            // acquire (C1) of each record length, release (C2) of the head: inside Agrona's read()
            final int read = ring.read(this, limit);
            if (read < limit && ((int)ring.consumerPosition() & (ring.capacity() - 1)) == 0)
            {
                ring.read(this, limit - read); // read() stops at the end of the buffer: continue from index 0
            }
        }
        finally
        {
            this.handler = null;
        }
        return delivered;
    }

    @Override
    public void onMessage(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
    {
        final ControlDecodeError error = msgTypeId != ControlMessageDescriptor.CONTROL_RECORD_TYPE_ID ?
            ControlDecodeError.UNKNOWN_TYPE :
            ControlMessageCodec.decode(flyweight.wrap(buffer, index), length, message);
        if (error != null)
        {
            counters.increment(error.counter());
            return;
        }
        counters.increment(ChannelCounter.CONTROL_RECEIVED);
        delivered++;
        handler.onControl(message);
    }
}
