package dev.twinpath.bench.cli;

import dev.twinpath.bench.harness.BenchReport;
import dev.twinpath.bench.harness.BenchResult;
import dev.twinpath.bench.harness.BenchRunner;
import dev.twinpath.bench.harness.BenchSuite;
import dev.twinpath.bench.scenario.BenchScenario;
import dev.twinpath.bench.scenario.ScenarioResult;
import org.openjdk.jmh.runner.RunnerException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code twinpath bench SUITE}: runs a suite's measurements and their baselines in the same JMH
 * run, prints a table, optionally writes JSON, and fails (exit 3) when a measurement misses a goal:
 * allocation on the per-packet path, or a ratio below the suite's floor. A scenario suite
 * ({@code failover}) runs its phases in this JVM instead, with the same table, JSON and exit codes.
 * Runs on the main thread.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {"Run a benchmark suite: a JMH suite runs its measurements and their baselines in one JMH run " +
        "(GC profiler on); the failover suite runs the failover lab in this JVM.",
        "Suites: codec, failover, pool, ring, rss, vf-path, vmbus, vswitch (see --list)."},
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {"0:all goals met", "2:bad arguments or JMH failed", "3:a measurement missed its goal"})
final class BenchCommand implements Callable<Integer>
{
    @Parameters(paramLabel = "SUITE", arity = "0..1", description = "Suite to run.")
    String suiteName;

    @Option(names = "--quick", description = "Short run (1 fork, 3 warmup + 5 measured iterations of 0.4 s): about 5 s per entry.")
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
            BenchSuite.all().values().forEach(s -> System.out.printf("%-8s %s%n", s.name(), s.description()));
            return 0;
        }
        if (suiteName == null)
        {
            throw new CliSupport.UsageException("SUITE is missing; suites: " + String.join(", ", BenchSuite.all().keySet()) +
                " (see --list)");
        }
        final BenchSuite suite = BenchSuite.find(suiteName);
        if (suite == null)
        {
            throw new CliSupport.UsageException(
                "unknown suite '" + suiteName + "'; suites: " + String.join(", ", BenchSuite.all().keySet()));
        }
        CliFiles.writable("--json", json);
        if (suite.isScenario())
        {
            return runScenario(suite);
        }
        final BenchRunner.Plan plan = quick ? BenchRunner.Plan.QUICK : BenchRunner.Plan.FULL;
        System.out.printf("suite %s: %s%nplan: %s%n", suite.name(), suite.description(), plan.describe());
        final List<BenchResult> results;
        try
        {
            results = new BenchRunner(plan, System.out).run(suite);
        }
        catch (final RunnerException ex)
        {
            System.err.println("twinpath bench: JMH failed: " + ex.getMessage());
            return 2;
        }
        System.out.println();
        System.out.print(BenchReport.table(suite, results));
        if (json != null)
        {
            CliSupport.writeAtomically(json, BenchReport.json(suite, plan.describe(), results));
            System.out.println("json: " + json);
        }
        int exit = 0;
        for (final BenchResult r : results)
        {
            final String problem = r.problem();
            if (problem != null)
            {
                System.out.println("GOAL MISSED: " + problem);
                exit = 3;
            }
        }
        return exit;
    }

    private int runScenario(final BenchSuite suite) throws IOException
    {
        final BenchScenario scenario = suite.scenario().get();
        final String plan = scenario.plan(quick);
        System.out.printf("suite %s: %s%nplan: %s%n", suite.name(), suite.description(), plan);
        final ScenarioResult result = scenario.run(quick, System.out);
        System.out.println();
        System.out.print(result.table());
        if (json != null)
        {
            CliSupport.writeAtomically(json, result.json(suite.name(), plan));
            System.out.println("json: " + json);
        }
        int exit = 0;
        for (final String missed : result.goalsMissed())
        {
            System.out.println("GOAL MISSED: " + missed);
            exit = 3;
        }
        return exit;
    }
}
