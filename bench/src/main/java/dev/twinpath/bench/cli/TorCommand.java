package dev.twinpath.bench.cli;

import dev.twinpath.datapath.labfile.LabSpec;
import dev.twinpath.datapath.process.LabAddresses;
import dev.twinpath.datapath.process.LabProcessSummary;
import dev.twinpath.datapath.process.RackProcess;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code twinpath tor --lab FILE}: the lab's top-of-rack switch in a process of its own, and the process that runs a
 * lab of processes: it waits for every {@code twinpath host}, starts the traffic, runs the schedule's migrations
 * between processes, watches the hosts, and at the end collects their reports into one verdict. Main thread.
 */
@Command(name = "tor", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Run the top-of-rack switch of a lab as a process, and the lab with it: wait for every host process " +
        "(twinpath host), send the traffic, live-migrate VMs between processes as the schedule says, and audit the run " +
        "across every process. See docs/processes.md."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:no loss, reordering, duplicate or leak on any host that stayed up", "1:an invariant broke, or not " +
        "every host joined", "2:invalid options or lab file"})
final class TorCommand implements Callable<Integer>
{
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--lab", paramLabel = "FILE", required = true, description = "The lab file (YAML or JSON).")
    Path lab;

    @Option(names = "--port-base", paramLabel = "PORT", defaultValue = "" + LabAddresses.DEFAULT_PORT_BASE,
        description = "Without channels in the lab file: the rack listens on localhost:PORT, host i on PORT+1+i " +
            "(default ${DEFAULT-VALUE}).")
    String portBase;

    @Option(names = "--aeron-dir", paramLabel = "DIR",
        description = "Use the external Aeron media driver running in DIR; default: an embedded driver.")
    Path aeronDir;

    @Option(names = "--report", paramLabel = "DIR",
        description = "Also write the summary (summary.txt, summary.json) and the latency histograms merged over every " +
            "host (.hgrm per path and overall) into DIR.")
    Path report;

    @CommandLine.Mixin
    LiveCountersOptions counters;

    @Override
    public Integer call() throws IOException
    {
        final LabSpec labSpec = LabSource.spec(lab);
        final LabAddresses addresses = ProcessLab.addresses(labSpec, portBase);
        final String directory = ProcessLab.aeronDirectory(aeronDir);
        if (report != null)
        {
            CliFiles.reportDir("--report", report);
        }
        final Path countersDir = counters.resolve(spec.commandLine().getErr());
        final PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true);
        final LabProcessSummary summary;
        try (StopOnInterrupt stop = StopOnInterrupt.install("tor", spec.commandLine().getOut());
            RackProcess rack = ProcessLab.build(() -> new RackProcess(labSpec, addresses, directory, out)))
        {
            rack.liveCounters(countersDir);
            summary = rack.run(stop::requested);
        }
        out.println();
        summary.lines().forEach(out::println);
        if (report != null)
        {
            final java.util.List<Path> files = ProcessReport.write(report, summary);
            out.println("report: " + files.size() + " files in " + report);
        }
        return summary.passed() ? 0 : 1;
    }
}
