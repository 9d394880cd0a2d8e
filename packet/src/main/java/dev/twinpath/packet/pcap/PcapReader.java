package dev.twinpath.packet.pcap;

import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;

import static dev.twinpath.packet.pcap.PcapDescriptor.*;

/**
 * Reader of classic libpcap files: microsecond ({@code a1b2c3d4}) or nanosecond
 * ({@code a1b23c4d}) magic, written in either byte order; layout in {@link PcapDescriptor}.
 * <p>
 * A record longer than the snapshot length is read and flagged; one longer than
 * {@link CaptureReader#MAXIMUM_SNAPLEN} is refused before anything is allocated for it.
 * <p>
 * Not thread-safe: owned by the thread that reads the file.
 */
public final class PcapReader implements CaptureReader
{
    private final CaptureFileInput input;
    private final Path file;
    private final ByteOrder order;
    private final boolean nanosecondResolution;
    private final int majorVersion;
    private final int minorVersion;
    private final long snaplen;
    private final int linkType;
    private long recordsLongerThanSnaplen;

    PcapReader(final CaptureFileInput input) throws IOException
    {
        this.input = input;
        this.file = input.file();

        if (!input.ensure(FILE_HEADER_LENGTH))
        {
            throw new CaptureFormatException(
                file, 0, "pcap file header needs " + FILE_HEADER_LENGTH + " bytes but only " + input.remaining() +
                " remain");
        }

        final UnsafeBuffer view = input.view();
        final int index = input.index();
        final int magic = view.getInt(index + MAGIC_OFFSET, ByteOrder.BIG_ENDIAN);
        final boolean bigEndian = magic == MAGIC_MICROS || magic == MAGIC_NANOS;
        order = bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        nanosecondResolution = view.getInt(index + MAGIC_OFFSET, order) == MAGIC_NANOS;
        majorVersion = view.getShort(index + MAJOR_VERSION_OFFSET, order) & 0xFFFF;
        minorVersion = view.getShort(index + MINOR_VERSION_OFFSET, order) & 0xFFFF;
        snaplen = view.getInt(index + SNAPLEN_OFFSET, order) & 0xFFFF_FFFFL;
        linkType = view.getInt(index + LINK_TYPE_OFFSET, order) & LINK_TYPE_MASK;

        if (majorVersion != 2)
        {
            throw new CaptureFormatException(
                file, 0, "unsupported pcap version " + majorVersion + "." + minorVersion + ", expected 2.x");
        }

        input.advance(FILE_HEADER_LENGTH);
    }

    static boolean isMagic(final int magicBigEndian)
    {
        return magicBigEndian == MAGIC_MICROS || magicBigEndian == MAGIC_NANOS ||
            magicBigEndian == Integer.reverseBytes(MAGIC_MICROS) || magicBigEndian == Integer.reverseBytes(MAGIC_NANOS);
    }

    /**
     * {@inheritDoc}
     */
    public Path file()
    {
        return file;
    }

    /**
     * {@inheritDoc}
     */
    public CaptureFormat format()
    {
        return CaptureFormat.PCAP;
    }

    /**
     * Byte order the file was written in.
     *
     * @return byte order the file was written in.
     */
    public ByteOrder byteOrder()
    {
        return order;
    }

    /**
     * Whether the file has the nanosecond magic ({@code a1b23c4d}) rather than microseconds.
     *
     * @return true if record timestamps are in nanoseconds.
     */
    public boolean nanosecondResolution()
    {
        return nanosecondResolution;
    }

    /**
     * Major version from the file header (always 2).
     *
     * @return major version from the file header.
     */
    public int majorVersion()
    {
        return majorVersion;
    }

    /**
     * Minor version from the file header (usually 4).
     *
     * @return minor version from the file header.
     */
    public int minorVersion()
    {
        return minorVersion;
    }

    /**
     * Snapshot length from the file header; 0 means not given.
     *
     * @return snapshot length from the file header.
     */
    public long snaplen()
    {
        return snaplen;
    }

    /**
     * Link-layer header type of every record of the file.
     *
     * @return link-layer header type from the file header.
     */
    public int linkType()
    {
        return linkType;
    }

    /**
     * {@inheritDoc}
     */
    public long recordsLongerThanSnaplen()
    {
        return recordsLongerThanSnaplen;
    }

    /**
     * {@inheritDoc}
     */
    public boolean next(final CaptureRecord record) throws IOException
    {
        final long offset = input.offset();
        if (!input.ensure(RECORD_HEADER_LENGTH))
        {
            final long remaining = input.remaining();
            if (0 == remaining)
            {
                return false;
            }
            throw new CaptureFormatException(
                file, offset,
                "record header needs " + RECORD_HEADER_LENGTH + " bytes but only " + remaining + " remain");
        }

        final UnsafeBuffer view = input.view();
        final int index = input.index();
        final long seconds = view.getInt(index + TIMESTAMP_SECONDS_OFFSET, order) & 0xFFFF_FFFFL;
        final long fraction = view.getInt(index + TIMESTAMP_FRACTION_OFFSET, order) & 0xFFFF_FFFFL;
        final long capturedLength = view.getInt(index + CAPTURED_LENGTH_OFFSET, order) & 0xFFFF_FFFFL;
        final long wireLength = view.getInt(index + WIRE_LENGTH_OFFSET, order) & 0xFFFF_FFFFL;

        if (capturedLength > MAXIMUM_SNAPLEN)
        {
            throw new CaptureFormatException(
                file, offset, "record declares " + capturedLength + " captured bytes, more than the maximum " +
                MAXIMUM_SNAPLEN);
        }
        if (wireLength > Integer.MAX_VALUE)
        {
            throw new CaptureFormatException(
                file, offset, "record declares a wire length of " + wireLength + " bytes, more than " +
                Integer.MAX_VALUE);
        }

        final int recordLength = RECORD_HEADER_LENGTH + (int)capturedLength;
        if (!input.ensure(recordLength))
        {
            throw new CaptureFormatException(
                file, offset, "record declares " + capturedLength + " captured bytes but only " +
                (input.remaining() - RECORD_HEADER_LENGTH) + " remain");
        }

        final boolean longer = 0 != snaplen && capturedLength > snaplen;
        if (longer)
        {
            recordsLongerThanSnaplen++;
        }

        record.frame(input.byteBuffer(), input.index() + RECORD_HEADER_LENGTH, (int)capturedLength);
        record.wireLength((int)wireLength);
        record.timestampNanos(seconds * 1_000_000_000L + (nanosecondResolution ? fraction : fraction * 1_000L));
        record.interfaceId(0);
        record.linkType(linkType);
        record.comment(null);
        record.fileOffset(offset);
        record.longerThanSnaplen(longer);

        input.advance(recordLength);

        return true;
    }

    /**
     * {@inheritDoc}
     */
    public void close() throws IOException
    {
        input.close();
    }

    int bufferCapacity()
    {
        return input.capacity();
    }
}
