package dev.twinpath.bench.cli;

import dev.twinpath.datapath.NetVscState;
import dev.twinpath.datapath.lab.Lab;
import dev.twinpath.datapath.lab.VirtualMachine;
import dev.twinpath.datapath.labfile.LabFileException;
import dev.twinpath.datapath.labfile.LabFileReader;
import dev.twinpath.datapath.labfile.LabSpec;
import dev.twinpath.datapath.run.LabFilePlans;
import dev.twinpath.datapath.run.RunContext;
import dev.twinpath.packet.pool.PoolConfigurationException;
import dev.twinpath.vmbus.VmBusConfigurationException;

import java.nio.file.Path;

/**
 * Where the lab commands ({@code switch}, {@code adapter}, {@code vm}, {@code events}, {@code run --lab})
 * get their lab: a lab file (YAML or JSON, validated before anything starts), or the built-in default
 * lab (hosts A and C with SR-IOV, B without, vm1 on A migrating to B then C).
 * <p>
 * Called on the command's thread.
 */
final class LabSource
{
    private LabSource()
    {
    }

    /** @return the lab file's spec, or the default lab's. @throws CliSupport.UsageException listing every problem of the file. */
    static LabSpec spec(final Path file)
    {
        if (file == null)
        {
            return LabSpec.defaultLab();
        }
        CliFiles.readable("--lab", file);
        try
        {
            return LabFileReader.read(file);
        }
        catch (final LabFileException ex)
        {
            throw new CliSupport.UsageException(ex.getMessage());
        }
    }

    /** @return the run the lab describes. @throws CliSupport.UsageException naming what the lab cannot run. */
    static RunContext context(final LabSpec spec)
    {
        final RunContext context = LabFilePlans.toRunContext(spec);
        // before conclude(), so a pool too large is told in the lab file's words (its fields are checked by the reader)
        LabMemory.requireFits(context, spec.name() + ": " + spec.vms().size() + " VM(s) with traffic.frameSize " +
            spec.traffic().frameSize(), "fewer VMs, adapters or queuePairs, or a smaller traffic.frameSize");
        try
        {
            return context.conclude();
        }
        catch (final IllegalArgumentException ex)
        {
            throw new CliSupport.UsageException(spec.name() + ": " + ex.getMessage());
        }
    }

    /**
     * Run {@code work}, which builds a lab: a pool or VMBus ring the JVM refuses while the lab is built (its direct
     * memory ran out) becomes a one-line refusal instead of a stack trace.
     */
    static <T> T refusedAsUsage(final java.util.function.Supplier<T> work)
    {
        try
        {
            return work.get();
        }
        catch (final PoolConfigurationException | VmBusConfigurationException ex)
        {
            throw new CliSupport.UsageException("the lab cannot be built: " + ex.getMessage());
        }
    }

    /**
     * Build the lab without starting its threads, ask a VF for every VM (the arbiter decides) and run it on
     * this thread until every adapter has settled on its VF or on the synthetic path.
     */
    static Lab settled(final RunContext context)
    {
        final Lab lab = refusedAsUsage(() -> new Lab(context.labContext()));
        for (final VirtualMachine vm : lab.vms())
        {
            lab.offerVf(vm);
        }
        for (int round = 0; round < 200_000 && !settled(lab); round++)
        {
            lab.doWork();
        }
        return lab;
    }

    private static boolean settled(final Lab lab)
    {
        for (final VirtualMachine vm : lab.vms())
        {
            final NetVscState s = vm.adapter().state();
            final boolean hostIdle = vm.host().state() == dev.twinpath.datapath.host.HostVfState.NO_VF ||
                vm.host().state() == dev.twinpath.datapath.host.HostVfState.VF_ACTIVE;
            if (!hostIdle || (s != NetVscState.VF_ACTIVE && s != NetVscState.SYNTHETIC) ||
                (s == NetVscState.SYNTHETIC && vm.host().state() != dev.twinpath.datapath.host.HostVfState.NO_VF))
            {
                return false;
            }
        }
        return true;
    }
}
