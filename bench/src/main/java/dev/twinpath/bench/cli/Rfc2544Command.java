package dev.twinpath.bench.cli;

import dev.twinpath.bench.report.Rfc2544Chart;
import dev.twinpath.bench.report.RunReport;

import dev.twinpath.datapath.rfc2544.FrameSize;
import dev.twinpath.datapath.rfc2544.LabTrialRunner;
import dev.twinpath.datapath.rfc2544.Rfc2544Benchmark;
import dev.twinpath.datapath.rfc2544.Rfc2544Context;
import dev.twinpath.datapath.rfc2544.Rfc2544Listener;
import dev.twinpath.datapath.rfc2544.Rfc2544Result;
import dev.twinpath.datapath.rfc2544.SizeResult;
import dev.twinpath.datapath.rfc2544.TestedPath;
import dev.twinpath.datapath.rfc2544.Trial;
import dev.twinpath.datapath.traffic.TrafficProfile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code twinpath rfc2544}: the RFC 2544 throughput (NDR and PDR) search per frame size on the VF path and on the
 * synthetic path, then latency at 10, 50 and 90 % of the NDR; one line per trial, a table per path, JSON on request.
 * Ctrl-C ends it after the trial under way, keeping (and writing) what it measured. Runs on the main thread (each
 * trial's lab on its own threads); the shutdown hook on the JVM's.
 */
@Command(name = "rfc2544", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "RFC 2544 throughput and latency of the VF path and the synthetic path: per frame size, the highest rate " +
            "that loses no frame (NDR) and the highest that loses at most --pdr-loss (PDR), found by a binary search " +
            "of fixed-rate trials, then latency at 10, 50 and 90 %% of the NDR.",
        "Loss is counted against the frames intended at the trial's rate, so a generator the lab held back counts as " +
            "loss. Ctrl-C stops after the trial under way and keeps what was measured (the JSON too)."},
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {"0:every search converged", "1:a search ended early (stopped, invalid trial or trial limit)",
        "2:bad arguments"})
final class Rfc2544Command implements Callable<Integer>
{
    /** How long the shutdown hook waits, beyond one trial, for the result to be written. */
    private static final long STOP_GRACE_NANOS = TimeUnit.SECONDS.toNanos(20);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--path", paramLabel = "PATH", defaultValue = "both",
        description = "vf, synthetic or both (default ${DEFAULT-VALUE}).")
    String path;

    @Option(names = "--frame-sizes", paramLabel = "LIST", defaultValue = "64,128,256,512,1024,1280,1518,imix",
        description = "Frame sizes on the wire, FCS included (64..9220), or imix (64/594/1518 7:4:1), comma-separated " +
            "(default ${DEFAULT-VALUE}).")
    String frameSizes;

    @Option(names = "--trial", paramLabel = "TIME", defaultValue = "2s",
        description = "How long each trial sends, 10ms..1h (default ${DEFAULT-VALUE}; RFC 2544 asks 60s for a final figure).")
    String trial;

    @Option(names = "--resolution", paramLabel = "PCT", defaultValue = "2",
        description = "The search stops when its interval is at most this %% of its upper bound, 0.1..50 (default " +
            "${DEFAULT-VALUE}).")
    String resolution;

    @Option(names = "--pdr-loss", paramLabel = "PCT", defaultValue = "0.1",
        description = "Highest loss of a PDR trial, %% of the frames intended, 0.0001..50 (default ${DEFAULT-VALUE}).")
    String pdrLoss;

    @Option(names = "--max-rate", paramLabel = "PPS",
        description = "Upper bound of the search, e.g. 2M (default: the rate an unpaced first trial achieves).")
    String maxRate;

    @Option(names = "--capacity", paramLabel = "PPS",
        description = "Inject a bottleneck of this many packets per second on the path under test (default none).")
    String capacity;

    @Option(names = "--vms", paramLabel = "N", defaultValue = "1", description = "VMs receiving the traffic, 1..64 " +
        "(default ${DEFAULT-VALUE}).")
    String vms;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the result as JSON (see docs/rfc2544.md).")
    Path json;

    @Option(names = "--chart", paramLabel = "FILE", description = "Also draw NDR and PDR against frame size per path: " +
        "SVG when FILE ends in .svg, else PNG.")
    Path chart;

    @Override
    public Integer call() throws IOException, InterruptedException
    {
        final Rfc2544Context context = context();
        CliFiles.writable("--json", json);
        CliFiles.writable("--chart", chart);
        CliFiles.distinct("--json", json, "--chart", chart);
        if (chart != null)
        {
            RunReport.prepareGraphics(); // a Ctrl-C may draw it during the JVM's shutdown
        }
        final PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "twinpath rfc2544: paths %s, frame sizes %s, trials of %s, resolution %s %%, PDR loss " +
            "%s %%, %s VM(s)%s%s%n", String.join(" ", context.paths().stream().map(TestedPath::label).toList()),
            String.join(" ", context.frameSizes().stream().map(FrameSize::name).toList()),
            CliSupport.formatDuration(context.trialNanos()), resolution.trim(), pdrLoss.trim(), context.vms(),
            context.maxRatePps() == 0 ? "" : ", max rate " + Rfc2544Text.rate(context.maxRatePps()),
            context.capacityPps() == 0 ? "" : ", injected capacity " + Rfc2544Text.rate(context.capacityPps()));
        out.println("one line per trial (* = unpaced: as fast as the lab takes frames; warm-up trials are not counted)");
        out.flush();

        final Rfc2544Benchmark benchmark = new Rfc2544Benchmark(context, new LabTrialRunner(context.labSettings(),
            context.capacityPps()));
        final long waitNanos = context.trialNanos() + STOP_GRACE_NANOS;
        final StopOnInterrupt stop = StopOnInterrupt.install("rfc2544", spec.commandLine().getErr(),
            "stopping after the trial under way (at most " + CliSupport.formatDuration(waitNanos) + ")", waitNanos,
            benchmark::requestStop);
        final long start = System.nanoTime();
        try
        {
            final Rfc2544Result result = benchmark.run(new Rfc2544Listener()
            {
                @Override
                public void onTrial(final String phase, final Trial t, final String verdict)
                {
                    out.printf(Locale.ROOT, "[%6.1f s] %s%n", (System.nanoTime() - start) / 1e9,
                        Rfc2544Text.trialLine(phase, t, verdict));
                    out.flush();
                }

                @Override
                public void onNote(final String note)
                {
                    out.println(note);
                    out.flush();
                }
            });
            out.print(Rfc2544Text.tables(result));
            if (!result.complete())
            {
                out.println("stopped: " + result.results().stream().filter(SizeResult::converged).count() + " of " +
                    context.paths().size() * context.frameSizes().size() + " path/size searches finished (a search cut " +
                    "short says so in its row)");
            }
            if (json != null)
            {
                CliSupport.writeAtomically(json, result.toJson());
                out.println("json: " + json);
            }
            if (chart != null)
            {
                Rfc2544Chart.write(result, chart);
                out.println("chart: " + chart);
            }
            out.flush();
            return result.complete() && result.results().stream().allMatch(SizeResult::converged) ? 0 : 1;
        }
        finally
        {
            stop.close();
        }
    }

    private Rfc2544Context context()
    {
        final List<TestedPath> paths = switch (path.trim().toLowerCase(Locale.ROOT))
        {
            case "vf" -> List.of(TestedPath.VF);
            case "synthetic" -> List.of(TestedPath.SYNTHETIC);
            case "both" -> List.of(TestedPath.VF, TestedPath.SYNTHETIC);
            default -> throw new CliSupport.UsageException("--path must be vf, synthetic or both: " + CliSupport.shown(path));
        };
        final List<FrameSize> sizes = new ArrayList<>();
        for (final String part : frameSizes.split(",", -1))
        {
            try
            {
                final FrameSize size = FrameSize.parse(part);
                if (sizes.contains(size))
                {
                    throw new CliSupport.UsageException("--frame-sizes names " + size.name() + " twice: " + frameSizes);
                }
                sizes.add(size);
            }
            catch (final IllegalArgumentException ex)
            {
                throw new CliSupport.UsageException("--frame-sizes: " + ex.getMessage());
            }
        }
        if (sizes.size() > 64)
        {
            throw new CliSupport.UsageException("--frame-sizes must name at most 64 sizes: " + sizes.size());
        }
        final long trialNanos = CliSupport.durationNanos(trial, "--trial");
        if (trialNanos < TimeUnit.MILLISECONDS.toNanos(10) || trialNanos > TimeUnit.HOURS.toNanos(1))
        {
            throw new CliSupport.UsageException("--trial must be 10ms..1h: " + trial);
        }
        final double res = percent(resolution, "--resolution", 0.1, 50);
        final double pdr = percent(pdrLoss, "--pdr-loss", 0.0001, 50);
        final long max = maxRate == null ? 0 : CliSupport.ratePps(maxRate, "--max-rate");
        if (max > TrafficProfile.MAX_RATE_PPS || max != 0 && max <= 1_000)
        {
            throw new CliSupport.UsageException("--max-rate must be above 1k and at most 1G pps (or max): " + maxRate);
        }
        final long cap = capacity == null ? 0 : CliSupport.ratePps(capacity, "--capacity");
        if (capacity != null && (cap == 0 || cap > TrafficProfile.MAX_RATE_PPS))
        {
            throw new CliSupport.UsageException("--capacity must be 1..1G pps, not max: " + capacity);
        }
        final int vmCount = CliSupport.intValue(vms, "--vms", 1, 64);
        try
        {
            return new Rfc2544Context().paths(paths).frameSizes(sizes).trial(trialNanos, TimeUnit.NANOSECONDS)
                .resolution(res / 100).pdrLoss(pdr / 100).maxRatePps(max).capacityPps(cap).vms(vmCount).conclude();
        }
        catch (final IllegalArgumentException ex)
        {
            throw new CliSupport.UsageException(ex.getMessage());
        }
    }

    /** @return a percentage in {@code min..max}: {@code 2}, {@code 0.5}, {@code 2%}. */
    static double percent(final String text, final String option, final double min, final double max)
    {
        final String t = text == null ? "" : text.trim();
        if (t.matches("\\d{1,3}(\\.\\d{1,6})?\\s*%?"))
        {
            final double value = Double.parseDouble(t.replace("%", "").trim());
            if (value >= min && value <= max)
            {
                return value;
            }
        }
        throw new CliSupport.UsageException(option + " must be a percentage " + trim(min) + ".." + trim(max) + ": " +
            CliSupport.shown(text));
    }

    private static String trim(final double value)
    {
        return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
