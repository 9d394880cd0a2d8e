package dev.twinpath.bench.cli;

import dev.twinpath.bench.report.RunReport;
import dev.twinpath.datapath.capture.PathCapture;
import dev.twinpath.datapath.event.SteeringEvent;
import dev.twinpath.datapath.lab.ThreadingMode;
import dev.twinpath.datapath.run.FailoverRun;
import dev.twinpath.datapath.run.RunContext;
import dev.twinpath.datapath.run.RunSummary;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code twinpath run}: the main job. A lab (one host, an SR-IOV NIC, an IOV-enabled External
 * switch, VMs with a VF each) takes constant-rate UDP from a wire-side peer while every VM's VF is
 * revoked and offered again on a schedule; prints a progress line a second and a summary, optionally
 * writes the summary as JSON and the event log, and exits 0 only when nothing was lost, reordered,
 * duplicated, dropped or leaked. Runs on the main thread (the lab's agents on their own).
 */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Run the failover lab: a wire peer sends constant-rate UDP to every VM while each VM's VF is revoked " +
            "(traffic moves to the synthetic path) and offered again on a schedule; check that no packet is lost, " +
            "reordered, duplicated, dropped or leaked.",
        "Defaults: 2 VMs, 8 VFs, 1,024 flows of 64-byte frames at 1 Mpps for 10 s after a 2 s warm-up, each VM's VF " +
            "revoked every 2 s for 100 ms, the VMs taking turns; two threads."},
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {"0:no loss, reordering, duplicate, drop or leaked buffer", "1:an invariant broke or the lab failed",
        "2:bad arguments"})
final class RunCommand implements Callable<Integer>
{
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--duration", paramLabel = "TIME", defaultValue = "10s",
        description = "How long the wire peer sends, e.g. 10s, 3s, 500ms, 2m (default ${DEFAULT-VALUE}).")
    String duration;

    @Option(names = "--rate", paramLabel = "PPS", defaultValue = "1M",
        description = "Total rate of the wire peer in packets per second (1000000, 500k, 1.5M) or max " +
            "(as fast as the NIC takes frames; default ${DEFAULT-VALUE}).")
    String rate;

    @Option(names = "--guest-rate", paramLabel = "PPS", defaultValue = "0",
        description = "Rate at which each VM also sends UDP to the wire peer (its TX moves with the VF too), " +
            "checked at the wire, e.g. 100k; 0 for none (default ${DEFAULT-VALUE}).")
    String guestRate;

    @Option(names = "--guest-flows", paramLabel = "N", defaultValue = "64",
        description = "UDP flows each VM sends on, 1..65536 (default ${DEFAULT-VALUE}).")
    String guestFlows;

    @Option(names = "--idle", paramLabel = "STRATEGY", defaultValue = "backoff",
        description = "What an agent thread does when it found no work: backoff (spin, yield, then park up to 50 us), " +
            "yield (always yield) or spin (default ${DEFAULT-VALUE}).")
    String idle;

    @Option(names = "--switch-interval", paramLabel = "TIME", defaultValue = "2s",
        description = "Time between two revokes of one VM's VF; 0 for no switch (default ${DEFAULT-VALUE}).")
    String switchInterval;

    @Option(names = "--synthetic-time", paramLabel = "TIME", defaultValue = "100ms",
        description = "How long a VM stays on the synthetic path before its VF is offered again (default ${DEFAULT-VALUE}).")
    String syntheticTime;

    @Option(names = "--warmup", paramLabel = "TIME", defaultValue = "2s",
        description = "Run the same lab this long first, switching every 200 ms, so the JIT has compiled both paths; " +
            "its invariants are checked, its figures not counted; 0 for none (default ${DEFAULT-VALUE}).")
    String warmup;

    @Option(names = "--flows", paramLabel = "N", defaultValue = "1024",
        description = "UDP flows, --vms..1048576; flow i goes to VM i %% vms (default ${DEFAULT-VALUE}).")
    String flows;

    @Option(names = "--frame-size", paramLabel = "BYTES", defaultValue = "64",
        description = "Frame size on the wire, FCS included: 64..9220 (default ${DEFAULT-VALUE}).")
    String frameSize;

    @Option(names = "--vms", paramLabel = "N", defaultValue = "2", description = "VMs, 1..64 (default ${DEFAULT-VALUE}).")
    String vms;

    @Option(names = "--vfs", paramLabel = "N", defaultValue = "8",
        description = "VFs of the NIC, --vms..256 (default ${DEFAULT-VALUE}).")
    String vfs;

    @Option(names = "--queue-pairs", paramLabel = "N", defaultValue = "1",
        description = "Queue pairs per VF, 1..16, RSS across them (default ${DEFAULT-VALUE}).")
    String queuePairs;

    @Option(names = "--threading", paramLabel = "MODE", defaultValue = "two",
        description = "How the agents share threads: one, two (host side / guest and wire side) or per-agent " +
            "(default ${DEFAULT-VALUE}).")
    String threading;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the summary as JSON.")
    Path json;

    @Option(names = "--events", paramLabel = "FILE",
        description = "Also write the event log: one JSON object a line if FILE ends in .json or .jsonl, else text.")
    Path events;

    @Option(names = "--report", paramLabel = "DIR",
        description = "Also write a report into DIR: report.html (charts, switch table; opens offline), summary.json, " +
            "per-second timeline.csv, switches.csv, latency .hgrm per path and overall, an interval latency.hlog and " +
            "the charts as PNG.")
    Path report;

    @Option(names = "--capture", paramLabel = "FILE",
        description = "Also capture what every VM adapter receives into a pcapng file: one interface per path (each VF RX " +
            "queue, the VMBus channel), ns timestamps, comments where a path switch begins and ends and after each " +
            "end-of-epoch marker.")
    Path capture;

    @Option(names = "--capture-limit", paramLabel = "N", defaultValue = "1000000",
        description = "Frames the capture writes at most, 1..1000000000 (default ${DEFAULT-VALUE}).")
    String captureLimit;

    @Option(names = "--capture-max-size", paramLabel = "SIZE", defaultValue = "256M",
        description = "Largest capture file, e.g. 64M, 1G; 4k..64G (default ${DEFAULT-VALUE}).")
    String captureMaxSize;

    @Option(names = "--capture-switches",
        description = "Capture only the frames that arrive while their adapter is in a path switch.")
    boolean captureSwitches;

    @Option(names = "--jfr", paramLabel = "FILE", description = "Also record a JFR file (JDK default settings plus " +
        "Twinpath's PathSwitch, Migration and ControlTimeout events), written when the run ends, also when it fails.")
    Path jfr;

    @Option(names = "--lab", paramLabel = "FILE",
        description = "Run the lab a file describes (YAML or JSON: hosts, platforms, switches, VMs, traffic and a schedule " +
            "of migrations, VF revokes/offers, IovWeight changes); the other options, but the output ones (--json, --events, " +
            "--report, --capture, --jfr) and the live counters ones, are then the file's. See examples/labs/.")
    Path lab;

    @Option(names = "--processes",
        description = "With --lab: run every part of the lab as a local process (twinpath tor and one twinpath host per " +
            "host, joined over Aeron) and show one verdict; see docs/processes.md.")
    boolean processes;

    @Option(names = "--port-base", paramLabel = "PORT", defaultValue = "" + dev.twinpath.datapath.process.LabAddresses.DEFAULT_PORT_BASE,
        description = "With --processes and a lab file without channels: the rack listens on localhost:PORT, host i on " +
            "PORT+1+i (default ${DEFAULT-VALUE}).")
    String portBase;

    @Option(names = "--kill", paramLabel = "HOST@TIME",
        description = "With --processes: kill that host's process this long after the traffic starts (a fault the rack " +
            "detects); repeatable.")
    List<String> kills = new java.util.ArrayList<>();

    @Option(names = "--restart", paramLabel = "HOST@TIME",
        description = "With --processes: start a killed host's process again this long after the traffic starts (it " +
            "rejoins the lab without the VMs it lost); repeatable.")
    List<String> restarts = new java.util.ArrayList<>();

    @CommandLine.Mixin
    LiveCountersOptions counters;

    @Override
    public Integer call() throws IOException
    {
        if (processes || !kills.isEmpty() || !restarts.isEmpty())
        {
            return runProcesses();
        }
        final RunOutputs outputs = outputs().check(lab);
        final RunContext context = lab != null ? LabSource.context(LabSource.spec(lab)) : context();
        context.liveCounters(counters.resolve(spec.commandLine().getErr()),
            lab != null ? "twinpath run --lab " + lab.getFileName() : "twinpath run");
        JfrRecording.check(jfr, lab, json, events);
        CliFiles.distinct("--capture", capture, "--jfr", jfr);
        return JfrRecording.around(jfr, spec.commandLine().getOut(),
            () -> runAndReport(spec.commandLine().getOut(), context, outputs));
    }

    private int runProcesses() throws IOException
    {
        if (!processes)
        {
            throw new CliSupport.UsageException((kills.isEmpty() ? "--restart" : "--kill") + " needs --processes");
        }
        if (lab == null)
        {
            throw new CliSupport.UsageException("--processes needs --lab FILE: every process reads the same lab file " +
                "(e.g. --lab examples/labs/processes.yaml)");
        }
        for (final String[] option : new String[][] {{"--json", json == null ? null : ""}, {"--events", events == null ? null : ""},
            {"--capture", capture == null ? null : ""}, {"--jfr", jfr == null ? null : ""}})
        {
            if (option[1] != null)
            {
                throw new CliSupport.UsageException(option[0] + " is not available with --processes (use --report DIR)");
            }
        }
        final dev.twinpath.datapath.labfile.LabSpec labSpec = LabSource.spec(lab);
        final List<ProcessLab.Kill> killList = kills.stream().map(k -> ProcessLab.Kill.parse(k, labSpec, "--kill")).toList();
        final List<ProcessLab.Kill> restartList = restarts.stream().map(k -> ProcessLab.Kill.parse(k, labSpec, "--restart"))
            .toList();
        if (report != null)
        {
            CliFiles.reportDir("--report", report);
        }
        ProcessLab.addresses(labSpec, portBase);
        final Path countersDir = counters.resolve(spec.commandLine().getErr());
        final List<String> countersArgs = countersDir == null ? List.of("--no-counters") :
            List.of("--counters-dir", countersDir.toString());
        return ProcessLab.run(spec.commandLine().getOut(), lab, labSpec, portBase, killList, restartList, report, countersArgs);
    }

    private RunOutputs outputs()
    {
        final RunOutputs.Capture captureSettings = capture == null ? null : new RunOutputs.Capture(capture,
            CliSupport.intValue(captureLimit, "--capture-limit", 1, 1_000_000_000),
            CliSupport.byteSize(captureMaxSize, "--capture-max-size", 4096, 64L << 30), captureSwitches);
        return new RunOutputs(json, events, report, captureSettings);
    }

    /** Run {@code context}, printing progress and the summary; write the JSON and events files. @return the exit code. */
    static int runAndReport(final PrintWriter out, final RunContext context, final Path json, final Path events)
        throws IOException
    {
        return runAndReport(out, context, new RunOutputs(json, events, null, null));
    }

    /**
     * Run {@code context}, printing progress and the summary, and write {@code outputs}. Ctrl-C stops the run early;
     * what it measured is still audited and written.
     *
     * @return the exit code.
     */
    static int runAndReport(final PrintWriter out, final RunContext context, final RunOutputs outputs) throws IOException
    {
        try (StopOnInterrupt stop = StopOnInterrupt.install("run", out))
        {
            return runAndReport(out, context, outputs, stop);
        }
    }

    private static int runAndReport(final PrintWriter out, final RunContext context, final RunOutputs outputs,
        final StopOnInterrupt stop) throws IOException
    {
        final Path json = outputs.json();
        final Path events = outputs.events();
        final Path report = outputs.report();
        final String title = describe(context);
        out.println(title);
        out.flush();
        final FailoverRun run = new FailoverRun(context);
        if (report != null)
        {
            run.record();
            RunReport.prepareGraphics();
        }
        final RunOutputs.Capture c = outputs.capture();
        final PathCapture capture = c == null ? null : new PathCapture(c.file(), c.maxPackets(), c.maxBytes(), c.switchesOnly());
        final RunSummary summary;
        try
        {
            summary = LabSource.refusedAsUsage(() -> run.run(new ConsoleRunListener(out, stop, capture)));
        }
        finally
        {
            if (capture != null)
            {
                capture.close();
            }
        }
        out.println();
        out.print(RunSummaryText.format(summary));
        out.flush();
        if (json != null)
        {
            CliSupport.writeAtomically(json, summary.toJson());
            out.println("json: " + json);
        }
        if (events != null)
        {
            writeEvents(events, summary.events());
            out.println("events: " + events);
        }
        if (report != null && run.recording() != null)
        {
            final long startEpochMillis = System.currentTimeMillis() -
                (System.nanoTime() - run.recording().originNanos()) / 1_000_000; // the lab's clock is System.nanoTime
            final List<Path> files = new RunReport(title, summary, run.recording(), startEpochMillis).write(report);
            out.println("report: " + files.get(0) + " (" + files.size() + " files in " + report + ")");
        }
        if (capture != null)
        {
            out.println("capture: " + capture.describe());
        }
        if (stop.requested())
        {
            out.println("stopped early by Ctrl-C: the figures cover the time until then");
        }
        out.flush();
        return summary.passed() ? 0 : 1;
    }

    /** @return the run these options describe. @throws CliSupport.UsageException naming the option refused. */
    RunContext context()
    {
        final long durationNanos = CliSupport.runDuration(duration, "--duration");
        final long pps = CliSupport.ratePps(rate, "--rate");
        require(pps <= 1_000_000_000L, "--rate must be at most 1G pps: " + rate);
        final boolean noGuests = guestRate.trim().matches("0+(\\.0*)?\\s*([kKmMgG]?(pps)?)?");
        final long guestPps = noGuests ? 0 : CliSupport.ratePps(guestRate, "--guest-rate");
        require(guestPps != RunContext.MAX_RATE || noGuests, "--guest-rate must be a rate or 0, not max: " + guestRate);
        require(guestPps <= 1_000_000_000L, "--guest-rate must be at most 1G pps: " + guestRate);
        final int guestFlows = CliSupport.intValue(this.guestFlows, "--guest-flows", 1, 65_536);
        final long interval = CliSupport.durationNanos(switchInterval, "--switch-interval");
        require(interval <= TimeUnit.DAYS.toNanos(1), "--switch-interval must be at most 1 day: " + switchInterval);
        final long synthetic = CliSupport.durationNanos(syntheticTime, "--synthetic-time");
        require(interval == 0 || synthetic > 0, "--synthetic-time must be more than 0: " + syntheticTime);
        require(interval == 0 || synthetic < interval,
            "--synthetic-time must be shorter than --switch-interval: " + syntheticTime + " >= " + switchInterval);
        final long warmupNanos = CliSupport.durationNanos(warmup, "--warmup");
        require(warmupNanos <= TimeUnit.HOURS.toNanos(1), "--warmup must be at most 1 hour: " + warmup);
        require(warmupNanos == 0 || warmupNanos >= TimeUnit.MILLISECONDS.toNanos(10),
            "--warmup must be 0 or at least 10ms: " + warmup);
        final int vms = CliSupport.intValue(this.vms, "--vms", 1, 64);
        final int vfs = CliSupport.intValue(this.vfs, "--vfs", vms, 256, " (at least one per VM)");
        final int queuePairs = CliSupport.intValue(this.queuePairs, "--queue-pairs", 1, 16);
        final int flows = CliSupport.intValue(this.flows, "--flows", vms, 1 << 20, " (at least one per VM)");
        final int frameSize = CliSupport.intValue(this.frameSize, "--frame-size", 64, 9220, " (FCS included)");
        final ThreadingMode mode = switch (threading.trim().toLowerCase(Locale.ROOT))
        {
            case "one" -> ThreadingMode.ONE;
            case "two" -> ThreadingMode.TWO;
            case "per-agent" -> ThreadingMode.PER_AGENT;
            default -> throw new CliSupport.UsageException("--threading must be one, two or per-agent: " + threading);
        };
        final java.util.function.Supplier<org.agrona.concurrent.IdleStrategy> idleStrategy =
            switch (idle.trim().toLowerCase(Locale.ROOT))
            {
                case "backoff" -> () -> new org.agrona.concurrent.BackoffIdleStrategy(64, 16, 1_000, 50_000);
                case "yield" -> org.agrona.concurrent.YieldingIdleStrategy::new;
                case "spin" -> org.agrona.concurrent.BusySpinIdleStrategy::new;
                default -> throw new CliSupport.UsageException("--idle must be backoff, yield or spin: " + idle);
            };
        CliFiles.labAndOutputs(null, json, events);
        final RunContext context = new RunContext().vms(vms).totalVfs(vfs).queuePairs(queuePairs).flows(flows)
            .frameLength(frameSize - 4).ratePps(pps).guestRatePps(guestPps).guestFlows(guestFlows)
            .duration(durationNanos, TimeUnit.NANOSECONDS)
            .switchInterval(interval, TimeUnit.NANOSECONDS).syntheticTime(synthetic, TimeUnit.NANOSECONDS)
            .warmup(warmupNanos, TimeUnit.NANOSECONDS).threading(mode).idleStrategy(idleStrategy);
        LabMemory.requireFits(context, "--vms " + vms + " with --frame-size " + frameSize + (queuePairs > 1 ?
            " and --queue-pairs " + queuePairs : ""), "fewer --vms or a smaller --frame-size");
        try
        {
            return context.conclude();
        }
        catch (final IllegalArgumentException ex)
        {
            throw new CliSupport.UsageException(ex.getMessage());
        }
    }

    private static void require(final boolean valid, final String message)
    {
        if (!valid)
        {
            throw new CliSupport.UsageException(message);
        }
    }

    private static String describe(final RunContext c)
    {
        if (c.plan() != null)
        {
            final StringBuilder sb = new StringBuilder();
            sb.append(String.format(Locale.ROOT, "twinpath run --lab %s: hosts", c.plan().name()));
            for (final var host : c.plan().hosts())
            {
                sb.append(' ').append(host.name()).append(host.enableIov() ? "" : "(IOV off)");
            }
            sb.append(String.format(Locale.ROOT, "; %d VM(s); %,d flows at %.2f Mpps for %s", c.vms(), c.flows(),
                c.ratePps() / 1e6, CliSupport.formatDuration(c.durationNanos())));
            if (c.guestRatePps() > 0)
            {
                sb.append(String.format(Locale.ROOT, ", each VM sending %.2f Mpps", c.guestRatePps() / 1e6));
            }
            sb.append("; threading ").append(c.threading().name().toLowerCase(Locale.ROOT).replace('_', '-'));
            for (final var action : c.plan().actions())
            {
                sb.append(System.lineSeparator()).append("  schedule: ").append(action.describe());
            }
            return sb.toString();
        }
        final String rateText = c.isMaxRate() ? "max rate" : String.format(Locale.ROOT, "%.2f Mpps", c.ratePps() / 1e6);
        final String switches = c.hasSwitches() ?
            "each VM's VF revoked every " + CliSupport.formatDuration(c.switchIntervalNanos()) + " for " +
                CliSupport.formatDuration(c.syntheticTimeNanos()) :
            "no planned switch";
        final String guests = c.guestRatePps() == 0 ? "" : String.format(Locale.ROOT,
            "; each VM sends %.2f Mpps on %d flows to the wire", c.guestRatePps() / 1e6, c.guestFlows());
        return String.format(Locale.ROOT, "twinpath run: %d VMs, %d VFs, %,d flows of %d-byte frames at %s for %s%s; %s; " +
            "threading %s%s", c.vms(), c.totalVfs(), c.flows(), c.frameLength() + 4, rateText,
            CliSupport.formatDuration(c.durationNanos()), guests, switches, c.threading().name().toLowerCase(Locale.ROOT).replace('_', '-'),
            c.warmupNanos() == 0 ? "" : "; warm-up " + CliSupport.formatDuration(c.warmupNanos()));
    }

    private static void writeEvents(final Path events, final List<SteeringEvent> list) throws IOException
    {
        final String name = events.getFileName().toString();
        final boolean asJson = name.endsWith(".json") || name.endsWith(".jsonl");
        final long origin = list.isEmpty() ? 0 : list.get(0).timeNanos();
        final List<String> lines = new ArrayList<>(list.size());
        for (final SteeringEvent e : list)
        {
            lines.add(asJson ? e.toJson() : e.format(origin));
        }
        CliSupport.writeAtomically(events, lines, true);
    }
}
