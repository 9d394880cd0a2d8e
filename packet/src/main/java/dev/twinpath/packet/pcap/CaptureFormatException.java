package dev.twinpath.packet.pcap;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A capture file whose bytes do not follow the pcap or pcapng format: an unknown magic, a bad
 * header, a block or record whose length is out of bounds or runs past the end of the file, a
 * reference to an interface that was never described.
 * <p>
 * The message always reads {@code <file>: offset <n>: <what was wrong>}, where {@code n} is the
 * byte offset of the file header, record or block that is at fault. It is an {@link IOException}
 * so that a caller handles it where it handles failed reads, and can still tell it apart.
 * <p>
 * Immutable: safe to pass between threads.
 */
public final class CaptureFormatException extends IOException
{
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long offset;
    private final String reason;

    /**
     * Describe a format error.
     *
     * @param file   the capture file being read.
     * @param offset byte offset of the header, record or block at fault.
     * @param reason what was wrong, without the file and offset.
     */
    public CaptureFormatException(final Path file, final long offset, final String reason)
    {
        super(file + ": offset " + offset + ": " + reason);
        this.file = file;
        this.offset = offset;
        this.reason = reason;
    }

    /**
     * The capture file being read.
     *
     * @return the capture file being read.
     */
    public Path file()
    {
        return file;
    }

    /**
     * Byte offset in the file of the header, record or block at fault.
     *
     * @return byte offset in the file of the header, record or block at fault.
     */
    public long offset()
    {
        return offset;
    }

    /**
     * What was wrong, without the file name and offset.
     *
     * @return what was wrong, without the file name and offset.
     */
    public String reason()
    {
        return reason;
    }
}
