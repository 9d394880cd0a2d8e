package dev.twinpath.bench.report;

import dev.twinpath.datapath.lab.MigrationReport;
import dev.twinpath.datapath.run.RunRecording;
import dev.twinpath.datapath.run.RunSummary;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The charts of a run report: throughput per path over time with every path switch shaded and every
 * migration marked, latency percentile curves per path (and overall), and latency inside versus
 * outside path switches.
 * <p>
 * Built on one thread from a finished run.
 */
final class RunCharts
{
    static final int VF = 0x1F77B4;
    static final int SYNTHETIC = 0xFF7F0E;
    static final int ALL = 0x2CA02C;
    static final int SWITCH = 0x9467BD;
    static final int MIGRATION = 0xD62728;
    /** A throughput chart shows at most about this many points per path. */
    private static final int MAX_POINTS = 1_000;
    /** Percentile curves go to 1 - 10^-this (99.999 %). */
    private static final double NINES = 5;
    private static final double STEP = 0.05;

    private RunCharts()
    {
    }

    /** @return Mpps per path over seconds since the wire peer started; switches shaded, migrations marked. */
    static LineChart throughput(final RunRecording recording, final RunSummary summary)
    {
        final long[] vf = recording.delivered(0);
        final long[] synthetic = recording.delivered(1);
        final long interval = recording.timelineIntervalNanos();
        final int last = Math.max(1, vf.length); // the last interval also takes what arrived after the run's end
        final int per = Math.max(1, (last + MAX_POINTS - 1) / MAX_POINTS);
        final int points = (last + per - 1) / per;
        final double[] xs = new double[points];
        final double[] yVf = new double[points];
        final double[] ySynthetic = new double[points];
        for (int p = 0; p < points; p++)
        {
            long a = 0;
            long b = 0;
            final int from = p * per;
            final int to = Math.min(last, from + per);
            for (int i = from; i < to; i++)
            {
                a += vf[i];
                b += synthetic[i];
            }
            final double seconds = (to - from) * interval / 1e9;
            xs[p] = (from + to) / 2.0 * interval / 1e9;
            yVf[p] = a / seconds / 1e6;
            ySynthetic[p] = b / seconds / 1e6;
        }
        final LineChart chart = new LineChart(String.format(Locale.ROOT, "Throughput per path (%s buckets)",
            duration(per * interval)), "time since the wire peer started (s)", "delivered (Mpps)")
            .add(new LineChart.Series("vf", VF, xs, yVf))
            .add(new LineChart.Series("synthetic", SYNTHETIC, xs, ySynthetic));
        for (final var w : recording.switches())
        {
            final double from = (w.startNanos() - recording.originNanos()) / 1e9;
            if (w.endNanos() - recording.originNanos() >= 0)
            {
                chart.band(new LineChart.Band(from, (w.endNanos() - recording.originNanos()) / 1e9, SWITCH, "path switch"));
            }
        }
        for (final MigrationReport m : summary.migrations())
        {
            chart.marker(new LineChart.Marker((m.startNanos() - recording.originNanos()) / 1e9, MIGRATION,
                m.vm() + " " + m.from() + "\u2192" + m.to()));
        }
        return chart;
    }

    /** @return latency percentile curves of the VF path, the synthetic path and both. */
    static LineChart latency(final Histogram vf, final Histogram synthetic)
    {
        final Histogram all = vf.copy();
        all.add(synthetic);
        return percentileChart("Latency by percentile (from the intended send time)")
            .add(curve("vf", VF, vf))
            .add(curve("synthetic", SYNTHETIC, synthetic))
            .add(curve("all", ALL, all));
    }

    /** @return latency percentile curves of each path inside and outside path switches. */
    static LineChart latencyInSwitches(final RunRecording recording)
    {
        return percentileChart("Latency inside vs outside path switches")
            .add(curve("vf outside", VF, recording.latency(0, false)))
            .add(curve("vf inside", 0x17BECF, recording.latency(0, true)))
            .add(curve("synthetic outside", SYNTHETIC, recording.latency(1, false)))
            .add(curve("synthetic inside", 0x8C564B, recording.latency(1, true)));
    }

    private static LineChart percentileChart(final String title)
    {
        final List<LineChart.Tick> ticks = new ArrayList<>();
        final String[] labels = {"0%", "90%", "99%", "99.9%", "99.99%", "99.999%"};
        for (int i = 0; i <= NINES; i++)
        {
            ticks.add(new LineChart.Tick(i, labels[i]));
        }
        return new LineChart(title, "percentile", "latency").logY().xTicks(ticks).yFormat(RunCharts::latencyLabel);
    }

    /** @return the curve of {@code h}: x = log10(1 / (1 - percentile)), y = latency in ns; empty when nothing was recorded. */
    static LineChart.Series curve(final String name, final int rgb, final Histogram h)
    {
        if (h.getTotalCount() == 0)
        {
            return new LineChart.Series(name + " (none)", rgb, new double[0], new double[0]);
        }
        final int n = (int)Math.round(NINES / STEP) + 1;
        final double[] xs = new double[n];
        final double[] ys = new double[n];
        for (int i = 0; i < n; i++)
        {
            final double x = i * STEP;
            final double percentile = 100.0 * (1 - Math.pow(10, -x));
            xs[i] = x;
            ys[i] = h.getValueAtPercentile(percentile);
        }
        return new LineChart.Series(name, rgb, xs, ys);
    }

    static String latencyLabel(final double nanos)
    {
        if (nanos >= 1e9)
        {
            return LineChart.number(nanos / 1e9) + " s";
        }
        if (nanos >= 1e6)
        {
            return LineChart.number(nanos / 1e6) + " ms";
        }
        if (nanos >= 1e3)
        {
            return LineChart.number(nanos / 1e3) + " \u00b5s";
        }
        return LineChart.number(nanos) + " ns";
    }

    private static String duration(final long nanos)
    {
        return nanos >= 1_000_000_000L ? LineChart.number(nanos / 1e9) + " s" : LineChart.number(nanos / 1e6) + " ms";
    }
}
