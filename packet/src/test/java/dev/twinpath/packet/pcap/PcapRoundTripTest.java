package dev.twinpath.packet.pcap;

import dev.twinpath.packet.pcap.PcapTestSupport.Frame;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Frames written with {@link PcapWriter} and {@link PcapngWriter} read back identically through
 * {@link CaptureReader}: bytes, lengths, timestamps, interfaces, link types and comments.
 */
class PcapRoundTripTest
{
    private static final int MAX_FRAME = 9216;
    private static final long MAX_PCAP_NANOS = 0xFFFF_FFFFL * 1_000_000_000L + 999_999_999L;

    /**
     * One frame to write: its bytes come from a seeded generator so that shrinking works on
     * the length, not on thousands of byte values.
     */
    record FrameSpec(
        int length, long seed, int extraWireLength, long timestampNanos, int interfaceIndex, String comment)
    {
        byte[] bytes()
        {
            final byte[] bytes = new byte[length];
            new SplittableRandom(seed).nextBytes(bytes);
            return bytes;
        }

        int wireLength()
        {
            return length + extraWireLength;
        }
    }

    @Property(tries = 60)
    void pcapRoundTrip(
        @ForAll("frames") final List<FrameSpec> frames,
        @ForAll("linkTypes") final int linkType,
        @ForAll @IntRange(max = 7) final int bufferOffset) throws IOException
    {
        final Path file = Files.createTempFile("roundtrip", ".pcap");
        try
        {
            try (PcapWriter writer = new PcapWriter(file, linkType, PcapWriter.DEFAULT_SNAPLEN))
            {
                for (final FrameSpec spec : frames)
                {
                    final UnsafeBuffer buffer = placed(spec.bytes(), bufferOffset);
                    final long timestampNanos = spec.timestampNanos() % (MAX_PCAP_NANOS + 1);
                    final int stored = writer.write(
                        buffer, bufferOffset, spec.length(), spec.wireLength(), timestampNanos);
                    assertEquals(spec.length(), stored);
                }
                assertEquals(frames.size(), writer.recordCount());
            }

            final List<Frame> read = PcapTestSupport.readAll(file);
            assertEquals(frames.size(), read.size());
            for (int i = 0; i < frames.size(); i++)
            {
                final FrameSpec spec = frames.get(i);
                final Frame frame = read.get(i);
                assertArrayEquals(spec.bytes(), frame.bytes);
                assertEquals(spec.wireLength(), frame.wireLength);
                assertEquals(spec.timestampNanos() % (MAX_PCAP_NANOS + 1), frame.timestampNanos);
                assertEquals(0, frame.interfaceId);
                assertEquals(linkType, frame.linkType);
                assertEquals(null, frame.comment);
                assertFalse(frame.longerThanSnaplen);
            }
        }
        finally
        {
            Files.deleteIfExists(file);
        }
    }

    @Property(tries = 60)
    void pcapngRoundTrip(
        @ForAll("frames") final List<FrameSpec> frames,
        @ForAll @Size(min = 1, max = 4) final List<@IntRange(max = 300) Integer> linkTypes,
        @ForAll @IntRange(max = 7) final int bufferOffset) throws IOException
    {
        final Path file = Files.createTempFile("roundtrip", ".pcapng");
        try
        {
            try (PcapngWriter writer = new PcapngWriter(file))
            {
                for (int i = 0; i < linkTypes.size(); i++)
                {
                    assertEquals(i, writer.addInterface("port" + i, linkTypes.get(i), 0));
                }
                for (final FrameSpec spec : frames)
                {
                    final int interfaceId = spec.interfaceIndex() % linkTypes.size();
                    final UnsafeBuffer buffer = placed(spec.bytes(), bufferOffset);
                    writer.write(
                        interfaceId, buffer, bufferOffset, spec.length(), spec.wireLength(), spec.timestampNanos(),
                        spec.comment());
                }
                assertEquals(frames.size(), writer.packetCount());
            }

            final List<Frame> read = PcapTestSupport.readAll(file);
            assertEquals(frames.size(), read.size());
            for (int i = 0; i < frames.size(); i++)
            {
                final FrameSpec spec = frames.get(i);
                final Frame frame = read.get(i);
                final int interfaceId = spec.interfaceIndex() % linkTypes.size();
                assertArrayEquals(spec.bytes(), frame.bytes);
                assertEquals(spec.wireLength(), frame.wireLength);
                assertEquals(spec.timestampNanos(), frame.timestampNanos);
                assertEquals(interfaceId, frame.interfaceId);
                assertEquals((int)linkTypes.get(interfaceId), frame.linkType);
                assertEquals(spec.comment(), frame.comment);
            }
        }
        finally
        {
            Files.deleteIfExists(file);
        }
    }

    @Property(tries = 30)
    void writersStoreAtMostTheSnaplen(
        @ForAll("frames") final List<FrameSpec> frames,
        @ForAll @IntRange(min = 1, max = 200) final int snaplen) throws IOException
    {
        final Path pcap = Files.createTempFile("snaplen", ".pcap");
        final Path pcapng = Files.createTempFile("snaplen", ".pcapng");
        try
        {
            try (PcapWriter writer = new PcapWriter(pcap, 1, snaplen);
                PcapngWriter ngWriter = new PcapngWriter(pcapng))
            {
                ngWriter.addInterface("vf0", 1, snaplen);
                for (final FrameSpec spec : frames)
                {
                    final UnsafeBuffer buffer = new UnsafeBuffer(spec.bytes());
                    final int expected = Math.min(snaplen, spec.length());
                    assertEquals(expected, writer.write(buffer, 0, spec.length(), spec.wireLength(), 0));
                    assertEquals(expected, ngWriter.write(0, buffer, 0, spec.length(), spec.wireLength(), 0, null));
                }
            }

            for (final Path file : List.of(pcap, pcapng))
            {
                final List<Frame> read = PcapTestSupport.readAll(file);
                for (int i = 0; i < frames.size(); i++)
                {
                    final FrameSpec spec = frames.get(i);
                    final byte[] expected = Arrays.copyOf(spec.bytes(), Math.min(snaplen, spec.length()));
                    assertArrayEquals(expected, read.get(i).bytes);
                    assertEquals(spec.wireLength(), read.get(i).wireLength);
                    assertFalse(read.get(i).longerThanSnaplen);
                }
            }
        }
        finally
        {
            Files.deleteIfExists(pcap);
            Files.deleteIfExists(pcapng);
        }
    }

    @Example
    void framesOfMaximumSnaplenCrossTheWriteBuffer() throws IOException
    {
        final int max = CaptureReader.MAXIMUM_SNAPLEN;
        final FrameSpec big = new FrameSpec(max, 7, 0, 1, 0, "big");
        final Path pcap = Files.createTempFile("max", ".pcap");
        final Path pcapng = Files.createTempFile("max", ".pcapng");
        try
        {
            try (PcapWriter writer = new PcapWriter(pcap);
                PcapngWriter ngWriter = new PcapngWriter(pcapng))
            {
                ngWriter.addInterface("x".repeat(65_000), 1, 0);
                final UnsafeBuffer buffer = new UnsafeBuffer(big.bytes());
                for (int i = 0; i < 3; i++)
                {
                    writer.write(buffer, 0, max, max, i);
                    ngWriter.write(0, buffer, 0, max, max, i, "c".repeat(30_000 * i));
                }
            }

            for (final Path file : List.of(pcap, pcapng))
            {
                final List<Frame> read = PcapTestSupport.readAll(file);
                assertEquals(3, read.size());
                for (final Frame frame : read)
                {
                    assertArrayEquals(big.bytes(), frame.bytes);
                }
            }
            assertEquals("c".repeat(60_000), PcapTestSupport.readAll(pcapng).get(2).comment);
        }
        finally
        {
            Files.deleteIfExists(pcap);
            Files.deleteIfExists(pcapng);
        }
    }

    @Example
    void writersRefuseMisuse() throws IOException
    {
        final Path file = Files.createTempFile("misuse", ".pcapng");
        try
        {
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);
            assertThrows(IllegalArgumentException.class, () -> new PcapWriter(file, 1, 0));
            assertThrows(IllegalArgumentException.class, () -> new PcapWriter(file, 70_000, 100));
            try (PcapWriter writer = new PcapWriter(file))
            {
                assertThrows(IllegalArgumentException.class, () -> writer.write(buffer, 0, 64, 63, 0));
                assertThrows(IllegalArgumentException.class, () -> writer.write(buffer, 0, 64, 64, -1));
                assertThrows(IllegalArgumentException.class, () -> writer.write(buffer, 0, 64, 64, MAX_PCAP_NANOS + 1));
            }
            try (PcapngWriter writer = new PcapngWriter(file))
            {
                assertThrows(IllegalArgumentException.class, () -> writer.write(0, buffer, 0, 64, 64, 0, null));
                writer.addInterface(null, 1, 0);
                assertThrows(IllegalArgumentException.class, () -> writer.write(1, buffer, 0, 64, 64, 0, null));
                assertThrows(
                    IllegalArgumentException.class, () -> writer.write(0, buffer, 0, 64, 64, 0, "x".repeat(70_000)));
                assertThrows(IllegalArgumentException.class, () -> writer.addInterface("a", 1, -1));
            }

            final PcapngWriter closed = new PcapngWriter(file);
            closed.addInterface("vf0", 1, 0);
            closed.close();
            closed.close();
            assertThrows(IllegalStateException.class, () -> closed.write(0, buffer, 0, 64, 64, 0, null));
            assertThrows(IllegalStateException.class, () -> closed.addInterface("vf1", 1, 0));
        }
        finally
        {
            Files.deleteIfExists(file);
        }
    }

    @Provide
    Arbitrary<List<FrameSpec>> frames()
    {
        final Arbitrary<String> comments = Arbitraries.strings()
            .alpha().numeric().withChars(" ,\t\u00e9\u00df\u2713")
            .ofMaxLength(40)
            .injectNull(0.5);
        final Arbitrary<FrameSpec> frame = Combinators.combine(
            Arbitraries.integers().between(0, MAX_FRAME),
            Arbitraries.longs(),
            Arbitraries.integers().between(0, 100),
            Arbitraries.longs().between(0, Long.MAX_VALUE),
            Arbitraries.integers().between(0, 3),
            comments).as(FrameSpec::new);
        return frame.list().ofMaxSize(24);
    }

    @Provide
    Arbitrary<Integer> linkTypes()
    {
        return Arbitraries.of(1, 113, 276, 0, 65535);
    }

    private static UnsafeBuffer placed(final byte[] bytes, final int offset)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[offset + bytes.length + 3]);
        buffer.setMemory(0, buffer.capacity(), (byte)0xEE);
        buffer.putBytes(offset, bytes);
        return buffer;
    }
}
