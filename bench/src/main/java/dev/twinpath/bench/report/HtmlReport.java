package dev.twinpath.bench.report;

import dev.twinpath.datapath.lab.MigrationReport;
import dev.twinpath.datapath.run.Percentiles;
import dev.twinpath.datapath.run.RunSummary;
import org.HdrHistogram.Histogram;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The self-contained HTML page of a run report: the verdict and key figures, the charts as inline SVG,
 * the table of path switches and migrations, latency tables, drops by cause, links to the other files,
 * and every chart's data as JSON in a {@code <script type="application/json" id="twinpath-report-data">}
 * element. No script, stylesheet or font is loaded from anywhere: it opens offline.
 * <p>
 * Built on one thread.
 */
final class HtmlReport
{
    /** The switch table shows at most this many rows; {@code switches.csv} has them all. */
    static final int MAX_SWITCH_ROWS = 500;
    static final int CHART_WIDTH = 960;
    static final int CHART_HEIGHT = 380;

    private HtmlReport()
    {
    }

    /**
     * @param title     the run's one-line description.
     * @param summary   its summary.
     * @param charts    throughput, latency, latency inside/outside switches.
     * @param costs     the path switches.
     * @param latencies per row name: the histogram (vf, synthetic, all, and inside/outside).
     * @param files     the other files of the report, for links.
     */
    static String page(final String title, final RunSummary summary, final List<LineChart> charts, final SwitchCosts costs,
        final Map<String, Histogram> latencies, final List<String> files)
    {
        final StringBuilder h = new StringBuilder(256 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Twinpath run report</title>\n")
            .append("<style>body{font-family:'DejaVu Sans',Arial,sans-serif;margin:24px;color:#222;max-width:1000px}")
            .append("table{border-collapse:collapse;margin:8px 0 20px}td,th{border:1px solid #ccc;padding:3px 8px;")
            .append("text-align:right;font-size:13px}th{background:#f2f2f2}td.l,th.l{text-align:left}")
            .append(".pass{color:#1a7f37;font-weight:bold}.fail{color:#c62828;font-weight:bold}code{font-size:13px}")
            .append("figure{margin:0 0 24px}</style></head><body>\n");
        h.append("<h1>Twinpath run report</h1>\n<p><code>").append(Html.escape(title)).append("</code></p>\n");
        h.append(summary.passed() ? "<p class=\"pass\">PASS: no loss, no reordering, no duplicates, no leaked buffer</p>\n" :
            "<p class=\"fail\">FAIL: " + Html.escape(String.join("; ", summary.problems())) + "</p>\n");
        figures(h, summary);

        h.append("<h2>Throughput and path switches</h2>\n<figure>").append(charts.get(0).toSvg(CHART_WIDTH, CHART_HEIGHT))
            .append("</figure>\n");
        switchTable(h, costs);
        migrationTable(h, summary.migrations());

        h.append("<h2>Latency</h2>\n<figure>").append(charts.get(1).toSvg(CHART_WIDTH, CHART_HEIGHT)).append("</figure>\n");
        latencyTable(h, latencies);
        h.append("<figure>").append(charts.get(2).toSvg(CHART_WIDTH, CHART_HEIGHT)).append("</figure>\n");

        drops(h, summary.droppedByCause());
        h.append("<h2>Files</h2>\n<ul>\n");
        for (final String f : files)
        {
            h.append("<li><a href=\"").append(Html.escape(f)).append("\">").append(Html.escape(f)).append("</a></li>\n");
        }
        h.append("</ul>\n<script type=\"application/json\" id=\"twinpath-report-data\">\n{\"charts\":[");
        for (int i = 0; i < charts.size(); i++)
        {
            h.append(i == 0 ? "" : ",\n").append(charts.get(i).toJson().replace("</", "<\\/"));
        }
        h.append("],\n\"switches\":").append(costs.toJson()).append(",\n\"summary\":")
            .append(summary.toJson().replace("</", "<\\/")).append("}\n</script>\n</body></html>\n");
        return h.toString();
    }

    private static void figures(final StringBuilder h, final RunSummary s)
    {
        final RunSummary.Traffic t = s.traffic();
        final RunSummary.Switching w = s.switching();
        h.append("<table>\n");
        row(h, "offered (packets the NIC took from the wire peer)", String.format(Locale.ROOT, "%,d", t.offered()));
        row(h, "delivered: VF / synthetic", String.format(Locale.ROOT, "%,d: %,d / %,d", t.delivered(), t.deliveredVf(),
            t.deliveredSynthetic()));
        row(h, "lost / reordered / duplicates / dropped", String.format(Locale.ROOT, "%,d / %,d / %,d / %,d", t.lost(),
            t.reordered(), t.duplicates(), t.dropped()));
        row(h, "throughput", String.format(Locale.ROOT, "%.3f Mpps", s.throughputMpps()));
        row(h, "path switches (planned, refused)", String.format(Locale.ROOT, "%,d (%,d, %,d)", w.pathSwitches(), w.planned(),
            w.refused()));
        row(h, "switch time p50 / p99 / max", String.format(Locale.ROOT, "%.3f / %.3f / %.3f ms", w.timeNanos().p50() / 1e6,
            w.timeNanos().p99() / 1e6, w.timeNanos().max() / 1e6));
        row(h, "held back at most (one adapter)", String.format(Locale.ROOT, "%,d packets", w.heldBackMax()));
        row(h, "migrations", Integer.toString(s.migrations().size()));
        row(h, "leaked buffers", Long.toString(s.leakedBuffers()));
        h.append("</table>\n");
    }

    private static void row(final StringBuilder h, final String name, final String value)
    {
        h.append("<tr><th class=\"l\">").append(Html.escape(name)).append("</th><td>").append(Html.escape(value))
            .append("</td></tr>\n");
    }

    private static void switchTable(final StringBuilder h, final SwitchCosts costs)
    {
        h.append("<h3>Path switches</h3>\n<p>From the request until both directions ran on the new path with nothing held " +
            "back. Drained, held and released are the adapter's RX figures; lost counts the sequences that went missing " +
            "around the window, blocked time is lost / offered rate.</p>\n");
        h.append("<table><tr><th>start (ms)</th><th class=\"l\">adapter</th><th class=\"l\">to</th><th>duration (ms)</th>" +
            "<th>drained</th><th>held</th><th>released</th><th>lost</th><th>blocked (ms)</th></tr>\n");
        final List<SwitchCosts.Row> rows = costs.rows();
        for (int i = 0; i < Math.min(rows.size(), MAX_SWITCH_ROWS); i++)
        {
            final SwitchCosts.Row r = rows.get(i);
            h.append(String.format(Locale.ROOT, "<tr><td>%.3f</td><td class=\"l\">%s</td><td class=\"l\">%s</td><td>%.3f</td>" +
                "<td>%,d</td><td>%,d</td><td>%,d</td><td>%,d</td><td>%.3f</td></tr>%n", r.startMs(), Html.escape(r.adapter()),
                r.to(), r.durationMs(), r.drained(), r.held(), r.released(), r.lost(), r.blockedMs()));
        }
        h.append("</table>\n");
        if (rows.size() > MAX_SWITCH_ROWS)
        {
            h.append(String.format(Locale.ROOT, "<p>%,d more in switches.csv.</p>%n", rows.size() - MAX_SWITCH_ROWS));
        }
        if (rows.isEmpty())
        {
            h.append("<p>No path switch while the wire peer sent.</p>\n");
        }
    }

    private static void migrationTable(final StringBuilder h, final List<MigrationReport> migrations)
    {
        if (migrations.isEmpty())
        {
            return;
        }
        h.append("<h3>Live migrations</h3>\n<table><tr><th class=\"l\">VM</th><th class=\"l\">from \u2192 to</th>" +
            "<th>blackout (ms)</th><th>forwarded</th><th>held at destination</th><th>total (ms)</th><th class=\"l\">VF</th></tr>\n");
        for (final MigrationReport m : migrations)
        {
            h.append(String.format(Locale.ROOT, "<tr><td class=\"l\">%s</td><td class=\"l\">%s \u2192 %s</td><td>%.3f</td>" +
                "<td>%,d</td><td>%,d</td><td>%.3f</td><td class=\"l\">%s</td></tr>%n", Html.escape(m.vm()), Html.escape(m.from()),
                Html.escape(m.to()), m.blackoutNanos() / 1e6, m.forwarded(), m.heldAtDestination(), m.totalNanos() / 1e6,
                Html.escape(m.vfOfferedAtDestination() ? "offered at " + m.to() : "synthetic (" + m.vfReason() + ")")));
        }
        h.append("</table>\n");
    }

    private static void latencyTable(final StringBuilder h, final Map<String, Histogram> latencies)
    {
        h.append("<table><tr><th class=\"l\">packets</th><th>count</th><th>p50</th><th>p90</th><th>p99</th><th>p99.9</th>" +
            "<th>p99.99</th><th>max</th></tr>\n");
        for (final Map.Entry<String, Histogram> e : latencies.entrySet())
        {
            final Percentiles p = Percentiles.of(e.getValue());
            h.append("<tr><td class=\"l\">").append(Html.escape(e.getKey())).append("</td>")
                .append(String.format(Locale.ROOT, "<td>%,d</td>", p.count()));
            for (final long v : new long[] {p.p50(), p.p90(), p.p99(), p.p999(), p.p9999(), p.max()})
            {
                h.append("<td>").append(p.count() == 0 ? "" : Html.escape(RunCharts.latencyLabel(v))).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n");
    }

    private static void drops(final StringBuilder h, final Map<String, Long> drops)
    {
        h.append("<h2>Drops by cause</h2>\n");
        if (drops.isEmpty())
        {
            h.append("<p>None.</p>\n");
            return;
        }
        h.append("<table><tr><th class=\"l\">counter</th><th>packets</th></tr>\n");
        drops.forEach((k, v) -> h.append("<tr><td class=\"l\">").append(Html.escape(k)).append("</td><td>")
            .append(String.format(Locale.ROOT, "%,d", v)).append("</td></tr>\n"));
        h.append("</table>\n");
    }
}
