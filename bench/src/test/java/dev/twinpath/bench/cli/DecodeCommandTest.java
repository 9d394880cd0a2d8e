package dev.twinpath.bench.cli;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code twinpath decode} against the tshark truth of the shared corpus: every capture decodes and
 * agrees field by field; every frame under {@code malformed/} is rejected with a reason.
 */
class DecodeCommandTest
{
    /** Frames of well-formed captures that the parser rejects on purpose, and why. */
    private static final Set<String> EXPECTED_REJECTIONS = Set.of(
        // RFC 5095: routing header type 0 with segments left; Linux drops it too.
        "tcpdump_ipv6-routing-header.pcap#1:ipv6_rh0",
        "tcpdump_ipv6-routing-header.pcap#2:ipv6_rh0",
        "tcpdump_ipv6-routing-header.pcap#3:ipv6_rh0",
        "tcpdump_ipv6-routing-header.pcap#4:ipv6_rh0");

    record Run(int exitCode, List<Map<String, String>> rows, String stderr)
    {
    }

    static Run decode(final String... args)
    {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final var commandLine = TwinpathCommand.commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        final String[] full = Stream.concat(Stream.of("decode"), Arrays.stream(args)).toArray(String[]::new);
        final int exit = commandLine.execute(full);
        final List<String> lines = out.toString().lines().toList();
        return new Run(exit, lines.isEmpty() ? List.of() : Corpus.table(lines), err.toString());
    }

    @TestFactory
    Stream<DynamicTest> wellFormedCapturesAgreeWithTshark()
    {
        final List<Path> files = new ArrayList<>(Corpus.pcaps(""));
        files.add(Corpus.root().resolve("pcaps/edge/tcpdump_tcp-handshake-nano.pcap"));
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () ->
        {
            final Run run = decode(file.toString());
            assertEquals(0, run.exitCode(), run.stderr());
            final List<Map<String, String>> truth = Corpus.truth(file);
            assertEquals(truth.size(), run.rows().size(), "frame count");
            for (int i = 0; i < truth.size(); i++)
            {
                final Map<String, String> ours = run.rows().get(i);
                final String where = file.getFileName() + "#" + (i + 1);
                assertAgrees(where, truth.get(i), ours);
                if (!ours.get("status").equals("ok"))
                {
                    assertTrue(EXPECTED_REJECTIONS.contains(where + ":" + ours.get("status")),
                        where + " unexpectedly rejected: " + ours.get("status"));
                }
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> malformedFramesAreRejectedWithAReason()
    {
        return Corpus.pcaps("malformed").stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () ->
        {
            final Run run = decode(file.toString());
            assertEquals(0, run.exitCode(), run.stderr());
            final List<Map<String, String>> truth = Corpus.truth(file);
            assertEquals(truth.size(), run.rows().size(), "frame count");
            for (int i = 0; i < truth.size(); i++)
            {
                final Map<String, String> ours = run.rows().get(i);
                assertNotEquals("ok", ours.get("status"), file.getFileName() + "#" + (i + 1) + " must be rejected");
                assertFalse(ours.get("status").isEmpty());
                assertEquals(truth.get(i).get("frame.len"), ours.get("len"));
                assertEquals(truth.get(i).get("frame.cap_len"), ours.get("caplen"));
            }
            assertTrue(run.stderr().contains(truth.size() + " rejected"), run.stderr());
        }));
    }

    @Test
    void truncatedHeaderFileIsReadWithANote()
    {
        final Run run = decode(Corpus.root().resolve("pcaps/edge/zeek_trunc-hdr.pcap").toString());
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals(1, run.rows().size());
        assertEquals("8", run.rows().get(0).get("caplen"));
        assertEquals("78", run.rows().get(0).get("len"));
        assertEquals("truncated_l2", run.rows().get(0).get("status"));
        assertTrue(run.stderr().contains("longer than the file's snaplen"), run.stderr());
    }

    @Test
    void corruptFileKeepsRowsAndNamesTheOffset(@org.junit.jupiter.api.io.TempDir final Path dir) throws Exception
    {
        final byte[] whole = Files.readAllBytes(Corpus.root().resolve("pcaps/zeek_q-in-q.pcap"));
        final Path cut = dir.resolve("cut.pcap");
        Files.write(cut, Arrays.copyOf(whole, 24 + 16 + 68 + 16 + 30)); // second record cut short
        final Run run = decode(cut.toString());
        assertEquals(2, run.exitCode());
        assertEquals(1, run.rows().size(), "the first frame is kept");
        assertTrue(run.stderr().contains("offset 108"), run.stderr());
    }

    @Test
    void policyOptionsRelaxTheDatapathVerdict()
    {
        final String shortFrames = Corpus.root().resolve("pcaps/malformed/zeek_unknown-ip-short-payload.pcap").toString();
        assertTrue(decode(shortFrames).rows().stream().allMatch(r -> r.get("status").equals("runt")));
        assertTrue(decode(shortFrames, "--min-frame", "0").rows().stream().allMatch(r -> r.get("status").equals("ok")));
        final String rh0 = Corpus.root().resolve("pcaps/tcpdump_ipv6-routing-header.pcap").toString();
        assertTrue(decode(rh0, "--accept-rh0").rows().stream().allMatch(r -> r.get("status").equals("ok")));
        final Run bad = decode(rh0, "--max-frame", "10");
        assertEquals(2, bad.exitCode());
        assertTrue(bad.stderr().contains("--max-frame must be 60..262144 (at least --min-frame): 10"), bad.stderr());
    }

    @Test
    void missingFileIsNamed()
    {
        final Run run = decode("/nonexistent/x.pcap");
        assertEquals(2, run.exitCode());
        assertTrue(run.stderr().contains("FILE: no such file: /nonexistent/x.pcap"), run.stderr());
    }

    @Test
    void rssColumnsUseTheKeyGiven()
    {
        final String file = Corpus.root().resolve("pcaps/zeek_q-in-q.pcap").toString();
        final Run byDefault = decode(file);
        final Run otherKey = decode(file, "--rss-key", "01".repeat(40));
        assertNotEquals(byDefault.rows().get(0).get("rss"), otherKey.rows().get(0).get("rss"));
        assertEquals(2, decode(file, "--rss-key", "abc").exitCode());
    }

    @Test
    void jsonFormatHasTheSameFields()
    {
        final StringWriter out = new StringWriter();
        final var commandLine = TwinpathCommand.commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(new StringWriter()));
        assertEquals(0, commandLine.execute("decode", "--format", "json",
            Corpus.root().resolve("pcaps/tcpdump_802.1ad_QinQ.pcap").toString()));
        final String json = out.toString();
        assertTrue(json.startsWith("[\n{\"frame\":1,\"caplen\":64,\"len\":64,"), json);
        assertTrue(json.contains("\"vlan\":[200,2001]"), json);
        assertTrue(json.trim().endsWith("]"), json);
    }

    private static void assertAgrees(final String where, final Map<String, String> t, final Map<String, String> ours)
    {
        assertEquals(t.get("frame.len"), ours.get("len"), where + " len");
        assertEquals(t.get("frame.cap_len"), ours.get("caplen"), where + " caplen");
        assertEquals(t.get("eth.src"), ours.get("eth_src"), where + " eth_src");
        assertEquals(t.get("eth.dst"), ours.get("eth_dst"), where + " eth_dst");

        final String outer = t.get("ieee8021ad.id");
        final String inner = t.get("vlan.id");
        final String vlans = outer.isEmpty() ? inner : inner.isEmpty() ? outer : outer + "," + inner;
        assertEquals(vlans, ours.get("vlan"), where + " vlan");

        final String innerTypes = t.get("vlan.etype");
        final String etherType = innerTypes.isEmpty() ? t.get("eth.type") : Corpus.last(innerTypes);
        if (!etherType.isEmpty())
        {
            assertEquals(etherType, ours.get("ethertype"), where + " ethertype");
        }

        final String src = Corpus.first(t.get("ip.src").isEmpty() ? t.get("ipv6.src") : t.get("ip.src"));
        final String dst = Corpus.first(t.get("ip.dst").isEmpty() ? t.get("ipv6.dst") : t.get("ip.dst"));
        assertEquals(src, ours.get("ip_src"), where + " ip_src");
        if (!dst.isEmpty() || ours.get("status").equals("ok"))
        {
            assertEquals(dst, ours.get("ip_dst"), where + " ip_dst");
        }

        final String proto = Corpus.first(t.get("ip.proto"));
        if (!proto.isEmpty())
        {
            assertEquals(proto, ours.get("ip_proto"), where + " ip_proto");
        }

        if (!t.get("ip.flags.mf").isEmpty())
        {
            final boolean fragment = Corpus.first(t.get("ip.flags.mf")).equals("1") ||
                !Corpus.first(t.get("ip.frag_offset")).equals("0");
            assertEquals(fragment ? "1" : "0", ours.get("frag"), where + " frag");
        }
        if (!t.get("ipv6.fraghdr.offset").isEmpty())
        {
            assertEquals("1", ours.get("frag"), where + " frag (IPv6 fragment header)");
        }

        final boolean icmp = "1".equals(proto) || ours.get("ip_proto").equals("58") || ours.get("ip_proto").equals("1");
        if (!icmp)
        {
            final String sport = Corpus.first(t.get("tcp.srcport").isEmpty() ? t.get("udp.srcport") : t.get("tcp.srcport"));
            final String dport = Corpus.first(t.get("tcp.dstport").isEmpty() ? t.get("udp.dstport") : t.get("tcp.dstport"));
            assertEquals(sport, ours.get("src_port"), where + " src_port");
            assertEquals(dport, ours.get("dst_port"), where + " dst_port");
        }
        else
        {
            assertEquals("", ours.get("src_port"), where + ": ICMP carries no ports of its own");
        }
        if (!ours.get("rss_ip").isEmpty())
        {
            assertEquals(8, ours.get("rss_ip").length(), where + " rss_ip");
        }
    }
}
