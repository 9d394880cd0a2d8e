package dev.twinpath.datapath.run;

import dev.twinpath.datapath.lab.Lab;
import dev.twinpath.datapath.lab.VirtualMachine;
import dev.twinpath.datapath.lab.VmAdapter;
import dev.twinpath.datapath.labfile.ScheduleAction;

/**
 * The schedule actions a host carries out on its own VMs: VF revoke and offer, IovWeight, and the faults local to a
 * host (surprise removal, control-channel faults, a stalled guest, an exhausted pool). A lab of processes sends each
 * such action of the lab file to the process the VM runs in, which applies it here; {@link ActionRunner} does the same
 * in one process.
 * <p>
 * Stateless; the lab's control thread.
 */
public final class HostActions
{
    private HostActions()
    {
    }

    /** @return true when a host applies {@code action} to one of its VMs (migrations, cables and host faults are the rack's). */
    public static boolean onHost(final ScheduleAction action)
    {
        return switch (LabFilePlans.toAction(action).kind())
        {
            case MIGRATE, LINK_DOWN, LINK_UP, HOST_DOWN, HOST_UP -> false;
            default -> true;
        };
    }

    /** @return true for a fault (its losses are counted drops, which a run with faults accepts). */
    public static boolean isFault(final ScheduleAction action)
    {
        return action instanceof ScheduleAction.Fault;
    }

    /**
     * Apply {@code action} (a lab file's) to {@code lab}.
     *
     * @return its outcome line.
     * @throws RuntimeException when the lab refuses it (no such VM here, no such adapter...).
     */
    public static String apply(final Lab lab, final ScheduleAction action)
    {
        return apply(lab, LabFilePlans.toAction(action));
    }

    static String apply(final Lab lab, final LabAction action)
    {
        final VirtualMachine vm = action.vm() == null ? null : lab.vm(action.vm());
        return switch (action.kind())
        {
            case REVOKE_VF -> lab.revokeVf(adapter(vm, action)) ? "VF revoked" : "no VF to revoke";
            case OFFER_VF -> lab.offerVf(adapter(vm, action)) ? "VF offered" : "no VF offered (see the event log)";
            case SET_IOV_WEIGHT ->
            {
                lab.setIovWeight(adapter(vm, action), action.value());
                yield "IovWeight " + action.value();
            }
            default -> FaultActions.run(lab, vm, action);
        };
    }

    static VmAdapter adapter(final VirtualMachine vm, final LabAction action)
    {
        return vm.adapter(action.target() == null ? "eth0" : action.target());
    }
}
