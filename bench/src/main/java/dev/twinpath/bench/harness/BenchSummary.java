package dev.twinpath.bench.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@code twinpath bench all} ran: each suite in turn, with its rows, the goals it missed and its own JSON, or
 * why it failed to run; then one table of every row, and a JSON document of all of it:
 * <pre>
 * {"suite": "all", "plan": ..., "complete": true|false, "goals_missed": [...], "failed": [{"suite", "error"}],
 *  "summary": [{"suite", "name", "reference", "value", "unit", "baseline", "baseline_value", "ratio", "goal", "met",
 *               "alloc_bytes_per_op"}],
 *  "suites": [{"suite", "status": "ok"|"failed", "error", "result": (the suite's own --json document)}]}
 * </pre>
 * Thread-safe: the command's thread adds suites; a shutdown hook may print what was finished so far.
 */
public final class BenchSummary
{
    /**
     * One suite's outcome.
     *
     * @param suite       the suite's name.
     * @param rows        its summary rows (none when it failed).
     * @param goalsMissed the goals it missed, one sentence each.
     * @param json        its own JSON document, or null when it failed.
     * @param failure     why it failed to run, or null.
     */
    public record SuiteOutcome(String suite, List<SummaryRow> rows, List<String> goalsMissed, String json, String failure)
    {
        /** @return the outcome of a suite that ran. */
        public static SuiteOutcome ran(final String suite, final List<SummaryRow> rows, final List<String> goalsMissed,
            final String json)
        {
            return new SuiteOutcome(suite, List.copyOf(rows), List.copyOf(goalsMissed), json, null);
        }

        /** @return the outcome of a suite that failed to run ({@code why}). */
        public static SuiteOutcome failed(final String suite, final String why)
        {
            return new SuiteOutcome(suite, List.of(), List.of(), null, why);
        }
    }

    private final String plan;
    private final List<SuiteOutcome> outcomes = new ArrayList<>();

    /** @param plan how the suites run (quick or full), for the JSON. */
    public BenchSummary(final String plan)
    {
        this.plan = plan;
    }

    /** Add a suite's outcome, in the order they ran. */
    public synchronized void add(final SuiteOutcome outcome)
    {
        outcomes.add(outcome);
    }

    /** @return the outcomes so far, in order. */
    public synchronized List<SuiteOutcome> outcomes()
    {
        return List.copyOf(outcomes);
    }

    /** @return every goal missed, each prefixed by its suite. */
    public synchronized List<String> goalsMissed()
    {
        final List<String> missed = new ArrayList<>();
        outcomes.forEach(o -> o.goalsMissed().forEach(g -> missed.add(o.suite() + ": " + g)));
        return missed;
    }

    /** @return the suites that failed to run, with why. */
    public synchronized List<String> failed()
    {
        final List<String> failed = new ArrayList<>();
        outcomes.stream().filter(o -> o.failure() != null).forEach(o -> failed.add(o.suite() + ": " + o.failure()));
        return failed;
    }

    /** @return 2 when a suite failed to run, else 3 when a goal was missed, else 0. */
    public synchronized int exitCode()
    {
        return !failed().isEmpty() ? 2 : !goalsMissed().isEmpty() ? 3 : 0;
    }

    /** @return the summary table: a row per measurement of every suite that ran, a line per suite that failed. */
    public synchronized String table()
    {
        int nameWidth = 26;
        int baselineWidth = 26;
        for (final SuiteOutcome o : outcomes)
        {
            for (final SummaryRow r : o.rows())
            {
                nameWidth = Math.max(nameWidth, r.name().length());
                baselineWidth = Math.max(baselineWidth, r.baseline() == null ? 0 : r.baseline().length());
            }
        }
        final String format = "%-9s %-" + nameWidth + "s %10s %-8s %-" + baselineWidth + "s %9s  %-17s %-6s %8s%n";
        final StringBuilder sb = new StringBuilder(4096);
        sb.append(String.format(Locale.ROOT, format, "suite", "measurement", "score", "unit", "baseline", "ratio", "goal",
            "met", "B/op"));
        for (final SuiteOutcome o : outcomes)
        {
            if (o.failure() != null)
            {
                sb.append(String.format(Locale.ROOT, "%-9s FAILED TO RUN: %s%n", o.suite(), o.failure()));
            }
            for (final SummaryRow r : o.rows())
            {
                sb.append(String.format(Locale.ROOT, format,
                    r.suite(), r.name(), String.format(Locale.ROOT, "%.2f", r.value()), r.unit(), r.baseline() != null ? r.baseline() : r.reference() ? "(baseline)" : "-",
                    Double.isNaN(r.ratio()) ? "-" : String.format(Locale.ROOT, "%.2fx", r.ratio()),
                    r.goal() == null ? "-" : r.goal(), r.verdict().label(),
                    Double.isNaN(r.allocBytes()) ? "-" : String.format(Locale.ROOT, "%.2f", r.allocBytes())));
            }
        }
        return sb.toString();
    }

    /** @return the JSON document; {@code complete} false when the run was interrupted before every suite ran. */
    public synchronized String json(final boolean complete)
    {
        final StringBuilder sb = new StringBuilder(8192);
        sb.append("{\"suite\":\"all\",\"plan\":").append(string(plan)).append(",\"complete\":").append(complete);
        sb.append(",\n\"goals_missed\":[");
        appendStrings(sb, goalsMissed());
        sb.append("],\n\"failed\":[");
        boolean first = true;
        for (final SuiteOutcome o : outcomes)
        {
            if (o.failure() != null)
            {
                sb.append(first ? "" : ",").append("{\"suite\":").append(string(o.suite())).append(",\"error\":")
                    .append(string(o.failure())).append('}');
                first = false;
            }
        }
        sb.append("],\n\"summary\":[");
        first = true;
        for (final SuiteOutcome o : outcomes)
        {
            for (final SummaryRow r : o.rows())
            {
                sb.append(first ? "\n  " : ",\n  ");
                first = false;
                sb.append("{\"suite\":").append(string(r.suite()))
                    .append(",\"name\":").append(string(r.name()))
                    .append(",\"reference\":").append(r.reference())
                    .append(",\"value\":").append(number(r.value()))
                    .append(",\"unit\":").append(string(r.unit()))
                    .append(",\"baseline\":").append(r.baseline() == null ? "null" : string(r.baseline()))
                    .append(",\"baseline_value\":").append(number(r.baselineValue()))
                    .append(",\"ratio\":").append(number(r.ratio()))
                    .append(",\"goal\":").append(r.goal() == null ? "null" : string(r.goal()))
                    .append(",\"met\":").append(r.verdict() == SummaryRow.Verdict.NONE ? "null" :
                        String.valueOf(r.verdict() == SummaryRow.Verdict.MET))
                    .append(",\"alloc_bytes_per_op\":").append(number(r.allocBytes()))
                    .append('}');
            }
        }
        sb.append("\n],\n\"suites\":[");
        first = true;
        for (final SuiteOutcome o : outcomes)
        {
            sb.append(first ? "\n" : ",\n");
            first = false;
            sb.append("{\"suite\":").append(string(o.suite())).append(",\"status\":\"")
                .append(o.failure() == null ? "ok" : "failed").append("\",\"error\":")
                .append(o.failure() == null ? "null" : string(o.failure())).append(",\"result\":")
                .append(o.json() == null ? "null" : o.json().strip()).append('}');
        }
        return sb.append("\n]}\n").toString();
    }

    private static void appendStrings(final StringBuilder sb, final List<String> values)
    {
        for (int i = 0; i < values.size(); i++)
        {
            sb.append(i > 0 ? "," : "").append(string(values.get(i)));
        }
    }

    private static String string(final String s)
    {
        return "\"" + dev.twinpath.datapath.event.JsonText.escape(s) + "\"";
    }

    private static String number(final double v)
    {
        return Double.isNaN(v) || Double.isInfinite(v) ? "null" : String.format(Locale.ROOT, "%.4f", v);
    }
}
