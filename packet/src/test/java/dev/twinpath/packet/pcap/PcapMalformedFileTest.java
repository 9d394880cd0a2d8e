package dev.twinpath.packet.pcap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Classic pcap files that break the format: truncated copies of corpus captures, absurd record
 * lengths, unknown magics. Each must give a {@link CaptureFormatException} naming the file and
 * the offset of the faulty header or record, and never any other exception.
 */
class PcapMalformedFileTest
{
    @TempDir
    Path tempDir;

    static List<Path> corpusPcaps()
    {
        return PcapTestSupport.corpusPcaps();
    }

    @ParameterizedTest
    @MethodSource("corpusPcaps")
    void truncatedCopyFailsAtTheRecordItCuts(final Path pcap) throws IOException
    {
        final byte[] whole = Files.readAllBytes(pcap);
        final long[] recordOffsets = PcapTestSupport.readAll(pcap).stream().mapToLong((f) -> f.fileOffset).toArray();
        final Path cut = tempDir.resolve(pcap.getFileName());

        for (final int length : cutPoints(whole.length, recordOffsets))
        {
            Files.write(cut, Arrays.copyOf(whole, length));
            int recordsBefore = 0;
            while (recordsBefore < recordOffsets.length && recordOffsets[recordsBefore] < length)
            {
                recordsBefore++;
            }

            if (length < PcapDescriptor.FILE_HEADER_LENGTH)
            {
                final CaptureFormatException ex = assertThrows(CaptureFormatException.class, () -> readCount(cut));
                assertEquals(0, ex.offset(), ex.getMessage());
            }
            else if (Arrays.binarySearch(recordOffsets, length) >= 0)
            {
                assertEquals(recordsBefore, readCount(cut), "cut at record boundary " + length);
            }
            else
            {
                final long faulty = recordOffsets[recordsBefore - 1];
                final CaptureFormatException ex = assertThrows(
                    CaptureFormatException.class, () -> readCount(cut), "cut at " + length);
                assertEquals(faulty, ex.offset(), ex.getMessage());
                assertEquals(cut, ex.file());
                assertTrue(ex.getMessage().startsWith(cut + ": offset " + faulty + ": "), ex.getMessage());

                final long left = length - faulty;
                final String expected = left < PcapDescriptor.RECORD_HEADER_LENGTH ?
                    "record header needs 16 bytes but only " + left + " remain" :
                    "captured bytes but only " + (left - PcapDescriptor.RECORD_HEADER_LENGTH) + " remain";
                assertTrue(ex.reason().endsWith(expected), ex.getMessage());
            }
        }
    }

    /**
     * Every length up to the end of the first record header, then around each record: at it,
     * inside its header, at its data and just before the next one.
     */
    private static int[] cutPoints(final int fileLength, final long[] recordOffsets)
    {
        final TreeSet<Integer> points = new TreeSet<>();
        for (int i = 0; i <= PcapDescriptor.FILE_HEADER_LENGTH + PcapDescriptor.RECORD_HEADER_LENGTH; i++)
        {
            points.add(i);
        }
        for (int i = 0; i < recordOffsets.length; i++)
        {
            final int offset = (int)recordOffsets[i];
            final int next = i + 1 < recordOffsets.length ? (int)recordOffsets[i + 1] : fileLength;
            for (final int point : new int[]{ offset, offset + 1, offset + 15, offset + 16, offset + 17, next - 1 })
            {
                points.add(Math.min(point, next - 1));
            }
        }
        return points.stream().mapToInt(Integer::intValue).filter((p) -> p < fileLength).toArray();
    }

    @Test
    void refusesHugeRecordWithoutAllocating() throws IOException
    {
        final Path file = tempDir.resolve("huge.pcap");
        Files.write(file, pcap(ByteOrder.LITTLE_ENDIAN, 65535, new int[]{ 0x7FFF_FFFF, 0x7FFF_FFFF }, 8));

        try (PcapReader reader = (PcapReader)CaptureReader.open(file))
        {
            final CaptureFormatException ex = assertThrows(
                CaptureFormatException.class, () -> reader.next(new CaptureRecord()));
            assertEquals(24, ex.offset());
            assertEquals(
                file + ": offset 24: record declares 2147483647 captured bytes, more than the maximum 262144",
                ex.getMessage());
            assertEquals(CaptureFileInput.INITIAL_CAPACITY, reader.bufferCapacity());
        }
    }

    @Test
    void refusesUnsignedMaximumRecordLengthInBigEndianFile() throws IOException
    {
        final Path file = tempDir.resolve("huge-be.pcap");
        Files.write(file, pcap(ByteOrder.BIG_ENDIAN, 65535, new int[]{ 60, 60, -1, -1 }, 60));

        try (PcapReader reader = (PcapReader)CaptureReader.open(file))
        {
            final CaptureRecord record = new CaptureRecord();
            assertTrue(reader.next(record));
            assertEquals(60, record.capturedLength());
            final CaptureFormatException ex = assertThrows(CaptureFormatException.class, () -> reader.next(record));
            assertEquals(24 + 16 + 60, ex.offset());
            assertTrue(ex.reason().contains("4294967295 captured bytes"), ex.getMessage());
            assertEquals(CaptureFileInput.INITIAL_CAPACITY, reader.bufferCapacity());
        }
    }

    @Test
    void truncatedLargeRecordDoesNotGrowTheBuffer() throws IOException
    {
        final Path file = tempDir.resolve("short.pcap");
        Files.write(file, pcap(ByteOrder.LITTLE_ENDIAN, 262144, new int[]{ 200_000, 200_000 }, 8));

        try (PcapReader reader = (PcapReader)CaptureReader.open(file))
        {
            final CaptureFormatException ex = assertThrows(
                CaptureFormatException.class, () -> reader.next(new CaptureRecord()));
            assertEquals(
                file + ": offset 24: record declares 200000 captured bytes but only 8 remain", ex.getMessage());
            assertEquals(CaptureFileInput.INITIAL_CAPACITY, reader.bufferCapacity());
        }
    }

    @Test
    void readsRecordOfMaximumSnaplen() throws IOException
    {
        final int max = CaptureReader.MAXIMUM_SNAPLEN;
        final Path file = tempDir.resolve("max.pcap");
        Files.write(file, pcap(ByteOrder.LITTLE_ENDIAN, max, new int[]{ max, max, 4, 100 }, max + 4));

        try (CaptureReader reader = CaptureReader.open(file))
        {
            final CaptureRecord record = new CaptureRecord();
            assertTrue(reader.next(record));
            assertEquals(max, record.capturedLength());
            assertTrue(reader.next(record));
            assertEquals(4, record.capturedLength());
            assertEquals(100, record.wireLength());
            assertEquals(24 + 16 + max, record.fileOffset());
            assertFalse(reader.next(record));
        }
    }

    @Test
    void refusesWireLengthBeyondInt() throws IOException
    {
        final Path file = tempDir.resolve("wire.pcap");
        Files.write(file, pcap(ByteOrder.LITTLE_ENDIAN, 65535, new int[]{ 4, 0x8000_0000 }, 4));

        final CaptureFormatException ex = assertThrows(CaptureFormatException.class, () -> readCount(file));
        assertEquals(24, ex.offset());
        assertTrue(ex.reason().contains("wire length of 2147483648"), ex.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "\u00d4", "\u00d4\u00c3\u00b2", "hello, world", "\u007fELF\u0002\u0001\u0001" })
    void refusesUnknownOrShortMagic(final String content) throws IOException
    {
        final Path file = tempDir.resolve("unknown.bin");
        final byte[] bytes = new byte[content.length()];
        for (int i = 0; i < bytes.length; i++)
        {
            bytes[i] = (byte)content.charAt(i);
        }
        Files.write(file, bytes);

        final CaptureFormatException ex = assertThrows(CaptureFormatException.class, () -> CaptureReader.open(file));
        assertEquals(0, ex.offset());
        assertTrue(ex.getMessage().startsWith(file + ": offset 0: "), ex.getMessage());
        if (bytes.length >= 4)
        {
            final String magic = String.format("0x%02x%02x%02x%02x", bytes[0], bytes[1], bytes[2], bytes[3]);
            assertEquals("unknown magic " + magic + ": neither pcap nor pcapng", ex.reason());
        }
        else
        {
            assertTrue(ex.reason().contains(bytes.length + " bytes long"), ex.getMessage());
        }
    }

    @Test
    void refusesUnsupportedVersion() throws IOException
    {
        final Path file = tempDir.resolve("v3.pcap");
        final byte[] bytes = pcap(ByteOrder.LITTLE_ENDIAN, 65535, new int[0], 0);
        bytes[4] = 3;
        Files.write(file, bytes);

        final CaptureFormatException ex = assertThrows(CaptureFormatException.class, () -> CaptureReader.open(file));
        assertEquals(file + ": offset 0: unsupported pcap version 3.4, expected 2.x", ex.getMessage());
    }

    private static int readCount(final Path file) throws IOException
    {
        int count = 0;
        final CaptureRecord record = new CaptureRecord();
        try (CaptureReader reader = CaptureReader.open(file))
        {
            while (reader.next(record))
            {
                count++;
            }
        }
        return count;
    }

    /**
     * A microsecond pcap file: header, then each pair of {@code lengths} as a record header
     * (captured, wire length) followed by captured bytes, with {@code dataLength} bytes of data
     * in all, however many the headers declare.
     */
    private static byte[] pcap(final ByteOrder order, final int snaplen, final int[] lengths, final int dataLength)
    {
        final ByteBuffer buffer = ByteBuffer.allocate(24 + 8 * lengths.length + dataLength).order(order);
        buffer.putInt(0xa1b2c3d4).putShort((short)2).putShort((short)4).putInt(0).putInt(0).putInt(snaplen).putInt(1);
        int dataLeft = dataLength;
        for (int i = 0; i < lengths.length; i += 2)
        {
            buffer.putInt(1_700_000_000).putInt(i).putInt(lengths[i]).putInt(lengths[i + 1]);
            final int data = Math.min(dataLeft, Math.max(0, lengths[i]));
            buffer.position(buffer.position() + data);
            dataLeft -= data;
        }
        return buffer.array();
    }
}
