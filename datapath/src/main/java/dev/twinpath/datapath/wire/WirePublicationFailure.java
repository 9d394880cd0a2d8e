package dev.twinpath.datapath.wire;

import io.aeron.Publication;

/**
 * Why the publication refused a batch: Aeron's negative results of {@code offer}/{@code tryClaim}, one
 * counter each in the {@link WireSender}. {@link #BACK_PRESSURED} and {@link #ADMIN_ACTION} are transient:
 * the sender keeps the frames and the caller retries. The others are the state of the wire and are
 * returned, as the same negative code, by {@link WireSender#send} when it took nothing.
 * <p>
 * Threading: immutable, any thread.
 */
public enum WirePublicationFailure
{
    /** No subscriber is connected (yet, or any more). Code {@value io.aeron.Publication#NOT_CONNECTED}. */
    NOT_CONNECTED(Publication.NOT_CONNECTED),
    /** The subscriber is behind by a whole window: flow control. Transient. */
    BACK_PRESSURED(Publication.BACK_PRESSURED),
    /** The log rotated a term or a claim was padded. Transient. */
    ADMIN_ACTION(Publication.ADMIN_ACTION),
    /** The publication was closed. */
    CLOSED(Publication.CLOSED),
    /** The stream reached its largest position (term length x 2^31): a new publication is needed. */
    MAX_POSITION_EXCEEDED(Publication.MAX_POSITION_EXCEEDED);

    private static final WirePublicationFailure[] BY_INDEX = values();

    private final long code;

    WirePublicationFailure(final long code)
    {
        this.code = code;
    }

    /** @return Aeron's negative result code. */
    public long code()
    {
        return code;
    }

    /** @return true for a failure the caller simply retries. */
    public boolean isTransient()
    {
        return this == BACK_PRESSURED || this == ADMIN_ACTION;
    }

    /**
     * @param code a negative result of {@code offer}/{@code tryClaim}.
     * @return its failure, or null for a code Aeron does not document.
     */
    public static WirePublicationFailure of(final long code)
    {
        for (final WirePublicationFailure failure : BY_INDEX)
        {
            if (failure.code == code)
            {
                return failure;
            }
        }
        return null;
    }
}
