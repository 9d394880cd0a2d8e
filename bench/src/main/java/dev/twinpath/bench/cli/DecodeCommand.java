package dev.twinpath.bench.cli;

import dev.twinpath.packet.codec.EthernetHeader;
import dev.twinpath.packet.parse.FrameParser;
import dev.twinpath.packet.parse.FrameStatus;
import dev.twinpath.packet.parse.ParsedFrame;
import dev.twinpath.packet.pcap.CaptureFormatException;
import dev.twinpath.packet.pcap.CaptureReader;
import dev.twinpath.packet.pcap.CaptureRecord;
import dev.twinpath.packet.rss.FlowKey;
import dev.twinpath.packet.rss.RssHasher;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code twinpath decode FILE}: one row per frame of a pcap or pcapng file, like
 * {@code tshark -T fields}, with the parser's verdict and the RSS hashes. A summary goes to stderr.
 * A file that breaks its format mid-way keeps the rows decoded so far and ends with an error naming
 * the byte offset (exit code 2).
 * <p>
 * Runs on the main thread.
 */
@Command(name = "decode", mixinStandardHelpOptions = true,
    description = {
        "Decode a pcap or pcapng file: one row per frame (TSV with a header row, or JSON).",
        "Columns: frame caplen len eth_src eth_dst vlan ethertype ip_src ip_dst ip_proto frag src_port dst_port " +
        "status rss rss_ip.",
        "rss is the Toeplitz hash of src|dst|sport|dport (empty without ports or for fragments), rss_ip of src|dst."},
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {"0:every record read", "2:the file is unreadable or breaks its format (rows before the fault are kept)"})
final class DecodeCommand implements Callable<Integer>
{
    enum Format
    {
        tsv, json
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "A pcap (µs or ns, either byte order) or pcapng file.")
    Path file;

    @Option(names = "--format", defaultValue = "tsv", description = "Output format: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--rss-key", paramLabel = "HEX",
        description = "Toeplitz key in hex (40+ bytes, ':' separators allowed); default the Microsoft key.")
    String rssKey;

    @Option(names = "--min-frame", paramLabel = "BYTES", defaultValue = "60",
        description = "Shortest Ethernet frame accepted, as a NIC does (default ${DEFAULT-VALUE}; 0 accepts " +
            "the unpadded frames of captures taken on the sending host; 0..1514).")
    String minFrame;

    @Option(names = "--max-frame", paramLabel = "BYTES", defaultValue = "9216",
        description = "Longest frame accepted (default ${DEFAULT-VALUE}, jumbo; raise it for GRO/TSO captures, up to 262144).")
    String maxFrame;

    @Option(names = "--accept-rh0", description = "Accept IPv6 routing header type 0 with segments left " +
        "(rejected by default, as RFC 5095 and Linux do).")
    boolean acceptRh0;

    @Override
    public Integer call()
    {
        final RssHasher rss = new RssHasher(CliSupport.toeplitz(rssKey, "--rss-key"));
        final FlowKey key = new FlowKey();
        final int min = CliSupport.intValue(minFrame, "--min-frame", 0, 1514);
        final int max = CliSupport.intValue(maxFrame, "--max-frame", Math.max(min, EthernetHeader.LENGTH), 262_144,
            min > EthernetHeader.LENGTH ? " (at least --min-frame)" : "");
        final FrameParser parser = new FrameParser(new FrameParser.Context()
            .minFrameLength(min).maxFrameLength(max).rejectRoutingHeaderType0(!acceptRh0));
        CliFiles.readable("FILE", file);
        final ParsedFrame frame = new ParsedFrame();
        final CaptureRecord record = new CaptureRecord();
        final FrameRow row = new FrameRow();
        final long[] byStatus = new long[FrameStatus.count()];
        long frames = 0;
        long longerThanSnaplen = 0;
        int exitCode = 0;

        final PrintWriter out = new PrintWriter(new BufferedWriter(spec.commandLine().getOut(), 1 << 16), false);
        final PrintWriter err = spec.commandLine().getErr();
        out.println(format == Format.tsv ? FrameRow.tsvHeader() : "[");
        try (CaptureReader reader = CaptureReader.open(file))
        {
            while (reader.next(record))
            {
                frames++;
                if (record.longerThanSnaplen())
                {
                    longerThanSnaplen++;
                }
                final FrameStatus status = parser.parse(
                    record.buffer(), 0, record.capturedLength(), record.wireLength(), record.linkType(), frame);
                byStatus[status.ordinal()]++;
                row.fill(frames, frame.flowKey(key), frame, rss);
                if (format == Format.tsv)
                {
                    out.println(row.tsv());
                }
                else
                {
                    out.print(frames > 1 ? ",\n" : "");
                    out.print(row.json());
                }
            }
        }
        catch (final CaptureFormatException ex)
        {
            exitCode = 2;
            out.flush();
            err.println("twinpath decode: " + ex.getMessage());
        }
        catch (final NoSuchFileException ex)
        {
            exitCode = 2;
            out.flush();
            err.println("twinpath decode: " + file + ": no such file");
        }
        catch (final IOException ex)
        {
            exitCode = 2;
            out.flush();
            err.println("twinpath decode: " + file + ": cannot read: " + ex);
        }
        if (format == Format.json)
        {
            out.println(frames > 0 ? "\n]" : "]");
        }
        out.flush();
        err.println(summary(frames, byStatus, longerThanSnaplen));
        return exitCode;
    }

    static String summary(final long frames, final long[] byStatus, final long longerThanSnaplen)
    {
        final StringBuilder sb = new StringBuilder("decode: ")
            .append(frames).append(frames == 1 ? " frame, " : " frames, ")
            .append(byStatus[FrameStatus.OK.ordinal()]).append(" ok, ")
            .append(frames - byStatus[FrameStatus.OK.ordinal()]).append(" rejected");
        String separator = " (";
        for (int i = 0; i < byStatus.length; i++)
        {
            if (i != FrameStatus.OK.ordinal() && byStatus[i] > 0)
            {
                sb.append(separator).append(FrameStatus.of(i).code()).append(' ').append(byStatus[i]);
                separator = ", ";
            }
        }
        if (!separator.equals(" ("))
        {
            sb.append(')');
        }
        if (longerThanSnaplen > 0)
        {
            sb.append("; ").append(longerThanSnaplen).append(" record(s) longer than the file's snaplen");
        }
        return sb.toString();
    }
}
