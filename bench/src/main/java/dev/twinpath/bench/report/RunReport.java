package dev.twinpath.bench.report;

import dev.twinpath.datapath.run.RunProgress;
import dev.twinpath.datapath.run.RunRecording;
import dev.twinpath.datapath.run.RunSummary;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code twinpath run --report DIR}: the files a person or a program reads after a run.
 * <pre>
 * report.html                self-contained page: verdict, charts (inline SVG), tables, data as JSON
 * summary.json               the run summary (same as --json)
 * timeline.csv               one row per second: Mpps per path, lost, reordered, duplicates, held back, switches
 * throughput.csv             one row per timeline interval (10 ms): packets per path, sequences missing so far
 * switches.csv               one row per path switch: start, duration, drained, held, released, lost, blocked time
 * latency-vf.hgrm, latency-synthetic.hgrm, latency-all.hgrm, latency-in-switch.hgrm, latency-outside-switch.hgrm
 * latency.hlog               one interval histogram a second per path (HdrHistogram log, tags vf / synthetic)
 * throughput.png, latency.png, latency-switches.png   the charts, for CI logs and docs
 * </pre>
 * Every file is written whole to a temporary name and moved into place.
 * <p>
 * Runs on the command's thread after the run.
 */
public final class RunReport
{
    private final String title;
    private final RunSummary summary;
    private final RunRecording recording;
    private final long startEpochMillis;

    /**
     * @param title            the run's one-line description.
     * @param summary          what the run measured.
     * @param recording        what it recorded ({@code FailoverRun.record()}).
     * @param startEpochMillis wall-clock time the wire peer started, for the {@code .hlog} start time.
     */
    public RunReport(final String title, final RunSummary summary, final RunRecording recording, final long startEpochMillis)
    {
        this.title = title;
        this.summary = summary;
        this.recording = recording;
        this.startEpochMillis = startEpochMillis;
    }

    /**
     * Load the fonts and image encoders the PNG charts need, now. Call it before a run whose report may be written from
     * a Ctrl-C: Java2D registers a shutdown hook when it first loads a font, which the JVM refuses once it is shutting
     * down.
     */
    public static void prepareGraphics() throws IOException
    {
        new LineChart("", "", "").add(new LineChart.Series("warm-up", RunCharts.VF, new double[] {0, 1}, new double[] {0, 1}))
            .toPng(64, 64);
    }

    /** Write the report into {@code dir} (created if needed). @return the files written, report.html first. */
    public List<Path> write(final Path dir) throws IOException
    {
        Files.createDirectories(dir);
        final Map<String, byte[]> files = new LinkedHashMap<>();
        final Histogram vf = merged(0);
        final Histogram synthetic = merged(1);
        final Histogram all = vf.copy();
        all.add(synthetic);
        final Map<String, Histogram> latencies = new LinkedHashMap<>();
        latencies.put("vf", vf);
        latencies.put("synthetic", synthetic);
        latencies.put("all", all);
        latencies.put("vf, inside path switches", recording.latency(0, true));
        latencies.put("vf, outside", recording.latency(0, false));
        latencies.put("synthetic, inside path switches", recording.latency(1, true));
        latencies.put("synthetic, outside", recording.latency(1, false));
        final Histogram inside = recording.latency(0, true);
        inside.add(recording.latency(1, true));
        final Histogram outside = recording.latency(0, false);
        outside.add(recording.latency(1, false));

        final SwitchCosts costs = new SwitchCosts(recording, summary);
        final List<LineChart> charts = List.of(RunCharts.throughput(recording, summary), RunCharts.latency(vf, synthetic),
            RunCharts.latencyInSwitches(recording));

        files.put("summary.json", text(summary.toJson() + "\n"));
        files.put("timeline.csv", text(timelineCsv(recording.progress())));
        files.put("throughput.csv", text(throughputCsv()));
        files.put("switches.csv", text(costs.toCsv()));
        files.put("latency-vf.hgrm", text(LatencyFiles.hgrm(vf)));
        files.put("latency-synthetic.hgrm", text(LatencyFiles.hgrm(synthetic)));
        files.put("latency-all.hgrm", text(LatencyFiles.hgrm(all)));
        files.put("latency-in-switch.hgrm", text(LatencyFiles.hgrm(inside)));
        files.put("latency-outside-switch.hgrm", text(LatencyFiles.hgrm(outside)));
        files.put("latency.hlog", text(LatencyFiles.hlog(recording, startEpochMillis, "twinpath run: " + title)));
        files.put("throughput.png", charts.get(0).toPng(HtmlReport.CHART_WIDTH, HtmlReport.CHART_HEIGHT));
        files.put("latency.png", charts.get(1).toPng(HtmlReport.CHART_WIDTH, HtmlReport.CHART_HEIGHT));
        files.put("latency-switches.png", charts.get(2).toPng(HtmlReport.CHART_WIDTH, HtmlReport.CHART_HEIGHT));

        final List<Path> written = new ArrayList<>();
        final byte[] html = text(HtmlReport.page(title, summary, charts, costs, latencies, List.copyOf(files.keySet())));
        written.add(write(dir.resolve("report.html"), html));
        for (final Map.Entry<String, byte[]> e : files.entrySet())
        {
            written.add(write(dir.resolve(e.getKey()), e.getValue()));
        }
        return written;
    }

    private Histogram merged(final int path)
    {
        final Histogram h = recording.latency(path, false);
        h.add(recording.latency(path, true));
        return h;
    }

    /** @return the per-second CSV: one row per progress report. */
    static String timelineCsv(final List<RunProgress> rows)
    {
        final StringBuilder sb = new StringBuilder("second,vf_mpps,synthetic_mpps,total_mpps,lost,reordered,duplicates," +
            "held_back_max,path_switches,pool_in_use\n");
        for (final RunProgress p : rows)
        {
            sb.append(String.format(Locale.ROOT, "%.3f,%.6f,%.6f,%.6f,%d,%d,%d,%d,%d,%d%n", p.elapsedNanos() / 1e9,
                p.vfPps() / 1e6, p.syntheticPps() / 1e6, (p.vfPps() + p.syntheticPps()) / 1e6, p.lost(), p.reordered(),
                p.duplicates(), p.heldBackMax(), p.pathSwitches(), p.poolInUse()));
        }
        return sb.toString();
    }

    private String throughputCsv()
    {
        final long[] vf = recording.delivered(0);
        final long[] synthetic = recording.delivered(1);
        final long[] missing = recording.missing();
        final long interval = recording.timelineIntervalNanos();
        final int end = vf.length; // the last interval also takes what arrived after the run's end
        final StringBuilder sb = new StringBuilder(end * 24 + 64).append("start_ms,vf_packets,synthetic_packets,missing\n");
        for (int i = 0; i < end; i++)
        {
            sb.append(String.format(Locale.ROOT, "%.3f,%d,%d,%d%n", i * interval / 1e6, vf[i], synthetic[i], missing[i]));
        }
        return sb.toString();
    }

    private static byte[] text(final String s)
    {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static Path write(final Path file, final byte[] bytes) throws IOException
    {
        final Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, bytes);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return file;
    }
}
