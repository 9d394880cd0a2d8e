package dev.twinpath.packet.pcap;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;

/**
 * One packet read from a capture file, filled in place by {@link CaptureReader#next(CaptureRecord)}
 * so that a loop over a file allocates nothing per packet.
 * <p>
 * The frame bytes are {@link #buffer()} at indices {@code 0 .. capturedLength() - 1}. The
 * buffer is a view into memory held by the reader: it is valid until the next call to
 * {@code next} or {@code close} on that reader; copy the bytes to keep them.
 * <p>
 * Not thread-safe: owned by the thread that reads the file.
 */
public final class CaptureRecord
{
    private final UnsafeBuffer buffer = new UnsafeBuffer();
    private int capturedLength;
    private int wireLength;
    private long timestampNanos;
    private int interfaceId;
    private int linkType;
    private String comment;
    private long fileOffset;
    private boolean longerThanSnaplen;

    /**
     * The frame bytes, from index 0 to {@link #capturedLength()} - 1.
     *
     * @return the frame bytes, valid until the reader moves on.
     */
    public DirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * Number of frame bytes stored in the file ({@code frame.cap_len} in Wireshark).
     *
     * @return number of frame bytes stored in the file.
     */
    public int capturedLength()
    {
        return capturedLength;
    }

    /**
     * Length of the frame on the wire ({@code frame.len}), at least the captured length
     * unless the file says otherwise.
     *
     * @return length of the frame on the wire.
     */
    public int wireLength()
    {
        return wireLength;
    }

    /**
     * Capture time in nanoseconds since the Unix epoch (UTC).
     *
     * @return capture time in nanoseconds since the Unix epoch.
     */
    public long timestampNanos()
    {
        return timestampNanos;
    }

    /**
     * Interface the packet was captured on: the index of its Interface Description Block in the
     * current pcapng section, or 0 in a classic pcap file.
     *
     * @return interface the packet was captured on.
     */
    public int interfaceId()
    {
        return interfaceId;
    }

    /**
     * Link-layer header type of the frame (1 Ethernet, 113 Linux SLL, 276 Linux SLL2, ...).
     *
     * @return link-layer header type of the frame.
     */
    public int linkType()
    {
        return linkType;
    }

    /**
     * The packet comment ({@code opt_comment}) if the record has one, else null. The first
     * comment is kept when a record has several.
     *
     * @return the packet comment or null.
     */
    public String comment()
    {
        return comment;
    }

    /**
     * Byte offset in the file of the record header (pcap) or block (pcapng).
     *
     * @return byte offset in the file of the record.
     */
    public long fileOffset()
    {
        return fileOffset;
    }

    /**
     * Whether the record stores more bytes than the snapshot length declared for its file or
     * interface. Such a record is read anyway, as tshark does.
     *
     * @return true if the captured length exceeds a non-zero snapshot length.
     */
    public boolean longerThanSnaplen()
    {
        return longerThanSnaplen;
    }

    void frame(final ByteBuffer source, final int index, final int length)
    {
        buffer.wrap(source, index, length);
        capturedLength = length;
    }

    void wireLength(final int wireLength)
    {
        this.wireLength = wireLength;
    }

    void timestampNanos(final long timestampNanos)
    {
        this.timestampNanos = timestampNanos;
    }

    void interfaceId(final int interfaceId)
    {
        this.interfaceId = interfaceId;
    }

    void linkType(final int linkType)
    {
        this.linkType = linkType;
    }

    void comment(final String comment)
    {
        this.comment = comment;
    }

    void fileOffset(final long fileOffset)
    {
        this.fileOffset = fileOffset;
    }

    void longerThanSnaplen(final boolean longerThanSnaplen)
    {
        this.longerThanSnaplen = longerThanSnaplen;
    }

    /**
     * {@inheritDoc}
     */
    public String toString()
    {
        return "CaptureRecord{" +
            "fileOffset=" + fileOffset +
            ", interfaceId=" + interfaceId +
            ", linkType=" + linkType +
            ", timestampNanos=" + timestampNanos +
            ", capturedLength=" + capturedLength +
            ", wireLength=" + wireLength +
            ", longerThanSnaplen=" + longerThanSnaplen +
            ", comment=" + comment +
            '}';
    }
}
