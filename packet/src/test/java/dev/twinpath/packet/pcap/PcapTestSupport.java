package dev.twinpath.packet.pcap;

import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Helpers shared by the capture file tests: locating the conformance corpus, reading tshark
 * truth files, reading whole captures into copies, and building Ethernet/IPv4/UDP frames.
 * <p>
 * Not thread-safe: used by one test thread at a time.
 */
final class PcapTestSupport
{
    private PcapTestSupport()
    {
    }

    /**
     * One packet copied out of a capture file.
     */
    static final class Frame
    {
        final byte[] bytes;
        final int wireLength;
        final long timestampNanos;
        final int interfaceId;
        final int linkType;
        final String comment;
        final long fileOffset;
        final boolean longerThanSnaplen;

        Frame(final CaptureRecord record)
        {
            bytes = new byte[record.capturedLength()];
            record.buffer().getBytes(0, bytes);
            wireLength = record.wireLength();
            timestampNanos = record.timestampNanos();
            interfaceId = record.interfaceId();
            linkType = record.linkType();
            comment = record.comment();
            fileOffset = record.fileOffset();
            longerThanSnaplen = record.longerThanSnaplen();
        }
    }

    /**
     * The conformance corpus: system property {@code twinpath.corpus}, else
     * {@code ../shared/corpus} next to the project root (the first ancestor of the working
     * directory that has it).
     */
    static Path corpus()
    {
        final String property = System.getProperty("twinpath.corpus");
        if (null != property && Files.isDirectory(Paths.get(property)))
        {
            return Paths.get(property).toAbsolutePath().normalize();
        }

        for (Path dir = Paths.get("").toAbsolutePath(); null != dir; dir = dir.getParent())
        {
            final Path candidate = dir.resolve("../shared/corpus").normalize();
            if (Files.isDirectory(candidate.resolve("pcaps")))
            {
                return candidate;
            }
        }

        throw new IllegalStateException("corpus not found: set -Dtwinpath.corpus");
    }

    /**
     * Every {@code *.pcap} of the corpus, the top level, {@code malformed/} and {@code edge/}.
     */
    static List<Path> corpusPcaps()
    {
        final Path pcaps = corpus().resolve("pcaps");
        try (Stream<Path> files = Files.walk(pcaps, 2))
        {
            return files.filter((p) -> p.getFileName().toString().endsWith(".pcap")).sorted().toList();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Rows {@code {frame.len, frame.cap_len}} of the {@code .truth_ext.tsv} next to a capture,
     * with the columns found by name in its header row.
     */
    static List<long[]> truthLengths(final Path pcap) throws IOException
    {
        final String name = pcap.getFileName().toString().replaceFirst("\\.pcap$", ".truth_ext.tsv");
        final List<String> lines = Files.readAllLines(pcap.resolveSibling(name));
        final List<String> header = Arrays.asList(lines.get(0).split("\t", -1));
        final int number = header.indexOf("frame.number");
        final int len = header.indexOf("frame.len");
        final int capLen = header.indexOf("frame.cap_len");
        if (number < 0 || len < 0 || capLen < 0)
        {
            throw new IllegalStateException("missing columns in " + name + ": " + header);
        }

        final List<long[]> rows = new ArrayList<>();
        for (final String line : lines.subList(1, lines.size()))
        {
            if (line.isEmpty())
            {
                continue;
            }
            final String[] fields = line.split("\t", -1);
            if (Integer.parseInt(fields[number]) != rows.size() + 1)
            {
                throw new IllegalStateException("frame numbers out of sequence in " + name + ": " + line);
            }
            rows.add(new long[]{ Long.parseLong(fields[len]), Long.parseLong(fields[capLen]) });
        }
        return rows;
    }

    static List<Frame> readAll(final Path file) throws IOException
    {
        final List<Frame> frames = new ArrayList<>();
        final CaptureRecord record = new CaptureRecord();
        try (CaptureReader reader = CaptureReader.open(file))
        {
            while (reader.next(record))
            {
                frames.add(new Frame(record));
            }
        }
        return frames;
    }

    /**
     * An Ethernet II / IPv4 / UDP frame with a valid IPv4 header checksum and a zero UDP
     * checksum (allowed for IPv4).
     */
    static byte[] udpFrame(
        final int srcHost, final int dstHost, final int srcPort, final int dstPort, final int payloadLength)
    {
        final int ipLength = 20 + 8 + payloadLength;
        final byte[] frame = new byte[14 + ipLength];
        final UnsafeBuffer buffer = new UnsafeBuffer(frame);
        final ByteOrder be = ByteOrder.BIG_ENDIAN;

        buffer.putBytes(0, new byte[]{ 0x02, 0x00, 0x00, 0x00, 0x00, (byte)dstHost });
        buffer.putBytes(6, new byte[]{ 0x02, 0x00, 0x00, 0x00, 0x00, (byte)srcHost });
        buffer.putShort(12, (short)0x0800, be);

        buffer.putByte(14, (byte)0x45);
        buffer.putShort(16, (short)ipLength, be);
        buffer.putShort(18, (short)0x1234, be);
        buffer.putByte(22, (byte)64);
        buffer.putByte(23, (byte)17);
        buffer.putInt(26, 0x0A000000 | srcHost, be);
        buffer.putInt(30, 0x0A000000 | dstHost, be);
        int sum = 0;
        for (int i = 14; i < 34; i += 2)
        {
            sum += buffer.getShort(i, be) & 0xFFFF;
        }
        while (sum > 0xFFFF)
        {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        buffer.putShort(24, (short)~sum, be);

        buffer.putShort(34, (short)srcPort, be);
        buffer.putShort(36, (short)dstPort, be);
        buffer.putShort(38, (short)(8 + payloadLength), be);
        for (int i = 0; i < payloadLength; i++)
        {
            buffer.putByte(42 + i, (byte)('a' + i % 26));
        }
        return frame;
    }
}
