package dev.twinpath.packet.parse;

import dev.twinpath.packet.codec.AddressFormat;
import dev.twinpath.packet.pcap.CaptureReader;
import dev.twinpath.packet.pcap.CaptureRecord;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The parser against the extended tshark truth ({@code *.truth_ext.tsv}, reassembly off): IPv4
 * header length, total length, id, MF and fragment offset, checksum status; IPv6 payload length,
 * first next header, fragment header fields; ICMP/ICMPv6 type; ARP opcode and addresses. Where a
 * well-formed frame has the field in the truth, the parser must have it too.
 */
class CorpusParseTest
{
    static Path corpus()
    {
        final String property = System.getProperty("twinpath.corpus");
        return (property != null ? Paths.get(property) : Paths.get("..", "..", "shared", "corpus")).toAbsolutePath();
    }

    @TestFactory
    Stream<DynamicTest> extendedFieldsAgreeWithTshark() throws IOException
    {
        final List<Path> files = new ArrayList<>();
        for (final String dir : new String[]{"pcaps", "pcaps/malformed", "pcaps/edge"})
        {
            try (Stream<Path> list = Files.list(corpus().resolve(dir)))
            {
                list.filter(p -> p.toString().endsWith(".pcap")).sorted().forEach(files::add);
            }
        }
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> check(file)));
    }

    private static void check(final Path file) throws IOException
    {
        final List<Map<String, String>> truth = truth(file);
        final FrameParser parser = new FrameParser();
        final ParsedFrame frame = new ParsedFrame();
        final CaptureRecord record = new CaptureRecord();
        int index = 0;
        try (CaptureReader reader = CaptureReader.open(file))
        {
            while (reader.next(record))
            {
                final Map<String, String> t = truth.get(index++);
                final String where = file.getFileName() + "#" + index;
                parser.parse(record.buffer(), 0, record.capturedLength(), record.wireLength(), record.linkType(), frame);
                checkFrame(where, t, frame);
            }
        }
        assertEquals(truth.size(), index, file + " frame count");
    }

    private static void checkFrame(final String where, final Map<String, String> t, final ParsedFrame f)
    {
        final boolean strict = f.isOk();
        if (strict || f.ipVersion() == 4)
        {
            expect(strict, where + " ip.hdr_len", t.get("ip.hdr_len"), f.ipVersion() == 4 ? f.ipHeaderLength() : null);
            expect(strict, where + " ip.len", t.get("ip.len"), f.ipVersion() == 4 ? f.ipTotalLength() : null);
            expect(strict, where + " ip.id", t.get("ip.id"), f.ipVersion() == 4 ? String.format("0x%04x", f.ipId()) : null);
            expect(strict, where + " ip.flags.mf", t.get("ip.flags.mf"), f.ipVersion() == 4 ? (f.moreFragments() ? 1 : 0) : null);
            expect(strict, where + " ip.frag_offset", t.get("ip.frag_offset"), f.ipVersion() == 4 ? f.fragmentOffset() / 8 : null);
        }
        final String checksum = first(t.get("ip.checksum.status"));
        if (checksum.equals("0"))
        {
            assertEquals(FrameStatus.BAD_IP_CHECKSUM, f.status(), where + " tshark says bad checksum");
        }
        else if (checksum.equals("1"))
        {
            assertNotEquals(FrameStatus.BAD_IP_CHECKSUM, f.status(), where + " tshark says good checksum");
        }
        if (strict || f.ipVersion() == 6)
        {
            expect(strict, where + " ipv6.plen", t.get("ipv6.plen"), f.ipVersion() == 6 ? f.ipTotalLength() - 40 : null);
            expect(strict, where + " ipv6.nxt", t.get("ipv6.nxt"), f.ipVersion() == 6 ? f.ipv6FirstNextHeader() : null);
            if (!t.get("ipv6.fraghdr.offset").isEmpty() && (strict || f.isFragment()))
            {
                expect(strict, where + " ipv6.fraghdr.offset", t.get("ipv6.fraghdr.offset"), f.fragmentOffset() / 8);
                expect(strict, where + " ipv6.fraghdr.more", t.get("ipv6.fraghdr.more"), f.moreFragments() ? 1 : 0);
            }
        }
        if (strict || f.icmpType() != ParsedFrame.NONE)
        {
            final String icmp = t.get("icmp.type").isEmpty() ? t.get("icmpv6.type") : t.get("icmp.type");
            expect(strict, where + " icmp type", icmp, f.icmpType() == ParsedFrame.NONE ? null : f.icmpType());
        }
        if (strict || f.arpOpcode() != ParsedFrame.NONE)
        {
            expect(strict, where + " arp.opcode", t.get("arp.opcode"), f.arpOpcode() == ParsedFrame.NONE ? null : f.arpOpcode());
            if (f.arpOpcode() != ParsedFrame.NONE)
            {
                expect(strict, where + " arp.src", t.get("arp.src.proto_ipv4"), AddressFormat.ipv4(f.arpSenderIp()));
                expect(strict, where + " arp.dst", t.get("arp.dst.proto_ipv4"), AddressFormat.ipv4(f.arpTargetIp()));
            }
        }
    }

    /**
     * The truth's first value (outer header) must equal ours. An empty truth must meet an absent
     * field on a well-formed frame; on a rejected one tshark may have stopped earlier than the parser.
     */
    private static void expect(final boolean strict, final String what, final String truthValue, final Object ours)
    {
        final String expected = first(truthValue);
        if (expected.isEmpty())
        {
            assertTrue(ours == null || !strict, what + ": tshark has none, the parser has " + ours);
            return;
        }
        assertEquals(expected, String.valueOf(ours), what);
    }

    private static String first(final String value)
    {
        final int comma = value.indexOf(',');
        return comma < 0 ? value : value.substring(0, comma);
    }

    private static List<Map<String, String>> truth(final Path pcap) throws IOException
    {
        final List<String> lines = Files.readAllLines(
            pcap.resolveSibling(pcap.getFileName().toString().replace(".pcap", ".truth_ext.tsv")));
        final String[] header = lines.get(0).split("\t", -1);
        final List<Map<String, String>> rows = new ArrayList<>();
        for (final String line : lines.subList(1, lines.size()))
        {
            final String[] values = line.split("\t", -1);
            final Map<String, String> row = new HashMap<>();
            for (int i = 0; i < header.length; i++)
            {
                row.put(header[i], i < values.length ? values[i] : "");
            }
            rows.add(row);
        }
        return rows;
    }
}
