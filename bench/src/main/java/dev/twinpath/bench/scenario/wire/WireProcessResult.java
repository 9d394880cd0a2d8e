package dev.twinpath.bench.scenario.wire;

import dev.twinpath.bench.harness.SummaryRow;
import dev.twinpath.bench.harness.SummaryRow.Verdict;
import dev.twinpath.bench.scenario.ScenarioResult;
import dev.twinpath.datapath.run.JsonWriter;
import dev.twinpath.datapath.run.Percentiles;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What suite {@code wire-proc} measured: per transport the wire's and raw Aeron's maximum rate across three processes
 * (entries {@code wire-proc-<transport>}, baseline {@code raw-aeron-proc-<transport>}: 64-byte messages, Mpps, goal
 * &ge; 0.8&times;; the ceiling {@code raw-aeron-proc-<transport>-batch}: full-batch messages, its ratio reported),
 * the wire's latency at the light rate ({@code wire-proc-<transport>-p50}, {@code -p99}, &micro;s) and at the loaded
 * rate ({@code -loaded-p50}, {@code -loaded-p99}), each with raw Aeron's at the same rate as its baseline value, and the
 * invariants of every trial (entry {@code lost+reord+untimed}, goal 0).
 * <p>
 * Immutable, any thread.
 *
 * @param settings how the suite ran.
 * @param trials   every trial that ran, seven per transport in order: wire, raw and raw batch at max rate; wire and raw
 *                 at the light rate, then loaded.
 * @param failures why a transport's trials stopped, one sentence each.
 * @param retried  the trials that failed once and ran again, why each (their second run is in {@code trials}).
 */
public record WireProcessResult(WireProcessScenario.Settings settings, List<WireTrialResult> trials, List<String> failures,
    List<String> retried)
    implements ScenarioResult
{
    /** @return the trial of this transport, path and kind, or null when it did not run. */
    public WireTrialResult trial(final WireTransport transport, final WirePath path, final WireTrialKind kind)
    {
        for (final WireTrialResult t : trials)
        {
            if (t.transport() == transport && t.path() == path && t.kind() == kind)
            {
                return t;
            }
        }
        return null;
    }

    /** @return the transports whose trials all ran. */
    public List<WireTransport> measured()
    {
        final List<WireTransport> measured = new ArrayList<>();
        for (final WireTransport t : settings.transports())
        {
            boolean all = true;
            for (final WireTrialKind kind : WireTrialKind.values())
            {
                all &= trial(t, WirePath.WIRE, kind) != null && trial(t, WirePath.RAW, kind) != null;
            }
            all &= trial(t, WirePath.RAW_BATCH, WireTrialKind.MAX) != null;
            if (all)
            {
                measured.add(t);
            }
        }
        return measured;
    }

    /** @return units lost, out of sequence or sent in a window without a latency, over every trial: must be 0. */
    public long invariantBreaks()
    {
        long breaks = 0;
        for (final WireTrialResult t : trials)
        {
            breaks += Math.abs(t.sent() - t.received()) + t.outOfSequence() +
                Math.abs(t.sentInWindow() - t.latencyNanos().count());
        }
        return breaks;
    }

    @Override
    public List<SummaryRow> summaryRows(final String suite)
    {
        final List<SummaryRow> rows = new ArrayList<>();
        for (final WireTransport t : measured())
        {
            final String wire = WirePath.WIRE.entry(t);
            final String raw = WirePath.RAW.entry(t);
            final WireTrialResult wireMax = trial(t, WirePath.WIRE, WireTrialKind.MAX);
            final WireTrialResult rawMax = trial(t, WirePath.RAW, WireTrialKind.MAX);
            final WireTrialResult batchMax = trial(t, WirePath.RAW_BATCH, WireTrialKind.MAX);
            final boolean ratioMet = ratio(t) >= WireProcessScenario.MIN_RATIO;
            final boolean rateMet = !t.ipc() || wireMax.mpps() >= WireProcessScenario.MIN_IPC_MPPS;
            rows.add(new SummaryRow(suite, wire, false, wireMax.mpps(), "Mpps", raw, rawMax.mpps(), goal(t),
                Verdict.of(ratioMet && rateMet), Double.NaN));
            rows.add(new SummaryRow(suite, raw, true, rawMax.mpps(), "Mpps", null, Double.NaN, null, Verdict.NONE, Double.NaN));
            rows.add(new SummaryRow(suite, wire + "-vs-batch", false, wireMax.mpps(), "Mpps", WirePath.RAW_BATCH.entry(t),
                batchMax.mpps(), null, Verdict.NONE, Double.NaN));
            rows.add(new SummaryRow(suite, WirePath.RAW_BATCH.entry(t), true, batchMax.mpps(), "Mpps", null, Double.NaN, null,
                Verdict.NONE, Double.NaN));
            for (final WireTrialKind kind : new WireTrialKind[]{WireTrialKind.LIGHT, WireTrialKind.LOADED})
            {
                final String infix = kind == WireTrialKind.LIGHT ? "" : "-" + kind.label();
                final Percentiles w = trial(t, WirePath.WIRE, kind).latencyNanos();
                final Percentiles r = trial(t, WirePath.RAW, kind).latencyNanos();
                rows.add(latencyRow(suite, wire + infix + "-p50", w.p50(), raw + infix + "-p50", r.p50()));
                rows.add(latencyRow(suite, wire + infix + "-p99", w.p99(), raw + infix + "-p99", r.p99()));
            }
        }
        rows.add(new SummaryRow(suite, "lost+reord+untimed", false, invariantBreaks(), "frames", null, Double.NaN,
            "0, every trial ran", Verdict.of(invariantBreaks() == 0 && failures.isEmpty()), Double.NaN));
        return rows;
    }

    /** @return the wire's maximum over raw Aeron's for a measured transport (0 when raw moved nothing). */
    public double ratio(final WireTransport t)
    {
        final double raw = trial(t, WirePath.RAW, WireTrialKind.MAX).mpps();
        return raw == 0 ? 0 : trial(t, WirePath.WIRE, WireTrialKind.MAX).mpps() / raw;
    }

    private static String goal(final WireTransport t)
    {
        return String.format(Locale.ROOT, ">= %.2fx", WireProcessScenario.MIN_RATIO) +
            (t.ipc() ? String.format(Locale.ROOT, ", >= %.1f Mpps", WireProcessScenario.MIN_IPC_MPPS) : "");
    }

    private static SummaryRow latencyRow(final String suite, final String name, final long nanos, final String baseline,
        final long baselineNanos)
    {
        return new SummaryRow(suite, name, false, nanos / 1e3, "us", baseline, baselineNanos / 1e3, null, Verdict.NONE,
            Double.NaN);
    }

    @Override
    public List<String> goalsMissed()
    {
        final List<String> missed = new ArrayList<>(failures);
        for (final WireTransport t : measured())
        {
            final WireTrialResult wireMax = trial(t, WirePath.WIRE, WireTrialKind.MAX);
            final double ratio = ratio(t);
            if (ratio < WireProcessScenario.MIN_RATIO)
            {
                missed.add(String.format(Locale.ROOT, "wire-proc-%s is %.2fx raw-aeron-proc-%s (goal >= %.2fx)", t.label(),
                    ratio, t.label(), WireProcessScenario.MIN_RATIO));
            }
            if (t.ipc() && wireMax.mpps() < WireProcessScenario.MIN_IPC_MPPS)
            {
                missed.add(String.format(Locale.ROOT, "wire-proc-%s moved %.2f Mpps (goal >= %.1f Mpps)", t.label(),
                    wireMax.mpps(), WireProcessScenario.MIN_IPC_MPPS));
            }
        }
        for (final WireTrialResult trial : trials)
        {
            missed.addAll(trial.violations());
        }
        return missed;
    }

    @Override
    public String table()
    {
        final StringBuilder sb = new StringBuilder(2048);
        final String format = "%-30s %10s %-6s %-34s %8s  %-22s %s%n";
        sb.append(String.format(Locale.ROOT, format, "name", "value", "unit", "baseline", "ratio", "goal", "met"));
        for (final SummaryRow r : summaryRows("wire-proc"))
        {
            sb.append(String.format(Locale.ROOT, format, r.name(), String.format(Locale.ROOT, "%.2f", r.value()), r.unit(),
                r.baseline() != null ? r.baseline() : r.reference() ? "(baseline)" : "-",
                Double.isNaN(r.ratio()) ? "-" : String.format(Locale.ROOT, "%.2fx", r.ratio()),
                r.goal() == null ? "-" : r.goal(), r.verdict().label()));
        }
        sb.append(String.format(Locale.ROOT, "%nevery trial: frames at B in the window; latency at B from the intended " +
            "send time (us); frames per Aeron message from A and from the ToR; cores each process used in the window:%n"));
        final String latency = "%-24s %-6s %9s %9s %9s %9s %9s %9s %10s %10s %11s %14s%n";
        sb.append(String.format(Locale.ROOT, latency, "trial", "kind", "rate Mpps", "Mpps at B", "p50", "p90", "p99", "p99.9",
            "max", "timed", "frames/msg", "cores A/ToR/B"));
        for (final WireTrialResult t : trials)
        {
            final Percentiles p = t.latencyNanos();
            sb.append(String.format(Locale.ROOT, latency, t.name().split(" ")[0], t.kind().label(),
                t.ratePps() == 0 ? "-" : String.format(Locale.ROOT, "%.3f", t.ratePps() / 1e6),
                String.format(Locale.ROOT, "%.3f", t.mpps()),
                micros(p.p50()), micros(p.p90()), micros(p.p99()), micros(p.p999()), micros(p.max()),
                String.format(Locale.ROOT, "%,d", p.count()),
                String.format(Locale.ROOT, "%.1f/%.1f", t.framesPerMessage(), t.relayFramesPerMessage()), t.coresText()));
        }
        for (final WireTrialResult t : trials)
        {
            if (!t.keptUp())
            {
                sb.append(String.format(Locale.ROOT, "note: %s did not keep up with its schedule (%.3f Mpps at B): its " +
                    "latency is a queue growing or draining, not the wire's%n", t.name(), t.mpps()));
            }
        }
        retried.forEach(r -> sb.append("ran again: ").append(r.split("\n")[0]).append('\n'));
        failures.forEach(f -> sb.append("FAILED: ").append(f).append('\n'));
        return sb.toString();
    }

    private static String micros(final long nanos)
    {
        return String.format(Locale.ROOT, "%.1f", nanos / 1e3);
    }

    @Override
    public String json(final String suite, final String plan)
    {
        final JsonWriter json = new JsonWriter().beginObject().field("suite", suite).field("plan", plan)
            .field("warmup_ms", settings.warmupNanos() / 1e6, 1)
            .field("measure_ms", settings.measureNanos() / 1e6, 1)
            .field("min_ratio", WireProcessScenario.MIN_RATIO, 2)
            .field("min_ipc_mpps", WireProcessScenario.MIN_IPC_MPPS, 1);
        json.key("entries").beginArray();
        for (final SummaryRow r : summaryRows(suite))
        {
            json.beginObject().field("name", r.name()).field("value", r.value(), 4).field("unit", r.unit());
            if (r.baseline() != null)
            {
                json.field("baseline", r.baseline()).field("baseline_value", r.baselineValue(), 4).field("ratio", r.ratio(), 4);
            }
            if (r.goal() != null)
            {
                json.field("goal", r.goal()).key("met").value(r.verdict() == Verdict.MET);
            }
            json.endObject();
        }
        json.endArray();
        json.key("trials").beginArray();
        trials.forEach(t -> t.write(json));
        json.endArray();
        json.key("retried").beginArray();
        retried.forEach(json::value);
        json.endArray();
        json.key("goals_missed").beginArray();
        goalsMissed().forEach(json::value);
        json.endArray();
        return json.endObject().toString();
    }
}
