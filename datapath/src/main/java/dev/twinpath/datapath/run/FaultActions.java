package dev.twinpath.datapath.run;

import dev.twinpath.datapath.lab.Lab;
import dev.twinpath.datapath.lab.LabFaults;
import dev.twinpath.datapath.lab.VirtualMachine;
import dev.twinpath.datapath.lab.VmAdapter;
import dev.twinpath.vf.nic.SurpriseRemovalReport;

import java.util.Locale;

/**
 * Runs the fault kinds of {@link LabAction} on a lab's {@link LabFaults}, for the {@link ActionRunner}.
 * <p>
 * Control thread.
 */
final class FaultActions
{
    private FaultActions()
    {
    }

    /** @return the outcome line of {@code action}. @throws RuntimeException when the lab refuses it. */
    static String run(final Lab lab, final VirtualMachine vm, final LabAction action)
    {
        final LabFaults faults = lab.faults();
        return switch (action.kind())
        {
            case SURPRISE_REMOVE ->
            {
                final VmAdapter adapter = adapter(vm, action);
                if (action.value() > 0)
                {
                    yield faults.surpriseRemoveMidBurst(adapter, action.value()) ?
                        "armed: the VF vanishes after " + action.value() + " more wire frames" : "no active VF to remove";
                }
                final SurpriseRemovalReport report = faults.surpriseRemove(adapter);
                yield report == null ? "no live VF to remove" : "VF gone: " + report.txReturned().size() +
                    " TX handed back, " + report.rxDropped().size() + " RX dropped in the NIC";
            }
            case LOSE_CONTROL ->
            {
                faults.loseControl(adapter(vm, action), direction(action), action.value());
                yield "the next " + action.value() + " control messages " + action.option() + " are lost";
            }
            case DELAY_CONTROL ->
            {
                faults.delayControl(adapter(vm, action), direction(action), action.value(), action.durationNanos());
                yield String.format(Locale.ROOT, "the next %d control messages %s arrive %.1f ms late", action.value(),
                    action.option(), action.durationNanos() / 1e6);
            }
            case FILL_CONTROL_RING ->
            {
                faults.refuseControl(adapter(vm, action), direction(action), action.value());
                yield "control ring " + action.option() + " full for the next " + action.value() + " messages";
            }
            case STALL_GUEST ->
            {
                faults.stallGuest(vm, action.durationNanos());
                yield String.format(Locale.ROOT, "guest stops polling for %.1f ms", action.durationNanos() / 1e6);
            }
            case EXHAUST_POOL -> String.format(Locale.ROOT, "%,d buffers taken for %.1f ms",
                faults.exhaustPool(action.durationNanos()), action.durationNanos() / 1e6);
            case HOST_DOWN ->
            {
                if (action.option() == null)
                {
                    faults.hostDown(lab.host(action.target()));
                    yield "host " + action.target() + " down";
                }
                faults.hostDownDuringMigration(lab.host(action.target()),
                    LabFaults.MigrationStep.valueOf(action.option().toUpperCase(Locale.ROOT)));
                yield "armed: host " + action.target() + " goes down when a migration to it is " + action.option();
            }
            case HOST_UP ->
            {
                faults.hostUp(lab.host(action.target()));
                yield "host " + action.target() + " up";
            }
            default -> throw new IllegalArgumentException("not a fault: " + action.kind());
        };
    }

    private static VmAdapter adapter(final VirtualMachine vm, final LabAction action)
    {
        return vm.adapter(action.target() == null ? "eth0" : action.target());
    }

    private static LabFaults.ControlDirection direction(final LabAction action)
    {
        return "to-host".equals(action.option()) ? LabFaults.ControlDirection.TO_HOST : LabFaults.ControlDirection.TO_GUEST;
    }
}
