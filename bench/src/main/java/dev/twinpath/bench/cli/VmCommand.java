package dev.twinpath.bench.cli;

import dev.twinpath.datapath.labfile.LabSpec;
import dev.twinpath.datapath.run.LabAction;
import dev.twinpath.datapath.run.LabPlan;
import dev.twinpath.datapath.run.RunContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code twinpath vm migrate --vm vm1 --to B}: {@code Move-VM} with traffic running. The lab (a file, or
 * the built-in one) runs with this one migration as its schedule instead of its own; the run reports
 * the VF path closing, the blackout, the packets forwarded from the old host, the VF offered (or why
 * not) at the new one, and proves nothing was lost or reordered. Runs on the main thread.
 */
@Command(name = "vm", mixinStandardHelpOptions = true, description = "Virtual machines of a lab.",
    subcommands = {VmCommand.Migrate.class})
final class VmCommand
{
    @Command(name = "migrate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Live-migrate a VM to another host of the lab with its traffic running (Move-VM); exit 0 only " +
            "when nothing was lost, reordered, duplicated, dropped or leaked.")
    static final class Migrate implements Callable<Integer>
    {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--lab", paramLabel = "FILE", description = "A lab file (YAML or JSON); default: the built-in lab.")
        Path labFile;

        @Option(names = "--vm", paramLabel = "NAME", defaultValue = "vm1", description = "The VM (default ${DEFAULT-VALUE}).")
        String vm;

        @Option(names = "--to", paramLabel = "HOST", required = true, description = "The destination host.")
        String to;

        @Option(names = "--at", paramLabel = "TIME", defaultValue = "1s",
            description = "When, after the traffic starts (default ${DEFAULT-VALUE}).")
        String at;

        @Option(names = "--duration", paramLabel = "TIME", defaultValue = "3s",
            description = "How long the traffic runs in all (default ${DEFAULT-VALUE}).")
        String duration;

        @Option(names = "--json", paramLabel = "FILE", description = "Also write the summary as JSON.")
        Path json;

        @Option(names = "--events", paramLabel = "FILE", description = "Also write the event log (.json/.jsonl: JSON lines).")
        Path events;

        @Option(names = "--jfr", paramLabel = "FILE", description = "Also record a JFR file (JDK default settings plus " +
            "Twinpath's PathSwitch, Migration and ControlTimeout events), written when the run ends, also when it fails.")
        Path jfr;

        @Override
        public Integer call() throws IOException
        {
            final long atNanos = CliSupport.durationNanos(at, "--at");
            final long durationNanos = CliSupport.runDuration(duration, "--duration");
            if (atNanos >= durationNanos)
            {
                throw new CliSupport.UsageException("--at must be before the end of --duration: " + at + " >= " + duration);
            }
            CliFiles.labAndOutputs(labFile, json, events);
            final LabSpec labSpec = LabSource.spec(labFile);
            if (labSpec.vm(vm) == null)
            {
                throw new CliSupport.UsageException("--vm: no VM '" + vm + "' in lab " + labSpec.name());
            }
            if (labSpec.host(to) == null)
            {
                throw new CliSupport.UsageException("--to: no host '" + to + "' in lab " + labSpec.name() + "; hosts: " +
                    labSpec.hosts().stream().map(h -> h.name()).toList());
            }
            if (labSpec.vm(vm).host().equals(to))
            {
                throw new CliSupport.UsageException("--to: " + vm + " already runs on " + to);
            }
            final RunContext context = LabSource.context(labSpec);
            final LabPlan plan = context.plan().withoutActions().action(LabAction.migrate(atNanos, vm, to));
            context.plan(plan).duration(durationNanos, TimeUnit.NANOSECONDS).warmup(0, TimeUnit.NANOSECONDS);
            JfrRecording.check(jfr, labFile, json, events);
            return JfrRecording.around(jfr, spec.commandLine().getOut(),
                () -> RunCommand.runAndReport(spec.commandLine().getOut(), context, json, events));
        }
    }
}
