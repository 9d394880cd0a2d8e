package dev.twinpath.datapath.stat;

import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.status.CountersReader;

/**
 * The layout of a live counters file: a 256-byte header, then an Agrona counters metadata buffer, then its
 * values buffer (the idea of Aeron's CnC file). Every field is in the platform's native byte order
 * (little-endian on x86-64 and AArch64), as Agrona's counters are.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                  Magic 'T' 'W' 'P' 'C' (int)                  |  0
 *  +---------------------------------------------------------------+
 *  |                     Layout version (int)                      |  4
 *  +---------------------------------------------------------------+
 *  |                Metadata buffer length (int)                   |  8
 *  +---------------------------------------------------------------+
 *  |                 Values buffer length (int)                    | 12
 *  +---------------------------------------------------------------+
 *  |                   Process id (long)                           | 16
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |            Start time, ms since the epoch (long)              | 24
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                  Command length (int)                         | 32
 *  +---------------------------------------------------------------+
 *  |           Command, UTF-8, up to 92 bytes                    ...  36
 *  +---------------------------------------------------------------+
 *  |        Heartbeat, ms since the epoch (long), own cache line   | 128
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                   Refreshes (long)                            | 136
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                   (zero up to byte 256)                     ... 144
 *  +---------------------------------------------------------------+
 *  |  Metadata buffer: Agrona counter records of 512 bytes       ... 256
 *  +---------------------------------------------------------------+
 *  |  Values buffer: Agrona counter values, 128 bytes each       ... 256 + metadata length
 *  +---------------------------------------------------------------+
 * </pre>
 * The writer fills the header and maps the buffers first and stores the magic last with a release store; a
 * reader that sees the magic (acquire load) sees a whole header. The heartbeat and the refresh count are
 * stored with a release store after each refresh of the values (pair (L) in {@link LiveCountersFile}).
 * <p>
 * Stateless; any thread.
 */
public final class LiveCountersDescriptor
{
    /** "TWPC" read as a little-endian int. */
    public static final int MAGIC = 'T' | 'W' << 8 | 'P' << 16 | 'C' << 24;
    public static final int LAYOUT_VERSION = 1;

    public static final int MAGIC_OFFSET = 0;
    public static final int LAYOUT_VERSION_OFFSET = 4;
    public static final int METADATA_LENGTH_OFFSET = 8;
    public static final int VALUES_LENGTH_OFFSET = 12;
    public static final int PID_OFFSET = 16;
    public static final int START_TIME_OFFSET = 24;
    public static final int COMMAND_LENGTH_OFFSET = 32;
    public static final int COMMAND_OFFSET = 36;
    public static final int MAX_COMMAND_LENGTH = 92;
    public static final int HEARTBEAT_OFFSET = 128;
    public static final int REFRESHES_OFFSET = 136;
    public static final int HEADER_LENGTH = 256;

    /** Metadata bytes per value byte: Agrona keeps a 512-byte metadata record per 128-byte value record. */
    public static final int METADATA_PER_VALUE = CountersReader.METADATA_LENGTH / CountersReader.COUNTER_LENGTH;

    private LiveCountersDescriptor()
    {
    }

    /** @return the values buffer length for {@code counters} counters (at least one). */
    public static int valuesLength(final int counters)
    {
        return Math.max(1, counters) * CountersReader.COUNTER_LENGTH;
    }

    /** @return the metadata buffer length that goes with {@code valuesLength}. */
    public static int metadataLength(final int valuesLength)
    {
        return valuesLength * METADATA_PER_VALUE;
    }

    /** @return the offset of the metadata buffer in the file. */
    public static int metadataOffset()
    {
        return HEADER_LENGTH;
    }

    /** @return the offset of the values buffer in the file. */
    public static long valuesOffset(final int metadataLength)
    {
        return (long)HEADER_LENGTH + metadataLength;
    }

    /** @return the file length for these buffer lengths. */
    public static long fileLength(final int metadataLength, final int valuesLength)
    {
        return (long)HEADER_LENGTH + metadataLength + valuesLength;
    }

    /**
     * Check a header before anything else of the file is read.
     *
     * @param header     at least {@link #HEADER_LENGTH} bytes of the file, or all of it when shorter.
     * @param fileLength the file's length in bytes.
     * @param file       the file's name for the messages.
     * @throws LiveCountersFormatException naming the field and its offset that is wrong.
     */
    public static void validate(final AtomicBuffer header, final long fileLength, final String file)
    {
        if (fileLength < HEADER_LENGTH)
        {
            throw new LiveCountersFormatException(file, "header", 0, "truncated: the file has " + fileLength +
                " bytes, the header alone needs " + HEADER_LENGTH);
        }
        final int magic = header.getIntVolatile(MAGIC_OFFSET); // acquire: pairs with the release in LiveCountersFile.create
        if (magic != MAGIC)
        {
            throw new LiveCountersFormatException(file, "magic", MAGIC_OFFSET, magic == 0 ?
                "is 0: the file is still being created, or is not a live counters file" :
                String.format(java.util.Locale.ROOT, "is 0x%08x, expected 0x%08x ('TWPC'): not a live counters file", magic, MAGIC));
        }
        final int version = header.getInt(LAYOUT_VERSION_OFFSET);
        if (version != LAYOUT_VERSION)
        {
            throw new LiveCountersFormatException(file, "layout version", LAYOUT_VERSION_OFFSET,
                "is " + version + ", this reader knows " + LAYOUT_VERSION);
        }
        final int values = header.getInt(VALUES_LENGTH_OFFSET);
        if (values <= 0 || values % CountersReader.COUNTER_LENGTH != 0)
        {
            throw new LiveCountersFormatException(file, "values length", VALUES_LENGTH_OFFSET,
                "is " + values + ", not a positive multiple of " + CountersReader.COUNTER_LENGTH);
        }
        final int metadata = header.getInt(METADATA_LENGTH_OFFSET);
        if (metadata != metadataLength(values))
        {
            throw new LiveCountersFormatException(file, "metadata length", METADATA_LENGTH_OFFSET,
                "is " + metadata + ", expected " + METADATA_PER_VALUE + " x values length = " + metadataLength(values));
        }
        final long needed = fileLength(metadata, values);
        if (fileLength < needed)
        {
            throw new LiveCountersFormatException(file, "values length", VALUES_LENGTH_OFFSET, "truncated: the lengths at " +
                "offsets " + METADATA_LENGTH_OFFSET + " and " + VALUES_LENGTH_OFFSET + " need " + needed + " bytes, the file has " +
                fileLength);
        }
        final long pid = header.getLong(PID_OFFSET);
        if (pid <= 0)
        {
            throw new LiveCountersFormatException(file, "pid", PID_OFFSET, "is " + pid + ", not a process id");
        }
        final int command = header.getInt(COMMAND_LENGTH_OFFSET);
        if (command < 0 || command > MAX_COMMAND_LENGTH)
        {
            throw new LiveCountersFormatException(file, "command length", COMMAND_LENGTH_OFFSET,
                "is " + command + ", must be 0.." + MAX_COMMAND_LENGTH);
        }
    }
}
