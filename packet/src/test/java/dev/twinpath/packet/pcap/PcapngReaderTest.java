package dev.twinpath.packet.pcap;

import dev.twinpath.packet.pcap.PcapTestSupport.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * pcapng files built block by block: sections in both byte orders, several interfaces and
 * timestamp resolutions, simple and obsolete packet blocks, unknown blocks, and every kind of
 * broken block the reader must refuse with the offset of the block.
 */
class PcapngReaderTest
{
    private static final byte[] DATA = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21 };
    private static final long SECONDS = 1_700_000_000L;

    @TempDir
    Path tempDir;

    @Test
    void readsSectionsInBothByteOrdersWithSeveralInterfaces() throws IOException
    {
        final PcapngFileBuilder builder = new PcapngFileBuilder()
            .section(ByteOrder.LITTLE_ENDIAN)
            .interfaceDescription(1, 65535, -1, 0)
            .enhancedPacket(0, SECONDS * 1_000_000 + 123_456, DATA, 60, "first \u00e9")
            .block(0x0BAD, new byte[]{ 9, 9, 9, 9, 9, 9, 9, 9 })
            .section(ByteOrder.BIG_ENDIAN)
            .interfaceDescription(113, 0, 9, 0)
            .interfaceDescription(276, 16, 0x80 | 30, 100)
            .interfaceDescription(1, 0, 12, 0)
            .enhancedPacket(0, SECONDS * 1_000_000_000 + 123_456_789, DATA, 21, null)
            .enhancedPacket(1, (SECONDS << 30) | (1 << 29), DATA, 99, "second")
            .enhancedPacket(2, 1_234_567_891_234L, DATA, 21, null)
            .packet(0, 5_000_000_000L, Arrays.copyOf(DATA, 3), 3);
        final Path file = write("sections.pcapng", builder);

        final List<Frame> frames = PcapTestSupport.readAll(file);
        assertEquals(5, frames.size());

        assertFrame(frames.get(0), builder.blockOffset(2), 0, 1, SECONDS * 1_000_000_000 + 123_456_000, 60);
        assertEquals("first \u00e9", frames.get(0).comment);
        assertFrame(frames.get(1), builder.blockOffset(8), 0, 113, SECONDS * 1_000_000_000 + 123_456_789, 21);
        assertNull(frames.get(1).comment);
        assertFrame(frames.get(2), builder.blockOffset(9), 1, 276, (SECONDS + 100) * 1_000_000_000 + 500_000_000, 99);
        assertEquals("second", frames.get(2).comment);
        assertTrue(frames.get(2).longerThanSnaplen, "21 bytes on an interface with snaplen 16");
        assertFrame(frames.get(3), builder.blockOffset(10), 2, 1, 1_234_567_891L, 21);
        assertEquals(5_000_000_000L, frames.get(4).timestampNanos);
        assertArrayEquals(Arrays.copyOf(DATA, 3), frames.get(4).bytes);
        assertEquals(113, frames.get(4).linkType);

        try (PcapngReader reader = (PcapngReader)CaptureReader.open(file))
        {
            assertEquals(CaptureFormat.PCAPNG, reader.format());
            final CaptureRecord record = new CaptureRecord();
            assertTrue(reader.next(record));
            assertEquals(ByteOrder.LITTLE_ENDIAN, reader.byteOrder());
            while (reader.next(record))
            {
                assertEquals(ByteOrder.BIG_ENDIAN, reader.byteOrder());
            }
            assertEquals(2, reader.sectionCount());
            assertEquals(3, reader.interfaceCount());
            assertEquals(276, reader.interfaceLinkType(1));
            assertEquals(16, reader.interfaceSnaplen(1));
            assertEquals(1, reader.recordsLongerThanSnaplen());
        }
    }

    @Test
    void readsSimplePacketsUpToSnaplen() throws IOException
    {
        final byte[] sixtyFour = new byte[64];
        Arrays.fill(sixtyFour, (byte)0x5A);
        final PcapngFileBuilder builder = new PcapngFileBuilder()
            .section(ByteOrder.BIG_ENDIAN)
            .interfaceDescription(1, 64, 9, 0)
            .simplePacket(100, sixtyFour)
            .simplePacket(10, Arrays.copyOf(DATA, 12));
        final List<Frame> frames = PcapTestSupport.readAll(write("spb.pcapng", builder));

        assertEquals(2, frames.size());
        assertArrayEquals(sixtyFour, frames.get(0).bytes);
        assertEquals(100, frames.get(0).wireLength);
        assertEquals(PcapngReader.NO_TIMESTAMP, frames.get(0).timestampNanos);
        assertArrayEquals(Arrays.copyOf(DATA, 10), frames.get(1).bytes);
        assertEquals(10, frames.get(1).wireLength);
        assertFalse(frames.get(1).longerThanSnaplen);
    }

    @Test
    void skipsUnknownBlockLargerThanTheBufferWithoutGrowingIt() throws IOException
    {
        final PcapngFileBuilder builder = new PcapngFileBuilder()
            .section(ByteOrder.LITTLE_ENDIAN)
            .block(0x80000001, new byte[2 * PcapngReader.MAXIMUM_BLOCK_LENGTH])
            .interfaceDescription(1, 0, 9, 0)
            .enhancedPacket(0, 42, DATA, 21, null);
        final Path file = write("big-unknown.pcapng", builder);

        try (PcapngReader reader = (PcapngReader)CaptureReader.open(file))
        {
            final CaptureRecord record = new CaptureRecord();
            assertTrue(reader.next(record));
            assertEquals(42, record.timestampNanos());
            assertEquals(builder.blockOffset(3), record.fileOffset());
            assertFalse(reader.next(record));
            assertEquals(CaptureFileInput.INITIAL_CAPACITY, reader.bufferCapacity());
        }
    }

    @Test
    void refusesHugeCapturedLengthWithoutAllocating() throws IOException
    {
        final PcapngFileBuilder builder = new PcapngFileBuilder()
            .section(ByteOrder.LITTLE_ENDIAN)
            .interfaceDescription(1, 0, 9, 0)
            .enhancedPacket(0, 42, 0x7FFF_FFFF, DATA, 21, null);
        final Path file = write("huge.pcapng", builder);

        try (PcapngReader reader = (PcapngReader)CaptureReader.open(file))
        {
            final CaptureFormatException ex = assertThrows(
                CaptureFormatException.class, () -> reader.next(new CaptureRecord()));
            assertEquals(
                file + ": offset " + builder.blockOffset(2) +
                ": enhanced packet block declares 2147483647 captured bytes, more than the maximum 262144",
                ex.getMessage());
            assertEquals(CaptureFileInput.INITIAL_CAPACITY, reader.bufferCapacity());
        }
    }

    @Test
    void refusesBrokenBlocks() throws IOException
    {
        final String unknown = "block of type 0x00000bad ";
        assertRefused(base().ints(0x0BAD, 8, 8), 2, unknown + "total length 8 is less than the minimum 12");
        assertRefused(base().ints(0x0BAD, 14, 0, 0), 2, unknown + "total length 14 is not a multiple of 4");
        assertRefused(base().ints(0x0BAD, 16, 0, 20), 2, "block total length 16 differs from its trailing copy 20");
        assertRefused(base().ints(0x0BAD, 1000, 0, 0), 2, unknown + "declares 1000 bytes but only 16 remain");
        assertRefused(base().ints(0x0BAD), 2, "block header needs 8 bytes but only 4 remain");
        assertRefused(
            base().enhancedPacket(2, 0, DATA, 21, null), 2,
            "enhanced packet block refers to interface 2 but its section describes 1");
        assertRefused(
            base().enhancedPacket(0, 0, 40, DATA, 40, null), 2,
            "enhanced packet block declares 40 captured bytes, more than its total length 56 holds");
        assertRefused(
            base().ints(6, 36, 0, 0, 0, 0, 0, 0), 2, "enhanced packet block declares 36 bytes but only 32 remain");
        assertRefused(
            base().ints(6, 28, 0, 0, 0, 0, 0), 2, "enhanced packet block total length 28 is less than the minimum 32");
        assertRefused(
            base().ints(6, 36, 0, 0, 0, 0, 0, 0x00200001, 36), 2,
            "option 1 at block byte 28 declares 32 bytes but only 0 remain in the block");
        assertRefused(
            new PcapngFileBuilder().section(ByteOrder.LITTLE_ENDIAN).simplePacket(4, new byte[4]), 1,
            "simple packet block appears before any interface description block");
        assertRefused(
            base().section(ByteOrder.BIG_ENDIAN).enhancedPacket(0, 0, DATA, 21, null), 3,
            "enhanced packet block refers to interface 0 but its section describes 0");
        assertRefused(
            base().section(ByteOrder.LITTLE_ENDIAN, 2), 2, "unsupported pcapng version 2.0, expected 1.x");
        assertRefused(
            base().interfaceDescription(1, 0, 19, 0), 2, "if_tsresol 0x13 is finer than 10^-18 or 2^-63 s");
        assertRefused(
            base().interfaceDescription(1, 0, 0, 0).enhancedPacket(1, 1L << 40, DATA, 21, null), 3,
            "timestamp 1099511627776 at if_tsresol 0x00 does not fit in 64-bit nanoseconds");
        assertRefused(
            base().interfaceDescription(1, 0, 9, Long.MAX_VALUE), 2,
            "if_tsoffset 9223372036854775807 s does not fit in 64-bit nanoseconds");

        final PcapngFileBuilder badMagic = base();
        badMagic.section(ByteOrder.LITTLE_ENDIAN).patchInt(badMagic.blockOffset(2) + 8, 0x11223344);
        assertRefused(badMagic, 2, "byte-order magic 0x44332211 is not 0x1a2b3c4d in either byte order");
    }

    @Test
    void truncatedCopyFailsAtTheBlockItCuts() throws IOException
    {
        final PcapngFileBuilder builder = new PcapngFileBuilder()
            .section(ByteOrder.LITTLE_ENDIAN)
            .interfaceDescription(1, 0, 9, 0)
            .enhancedPacket(0, 1, DATA, 21, "a comment")
            .block(0x0BAD, new byte[12])
            .simplePacket(21, DATA)
            .section(ByteOrder.BIG_ENDIAN)
            .interfaceDescription(1, 0, 6, 0)
            .packet(0, 2, DATA, 30);
        final byte[] whole = builder.bytes();
        final int[] blocks = builder.blockOffsets();
        final boolean[] packetBlock = { false, false, true, false, true, false, false, true };
        final Path cut = tempDir.resolve("cut.pcapng");

        for (int length = 0; length < whole.length; length++)
        {
            Files.write(cut, Arrays.copyOf(whole, length));
            int block = 0;
            int packets = 0;
            while (block + 1 < blocks.length && blocks[block + 1] <= length)
            {
                packets += packetBlock[block] ? 1 : 0;
                block++;
            }

            if (length == blocks[block] && length > 0)
            {
                assertEquals(packets, PcapTestSupport.readAll(cut).size(), "cut at block boundary " + length);
            }
            else
            {
                final CaptureFormatException ex = assertThrows(
                    CaptureFormatException.class, () -> PcapTestSupport.readAll(cut), "cut at " + length);
                assertEquals(length < 4 ? 0 : blocks[block], ex.offset(), ex.getMessage());
                assertTrue(ex.getMessage().startsWith(cut + ": offset " + ex.offset() + ": "), ex.getMessage());
            }
        }
    }

    private static PcapngFileBuilder base()
    {
        return new PcapngFileBuilder().section(ByteOrder.LITTLE_ENDIAN).interfaceDescription(1, 0, 9, 0);
    }

    private void assertRefused(final PcapngFileBuilder builder, final int block, final String reason)
        throws IOException
    {
        final Path file = write("broken.pcapng", builder);
        final CaptureFormatException ex = assertThrows(
            CaptureFormatException.class, () -> PcapTestSupport.readAll(file), reason);
        assertEquals(file + ": offset " + builder.blockOffset(block) + ": " + reason, ex.getMessage());
        assertEquals(builder.blockOffset(block), ex.offset());
        assertEquals(reason, ex.reason());
    }

    private static void assertFrame(
        final Frame frame,
        final long offset,
        final int interfaceId,
        final int linkType,
        final long timestampNanos,
        final int wireLength)
    {
        assertEquals(offset, frame.fileOffset, "offset");
        assertEquals(interfaceId, frame.interfaceId, "interface");
        assertEquals(linkType, frame.linkType, "link type");
        assertEquals(timestampNanos, frame.timestampNanos, "timestamp");
        assertEquals(wireLength, frame.wireLength, "wire length");
        assertArrayEquals(DATA, frame.bytes, "bytes");
    }

    private Path write(final String name, final PcapngFileBuilder builder) throws IOException
    {
        return Files.write(tempDir.resolve(name), builder.bytes());
    }
}
