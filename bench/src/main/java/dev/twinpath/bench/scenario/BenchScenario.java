package dev.twinpath.bench.scenario;

import java.io.PrintStream;

/**
 * A benchmark suite that is not a JMH run: a scenario the harness runs in this JVM, with several
 * phases whose figures depend on each other (a rate measured first, then a run at a share of it).
 * {@code twinpath bench SUITE} runs it like a JMH suite: progress lines, a table, {@code --json},
 * exit code 3 when a goal is missed.
 * <p>
 * Runs on the calling thread (and whatever threads its labs start).
 */
public interface BenchScenario
{
    /** @return one line saying what the run does with or without {@code --quick}. */
    String plan(boolean quick);

    /**
     * Run every phase.
     *
     * @param quick    the shorter plan.
     * @param progress where progress lines go.
     * @return what was measured.
     */
    ScenarioResult run(boolean quick, PrintStream progress);
}
