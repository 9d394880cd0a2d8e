package dev.twinpath.bench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.twinpath.packet.pcap.CaptureReader;
import dev.twinpath.packet.pcap.CaptureRecord;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code twinpath run --report DIR --capture FILE}: one short run with path switches, then every file of
 * the report is read back the way its users read it (the JSON against its schema, the {@code .hgrm} as
 * HdrHistogram prints it, the {@code .hlog} with HdrHistogram's {@link HistogramLogReader}, the HTML's
 * embedded chart data, the PNGs with ImageIO, the capture with Twinpath's reader and with tshark) and its
 * figures checked against the run's own summary.
 */
class RunReportTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    private static RssCommandTest.Run run;
    private static JsonNode summary;
    private static Path report;
    private static Path capture;

    @BeforeAll
    static void runOnce() throws Exception
    {
        report = dir.resolve("out");
        capture = report.resolve("run.pcapng"); // in the report directory, which does not exist yet
        run = RssCommandTest.twinpath("run", "--duration", "2s", "--warmup", "0", "--rate", "50k", "--switch-interval",
            "500ms", "--synthetic-time", "100ms", "--report", report.toString(), "--capture", capture.toString());
        assertEquals(0, run.exitCode(), run.out() + run.err());
        summary = JSON.readTree(report.resolve("summary.json").toFile());
    }

    @Test
    void theOutputNamesTheReportAndTheCapture()
    {
        assertTrue(run.out().contains("report: " + report.resolve("report.html") + " (14 files in " + report + ")"), run.out());
        assertTrue(run.out().contains("capture: " + capture + ": "), run.out());
    }

    @Test
    void theSummaryMatchesItsSchema() throws Exception
    {
        final JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
            .getSchema(Files.readString(Paths.get("..", "docs", "schemas", "run-summary.schema.json")));
        final Set<ValidationMessage> errors = schema.validate(summary);
        assertTrue(errors.isEmpty(), errors.toString());
        assertTrue(summary.get("path_switches").asLong() >= 4, summary.toString());
        final JsonNode broken = JSON.readTree("{\"passed\":\"yes\"}");
        assertTrue(!schema.validate(broken).isEmpty(), "the schema refuses what is not a summary");
    }

    @Test
    void theHgrmFilesAreHdrHistogramPercentileDistributionsOfEachPath() throws Exception
    {
        final long vf = summary.get("delivered_by_path").get("vf").asLong();
        final long synthetic = summary.get("delivered_by_path").get("synthetic").asLong();
        assertEquals(vf, hgrmTotal(report.resolve("latency-vf.hgrm")));
        assertEquals(synthetic, hgrmTotal(report.resolve("latency-synthetic.hgrm")));
        assertEquals(vf + synthetic, hgrmTotal(report.resolve("latency-all.hgrm")));
        assertEquals(vf + synthetic, hgrmTotal(report.resolve("latency-in-switch.hgrm")) +
            hgrmTotal(report.resolve("latency-outside-switch.hgrm")));
        assertTrue(hgrmTotal(report.resolve("latency-in-switch.hgrm")) > 0, "packets arrived during the switches");

        // the median row (microseconds) is the summary's p50 (nanoseconds) within HdrHistogram's 3 digits
        final double p50 = valueAt(report.resolve("latency-vf.hgrm"), 0.5);
        final long summaryP50 = summary.get("latency_ns").get("vf").get("p50").asLong();
        assertEquals(summaryP50 / 1000.0, p50, Math.max(1, summaryP50 / 1000.0 * 0.002), "p50 in us");
    }

    @Test
    void theIntervalLogHoldsOneHistogramASecondPerPathAndAddsUpToTheRun() throws Exception
    {
        final Map<String, Long> counts = new HashMap<>();
        final Map<String, Integer> intervals = new HashMap<>();
        try (HistogramLogReader reader = new HistogramLogReader(report.resolve("latency.hlog").toFile()))
        {
            EncodableHistogram h;
            while ((h = reader.nextIntervalHistogram()) != null)
            {
                counts.merge(h.getTag(), ((Histogram)h).getTotalCount(), Long::sum);
                intervals.merge(h.getTag(), 1, Integer::sum);
            }
        }
        assertEquals(summary.get("delivered_by_path").get("vf").asLong(), counts.get("vf"));
        assertEquals(summary.get("delivered_by_path").get("synthetic").asLong(), counts.get("synthetic"));
        assertTrue(intervals.get("vf") >= 2 && intervals.get("vf") <= 4, intervals.toString());
        assertEquals(intervals.get("vf"), intervals.get("synthetic"));
    }

    @Test
    void theCsvFilesCoverEverySecondAndEverySwitch() throws Exception
    {
        final List<String> timeline = Files.readAllLines(report.resolve("timeline.csv"));
        assertEquals("second,vf_mpps,synthetic_mpps,total_mpps,lost,reordered,duplicates,held_back_max,path_switches," +
            "pool_in_use", timeline.get(0));
        assertTrue(timeline.size() >= 3, timeline.toString());
        final String[] last = timeline.get(timeline.size() - 1).split(",");
        assertEquals(summary.get("path_switches").asLong(), Long.parseLong(last[8]), timeline.toString());

        final List<String> switches = Files.readAllLines(report.resolve("switches.csv"));
        assertEquals("start_ms,adapter,to,duration_ms,drained,held,released,lost,blocked_ms", switches.get(0));
        int toSynthetic = 0;
        for (final String line : switches.subList(1, switches.size()))
        {
            final String[] f = line.split(",");
            assertTrue(Double.parseDouble(f[3]) > 0, line);
            assertEquals(f[5], f[6], "every held packet released: " + line);
            assertEquals("0", f[7], "nothing lost: " + line);
            toSynthetic += "synthetic".equals(f[2]) ? 1 : 0;
        }
        assertTrue(toSynthetic >= 2, switches.toString());

        long vf = 0;
        long synthetic = 0;
        final List<String> throughput = Files.readAllLines(report.resolve("throughput.csv"));
        assertEquals("start_ms,vf_packets,synthetic_packets,missing", throughput.get(0));
        for (final String line : throughput.subList(1, throughput.size()))
        {
            vf += Long.parseLong(line.split(",")[1]);
            synthetic += Long.parseLong(line.split(",")[2]);
        }
        assertEquals(summary.get("delivered_by_path").get("vf").asLong(), vf, "every VF packet in one 10 ms interval");
        assertEquals(summary.get("delivered_by_path").get("synthetic").asLong(), synthetic);
    }

    @Test
    void theHtmlPageIsSelfContainedAndCarriesTheChartsData() throws Exception
    {
        final String html = Files.readString(report.resolve("report.html"));
        assertEquals(3, count(html, "<svg "), "three charts");
        assertTrue(!html.contains("src=\"http") && !html.contains("href=\"http") && !html.contains("<link"),
            "nothing loaded from the network");
        final Matcher m = Pattern.compile("<script type=\"application/json\" id=\"twinpath-report-data\">\\s*(.*?)</script>",
            Pattern.DOTALL).matcher(html);
        assertTrue(m.find(), "the embedded data");
        final JsonNode data = JSON.readTree(m.group(1));
        final JsonNode throughput = data.get("charts").get(0);
        assertEquals("vf", throughput.get("series").get(0).get("name").asText());
        assertEquals(data.get("switches").size(), throughput.get("bands").size() , "one band per switch");
        double packets = 0;
        final JsonNode xs = throughput.get("series").get(0).get("x");
        final JsonNode ys = throughput.get("series").get(0).get("y");
        final double bucket = xs.get(1).asDouble() - xs.get(0).asDouble();
        for (int i = 0; i < ys.size(); i++)
        {
            packets += ys.get(i).asDouble() * 1e6 * bucket;
        }
        final long vf = summary.get("delivered_by_path").get("vf").asLong();
        assertEquals(vf, packets, vf * 0.001, "the VF curve integrates to what the VF delivered");
        assertEquals(3, data.get("charts").get(1).get("series").size());
        assertEquals(4, data.get("charts").get(2).get("series").size());
        assertEquals(summary.get("offered_packets"), data.get("summary").get("offered_packets"));
        assertTrue(html.contains("PASS: no loss"), "the verdict");
    }

    @Test
    void theChartsAreAlsoPngImages() throws Exception
    {
        for (final String name : new String[]{"throughput.png", "latency.png", "latency-switches.png"})
        {
            final BufferedImage image = ImageIO.read(report.resolve(name).toFile());
            assertNotNull(image, name);
            assertEquals(960, image.getWidth());
            assertEquals(380, image.getHeight());
            final Set<Integer> colours = new java.util.HashSet<>();
            for (int x = 0; x < image.getWidth(); x += 3)
            {
                for (int y = 0; y < image.getHeight(); y += 3)
                {
                    colours.add(image.getRGB(x, y));
                }
            }
            assertTrue(colours.size() > 10, name + " has a drawing, not a blank page");
        }
    }

    @Test
    void theCaptureHasEveryDeliveredFrameOnTheInterfaceOfItsPath() throws Exception
    {
        final Map<Integer, Long> byInterface = new TreeMap<>();
        final List<String> comments = new ArrayList<>();
        try (CaptureReader reader = CaptureReader.open(capture))
        {
            final CaptureRecord record = new CaptureRecord();
            while (reader.next(record))
            {
                byInterface.merge(record.interfaceId(), 1L, Long::sum);
                if (record.comment() != null)
                {
                    comments.add(record.comment());
                }
            }
        }
        final long total = byInterface.values().stream().mapToLong(Long::longValue).sum();
        assertEquals(summary.get("delivered_packets").asLong(), total, byInterface.toString());
        assertEquals(4, byInterface.size(), "a VF queue and a VMBus channel per VM: " + byInterface);
        assertTrue(comments.stream().anyMatch(c -> c.contains("path switch under way")), comments.toString());
        assertTrue(comments.stream().anyMatch(c -> c.contains("end-of-epoch marker")), comments.toString());

        final Path tshark = tshark();
        if (tshark == null)
        {
            return;
        }
        final Process p = new ProcessBuilder(tshark.toString(), "-r", capture.toString(), "-T", "fields", "-e",
            "frame.interface_name").redirectErrorStream(false).start();
        final Map<String, Long> byName = new TreeMap<>();
        try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream())).lines())
        {
            lines.forEach(name -> byName.merge(name, 1L, Long::sum));
        }
        final String err = new String(p.getErrorStream().readAllBytes());
        assertEquals(0, p.waitFor(), err);
        assertTrue(!err.contains("appears to be damaged") && !err.contains("corrupt"), err);
        assertEquals(Set.of("vm1/eth0 VF RX queue 0", "vm1/eth0 VMBus channel", "vm2/eth0 VF RX queue 0",
            "vm2/eth0 VMBus channel"), byName.keySet());
        assertEquals(summary.get("delivered_by_path").get("synthetic").asLong(),
            byName.get("vm1/eth0 VMBus channel") + byName.get("vm2/eth0 VMBus channel"));
        assertEquals(summary.get("delivered_by_path").get("vf").asLong(),
            byName.get("vm1/eth0 VF RX queue 0") + byName.get("vm2/eth0 VF RX queue 0"));

        final Process expert = new ProcessBuilder(tshark.toString(), "-r", capture.toString(), "-q", "-z", "expert")
            .redirectErrorStream(true).start();
        final String info = new String(expert.getInputStream().readAllBytes());
        assertEquals(0, expert.waitFor(), info);
        assertTrue(info.contains("Comments (") && !info.contains("Errors (") && !info.contains("Warnings ("),
            "tshark's expert info has the comments and no warning or error: " + info);
    }

    /** @return tshark, or null (and a note) when it is missing; under CI (CI=true) it must be there. */
    static Path tshark()
    {
        for (final String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        {
            final Path candidate = Paths.get(d, "tshark");
            if (!d.isEmpty() && Files.isExecutable(candidate))
            {
                return candidate;
            }
        }
        if ("true".equals(System.getenv("CI")))
        {
            throw new AssertionError("tshark not found on PATH under CI: .ci/run installs it (apt-get install tshark)");
        }
        System.err.println("tshark not installed (apt-get install tshark): the capture's tshark check is skipped");
        return null;
    }

    /** @return the total count of a .hgrm, from its last line {@code #[Max = ..., Total count = N]}. */
    private static long hgrmTotal(final Path file) throws Exception
    {
        final Matcher m = Pattern.compile("Total count\\s*=\\s*(\\d+)").matcher(Files.readString(file));
        assertTrue(m.find(), file.toString());
        return Long.parseLong(m.group(1));
    }

    /** @return the value of the first .hgrm row at or past {@code percentile} (0..1). */
    private static double valueAt(final Path file, final double percentile) throws Exception
    {
        for (final String line : Files.readAllLines(file))
        {
            final String[] f = line.trim().split("\\s+");
            if (f.length == 4 && !line.trim().startsWith("Value") && !line.startsWith("#") &&
                Double.parseDouble(f[1]) >= percentile)
            {
                return Double.parseDouble(f[0]);
            }
        }
        throw new AssertionError("no row at " + percentile + " in " + file);
    }

    private static int count(final String text, final String part)
    {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1))
        {
            n++;
        }
        return n;
    }
}
