package dev.twinpath.bench.cli;

import dev.twinpath.datapath.lab.Host;
import dev.twinpath.datapath.lab.Lab;
import dev.twinpath.datapath.labfile.LabSpec;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code twinpath switch show [--iov]}: the virtual switches of a lab's hosts as
 * {@code Get-VMSwitch | Format-List} shows them; with {@code --iov} only the IOV properties
 * ({@code Format-List iov*}): IovEnabled, IovSupport, IovSupportReasons, VF and queue pair counts.
 * Runs on the main thread.
 */
@Command(name = "switch", mixinStandardHelpOptions = true, description = "Virtual switches of a lab's hosts.",
    subcommands = {SwitchCommand.Show.class})
final class SwitchCommand
{
    @Command(name = "show", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Show each host's virtual switch like Get-VMSwitch | Format-List (IOV properties with --iov).")
    static final class Show implements Callable<Integer>
    {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--lab", paramLabel = "FILE", description = "A lab file (YAML or JSON); default: the built-in lab.")
        Path labFile;

        @Option(names = "--iov", description = "Only the IOV properties, like Format-List iov*.")
        boolean iov;

        @Option(names = "--host", paramLabel = "NAME", description = "Only this host's switch.")
        String host;

        @Option(names = "--json", description = "JSON instead of the list.")
        boolean json;

        @Override
        public Integer call()
        {
            final LabSpec labSpec = LabSource.spec(labFile);
            final PrintWriter out = spec.commandLine().getOut();
            try (Lab lab = LabSource.settled(LabSource.context(labSpec)))
            {
                for (final Host h : lab.hosts())
                {
                    if (host != null && !host.equals(h.name()))
                    {
                        continue;
                    }
                    final var view = h.switchIov();
                    if (json)
                    {
                        out.println("{\"host\":\"" + h.name() + "\",\"switch\":" + view.toJson() + "}");
                        continue;
                    }
                    out.println("# host " + h.name());
                    if (!iov)
                    {
                        out.println("Name                     : " + h.virtualSwitch().name());
                        out.println("SwitchType               : External");
                        out.println("NetAdapterInterfaceDescription : " + h.nic().name());
                    }
                    out.print(view.formatList(-1));
                    out.println();
                }
                if (host != null && lab.hosts().stream().noneMatch(h -> h.name().equals(host)))
                {
                    throw new CliSupport.UsageException("--host: no host '" + host + "' in lab " + labSpec.name());
                }
            }
            out.flush();
            return 0;
        }
    }
}
