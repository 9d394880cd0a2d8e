package dev.twinpath.bench.cli;

import dev.twinpath.bench.harness.BenchSuite;
import dev.twinpath.bench.harness.BenchSummary;
import dev.twinpath.bench.harness.BenchSummary.SuiteOutcome;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@code twinpath bench all}: every suite in turn (the JMH suites and the scenario suite), each printing its table
 * as it finishes, then one summary table of every measurement (suite, score and unit, baseline, ratio, goal, met or
 * missed, B/op) and, with {@code --json}, all of it ({@link BenchSummary}). A suite that fails to run is reported
 * and the others still run. Interrupted (Ctrl-C), a shutdown hook prints the summary of the suites finished so far
 * and writes the JSON, marked incomplete, waiting at most {@link #HOOK_WAIT_MILLIS} for a suite that is just being
 * reported.
 * <p>
 * Runs on the command's thread; {@link #onShutdown()} on the JVM's shutdown hook thread.
 */
final class BenchAll
{
    /** How long the shutdown hook waits for the command's thread to finish reporting a suite. */
    static final long HOOK_WAIT_MILLIS = 3_000;

    private final List<BenchSuite> suites;
    private final boolean quick;
    private final Path json;
    private final PrintStream out;
    private final BenchSummary summary;
    private final ReentrantLock reporting = new ReentrantLock();
    private volatile boolean interrupted;
    private boolean reported; // guarded by reporting

    BenchAll(final List<BenchSuite> suites, final boolean quick, final Path json, final PrintStream out)
    {
        this.suites = suites;
        this.quick = quick;
        this.json = json;
        this.out = out;
        this.summary = new BenchSummary(plan(suites, quick));
    }

    /** @return the plan of every suite, in words. */
    static String plan(final List<BenchSuite> suites, final boolean quick)
    {
        final StringBuilder sb = new StringBuilder(quick ? "quick" : "full");
        String jmh = null;
        for (final BenchSuite suite : suites)
        {
            if (suite.isScenario())
            {
                sb.append("; ").append(suite.name()).append(": ").append(BenchCommand.plan(suite, quick));
            }
            else
            {
                jmh = BenchCommand.plan(suite, quick);
            }
        }
        return jmh == null ? sb.toString() : sb.append("; JMH suites: ").append(jmh).toString();
    }

    /** Run every suite and report. @return the exit code: 0, 3 when a goal was missed, 2 when a suite failed to run. */
    int run() throws IOException
    {
        final Thread hook = new Thread(this::onShutdown, "twinpath-bench-all-summary");
        Runtime.getRuntime().addShutdownHook(hook);
        try
        {
            int index = 0;
            for (final BenchSuite suite : suites)
            {
                if (interrupted)
                {
                    break;
                }
                out.printf("%n[%d/%d] ", ++index, suites.size());
                SuiteOutcome outcome;
                try
                {
                    outcome = BenchCommand.run(suite, quick, out);
                }
                catch (final Exception ex) // JMH's RunnerException, a lab that failed: the other suites still run
                {
                    outcome = SuiteOutcome.failed(suite.name(), ex.getMessage() == null ? ex.toString() : ex.getMessage());
                    out.println("suite " + suite.name() + " FAILED TO RUN: " + outcome.failure());
                }
                reporting.lock();
                try
                {
                    if (!interrupted) // a suite whose JMH fork the Ctrl-C killed is not a result
                    {
                        summary.add(outcome);
                        outcome.goalsMissed().forEach(g -> out.println("GOAL MISSED: " + suite.name() + ": " + g));
                    }
                }
                finally
                {
                    reporting.unlock();
                }
            }
            reporting.lock();
            try
            {
                if (!reported)
                {
                    report(true);
                }
            }
            finally
            {
                reporting.unlock();
            }
        }
        finally
        {
            try
            {
                Runtime.getRuntime().removeShutdownHook(hook);
            }
            catch (final IllegalStateException ex)
            {
                // the JVM is shutting down: the hook reports
            }
        }
        return summary.exitCode();
    }

    /** Ctrl-C: the summary of the suites finished so far, once. */
    private void onShutdown()
    {
        interrupted = true;
        boolean locked = false;
        try
        {
            locked = reporting.tryLock(HOOK_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        try
        {
            if (!reported)
            {
                out.printf("%ninterrupted%n");
                report(false);
            }
        }
        catch (final IOException ex)
        {
            out.println("twinpath bench: " + ex.getMessage());
        }
        finally
        {
            out.flush();
            if (locked)
            {
                reporting.unlock();
            }
        }
    }

    /** Print the summary table, what was missed and failed; write the JSON. */
    private void report(final boolean complete) throws IOException
    {
        reported = true;
        out.println();
        out.println("summary" + (complete ? "" : " (interrupted)") + ": " + summary.outcomes().size() + " of " +
            suites.size() + " suites");
        out.print(summary.table());
        summary.goalsMissed().forEach(g -> out.println("GOAL MISSED: " + g));
        summary.failed().forEach(f -> out.println("SUITE FAILED: " + f));
        if (json != null)
        {
            CliSupport.writeAtomically(json, summary.json(complete));
            out.println("json: " + json);
        }
        out.flush();
    }
}
