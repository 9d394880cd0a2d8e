package dev.twinpath.bench.cli;

import dev.twinpath.datapath.labfile.LabSpec;
import dev.twinpath.datapath.process.HostProcess;
import dev.twinpath.datapath.process.LabAddresses;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code twinpath host --lab FILE --name A}: one host of a lab in a process of its own (its NIC, virtual switch,
 * IOV service and VMs), its uplink an Aeron wire to the rack process ({@code twinpath tor}). Runs until the rack
 * process ends the run. Main thread (the host's agents on their own).
 */
@Command(name = "host", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Run one host of a lab as a process: its NIC, virtual switch and VMs, joined to the rack process " +
        "(twinpath tor) over Aeron. The lab file says where each process listens (tor.channel, hosts[].channel); without " +
        "channels, loopback UDP ports from --port-base. See docs/processes.md."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:the run ended and this host reported", "1:the rack process went away, or a report failed",
        "2:invalid options or lab file"})
final class HostCommand implements Callable<Integer>
{
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--lab", paramLabel = "FILE", required = true, description = "The lab file (YAML or JSON).")
    Path lab;

    @Option(names = "--name", paramLabel = "HOST", required = true, description = "Which of the lab's hosts this process runs.")
    String name;

    @Option(names = "--port-base", paramLabel = "PORT", defaultValue = "" + LabAddresses.DEFAULT_PORT_BASE,
        description = "Without channels in the lab file: the rack listens on localhost:PORT, host i on PORT+1+i " +
            "(default ${DEFAULT-VALUE}).")
    String portBase;

    @Option(names = "--aeron-dir", paramLabel = "DIR",
        description = "Use the external Aeron media driver running in DIR (every process of an aeron:ipc lab shares one); " +
            "default: an embedded driver.")
    Path aeronDir;

    @CommandLine.Mixin
    LiveCountersOptions counters;

    @Override
    public Integer call()
    {
        final LabSpec labSpec = LabSource.spec(lab);
        final LabAddresses addresses = ProcessLab.addresses(labSpec, portBase);
        final String directory = ProcessLab.aeronDirectory(aeronDir);
        ProcessLab.checked(() -> addresses.hostIndex(name)); // refused before anything starts (the build repeats it)
        final java.nio.file.Path countersDir = ProcessLab.checked(() -> counters.resolve(spec.commandLine().getErr()));
        final PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true);
        try (StopOnInterrupt stop = StopOnInterrupt.install("host", spec.commandLine().getOut());
            HostProcess host = ProcessLab.build(() -> new HostProcess(labSpec, name, addresses, directory, out)))
        {
            host.liveCounters(countersDir);
            return host.run();
        }
    }
}
