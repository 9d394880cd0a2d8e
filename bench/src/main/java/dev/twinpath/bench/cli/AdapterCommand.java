package dev.twinpath.bench.cli;

import dev.twinpath.datapath.hyperv.AdapterIovSettings;
import dev.twinpath.datapath.hyperv.IovSettingException;
import dev.twinpath.datapath.lab.Lab;
import dev.twinpath.datapath.lab.VirtualMachine;
import dev.twinpath.datapath.labfile.LabSpec;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code twinpath adapter show | set}: the VM network adapters of a lab like
 * {@code Get-VMNetworkAdapter | Format-List} (IovWeight, queue pairs, VF, data path and why), and
 * {@code Set-VMNetworkAdapter -IovWeight N -IovQueuePairsRequested N} applied to the lab with the
 * arbiter's decision shown. The lab is built in this process, each VM asks for a VF, and the adapters
 * settle before anything is shown. Runs on the main thread.
 */
@Command(name = "adapter", mixinStandardHelpOptions = true, description = "VM network adapters of a lab.",
    subcommands = {AdapterCommand.Show.class, AdapterCommand.Set.class})
final class AdapterCommand
{
    @Command(name = "show", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Show each VM adapter like Get-VMNetworkAdapter | Format-List: VF or synthetic, and why.")
    static final class Show implements Callable<Integer>
    {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--lab", paramLabel = "FILE", description = "A lab file (YAML or JSON); default: the built-in lab.")
        Path labFile;

        @Option(names = "--vm", paramLabel = "NAME", description = "Only this VM's adapter.")
        String vm;

        @Override
        public Integer call()
        {
            final LabSpec labSpec = LabSource.spec(labFile);
            try (Lab lab = LabSource.settled(LabSource.context(labSpec)))
            {
                print(spec.commandLine().getOut(), lab, vm == null ? null : vm(lab, vm));
            }
            return 0;
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Set-VMNetworkAdapter: change an adapter's IovWeight (0..100, 0 keeps it synthetic) and " +
            "IovQueuePairsRequested (1..16, capped by the NIC), then show every adapter.")
    static final class Set implements Callable<Integer>
    {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--lab", paramLabel = "FILE", description = "A lab file (YAML or JSON); default: the built-in lab.")
        Path labFile;

        @Option(names = "--vm", paramLabel = "NAME", defaultValue = "vm1", description = "The VM (default ${DEFAULT-VALUE}).")
        String vm;

        @Option(names = "--iov-weight", paramLabel = "N", description = "IovWeight, 0..100; 0 disables SR-IOV for the adapter.")
        String iovWeight;

        @Option(names = "--queue-pairs", paramLabel = "N", description = "IovQueuePairsRequested, 1..16.")
        String queuePairs;

        @Override
        public Integer call()
        {
            if (iovWeight == null && queuePairs == null)
            {
                throw new CliSupport.UsageException("give --iov-weight and/or --queue-pairs");
            }
            final Integer weight = iovWeight == null ? null :
                CliSupport.intValue(iovWeight, "--iov-weight", 0, 100, " (IovWeight; 0 disables SR-IOV for the adapter)");
            final Integer pairs = queuePairs == null ? null :
                CliSupport.intValue(queuePairs, "--queue-pairs", 1, 16, " (IovQueuePairsRequested)");
            final LabSpec labSpec = LabSource.spec(labFile);
            final PrintWriter out = spec.commandLine().getOut();
            try (Lab lab = LabSource.settled(LabSource.context(labSpec)))
            {
                final VirtualMachine machine = vm(lab, vm);
                try
                {
                    if (pairs != null)
                    {
                        final AdapterIovSettings.Grant grant = lab.setQueuePairsRequested(machine, pairs);
                        out.println(machine.name() + ": " + grant.describe());
                    }
                    if (weight != null)
                    {
                        lab.setIovWeight(machine, weight);
                        out.println(machine.name() + ": IovWeight " + weight);
                    }
                }
                catch (final IovSettingException ex)
                {
                    throw new CliSupport.UsageException("--" + (ex.setting().equals("IovWeight") ? "iov-weight" : "queue-pairs") +
                        ": " + ex.getMessage());
                }
                for (int round = 0; round < 200_000; round++)
                {
                    lab.doWork();
                }
                out.println();
                print(out, lab, null);
            }
            return 0;
        }
    }

    static VirtualMachine vm(final Lab lab, final String name)
    {
        try
        {
            return lab.vm(name);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new CliSupport.UsageException("--vm: " + ex.getMessage());
        }
    }

    static void print(final PrintWriter out, final Lab lab, final VirtualMachine only)
    {
        for (final VirtualMachine vm : lab.vms())
        {
            if (only != null && only != vm)
            {
                continue;
            }
            out.println("# " + vm.name() + " on host " + vm.location().name() + " (NetVSC " + vm.adapter().state() + ")");
            out.print(lab.adapterStatus(vm).formatList());
            out.println();
        }
        out.flush();
    }
}
