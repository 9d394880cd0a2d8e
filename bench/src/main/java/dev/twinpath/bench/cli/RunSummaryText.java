package dev.twinpath.bench.cli;

import dev.twinpath.datapath.run.Percentiles;
import dev.twinpath.datapath.run.RunSummary;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The summary of a {@code twinpath run} as a person reads it: one aligned block of figures and a
 * verdict line ({@code PASS: ...} or {@code FAIL: ...}). Stateless.
 */
final class RunSummaryText
{
    private RunSummaryText()
    {
    }

    static String format(final RunSummary s)
    {
        final StringBuilder sb = new StringBuilder(1024);
        final RunSummary.Traffic t = s.traffic();
        final double seconds = s.setup().sendNanos() / 1e9;
        line(sb, "offered", String.format(Locale.ROOT, "%,d packets in %.2f s%s", t.offered(), seconds,
            s.setup().ratePps() == 0 ? " (max rate)" :
                String.format(Locale.ROOT, " (%,d due at %.2f Mpps)", t.intended(), s.setup().ratePps() / 1e6)));
        line(sb, "delivered", String.format(Locale.ROOT, "%,d (vf %,d, synthetic %,d)", t.delivered(), t.deliveredVf(),
            t.deliveredSynthetic()));
        if (s.cablesPulled() && t.lost() != 0 && t.lostOnlyLate())
        {
            line(sb, "lost", String.format(Locale.ROOT, "0 (%,d arrived later than the checker's window: held by a pulled cable)",
                t.tooOld()));
            line(sb, "reordered", String.format(Locale.ROOT, "%,d (behind a pulled cable)", t.reordered()));
            line(sb, "duplicates", "0");
        }
        else
        {
            line(sb, "lost", String.format(Locale.ROOT, "%,d", t.lost()));
            line(sb, "reordered", String.format(Locale.ROOT, "%,d", t.reordered()));
            line(sb, "duplicates", String.format(Locale.ROOT, "%,d", t.duplicates()));
        }
        line(sb, "dropped", t.dropped() == 0 ? "0" : String.format(Locale.ROOT, "%,d %s", t.dropped(), s.droppedByCause()));
        line(sb, "throughput", String.format(Locale.ROOT, "%.3f Mpps (10 ms intervals: min %.3f, max %.3f)",
            s.throughputMpps(), s.timeline().minPps() / 1e6, s.timeline().maxPps() / 1e6));
        line(sb, "latency vf", latency(s.latencyVf()));
        line(sb, "latency synthetic", latency(s.latencySynthetic()));
        final RunSummary.GuestTx tx = s.guestTx();
        if (tx != null)
        {
            final boolean late = s.cablesPulled() && tx.lost() != 0 && tx.lostOnlyLate();
            line(sb, "guest tx", late ?
                String.format(Locale.ROOT, "%,d offered, %,d delivered to the wire, lost 0 (%,d late: held by a pulled cable), " +
                    "reordered %,d, duplicates 0", tx.offered(), tx.delivered() + tx.tooOld(), tx.tooOld(), tx.reordered()) :
                String.format(Locale.ROOT, "%,d offered, %,d delivered to the wire, lost %,d, reordered %,d, duplicates %,d",
                    tx.offered(), tx.delivered(), tx.lost(), tx.reordered(), tx.duplicates()));
            line(sb, "latency guest tx", latency(tx.latency()));
        }
        final RunSummary.Switching w = s.switching();
        line(sb, "path switches", String.format(Locale.ROOT, "%,d (planned %,d%s)", w.pathSwitches(), w.planned(),
            w.refused() == 0 ? "" : String.format(Locale.ROOT, ", refused %,d", w.refused())));
        final Percentiles st = w.timeNanos();
        line(sb, "switch time", st.count() == 0 ? "-" : String.format(Locale.ROOT, "p50 %s  p99 %s  max %s",
            micros(st.p50()), micros(st.p99()), micros(st.max())));
        line(sb, "held back max", String.format(Locale.ROOT, "%,d packets", w.heldBackMax()));
        if (s.schedule() != null)
        {
            for (final String outcome : s.schedule())
            {
                line(sb, outcome.startsWith("team ") ? "team" : "schedule", outcome.startsWith("team ") ?
                    outcome.substring(5) : outcome);
            }
        }
        line(sb, "leaked buffers", String.format(Locale.ROOT, "%,d", s.leakedBuffers()));
        line(sb, "events", events(s.eventsByLevel()));
        for (final String warning : s.warnings())
        {
            line(sb, "note", warning);
        }
        final List<String> problems = s.problems();
        if (problems.isEmpty() && s.faultsInjected() > 0)
        {
            sb.append(String.format(java.util.Locale.ROOT, "PASS: %d faults injected; %s, no duplicates, no leaked buffer%n",
                s.faultsInjected(), s.traffic().lost() == 0 ? "no loss" :
                s.traffic().lost() + " lost, every one counted as a drop (see dropped)"));
            return sb.toString();
        }
        sb.append(problems.isEmpty() ? (s.cablesPulled() ?
            "PASS: no loss, no duplicates, no leaked buffer (frames held by a pulled cable arrived late, see the note)" :
            "PASS: no loss, no reordering, no duplicates, no leaked buffer") :
            "FAIL: " + String.join(", ", problems)).append('\n');
        return sb.toString();
    }

    private static String latency(final Percentiles p)
    {
        if (p.count() == 0)
        {
            return "-";
        }
        return String.format(Locale.ROOT, "p50 %s  p90 %s  p99 %s  p99.9 %s  p99.99 %s  max %s",
            micros(p.p50()), micros(p.p90()), micros(p.p99()), micros(p.p999()), micros(p.p9999()), micros(p.max()));
    }

    private static String micros(final long nanos)
    {
        if (nanos >= 10_000_000L)
        {
            return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
        }
        return String.format(Locale.ROOT, "%.1f us", nanos / 1e3);
    }

    private static String events(final Map<String, Long> byLevel)
    {
        return String.format(Locale.ROOT, "%,d information, %,d warning, %,d error",
            byLevel.getOrDefault("INFORMATION", 0L), byLevel.getOrDefault("WARNING", 0L), byLevel.getOrDefault("ERROR", 0L));
    }

    private static void line(final StringBuilder sb, final String label, final String value)
    {
        sb.append(String.format(Locale.ROOT, "  %-18s %s%n", label, value));
    }
}
