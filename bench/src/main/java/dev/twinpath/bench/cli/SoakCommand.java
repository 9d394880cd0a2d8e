package dev.twinpath.bench.cli;

import dev.twinpath.datapath.labfile.LabFileReader;
import dev.twinpath.datapath.run.FailoverRun;
import dev.twinpath.datapath.run.LabFilePlans;
import dev.twinpath.datapath.run.RunContext;
import dev.twinpath.datapath.run.RunListener;
import dev.twinpath.datapath.run.RunProgress;
import dev.twinpath.datapath.run.RunSummary;
import dev.twinpath.datapath.run.SoakPlan;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code twinpath soak --duration 1h}: the built-in three-host lab (A and C with SR-IOV, B without) runs
 * for a long time with traffic both ways, random live migrations, VF revokes and offers between them and every
 * two seconds (the run's switch schedule, on the host's thread, racing the migrations) and, with
 * {@code --faults}, mild faults; every check interval it prints the window's throughput, the heap after a
 * GC and the buffers in use; at the end a verdict: throughput steady, heap not growing, no buffer leaked,
 * no packet lost, reordered or duplicated. Runs on the main thread (the lab's agents on their own).
 */
@Command(name = "soak", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Soak the built-in lab (hosts A and C with SR-IOV, B without): traffic both ways for a long time while the " +
            "VMs live-migrate at random every 1 to 3 s, their VFs revoked and offered again between migrations and, on the " +
            "host's thread, every 2 s; every check " +
            "interval print throughput, heap after GC and buffers in use; end with a verdict.",
        "The verdict fails on any loss, reordering, duplicate, drop or leaked buffer, on a check window whose " +
            "throughput is off the rate by more than --rate-tolerance, or on heap growth beyond --max-heap-growth."},
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {"0:the soak passed", "1:a check failed (the verdict says which)", "2:bad arguments"})
final class SoakCommand implements Callable<Integer>
{
    /** Events the soak's lab keeps (a ring): full within minutes, so heap growth after that is a leak. */
    static final int SOAK_EVENTS = 5_000;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--duration", paramLabel = "TIME", defaultValue = "5m",
        description = "How long the traffic runs: 1h, 30m, 2m (at least 20s; default ${DEFAULT-VALUE}).")
    String duration;

    @Option(names = "--rate", paramLabel = "PPS", defaultValue = "200k",
        description = "Packets per second from the wire to the VMs, all together (default ${DEFAULT-VALUE}).")
    String rate;

    @Option(names = "--vms", paramLabel = "N", defaultValue = "2", description = "VMs, 1..4 (default ${DEFAULT-VALUE}).")
    String vms;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the random schedule, an integer (default: from " +
        "the clock, printed).")
    String seed;

    @Option(names = "--faults", description = "Also inject mild faults: late control messages, short guest stalls, " +
        "short pool exhaustion, a destination host that disappears during a migration (none may cost a packet).")
    boolean faults;

    @Option(names = "--check-interval", paramLabel = "TIME", defaultValue = "10s",
        description = "Length of a check window (default ${DEFAULT-VALUE}).")
    String checkInterval;

    @Option(names = "--rate-tolerance", paramLabel = "PERCENT", defaultValue = "20",
        description = "How far a window's delivered rate may be off --rate, 1..100 %% (default ${DEFAULT-VALUE}).")
    String rateTolerance;

    @Option(names = "--max-heap-growth", paramLabel = "MIB", defaultValue = "32",
        description = "Most the heap after GC may grow from the first window to the last, MiB (default ${DEFAULT-VALUE}).")
    String maxHeapGrowthMib;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the run's summary as JSON.")
    Path json;

    @CommandLine.Mixin
    LiveCountersOptions counters;

    @Option(names = "--jfr", paramLabel = "FILE", description = "Also record a JFR file (JDK default settings plus " +
        "Twinpath's PathSwitch, Migration and ControlTimeout events), written when the soak ends, also when it fails.")
    Path jfr;

    @Override
    public Integer call() throws IOException
    {
        final long durationNanos = CliSupport.durationNanos(duration, "--duration");
        require(durationNanos >= TimeUnit.SECONDS.toNanos(20) && durationNanos <= TimeUnit.DAYS.toNanos(7),
            "--duration must be 20s..7d: " + duration);
        final long pps = CliSupport.ratePps(rate, "--rate");
        require(pps != RunContext.MAX_RATE && pps <= 5_000_000, "--rate must be a rate up to 5M pps, not max: " + rate);
        final int vmCount = CliSupport.intValue(vms, "--vms", 1, 4);
        final long windowNanos = CliSupport.durationNanos(checkInterval, "--check-interval");
        require(windowNanos >= TimeUnit.SECONDS.toNanos(1) && windowNanos <= durationNanos / 2,
            "--check-interval must be 1s..half of --duration: " + checkInterval);
        final int tolerance = CliSupport.intValue(rateTolerance, "--rate-tolerance", 1, 100);
        final int heapGrowthMib = CliSupport.intValue(maxHeapGrowthMib, "--max-heap-growth", 1, 65_536);
        CliFiles.writable("--json", json);
        JfrRecording.check(jfr, null, json, null);
        final long seedValue = seed != null ? seed(seed) : System.nanoTime();

        final RunContext base = LabFilePlans.toRunContext(LabFileReader.example("migration.yaml"));
        final RunContext context = base.vms(vmCount).ratePps(pps).guestRatePps(10_000).guestFlows(16)
            .duration(durationNanos, TimeUnit.NANOSECONDS).warmup(1, TimeUnit.SECONDS).eventLogCapacity(SOAK_EVENTS)
            .switchInterval(2, TimeUnit.SECONDS).syntheticTime(100, TimeUnit.MILLISECONDS)
            .plan(SoakPlan.randomize(base.plan(), vmCount, durationNanos, seedValue, faults))
            .liveCounters(counters.resolve(spec.commandLine().getErr()), "twinpath soak");
        final PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "twinpath soak: hosts A B C, %d VM(s), %.2f Mpps to the VMs and 10k pps from each, for %s; " +
            "%d migrations scheduled%s; seed %d%n", vmCount, pps / 1e6, CliSupport.formatDuration(durationNanos),
            context.plan().actions().stream().filter(a -> a.kind() == dev.twinpath.datapath.run.LabAction.Kind.MIGRATE).count(),
            faults ? ", with faults" : "", seedValue);
        out.flush();

        final SoakMonitor monitor = new SoakMonitor(out, windowNanos, pps, durationNanos);
        try (StopOnInterrupt stop = StopOnInterrupt.install("soak", out))
        {
            final RunSummary summary = JfrRecording.around(jfr, out, () -> new FailoverRun(context).run(new RunListener()
            {
                @Override
                public void onProgress(final RunProgress progress)
                {
                    monitor.onProgress(progress);
                }

                @Override
                public boolean stopRequested()
                {
                    return stop.requested();
                }
            }));
            out.println();
            out.print(RunSummaryText.format(summary));
            if (json != null)
            {
                CliSupport.writeAtomically(json, summary.toJson());
                out.println("json: " + json);
            }
            final SoakMonitor.Verdict verdict = monitor.verdict(summary, tolerance / 100.0, heapGrowthMib * 1024L * 1024L);
            out.println(verdict.line());
            if (stop.requested())
            {
                out.println("stopped early by Ctrl-C: the verdict covers the time until then");
            }
            out.flush();
            return verdict.passed() ? 0 : 1;
        }
    }

    private static long seed(final String text)
    {
        try
        {
            return Long.parseLong(text.trim());
        }
        catch (final NumberFormatException ex)
        {
            throw new CliSupport.UsageException("--seed must be an integer: " + text);
        }
    }

    private static void require(final boolean valid, final String message)
    {
        if (!valid)
        {
            throw new CliSupport.UsageException(message);
        }
    }
}
