package dev.twinpath.bench.cli;

import dev.twinpath.datapath.process.LabProcessSummary;
import org.HdrHistogram.Histogram;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The files {@code twinpath tor --report DIR} writes for a lab of processes: {@code summary.txt} (what the console
 * showed), {@code summary.json} (per VM, per migration, the verdict), and the latency histograms merged over every
 * host: {@code latency-vf.hgrm}, {@code latency-synthetic.hgrm} and {@code latency.hgrm} (both paths), in
 * microseconds, HdrHistogram's percentile-distribution text.
 * <p>
 * Stateless; the caller's thread.
 */
final class ProcessReport
{
    private ProcessReport()
    {
    }

    static List<Path> write(final Path dir, final LabProcessSummary summary) throws IOException
    {
        Files.createDirectories(dir);
        final List<Path> files = new ArrayList<>();
        files.add(file(dir, "summary.txt", String.join("\n", summary.lines()) + "\n"));
        files.add(file(dir, "summary.json", json(summary)));
        final Histogram all = new Histogram(2);
        for (final Map.Entry<String, Histogram> e : summary.latency().entrySet())
        {
            all.add(e.getValue());
            files.add(file(dir, "latency-" + e.getKey() + ".hgrm", hgrm(e.getValue())));
        }
        files.add(file(dir, "latency.hgrm", hgrm(all)));
        return files;
    }

    private static Path file(final Path dir, final String name, final String text) throws IOException
    {
        final Path path = dir.resolve(name);
        CliSupport.writeAtomically(path, text);
        return path;
    }

    private static String hgrm(final Histogram histogram)
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8))
        {
            if (histogram.getTotalCount() > 0)
            {
                histogram.outputPercentileDistribution(out, 1000.0);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    static String json(final LabProcessSummary summary)
    {
        final StringBuilder sb = new StringBuilder("{\n  \"passed\": ").append(summary.passed()).append(",\n  \"problems\": [");
        for (int i = 0; i < summary.problems().size(); i++)
        {
            sb.append(i == 0 ? "" : ", ").append(quote(summary.problems().get(i)));
        }
        sb.append("],\n  \"vms\": [");
        for (int i = 0; i < summary.vms().size(); i++)
        {
            final LabProcessSummary.VmTotals vm = summary.vms().get(i);
            sb.append(i == 0 ? "\n" : ",\n").append(String.format(Locale.ROOT, "    {\"vm\": %s, \"host\": %s, \"sent\": %d, " +
                "\"delivered\": %d, \"deliveredVf\": %d, \"deliveredSynthetic\": %d, \"lost\": %d, \"reordered\": %d, " +
                "\"duplicates\": %d, \"hostDown\": %b, \"droppedHostDown\": %d}", quote(vm.vm()), quote(vm.host()), vm.sent(),
                vm.delivered(), vm.deliveredVf(), vm.deliveredSynthetic(), vm.lost(), vm.reordered(), vm.duplicates(),
                vm.hostDown(), vm.droppedHostDown()));
        }
        sb.append("\n  ],\n  \"migrations\": [");
        final List<String> migrations = summary.migrationLines();
        for (int i = 0; i < migrations.size(); i++)
        {
            sb.append(i == 0 ? "" : ", ").append(quote(migrations.get(i)));
        }
        sb.append("],\n  \"latencyMicros\": {");
        boolean first = true;
        for (final Map.Entry<String, Histogram> e : summary.latency().entrySet())
        {
            final Histogram h = e.getValue();
            sb.append(first ? "" : ", ").append(String.format(Locale.ROOT, "%s: {\"count\": %d, \"p50\": %.1f, \"p99\": %.1f, " +
                "\"max\": %.1f}", quote(e.getKey()), h.getTotalCount(), h.getValueAtPercentile(50) / 1e3,
                h.getValueAtPercentile(99) / 1e3, h.getMaxValue() / 1e3));
            first = false;
        }
        return sb.append("}\n}\n").toString();
    }

    private static String quote(final String text)
    {
        final StringBuilder sb = new StringBuilder("\"");
        for (final char c : text.toCharArray())
        {
            switch (c)
            {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                default -> sb.append(c < 0x20 ? String.format(Locale.ROOT, "\\u%04x", (int)c) : String.valueOf(c));
            }
        }
        return sb.append('"').toString();
    }
}
