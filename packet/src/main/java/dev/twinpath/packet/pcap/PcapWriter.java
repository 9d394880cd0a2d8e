package dev.twinpath.packet.pcap;

import org.agrona.DirectBuffer;

import java.io.IOException;
import java.nio.file.Path;

import static dev.twinpath.packet.pcap.PcapDescriptor.FILE_HEADER_LENGTH;
import static dev.twinpath.packet.pcap.PcapDescriptor.MAGIC_NANOS;
import static dev.twinpath.packet.pcap.PcapDescriptor.RECORD_HEADER_LENGTH;

/**
 * Writer of classic pcap files with nanosecond timestamps (magic {@code a1b23c4d}, version
 * 2.4, little-endian), one link type for the whole file; layout in {@link PcapDescriptor}.
 * <p>
 * Frames are stored up to the snapshot length; the wire length is recorded as given. Writes go
 * through a buffer: call {@link #flush()} to make them visible to another reader, and
 * {@link #close()} to finish the file. {@link #write(DirectBuffer, int, int, int, long)}
 * allocates nothing.
 * <p>
 * Not thread-safe: owned by the thread that writes the file.
 */
public final class PcapWriter implements AutoCloseable
{
    /**
     * Default link-layer header type: Ethernet.
     */
    public static final int DEFAULT_LINK_TYPE = 1;

    /**
     * Default snapshot length: {@link CaptureReader#MAXIMUM_SNAPLEN}.
     */
    public static final int DEFAULT_SNAPLEN = CaptureReader.MAXIMUM_SNAPLEN;

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long MAX_TIMESTAMP_NANOS = 0xFFFF_FFFFL * NANOS_PER_SECOND + NANOS_PER_SECOND - 1;

    private final CaptureFileOutput output;
    private final int linkType;
    private final int snaplen;
    private long recordCount;
    private long maxFileBytes = Long.MAX_VALUE;
    private long framesOverCap;

    /**
     * Create (or truncate) a file for Ethernet frames with the default snapshot length.
     *
     * @param file the file to write.
     * @throws IOException if the file cannot be created.
     */
    public PcapWriter(final Path file) throws IOException
    {
        this(file, DEFAULT_LINK_TYPE, DEFAULT_SNAPLEN);
    }

    /**
     * Create (or truncate) a file and write its header.
     *
     * @param file     the file to write.
     * @param linkType link-layer header type, 0 to 65535 (1 Ethernet, 113 Linux SLL, ...).
     * @param snaplen  snapshot length, 1 to {@link CaptureReader#MAXIMUM_SNAPLEN}.
     * @throws IllegalArgumentException if linkType or snaplen is out of range.
     * @throws IOException              if the file cannot be created.
     */
    public PcapWriter(final Path file, final int linkType, final int snaplen) throws IOException
    {
        if (linkType < 0 || linkType > 0xFFFF)
        {
            throw new IllegalArgumentException("linkType must be 0..65535: " + linkType);
        }
        if (snaplen < 1 || snaplen > CaptureReader.MAXIMUM_SNAPLEN)
        {
            throw new IllegalArgumentException("snaplen must be 1.." + CaptureReader.MAXIMUM_SNAPLEN + ": " + snaplen);
        }

        this.linkType = linkType;
        this.snaplen = snaplen;
        this.output = new CaptureFileOutput(file);

        output.reserve(FILE_HEADER_LENGTH);
        output.putInt(MAGIC_NANOS);
        output.putShort(2);
        output.putShort(4);
        output.putInt(0);
        output.putInt(0);
        output.putInt(snaplen);
        output.putInt(linkType);
    }

    /**
     * Link-layer header type of the file.
     *
     * @return link-layer header type of the file.
     */
    public int linkType()
    {
        return linkType;
    }

    /**
     * Snapshot length of the file.
     *
     * @return snapshot length of the file.
     */
    public int snaplen()
    {
        return snaplen;
    }

    /**
     * Number of records written.
     *
     * @return number of records written.
     */
    public long recordCount()
    {
        return recordCount;
    }

    /**
     * Cap the file at {@code bytes} (headers included): a frame that would take it past the cap is not
     * written ({@code write} answers -1) and is counted in {@link #framesOverCap()}; the file stays whole
     * and readable, so a long capture cannot fill the disk. Default: no cap.
     *
     * @param bytes at least what is written already (the headers).
     * @return this writer.
     * @throws IllegalArgumentException if {@code bytes} is below what the file already holds.
     */
    public PcapWriter maxFileBytes(final long bytes)
    {
        if (bytes < output.offset())
        {
            throw new IllegalArgumentException("maxFileBytes must be at least " + output.offset() + " (the header): " + bytes);
        }
        maxFileBytes = bytes;
        return this;
    }

    /** @return frames not written because the file reached its {@link #maxFileBytes cap}. */
    public long framesOverCap()
    {
        return framesOverCap;
    }

    /**
     * Append one frame.
     *
     * @param buffer         holds the frame.
     * @param offset         index of the first frame byte in the buffer.
     * @param capturedLength number of frame bytes available; at most {@link #snaplen()} are stored.
     * @param wireLength     length of the frame on the wire, at least capturedLength.
     * @param timestampNanos capture time in nanoseconds since the epoch, 0 to 2^32 s - 1 ns.
     * @return number of frame bytes stored, or -1 when the file's cap refused the frame.
     * @throws IllegalArgumentException if a length or the timestamp is out of range.
     * @throws IllegalStateException    if the writer is closed.
     * @throws IOException              if the file cannot be written.
     */
    public int write(
        final DirectBuffer buffer,
        final int offset,
        final int capturedLength,
        final int wireLength,
        final long timestampNanos) throws IOException
    {
        if (capturedLength < 0 || wireLength < capturedLength)
        {
            throw new IllegalArgumentException(
                "need 0 <= capturedLength <= wireLength: " + capturedLength + ", " + wireLength);
        }
        if (timestampNanos < 0 || timestampNanos > MAX_TIMESTAMP_NANOS)
        {
            throw new IllegalArgumentException("timestampNanos out of pcap range: " + timestampNanos);
        }

        if (output.isClosed())
        {
            throw new IllegalStateException("writer is closed");
        }

        final int stored = Math.min(capturedLength, snaplen);
        if (output.offset() + RECORD_HEADER_LENGTH + stored > maxFileBytes)
        {
            framesOverCap++;
            return -1;
        }
        output.reserve(RECORD_HEADER_LENGTH);
        output.putInt((int)(timestampNanos / NANOS_PER_SECOND));
        output.putInt((int)(timestampNanos % NANOS_PER_SECOND));
        output.putInt(stored);
        output.putInt(wireLength);
        output.putBytes(buffer, offset, stored);
        recordCount++;

        return stored;
    }

    /**
     * Write buffered records to the file.
     *
     * @throws IOException if the file cannot be written.
     */
    public void flush() throws IOException
    {
        output.flush();
    }

    /**
     * Flush and close the file. Closing twice has no further effect.
     *
     * @throws IOException if the file cannot be written or closed.
     */
    public void close() throws IOException
    {
        output.close();
    }
}
