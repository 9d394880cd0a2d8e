package dev.twinpath.bench.scenario;

import dev.twinpath.bench.harness.SummaryRow;
import dev.twinpath.bench.harness.SummaryRow.Verdict;
import dev.twinpath.datapath.run.JsonWriter;
import dev.twinpath.datapath.run.Percentiles;
import dev.twinpath.datapath.run.RunSummary;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the {@code failover} suite measured: the VF path's maximum rate, then at {@value
 * FailoverScenario#LOAD_SHARE} of it the switch times, the throughput dip, the hold-back high-water
 * mark and the packet accounting of the steady run.
 * <p>
 * Immutable, any thread.
 *
 * @param settings how the suite ran.
 * @param max      the max-rate run.
 * @param steady   the steady run with the switches.
 * @param ratePps  the steady run's rate.
 */
public record FailoverResult(FailoverScenario.Settings settings, RunSummary max, RunSummary steady, long ratePps)
    implements ScenarioResult
{
    /** @return switches the steady run's schedule issued (revokes and offers, without the first offers). */
    public long switches()
    {
        return steady.switching().planned() - steady.setup().vms();
    }

    /** @return the lowest throughput of a timeline interval of the steady run over its rate (1.0: no dip). */
    public double dipRatio()
    {
        return steady.timeline().minPps() / ratePps;
    }

    @Override
    public String table()
    {
        final StringBuilder sb = new StringBuilder(1024);
        final Percentiles st = steady.switching().timeNanos();
        line(sb, "vf max rate", String.format(Locale.ROOT, "%.3f Mpps (%d VMs on their VFs, unpaced, no switch, %.1f s)",
            max.throughputMpps(), max.setup().vms(), max.setup().sendNanos() / 1e9));
        line(sb, "steady rate", String.format(Locale.ROOT, "%.3f Mpps (%.0f%%); delivered %.3f Mpps over %.1f s",
            ratePps / 1e6, FailoverScenario.LOAD_SHARE * 100, steady.throughputMpps(), steady.setup().sendNanos() / 1e9));
        line(sb, "switches", String.format(Locale.ROOT, "%,d of %,d (%,d path switches with the first offers)",
            switches(), settings.switches(), steady.switching().pathSwitches()));
        line(sb, "switch time", String.format(Locale.ROOT, "p50 %s  p99 %s  max %s (%,d timed; goal p99 <= %s)",
            micros(st.p50()), micros(st.p99()), micros(st.max()), st.count(),
            micros(FailoverScenario.SWITCH_TIME_GOAL_NANOS)));
        line(sb, "throughput dip", String.format(Locale.ROOT, "min %.3f Mpps in a %d ms interval = %.0f%% of the steady " +
                "rate (mean %.3f, max %.3f)", steady.timeline().minPps() / 1e6, settings.timelineNanos() / 1_000_000,
            dipRatio() * 100, steady.timeline().meanPps() / 1e6, steady.timeline().maxPps() / 1e6));
        line(sb, "held back max", String.format(Locale.ROOT, "%,d packets", steady.switching().heldBackMax()));
        line(sb, "latency vf", latency(steady.latencyVf()));
        line(sb, "latency synthetic", latency(steady.latencySynthetic()));
        final RunSummary.Traffic t = steady.traffic();
        line(sb, "lost/reord/dup/leak", String.format(Locale.ROOT, "%,d / %,d / %,d / %,d (dropped %,d, offered %,d, " +
            "delivered %,d)", t.lost(), t.reordered(), t.duplicates(), steady.leakedBuffers(), t.dropped(), t.offered(),
            t.delivered()));
        for (final String warning : steady.warnings())
        {
            line(sb, "note", warning);
        }
        return sb.toString();
    }

    @Override
    public List<String> goalsMissed()
    {
        final List<String> missed = new ArrayList<>();
        max.problems().forEach(p -> missed.add("max-rate run: " + p));
        steady.problems().forEach(p -> missed.add("steady run: " + p));
        if (switches() < settings.switches())
        {
            missed.add(String.format(Locale.ROOT, "only %,d of %,d switches were done", switches(), settings.switches()));
        }
        final long p99 = steady.switching().timeNanos().p99();
        if (p99 > FailoverScenario.SWITCH_TIME_GOAL_NANOS)
        {
            missed.add(String.format(Locale.ROOT, "switch time p99 %s (goal <= %s)", micros(p99),
                micros(FailoverScenario.SWITCH_TIME_GOAL_NANOS)));
        }
        return missed;
    }

    @Override
    public List<SummaryRow> summaryRows(final String suite)
    {
        final double maxMpps = max.throughputMpps();
        final RunSummary.Traffic t = steady.traffic();
        final long p99 = steady.switching().timeNanos().p99();
        final boolean runsPass = max.problems().isEmpty() && steady.problems().isEmpty();
        return List.of(
            new SummaryRow(suite, "vf-max-rate", true, maxMpps, "Mpps", null, Double.NaN, null, Verdict.NONE, Double.NaN),
            new SummaryRow(suite, "steady-throughput", false, steady.throughputMpps(), "Mpps", "vf-max-rate", maxMpps, null,
                Verdict.NONE, Double.NaN),
            new SummaryRow(suite, "dip-min-throughput", false, steady.timeline().minPps() / 1e6, "Mpps", "steady rate",
                ratePps / 1e6, null, Verdict.NONE, Double.NaN),
            new SummaryRow(suite, "switch-time-p99", false, p99 / 1e3, "us", null, Double.NaN,
                String.format(Locale.ROOT, "<= %.1f us", FailoverScenario.SWITCH_TIME_GOAL_NANOS / 1e3),
                Verdict.of(p99 <= FailoverScenario.SWITCH_TIME_GOAL_NANOS), Double.NaN),
            new SummaryRow(suite, "switches", false, switches(), "switches", null, Double.NaN,
                String.format(Locale.ROOT, ">= %d", settings.switches()), Verdict.of(switches() >= settings.switches()),
                Double.NaN),
            new SummaryRow(suite, "held-back-max", false, steady.switching().heldBackMax(), "packets", null, Double.NaN, null,
                Verdict.NONE, Double.NaN),
            new SummaryRow(suite, "lost+reord+dup+leak", false, t.lost() + t.reordered() + t.duplicates() + steady.leakedBuffers(),
                "packets", null, Double.NaN, "0, both runs pass", Verdict.of(runsPass), Double.NaN));
    }

    @Override
    public String json(final String suite, final String plan)
    {
        final JsonWriter json = new JsonWriter().beginObject().field("suite", suite).field("plan", plan);
        final Percentiles st = steady.switching().timeNanos();
        json.field("vf_max_mpps", max.throughputMpps(), 4)
            .field("steady_rate_mpps", ratePps / 1e6, 4)
            .field("steady_throughput_mpps", steady.throughputMpps(), 4)
            .field("switches", switches())
            .field("switches_requested", settings.switches())
            .key("switch_time_us").beginObject()
            .field("count", st.count())
            .field("p50", st.p50() / 1e3, 3)
            .field("p99", st.p99() / 1e3, 3)
            .field("max", st.max() / 1e3, 3)
            .field("goal_p99", FailoverScenario.SWITCH_TIME_GOAL_NANOS / 1e3, 3)
            .endObject()
            .key("throughput_dip").beginObject()
            .field("interval_ms", settings.timelineNanos() / 1e6, 3)
            .field("min_mpps", steady.timeline().minPps() / 1e6, 4)
            .field("min_ratio", dipRatio(), 4)
            .field("mean_mpps", steady.timeline().meanPps() / 1e6, 4)
            .field("max_mpps", steady.timeline().maxPps() / 1e6, 4)
            .endObject()
            .field("held_back_max", steady.switching().heldBackMax())
            .field("lost_packets", steady.traffic().lost())
            .field("reordered_packets", steady.traffic().reordered())
            .field("duplicate_packets", steady.traffic().duplicates())
            .field("leaked_buffers", steady.leakedBuffers());
        json.key("goals_missed").beginArray();
        goalsMissed().forEach(json::value);
        json.endArray();
        max.write(json.key("max_rate_run"));
        steady.write(json.key("steady_run"));
        return json.endObject().toString();
    }

    private static String latency(final Percentiles p)
    {
        return p.count() == 0 ? "-" : String.format(Locale.ROOT, "p50 %s  p99 %s  p99.99 %s  max %s",
            micros(p.p50()), micros(p.p99()), micros(p.p9999()), micros(p.max()));
    }

    private static String micros(final long nanos)
    {
        return String.format(Locale.ROOT, "%,.1f us", nanos / 1e3);
    }

    private static void line(final StringBuilder sb, final String label, final String value)
    {
        sb.append(String.format(Locale.ROOT, "%-20s %s%n", label, value));
    }
}
