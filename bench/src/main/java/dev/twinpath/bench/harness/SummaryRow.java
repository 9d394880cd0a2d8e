package dev.twinpath.bench.harness;

import java.util.Locale;

/**
 * One line of the summary {@code twinpath bench all} prints after every suite has run: a measurement (or a
 * baseline) of a suite, its score, the baseline it is compared with, the ratio, its goal and whether it was met.
 * A JMH suite gives one row per entry ({@link #of}); a scenario suite the rows its result chooses.
 * <p>
 * Immutable, any thread.
 *
 * @param suite         the suite's name.
 * @param name          the measurement.
 * @param reference     true for a baseline: a score other rows are compared with.
 * @param value         its score, in {@code unit}.
 * @param unit          the score's unit.
 * @param baseline      the baseline compared with, or null.
 * @param baselineValue the baseline's score in the same unit, NaN without one.
 * @param goal          the goal in words ({@code "0 B/op, >= 1.00x"}, {@code "<= 100.0 us"}), or null for none.
 * @param verdict       whether the goal was met.
 * @param allocBytes    bytes allocated per operation, NaN when not measured.
 */
public record SummaryRow(String suite, String name, boolean reference, double value, String unit, String baseline, double baselineValue,
    String goal, Verdict verdict, double allocBytes)
{
    /** Whether a row's goal was met. */
    public enum Verdict
    {
        /** The goal was met. */
        MET("met"),
        /** The goal was missed: the suite's GOAL MISSED lines say how. */
        MISSED("MISSED"),
        /** No goal (a baseline, a figure reported for reading). */
        NONE("-");

        private final String label;

        Verdict(final String label)
        {
            this.label = label;
        }

        public String label()
        {
            return label;
        }

        /** @return MET or MISSED. */
        public static Verdict of(final boolean met)
        {
            return met ? MET : MISSED;
        }
    }

    /** @return value / baseline value, NaN without a baseline. */
    public double ratio()
    {
        return Double.isNaN(baselineValue) || baselineValue == 0 ? Double.NaN : value / baselineValue;
    }

    /** @return the row of a JMH entry's result in {@code suite}. */
    public static SummaryRow of(final BenchSuite suite, final BenchResult result)
    {
        final BenchEntry entry = result.entry();
        final boolean measurement = entry.baseline() != null;
        String goal = null;
        if (measurement && (entry.zeroAlloc() || entry.minRatio() > 0))
        {
            goal = entry.zeroAlloc() ? "0 B/op" : "";
            if (entry.minRatio() > 0)
            {
                goal += (goal.isEmpty() ? "" : ", ") + String.format(Locale.ROOT, ">= %.2fx", entry.minRatio());
            }
        }
        return new SummaryRow(suite.name(), entry.name(), !measurement, result.value(), suite.unit(), entry.baseline(),
            result.baselineValue(), goal, goal == null ? Verdict.NONE : Verdict.of(result.problem() == null),
            result.allocBytes());
    }
}
