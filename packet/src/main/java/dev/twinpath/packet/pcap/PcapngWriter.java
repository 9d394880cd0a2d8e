package dev.twinpath.packet.pcap;

import org.agrona.BitUtil;
import org.agrona.DirectBuffer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

import static dev.twinpath.packet.pcap.PcapngDescriptor.*;

/**
 * Writer of pcapng files: one little-endian section whose Section Header Block names
 * {@code twinpath} as {@code shb_userappl}, one Interface Description Block per port added with
 * {@link #addInterface(String, int, int)} ({@code if_name}, {@code if_tsresol} = 9, i.e.
 * nanoseconds), and an Enhanced Packet Block per frame with an optional {@code opt_comment};
 * layout in {@link PcapngDescriptor}.
 * <p>
 * An interface may be added at any time, also after packets of other interfaces, and a packet
 * may only refer to an interface added before it, as pcapng requires. Frames are stored up to
 * their interface's snapshot length. Writes go through a buffer: call {@link #flush()} to make
 * them visible to another reader, and {@link #close()} to finish the file. A write without a
 * comment allocates nothing.
 * <p>
 * Not thread-safe: owned by the thread that writes the file.
 */
public final class PcapngWriter implements AutoCloseable
{
    /**
     * Value of {@code shb_userappl} in the Section Header Block.
     */
    public static final String USER_APPLICATION = "twinpath";

    static final int TSRESOL_NANOSECONDS = 9;

    private static final byte[] USER_APPLICATION_BYTES = USER_APPLICATION.getBytes(StandardCharsets.UTF_8);

    private final CaptureFileOutput output;
    private int interfaceCount;
    private int[] snaplens = new int[4];
    private long packetCount;
    private long maxFileBytes = Long.MAX_VALUE;
    private long framesOverCap;

    /**
     * Create (or truncate) a file and write its Section Header Block.
     *
     * @param file the file to write.
     * @throws IOException if the file cannot be created.
     */
    public PcapngWriter(final Path file) throws IOException
    {
        output = new CaptureFileOutput(file);

        final int totalLength = SHB_MIN_LENGTH + option(USER_APPLICATION_BYTES.length) + OPTION_HEADER_LENGTH;
        output.reserve(SHB_OPTIONS_OFFSET);
        output.putInt(SECTION_HEADER_BLOCK);
        output.putInt(totalLength);
        output.putInt(BYTE_ORDER_MAGIC);
        output.putShort(1);
        output.putShort(0);
        output.putLong(-1L);
        putOption(SHB_USERAPPL, USER_APPLICATION_BYTES);
        putEndOfOptionsAndTrailer(totalLength);
    }

    /**
     * Describe an interface (a port or a path) whose packets follow.
     *
     * @param name     interface name written as {@code if_name}, or null or empty for none.
     * @param linkType link-layer header type, 0 to 65535 (1 Ethernet).
     * @param snaplen  snapshot length, 0 (none) to {@link CaptureReader#MAXIMUM_SNAPLEN}.
     * @return the interface id to pass to {@link #write}.
     * @throws IllegalArgumentException if a value is out of range.
     * @throws IOException              if the file cannot be written.
     */
    public int addInterface(final String name, final int linkType, final int snaplen) throws IOException
    {
        checkOpen();
        if (linkType < 0 || linkType > 0xFFFF)
        {
            throw new IllegalArgumentException("linkType must be 0..65535: " + linkType);
        }
        if (snaplen < 0 || snaplen > CaptureReader.MAXIMUM_SNAPLEN)
        {
            throw new IllegalArgumentException("snaplen must be 0.." + CaptureReader.MAXIMUM_SNAPLEN + ": " + snaplen);
        }
        final byte[] nameBytes = null == name ? new byte[0] : name.getBytes(StandardCharsets.UTF_8);
        if (nameBytes.length > OPTION_MAX_LENGTH)
        {
            throw new IllegalArgumentException("name longer than " + OPTION_MAX_LENGTH + " UTF-8 bytes");
        }

        final int optionsLength =
            (nameBytes.length > 0 ? option(nameBytes.length) : 0) + option(1) + OPTION_HEADER_LENGTH;
        final int totalLength = IDB_MIN_LENGTH + optionsLength;
        output.reserve(IDB_OPTIONS_OFFSET);
        output.putInt(INTERFACE_DESCRIPTION_BLOCK);
        output.putInt(totalLength);
        output.putShort(linkType);
        output.putShort(0);
        output.putInt(snaplen);
        if (nameBytes.length > 0)
        {
            putOption(IF_NAME, nameBytes);
        }
        output.reserve(option(1));
        output.putShort(IF_TSRESOL);
        output.putShort(1);
        output.putByte(TSRESOL_NANOSECONDS);
        output.putZeros(3);
        putEndOfOptionsAndTrailer(totalLength);

        if (interfaceCount == snaplens.length)
        {
            snaplens = Arrays.copyOf(snaplens, interfaceCount * 2);
        }
        snaplens[interfaceCount] = 0 == snaplen ? CaptureReader.MAXIMUM_SNAPLEN : snaplen;

        return interfaceCount++;
    }

    /**
     * Number of interfaces added.
     *
     * @return number of interfaces added.
     */
    public int interfaceCount()
    {
        return interfaceCount;
    }

    /**
     * Number of packets written.
     *
     * @return number of packets written.
     */
    public long packetCount()
    {
        return packetCount;
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
    public PcapngWriter maxFileBytes(final long bytes)
    {
        if (bytes < output.offset())
        {
            throw new IllegalArgumentException("maxFileBytes must be at least " + output.offset() + " (the blocks " +
                "written so far): " + bytes);
        }
        maxFileBytes = bytes;
        return this;
    }

    /** @return bytes of the file so far (blocks written, buffered ones included). */
    public long fileBytes()
    {
        return output.offset();
    }

    /** @return frames not written because the file reached its {@link #maxFileBytes cap}. */
    public long framesOverCap()
    {
        return framesOverCap;
    }

    /**
     * Append one frame as an Enhanced Packet Block.
     *
     * @param interfaceId    an id returned by {@link #addInterface(String, int, int)}.
     * @param buffer         holds the frame.
     * @param offset         index of the first frame byte in the buffer.
     * @param capturedLength number of frame bytes available; at most the interface snaplen are stored.
     * @param wireLength     length of the frame on the wire, at least capturedLength.
     * @param timestampNanos capture time in nanoseconds since the epoch, not negative.
     * @param comment        packet comment ({@code opt_comment}), or null for none.
     * @return number of frame bytes stored, or -1 when the file's cap refused the frame.
     * @throws IllegalArgumentException if an argument is out of range.
     * @throws IllegalStateException    if the writer is closed.
     * @throws IOException              if the file cannot be written.
     */
    public int write(
        final int interfaceId,
        final DirectBuffer buffer,
        final int offset,
        final int capturedLength,
        final int wireLength,
        final long timestampNanos,
        final String comment) throws IOException
    {
        checkOpen();
        if (interfaceId < 0 || interfaceId >= interfaceCount)
        {
            throw new IllegalArgumentException(
                "interfaceId " + interfaceId + " not added; " + interfaceCount + " interface(s)");
        }
        if (capturedLength < 0 || wireLength < capturedLength)
        {
            throw new IllegalArgumentException(
                "need 0 <= capturedLength <= wireLength: " + capturedLength + ", " + wireLength);
        }
        if (timestampNanos < 0)
        {
            throw new IllegalArgumentException("timestampNanos must not be negative: " + timestampNanos);
        }
        final byte[] commentBytes = null == comment ? null : comment.getBytes(StandardCharsets.UTF_8);
        if (null != commentBytes && commentBytes.length > OPTION_MAX_LENGTH)
        {
            throw new IllegalArgumentException("comment longer than " + OPTION_MAX_LENGTH + " UTF-8 bytes");
        }

        final int stored = Math.min(capturedLength, snaplens[interfaceId]);
        final int padding = BitUtil.align(stored, 4) - stored;
        final int optionsLength = null == commentBytes ? 0 : option(commentBytes.length) + OPTION_HEADER_LENGTH;
        final int totalLength = EPB_MIN_LENGTH + stored + padding + optionsLength;
        if (output.offset() + totalLength > maxFileBytes)
        {
            framesOverCap++;
            return -1;
        }

        output.reserve(EPB_DATA_OFFSET);
        output.putInt(ENHANCED_PACKET_BLOCK);
        output.putInt(totalLength);
        output.putInt(interfaceId);
        output.putInt((int)(timestampNanos >>> 32));
        output.putInt((int)timestampNanos);
        output.putInt(stored);
        output.putInt(wireLength);
        output.putBytes(buffer, offset, stored);
        output.reserve(padding + BLOCK_TRAILER_LENGTH);
        output.putZeros(padding);
        if (null != commentBytes)
        {
            putOption(OPT_COMMENT, commentBytes);
            putEndOfOptionsAndTrailer(totalLength);
        }
        else
        {
            output.putInt(totalLength);
        }
        packetCount++;

        return stored;
    }

    /**
     * Write buffered blocks to the file.
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

    private void checkOpen()
    {
        if (output.isClosed())
        {
            throw new IllegalStateException("writer is closed");
        }
    }

    private static int option(final int valueLength)
    {
        return OPTION_HEADER_LENGTH + BitUtil.align(valueLength, 4);
    }

    private void putEndOfOptionsAndTrailer(final int totalLength) throws IOException
    {
        output.reserve(OPTION_HEADER_LENGTH + BLOCK_TRAILER_LENGTH);
        output.putShort(OPT_ENDOFOPT);
        output.putShort(0);
        output.putInt(totalLength);
    }

    private void putOption(final int code, final byte[] value) throws IOException
    {
        output.reserve(OPTION_HEADER_LENGTH);
        output.putShort(code);
        output.putShort(value.length);
        output.putBytes(value);
        final int padding = BitUtil.align(value.length, 4) - value.length;
        output.reserve(padding);
        output.putZeros(padding);
    }
}
