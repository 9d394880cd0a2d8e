package dev.twinpath.bench.harness;

import java.util.List;
import java.util.Locale;

/**
 * Text forms of a suite's results: the table a person reads and the JSON a program reads
 * ({@code {"suite":..., "results":[{"name","value","unit","baseline","baseline_value","ratio",
 * "alloc_bytes_per_op","error"}]}}). Stateless.
 */
public final class BenchReport
{
    private BenchReport()
    {
    }

    public static String table(final BenchSuite suite, final List<BenchResult> results)
    {
        final StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-26s %10s %8s  %-7s %-26s %8s %8s%n",
            "name", "value", "±error", "unit", "baseline", "ratio", "B/op"));
        for (final BenchResult r : results)
        {
            sb.append(String.format(Locale.ROOT, "%-26s %10.2f %8s  %-7s %-26s %8s %8s%n",
                r.entry().name(),
                r.value(),
                Double.isNaN(r.error()) ? "-" : String.format(Locale.ROOT, "%.2f", r.error()),
                suite.unit(),
                r.entry().baseline() == null ? "(baseline)" : r.entry().baseline(),
                Double.isNaN(r.ratio()) ? "-" : String.format(Locale.ROOT, "%.2fx", r.ratio()),
                Double.isNaN(r.allocBytes()) ? "-" : String.format(Locale.ROOT, "%.2f", r.allocBytes())));
        }
        return sb.toString();
    }

    public static String json(final BenchSuite suite, final String plan, final List<BenchResult> results)
    {
        final StringBuilder sb = new StringBuilder();
        sb.append("{\"suite\":\"").append(suite.name()).append("\",\"plan\":\"").append(plan).append("\",\"results\":[");
        for (int i = 0; i < results.size(); i++)
        {
            final BenchResult r = results.get(i);
            sb.append(i > 0 ? ",\n  " : "\n  ")
                .append("{\"name\":\"").append(r.entry().name()).append('"')
                .append(",\"value\":").append(number(r.value()))
                .append(",\"unit\":\"").append(suite.unit()).append('"')
                .append(",\"baseline\":").append(r.entry().baseline() == null ? "null" : "\"" + r.entry().baseline() + "\"")
                .append(",\"baseline_value\":").append(number(r.baselineValue()))
                .append(",\"ratio\":").append(number(r.ratio()))
                .append(",\"alloc_bytes_per_op\":").append(number(r.allocBytes()))
                .append(",\"error\":").append(number(r.error()))
                .append('}');
        }
        return sb.append("\n]}\n").toString();
    }

    private static String number(final double v)
    {
        return Double.isNaN(v) || Double.isInfinite(v) ? "null" : String.format(Locale.ROOT, "%.4f", v);
    }
}
