package dev.twinpath.datapath.wire;

/**
 * Layout of one Aeron message of the wire: a batch of Ethernet frames (and end-of-epoch markers), as a
 * NIC's segmentation offload (GSO) puts many segments behind one header. All fields little-endian
 * (Aeron's and Agrona's order); every entry starts on a 4-byte boundary.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------+---------------+-------------------------------+
 *  |    Version    |   Reserved    |          Entry Count          |  0
 *  +---------------+---------------+-------------------------------+
 *  |              Batch Length (bytes, this header included)       |  4
 *  +---------------------------------------------------------------+
 *  |              Entry 0                                        ...|  8
 *  +---------------------------------------------------------------+
 *  |              Entry 1 ... Entry Count - 1                    ...|
 *  +---------------------------------------------------------------+
 *
 *  Entry:
 *  +-------------------------------+---------------+---------------+
 *  |         Payload Length        |     Kind      |     Flags     |  0
 *  +-------------------------------+---------------+---------------+
 *  |   Payload (Payload Length bytes), zero-padded to a multiple of 4 ...|  4
 *  +---------------------------------------------------------------+
 *
 *  Kind 0 (frame):  the payload is the frame, 1 .. 65,535 bytes; Flags are the descriptor's flags.
 *  Kind 1 (marker): the payload is the 8-byte marker descriptor (epoch and port); Flags are 0.
 * </pre>
 * The batch length must equal the Aeron message length, and the entries must fill it exactly: anything
 * else is a malformed batch ({@link WireMalformed}), counted and dropped by the receiver, never thrown.
 * <p>
 * Threading: constants and static helpers only, any thread.
 */
public final class WireBatchDescriptor
{
    /** Layout version in byte 0. */
    public static final int VERSION = 1;

    /** Offset of the version byte. */
    public static final int VERSION_OFFSET = 0;

    /** Offset of the reserved byte (0). */
    public static final int RESERVED_OFFSET = 1;

    /** Offset of the entry count (unsigned 16 bits). */
    public static final int ENTRY_COUNT_OFFSET = 2;

    /** Offset of the batch length (32 bits). */
    public static final int BATCH_LENGTH_OFFSET = 4;

    /** Bytes of the batch header. */
    public static final int HEADER_LENGTH = 8;

    /** Offset of an entry's payload length (unsigned 16 bits), from the entry's start. */
    public static final int ENTRY_LENGTH_OFFSET = 0;

    /** Offset of an entry's kind byte. */
    public static final int ENTRY_KIND_OFFSET = 2;

    /** Offset of an entry's flags byte. */
    public static final int ENTRY_FLAGS_OFFSET = 3;

    /** Bytes of an entry header. */
    public static final int ENTRY_HEADER_LENGTH = 4;

    /** Entry kind of a frame. */
    public static final int KIND_FRAME = 0;

    /** Entry kind of an end-of-epoch marker. */
    public static final int KIND_MARKER = 1;

    /** Payload length of a marker entry: the marker descriptor. */
    public static final int MARKER_PAYLOAD_LENGTH = Long.BYTES;

    /** Alignment of every entry. */
    public static final int ENTRY_ALIGNMENT = 4;

    /** Largest entry count (16 bits). */
    public static final int MAX_ENTRY_COUNT = 0xFFFF;

    /** Bytes of the smallest entry (a 1-byte frame, padded). */
    public static final int MIN_ENTRY_LENGTH = ENTRY_HEADER_LENGTH + ENTRY_ALIGNMENT;

    private WireBatchDescriptor()
    {
    }

    /**
     * @param payloadLength bytes of a frame or marker payload.
     * @return bytes the entry takes in a batch (header and padding included).
     */
    public static int entryLength(final int payloadLength)
    {
        return ENTRY_HEADER_LENGTH + ((payloadLength + ENTRY_ALIGNMENT - 1) & -ENTRY_ALIGNMENT);
    }

    /**
     * @return an entry's header as one little-endian int (length, kind, flags at their offsets): written and read in
     * one access.
     */
    public static int entryHeader(final int payloadLength, final int kind, final int flags)
    {
        return (payloadLength & 0xFFFF) | (kind & 0xFF) << 16 | (flags & 0xFF) << 24;
    }

    /** @return the payload length of an entry header read as one little-endian int. */
    public static int headerLength(final int header)
    {
        return header & 0xFFFF;
    }

    /** @return the kind of an entry header read as one little-endian int. */
    public static int headerKind(final int header)
    {
        return (header >>> 16) & 0xFF;
    }

    /** @return the flags of an entry header read as one little-endian int. */
    public static int headerFlags(final int header)
    {
        return header >>> 24;
    }

    /**
     * @param batchBytes a batch's byte budget.
     * @return the most entries a batch of that many bytes can hold.
     */
    public static int maxEntries(final int batchBytes)
    {
        return Math.min(MAX_ENTRY_COUNT, Math.max(1, (batchBytes - HEADER_LENGTH) / MIN_ENTRY_LENGTH));
    }
}
