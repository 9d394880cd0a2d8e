package dev.twinpath.vmbus;

/**
 * Why an inbound control record was refused. The receiving endpoint counts each refusal under
 * {@link #counter()}, skips the record and goes on with the next one; nothing is thrown.
 * <p>
 * Threading: immutable, any thread.
 */
public enum ControlDecodeError
{
    /** The type id is not a {@link ControlMessageType}, or the ring record is not a control record. */
    UNKNOWN_TYPE(ChannelCounter.CONTROL_MALFORMED_UNKNOWN_TYPE),
    /** The version is outside the supported range, or older than the type it carries. */
    UNSUPPORTED_VERSION(ChannelCounter.CONTROL_MALFORMED_UNSUPPORTED_VERSION),
    /** The record is shorter than the header, or than the body its type needs. */
    TRUNCATED(ChannelCounter.CONTROL_MALFORMED_TRUNCATED),
    /** A field is out of range: reserved flag bits, an unknown status or path, an empty version range... */
    BAD_FIELD(ChannelCounter.CONTROL_MALFORMED_BAD_FIELD);

    private final ChannelCounter counter;

    ControlDecodeError(final ChannelCounter counter)
    {
        this.counter = counter;
    }

    /** @return the receive counter that counts this reason. */
    public ChannelCounter counter()
    {
        return counter;
    }
}
