package dev.twinpath.datapath.run;

import dev.twinpath.datapath.NetVscState;
import dev.twinpath.datapath.host.HostVfState;
import dev.twinpath.datapath.lab.Lab;
import dev.twinpath.datapath.lab.VirtualMachine;

/**
 * A {@link SwitchSchedule}'s operations on a lab: revoke and offer a VM's VF when the VM is ready for it.
 * <p>
 * Runs on the host's thread.
 */
final class LabOperations implements SwitchSchedule.Operations
{
    private final Lab lab;

    LabOperations(final Lab lab)
    {
        this.lab = lab;
    }

    @Override
    public boolean readyForRevoke(final int vm)
    {
        final VirtualMachine m = lab.vm(vm);
        return !m.isMigrating() && m.adapter().state() == NetVscState.VF_ACTIVE && m.host().state() == HostVfState.VF_ACTIVE;
    }

    @Override
    public boolean revoke(final int vm)
    {
        return lab.vm(vm).host().revoke(lab.clock().nanoTime()); // on the host thread
    }

    @Override
    public boolean readyForOffer(final int vm)
    {
        final VirtualMachine m = lab.vm(vm);
        return !m.isMigrating() && m.location().iovUsable() && m.adapter().state() == NetVscState.SYNTHETIC &&
            m.host().state() == HostVfState.NO_VF;
    }

    @Override
    public boolean offer(final int vm)
    {
        final VirtualMachine m = lab.vm(vm);
        return m.location().requestVf(m.host(), lab.clock().nanoTime()); // on the host thread
    }
}
