package dev.twinpath.bench.scenario;

import java.util.List;

/**
 * What a {@link BenchScenario} measured: a table a person reads, JSON a program reads, and the goals
 * it missed. Immutable, any thread.
 */
public interface ScenarioResult
{
    /** @return aligned lines, each ending with a newline. */
    String table();

    /** @return a JSON document with {@code "suite"} and {@code "plan"} first. */
    String json(String suite, String plan);

    /** @return one sentence per goal missed; empty when every goal was met. */
    List<String> goalsMissed();

    /** @return the lines this result adds to the summary of {@code twinpath bench all}, as suite {@code suite}. */
    List<dev.twinpath.bench.harness.SummaryRow> summaryRows(String suite);
}
