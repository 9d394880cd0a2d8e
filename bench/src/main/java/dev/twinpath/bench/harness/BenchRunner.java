package dev.twinpath.bench.harness;

import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * Runs the entries of a {@link BenchSuite} with JMH (throughput mode, GC profiler on) one after the
 * other in the same invocation, so measurements and baselines see the same machine state, then
 * joins each measurement to its baseline. Runs on the calling thread; JMH forks the benchmark JVMs.
 */
public final class BenchRunner
{
    /** JVM flags every forked benchmark JVM needs (Agrona 2.x). */
    public static final String[] FORK_JVM_ARGS = {"--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED", "-Xms1g", "-Xmx1g"};

    /** How long to measure. */
    public record Plan(int forks, int warmupIterations, int measurementIterations, long iterationMillis)
    {
        public static final Plan QUICK = new Plan(1, 3, 5, 400);
        public static final Plan FULL = new Plan(2, 3, 5, 1000);

        public String describe()
        {
            return String.format("%d fork(s), %d x %d ms warmup, %d x %d ms measurement",
                forks, warmupIterations, iterationMillis, measurementIterations, iterationMillis);
        }
    }

    private final Plan plan;
    private final PrintStream progress;

    public BenchRunner(final Plan plan, final PrintStream progress)
    {
        this.plan = plan;
        this.progress = progress;
    }

    /**
     * Run every entry of the suite.
     *
     * @return one result per entry, in suite order, baselines joined.
     * @throws RunnerException when JMH fails to run a benchmark.
     */
    public List<BenchResult> run(final BenchSuite suite) throws RunnerException
    {
        final Map<String, BenchResult> byName = new HashMap<>();
        int index = 0;
        for (final BenchEntry entry : suite.entries())
        {
            index++;
            progress.printf("  [%d/%d] %-26s ", index, suite.entries().size(), entry.name());
            progress.flush();
            final BenchResult result = runOne(entry);
            byName.put(entry.name(), result);
            progress.printf("%10.2f %s%n", result.value(), suite.unit());
        }
        final List<BenchResult> results = new ArrayList<>();
        for (final BenchEntry entry : suite.entries())
        {
            final BenchResult result = byName.get(entry.name());
            final BenchResult baseline = entry.baseline() == null ? null : byName.get(entry.baseline());
            results.add(baseline == null ? result : result.withBaseline(baseline.value()));
        }
        return results;
    }

    private BenchResult runOne(final BenchEntry entry) throws RunnerException
    {
        final ChainedOptionsBuilder options = new OptionsBuilder()
            .include(entry.includePattern())
            .forks(plan.forks())
            .warmupIterations(plan.warmupIterations())
            .warmupTime(TimeValue.milliseconds(plan.iterationMillis()))
            .measurementIterations(plan.measurementIterations())
            .measurementTime(TimeValue.milliseconds(plan.iterationMillis()))
            .threads(1)
            .timeUnit(TimeUnit.SECONDS)
            .mode(org.openjdk.jmh.annotations.Mode.Throughput)
            .jvmArgsAppend(FORK_JVM_ARGS)
            .addProfiler(GCProfiler.class)
            .shouldFailOnError(true)
            .verbosity(VerboseMode.SILENT);
        final Collection<RunResult> runs = new Runner(options.build()).run();
        if (runs.isEmpty())
        {
            throw new RunnerException("JMH ran nothing for " + entry.benchmark() + " (pattern " + entry.includePattern() + ")");
        }
        final RunResult run = runs.iterator().next();
        final Map<String, Result> secondaries = run.getSecondaryResults();
        final Result<?> score = scoreOf(entry, run.getPrimaryResult(), secondaries);
        double alloc = Double.NaN;
        for (final Map.Entry<String, Result> secondary : secondaries.entrySet())
        {
            if (secondary.getKey().endsWith("gc.alloc.rate.norm"))
            {
                alloc = secondary.getValue().getScore();
            }
        }
        if (score != run.getPrimaryResult() && !Double.isNaN(alloc))
        {
            // JMH normalises allocation by the primary operations (all calls of all group threads):
            // bring it to bytes per operation of the reported result.
            alloc = score.getScore() > 0 ? alloc * run.getPrimaryResult().getScore() / score.getScore() : Double.NaN;
        }
        final double error = score.getScoreError();
        return new BenchResult(entry, score.getScore() / 1e6, Double.isNaN(error) ? Double.NaN : error / 1e6, alloc, Double.NaN);
    }

    /**
     * @return the result that scores the entry: the primary one, or the secondary one it names.
     * @throws RunnerException when the named secondary result is missing.
     */
    static Result<?> scoreOf(final BenchEntry entry, final Result<?> primary, final Map<String, Result> secondaries)
        throws RunnerException
    {
        if (entry.result() == null)
        {
            return primary;
        }
        final Result<?> secondary = secondaries.get(entry.result());
        if (secondary == null)
        {
            throw new RunnerException(entry.benchmark() + " has no result '" + entry.result() + "'; it has " +
                new TreeSet<>(secondaries.keySet()));
        }
        return secondary;
    }
}
