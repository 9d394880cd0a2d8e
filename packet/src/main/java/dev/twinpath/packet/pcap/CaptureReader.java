package dev.twinpath.packet.pcap;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * Sequential reader of the packets of a capture file, classic pcap or pcapng.
 * <p>
 * {@link #open(Path)} sniffs the magic number and returns the reader for the format;
 * {@link #next(CaptureRecord)} then fills a caller-owned record per packet and returns false at
 * a clean end of file. In steady state reading allocates nothing per packet (packet comments
 * are the exception). A file that breaks the format is reported by
 * {@link CaptureFormatException}, naming the file and the offset of the faulty header, record
 * or block; no record is ever buffered whose captured length exceeds
 * {@link #MAXIMUM_SNAPLEN}.
 * <p>
 * Not thread-safe: owned by the thread that reads the file.
 */
public interface CaptureReader extends AutoCloseable
{
    /**
     * The largest captured length a record may declare, libpcap's {@code MAXIMUM_SNAPLEN}.
     * Larger records are refused before anything is allocated for them.
     */
    int MAXIMUM_SNAPLEN = 262_144;

    /**
     * Open a capture file and read its file header (pcap) or first Section Header Block
     * (pcapng).
     *
     * @param file the capture file.
     * @return a reader positioned at the first packet.
     * @throws CaptureFormatException if the magic is neither pcap nor pcapng or the header is
     *                                invalid.
     * @throws IOException            if the file cannot be read.
     */
    static CaptureReader open(final Path file) throws IOException
    {
        final CaptureFileInput input = new CaptureFileInput(file);
        try
        {
            if (!input.ensure(4))
            {
                throw new CaptureFormatException(
                    file, 0, "file is " + input.remaining() + " bytes long, too short for a capture file magic");
            }

            final int magic = input.view().getInt(0, ByteOrder.BIG_ENDIAN);
            if (PcapReader.isMagic(magic))
            {
                return new PcapReader(input);
            }
            if (PcapngReader.isMagic(magic))
            {
                return new PcapngReader(input);
            }

            throw new CaptureFormatException(
                file, 0, String.format("unknown magic 0x%08x: neither pcap nor pcapng", magic));
        }
        catch (final IOException | RuntimeException ex)
        {
            input.close();
            throw ex;
        }
    }

    /**
     * The file being read.
     *
     * @return the file being read.
     */
    Path file();

    /**
     * The format of the file being read.
     *
     * @return the format of the file being read.
     */
    CaptureFormat format();

    /**
     * Read the next packet into {@code record}, replacing its previous contents. After an
     * exception the reader's position is undefined: close it.
     *
     * @param record the record to fill; its frame view is valid until the next call.
     * @return true if a packet was read, false at a clean end of file.
     * @throws CaptureFormatException if the next record or block breaks the format, including a
     *                                file that ends inside it.
     * @throws IOException            if the file cannot be read.
     */
    boolean next(CaptureRecord record) throws IOException;

    /**
     * Number of packets read so far whose captured length exceeds their snapshot length.
     *
     * @return number of packets read so far that were longer than their snapshot length.
     */
    long recordsLongerThanSnaplen();

    /**
     * Close the file. Records read from this reader must not be used afterwards.
     *
     * @throws IOException if the file cannot be closed.
     */
    void close() throws IOException;
}
