package dev.twinpath.bench.cli;

import dev.twinpath.bench.harness.BenchReport;
import dev.twinpath.bench.harness.BenchResult;
import dev.twinpath.bench.harness.BenchRunner;
import dev.twinpath.bench.harness.BenchSuite;
import dev.twinpath.bench.harness.BenchSummary.SuiteOutcome;
import dev.twinpath.bench.harness.SummaryRow;
import dev.twinpath.bench.scenario.BenchScenario;
import dev.twinpath.bench.scenario.ScenarioResult;
import org.openjdk.jmh.runner.RunnerException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code twinpath bench SUITE}: runs a suite's measurements and their baselines in the same JMH
 * run, prints a table, optionally writes JSON, and fails (exit 3) when a measurement misses a goal:
 * allocation on the per-packet path, or a ratio below the suite's floor. A scenario suite
 * ({@code failover}; {@code wire-proc}, which starts its own processes) runs its phases in this JVM instead, with the
 * same table, JSON and exit codes.
 * {@code twinpath bench all} runs every suite in turn and ends with one summary table ({@link BenchAll}).
 * Runs on the main thread.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {"Run a benchmark suite: a JMH suite runs its measurements and their baselines in one JMH run " +
        "(GC profiler on); the failover suite runs the failover lab in this JVM, wire-proc three processes A -> ToR -> B; all runs every suite, then prints " +
        "one summary table of scores, baselines, ratios and goals.",
        "Suites: all, codec, failover, pool, ring, rss, vf-path, vmbus, vswitch, wire, wire-proc (see --list)."},
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {"0:all goals met", "2:bad arguments, JMH failed, or (all) a suite failed to run",
        "3:a measurement missed its goal"})
final class BenchCommand implements Callable<Integer>
{
    /** The suite name that runs every suite. */
    static final String ALL = "all";

    @Parameters(paramLabel = "SUITE", arity = "0..1", description = "Suite to run, or all.")
    String suiteName;

    @Option(names = "--quick", description = "Short run (JMH: 1 fork, 3 warmup + 5 measured iterations of 0.4 s, " +
        "about 5 s per entry; a scenario suite: its own short plan).")
    boolean quick;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON.")
    Path json;

    @Option(names = "--list", description = "List the suites and exit.")
    boolean list;

    @Override
    public Integer call() throws IOException
    {
        if (list)
        {
            System.out.printf("%-9s %s%n", ALL, "every suite below in turn, then one summary table");
            BenchSuite.all().values().forEach(s -> System.out.printf("%-9s %s%n", s.name(), s.description()));
            return 0;
        }
        final List<BenchSuite> suites = suites(suiteName);
        CliFiles.writable("--json", json);
        if (ALL.equals(suiteName))
        {
            return new BenchAll(suites, quick, json, System.out).run();
        }
        final SuiteOutcome outcome;
        try
        {
            outcome = run(suites.get(0), quick, System.out);
        }
        catch (final RunnerException ex)
        {
            System.err.println("twinpath bench: JMH failed: " + ex.getMessage());
            return 2;
        }
        if (json != null)
        {
            CliSupport.writeAtomically(json, outcome.json());
            System.out.println("json: " + json);
        }
        outcome.goalsMissed().forEach(g -> System.out.println("GOAL MISSED: " + g));
        return outcome.goalsMissed().isEmpty() ? 0 : 3;
    }

    /**
     * @return the suites {@code name} runs: every suite, in name order, for {@value #ALL}; else the one named.
     * @throws CliSupport.UsageException when the name is missing or no suite's.
     */
    static List<BenchSuite> suites(final String name)
    {
        final String known = ALL + ", " + String.join(", ", BenchSuite.all().keySet());
        if (name == null)
        {
            throw new CliSupport.UsageException("SUITE is missing; suites: " + known + " (see --list)");
        }
        if (ALL.equals(name))
        {
            return List.copyOf(BenchSuite.all().values());
        }
        final BenchSuite suite = BenchSuite.find(name);
        if (suite == null)
        {
            throw new CliSupport.UsageException("unknown suite '" + name + "'; suites: " + known);
        }
        return List.of(suite);
    }

    /** @return the plan a suite runs with, in words. */
    static String plan(final BenchSuite suite, final boolean quick)
    {
        return suite.isScenario() ? suite.scenario().get().plan(quick) :
            (quick ? BenchRunner.Plan.QUICK : BenchRunner.Plan.FULL).describe();
    }

    /**
     * Run one suite: its heading, progress lines, then its table.
     *
     * @return what it measured: its summary rows, goals missed and JSON document.
     * @throws RunnerException when JMH fails to run a benchmark.
     */
    static SuiteOutcome run(final BenchSuite suite, final boolean quick, final PrintStream out) throws RunnerException
    {
        final String plan = plan(suite, quick);
        out.printf("suite %s: %s%nplan: %s%n", suite.name(), suite.description(), plan);
        if (suite.isScenario())
        {
            final BenchScenario scenario = suite.scenario().get();
            final ScenarioResult result = scenario.run(quick, out);
            out.println();
            out.print(result.table());
            return SuiteOutcome.ran(suite.name(), result.summaryRows(suite.name()), result.goalsMissed(),
                result.json(suite.name(), plan));
        }
        final List<BenchResult> results = new BenchRunner(quick ? BenchRunner.Plan.QUICK : BenchRunner.Plan.FULL, out)
            .run(suite);
        out.println();
        out.print(BenchReport.table(suite, results));
        final List<SummaryRow> rows = new ArrayList<>();
        final List<String> missed = new ArrayList<>();
        for (final BenchResult r : results)
        {
            rows.add(SummaryRow.of(suite, r));
            if (r.problem() != null)
            {
                missed.add(r.problem());
            }
        }
        return SuiteOutcome.ran(suite.name(), rows, missed, BenchReport.json(suite, plan, results));
    }
}
