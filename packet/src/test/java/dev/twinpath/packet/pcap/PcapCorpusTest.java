package dev.twinpath.packet.pcap;

import dev.twinpath.packet.pcap.PcapTestSupport.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reads every capture of the conformance corpus and compares frame counts, wire and captured
 * lengths with what tshark 4.0 recorded in the {@code .truth_ext.tsv} files; checks the
 * nanosecond and snaplen edge cases.
 */
class PcapCorpusTest
{
    static List<Path> corpusPcaps()
    {
        return PcapTestSupport.corpusPcaps();
    }

    @Test
    void findsEveryCaptureListedInSources() throws IOException
    {
        final Path pcaps = PcapTestSupport.corpus().resolve("pcaps");
        final List<String> listed = Files.readAllLines(pcaps.resolve("SOURCES.tsv")).stream()
            .skip(1)
            .filter((line) -> !line.isBlank())
            .map((line) -> line.split("\t")[0])
            .sorted()
            .toList();
        final List<String> found = corpusPcaps().stream()
            .map((p) -> pcaps.relativize(p).toString())
            .sorted()
            .toList();

        assertEquals(listed, found);
        assertTrue(found.stream().anyMatch((p) -> p.startsWith("malformed/")));
        assertTrue(found.stream().anyMatch((p) -> p.startsWith("edge/")));
    }

    @ParameterizedTest
    @MethodSource("corpusPcaps")
    void readsFrameLengthsLikeTshark(final Path pcap) throws IOException
    {
        final List<long[]> truth = PcapTestSupport.truthLengths(pcap);
        final List<Frame> frames = PcapTestSupport.readAll(pcap);
        final byte[] file = Files.readAllBytes(pcap);

        assertEquals(truth.size(), frames.size(), "frame count");
        long expectedOffset = PcapDescriptor.FILE_HEADER_LENGTH;
        for (int i = 0; i < frames.size(); i++)
        {
            final Frame frame = frames.get(i);
            final String where = pcap.getFileName() + " frame " + (i + 1);
            assertEquals(truth.get(i)[0], frame.wireLength, where + " frame.len");
            assertEquals(truth.get(i)[1], frame.bytes.length, where + " frame.cap_len");
            assertEquals(expectedOffset, frame.fileOffset, where + " offset");

            final int data = (int)frame.fileOffset + PcapDescriptor.RECORD_HEADER_LENGTH;
            assertArrayEquals(Arrays.copyOfRange(file, data, data + frame.bytes.length), frame.bytes, where + " bytes");
            expectedOffset = data + frame.bytes.length;
        }
        assertEquals(file.length, expectedOffset, "records cover the file");
    }

    @ParameterizedTest
    @MethodSource("corpusPcaps")
    void countsRecordsLongerThanSnaplen(final Path pcap) throws IOException
    {
        final CaptureRecord record = new CaptureRecord();
        try (PcapReader reader = (PcapReader)CaptureReader.open(pcap))
        {
            long longer = 0;
            while (reader.next(record))
            {
                final boolean expected = reader.snaplen() != 0 && record.capturedLength() > reader.snaplen();
                assertEquals(expected, record.longerThanSnaplen(), record.toString());
                longer += expected ? 1 : 0;
            }
            assertEquals(longer, reader.recordsLongerThanSnaplen());
        }
    }

    @Test
    void readsNanosecondLinuxCookedCapture() throws IOException
    {
        final Path pcap = PcapTestSupport.corpus().resolve("pcaps/edge/tcpdump_tcp-handshake-nano.pcap");
        final CaptureRecord record = new CaptureRecord();
        try (CaptureReader reader = CaptureReader.open(pcap))
        {
            assertEquals(CaptureFormat.PCAP, reader.format());
            final PcapReader pcapReader = (PcapReader)reader;
            assertTrue(pcapReader.nanosecondResolution());
            assertEquals(ByteOrder.LITTLE_ENDIAN, pcapReader.byteOrder());
            assertEquals(113, pcapReader.linkType());

            // tshark -T fields -e frame.time_epoch
            final long[] expected = { 1418145369_924505488L, 1418145370_052027262L, 1418145370_052115157L };
            for (final long timestamp : expected)
            {
                assertTrue(reader.next(record));
                assertEquals(timestamp, record.timestampNanos());
                assertEquals(113, record.linkType());
                assertEquals(0, record.interfaceId());
                assertFalse(record.longerThanSnaplen());
            }
            assertFalse(reader.next(record));
            assertFalse(reader.next(record), "end of file is sticky");
        }
    }

    @Test
    void readsMicrosecondTimestamps() throws IOException
    {
        final Path pcap = PcapTestSupport.corpus().resolve("pcaps/edge/zeek_trunc-hdr.pcap");
        final CaptureRecord record = new CaptureRecord();
        try (CaptureReader reader = CaptureReader.open(pcap))
        {
            assertTrue(reader.next(record));
            // ts_sec 0x53b19c96, ts_usec 0x0ef817 in the record header
            assertEquals(0x53b19c96L * 1_000_000_000L + 0x0ef817L * 1_000L, record.timestampNanos());
        }
    }

    @Test
    void readsRecordLongerThanSnaplenAndReportsIt() throws IOException
    {
        final Path pcap = PcapTestSupport.corpus().resolve("pcaps/edge/zeek_trunc-hdr.pcap");
        final CaptureRecord record = new CaptureRecord();
        try (PcapReader reader = (PcapReader)CaptureReader.open(pcap))
        {
            assertEquals(1, reader.snaplen());
            assertTrue(reader.next(record));
            assertEquals(8, record.capturedLength());
            assertEquals(78, record.wireLength());
            assertTrue(record.longerThanSnaplen());
            assertEquals(0x00, record.buffer().getByte(0));
            assertEquals(0x20, record.buffer().getByte(7));
            assertFalse(reader.next(record));
            assertEquals(1, reader.recordsLongerThanSnaplen());
        }
    }
}
