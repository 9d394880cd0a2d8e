package dev.twinpath.datapath.wire;

/**
 * Why a received Aeron message was refused as a batch (G8: counted, dropped, never thrown). The
 * receiver keeps one counter per reason ({@link WireReceiver#malformed(WireMalformed)}).
 * <p>
 * Threading: immutable, any thread.
 */
public enum WireMalformed
{
    /** Shorter than the batch header. */
    SHORT_MESSAGE("message shorter than the 8-byte batch header"),
    /** Version byte is not {@link WireBatchDescriptor#VERSION}. */
    BAD_VERSION("unknown batch layout version"),
    /** Batch length field differs from the Aeron message length (truncated or padded message). */
    LENGTH_MISMATCH("batch length field differs from the message length"),
    /** Entry count of 0. */
    EMPTY_BATCH("batch of zero entries"),
    /** More entries than this receiver's batch budget allows. */
    TOO_MANY_ENTRIES("more entries than the receiver's batch budget allows"),
    /** An entry header or payload runs past the end of the message. */
    ENTRY_OVERRUN("an entry runs past the end of the message"),
    /** Bytes left after the last entry. */
    TRAILING_BYTES("bytes left after the last entry"),
    /** A frame of 0 bytes, or longer than the receiver's pool data room. */
    BAD_FRAME_LENGTH("frame length 0 or larger than the pool's data room"),
    /** A marker entry whose payload is not 8 bytes, or whose descriptor is not a marker. */
    BAD_MARKER("marker entry that is not an 8-byte marker descriptor"),
    /** An entry kind other than frame or marker. */
    BAD_KIND("unknown entry kind");

    private final String reason;

    WireMalformed(final String reason)
    {
        this.reason = reason;
    }

    /** @return the reason, for a person. */
    public String reason()
    {
        return reason;
    }
}
