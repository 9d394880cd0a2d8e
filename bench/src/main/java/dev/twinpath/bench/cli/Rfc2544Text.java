package dev.twinpath.bench.cli;

import dev.twinpath.datapath.rfc2544.LatencyPoint;
import dev.twinpath.datapath.rfc2544.Rfc2544Result;
import dev.twinpath.datapath.rfc2544.SizeResult;
import dev.twinpath.datapath.rfc2544.TestedPath;
import dev.twinpath.datapath.rfc2544.Trial;

import java.util.List;
import java.util.Locale;

/**
 * The text of {@code twinpath rfc2544}: one line per trial while it runs, and per path a throughput table (NDR and
 * PDR in Mpps and in Gbit/s at layer 1, loss at the PDR) and a latency table (p50, p99, p99.9 and max at each
 * fraction of the NDR). Stateless.
 */
final class Rfc2544Text
{
    private Rfc2544Text()
    {
    }

    /** @return e.g. {@code vf  64     ndr       196.000 kpps  lost 0 of 49,001 (0.0000 %)  NDR pass, PDR pass}. */
    static String trialLine(final String phase, final Trial t, final String verdict)
    {
        return String.format(Locale.ROOT, "%-9s %-5s %-8s %12s  lost %,d of %,d (%.4f %%)  %s", t.path().label(),
            t.size().name(), phase, rate(t.ratePps()) + (t.unpaced() ? "*" : ""), t.lost(), t.intended(),
            t.lossRatio() * 100, verdict);
    }

    /** @return {@code 1.234 Mpps}, {@code 196.000 kpps} or {@code 950 pps}. */
    static String rate(final long pps)
    {
        if (pps >= 1_000_000)
        {
            return String.format(Locale.ROOT, "%.4f Mpps", pps / 1e6);
        }
        return pps >= 1_000 ? String.format(Locale.ROOT, "%.3f kpps", pps / 1e3) : pps + " pps";
    }

    /** @return the tables of every path measured, and a line per search that did not converge. */
    static String tables(final Rfc2544Result result)
    {
        final StringBuilder sb = new StringBuilder();
        for (final TestedPath path : TestedPath.values())
        {
            final List<SizeResult> rows = result.resultsOf(path);
            if (rows.isEmpty())
            {
                continue;
            }
            sb.append(String.format(Locale.ROOT, "%n%s path: throughput (Gbit/s at layer 1: frame + 20 bytes of preamble " +
                "and gap)%n", path == TestedPath.VF ? "VF" : "Synthetic"));
            sb.append(String.format(Locale.ROOT, "%-6s %10s %10s %10s %10s %10s %7s%n", "frame", "NDR Mpps", "NDR Gb/s",
                "PDR Mpps", "PDR Gb/s", "loss@PDR", "trials"));
            for (final SizeResult r : rows)
            {
                sb.append(String.format(Locale.ROOT, "%-6s %10.4f %10.3f %10.4f %10.3f %9.4f%% %7d%s%n", r.size().name(),
                    r.ndrMpps(), r.ndrGbps(), r.pdrMpps(), r.pdrGbps(), r.lossAtPdr() * 100, r.trials().size(),
                    r.note() == null ? "" : "  (" + r.note() + ")"));
            }
            if (rows.stream().anyMatch(r -> !r.latency().isEmpty()))
            {
                sb.append(String.format(Locale.ROOT, "%s path: latency from the intended send time, us%n",
                    path == TestedPath.VF ? "VF" : "Synthetic"));
                sb.append(String.format(Locale.ROOT, "%-6s %6s %13s %9s %9s %9s %9s%n", "frame", "of NDR", "rate", "p50",
                    "p99", "p99.9", "max"));
                for (final SizeResult r : rows)
                {
                    for (final LatencyPoint p : r.latency())
                    {
                        sb.append(String.format(Locale.ROOT, "%-6s %5.0f%% %13s %9.1f %9.1f %9.1f %9.1f%s%n", r.size().name(),
                            p.fraction() * 100, rate(p.ratePps()), p.latency().p50() / 1e3, p.latency().p99() / 1e3,
                            p.latency().p999() / 1e3, p.latency().max() / 1e3, p.valid() ? "" : "  (invalid trial)"));
                    }
                }
            }
        }
        return sb.toString();
    }
}
