package dev.twinpath.datapath.process;

import dev.twinpath.datapath.event.EventId;
import dev.twinpath.datapath.event.EventLevel;
import dev.twinpath.datapath.labfile.ScheduleAction;
import dev.twinpath.datapath.run.HostActions;
import dev.twinpath.datapath.run.LabFilePlans;

import java.util.ArrayList;
import java.util.List;

/**
 * The lab file's schedule in a lab of processes, each entry where it belongs: a migration between processes
 * ({@link RackMigrations}); a cable pulled or plugged at the rack (the port of the host the VM runs on); a VF revoke or
 * offer, an IovWeight, or a fault local to a host, sent to the process the VM runs in (a host-wide fault such as an
 * exhausted pool to every host), which answers with the outcome. A host going down is a process dying here, not a
 * schedule entry: such entries are reported as not run. Every outcome is kept for the summary and logged.
 * <p>
 * Control thread of the rack process.
 */
final class RackSchedule
{
    private final RackProcess lab;
    private final List<String> outcomes = new ArrayList<>();
    private boolean faultsInjected;

    RackSchedule(final RackProcess lab)
    {
        this.lab = lab;
    }

    /** Carry out {@code action}; a failure is an outcome, never an end of the run. */
    void run(final ScheduleAction action)
    {
        try
        {
            act(action);
        }
        catch (final RuntimeException ex)
        {
            outcomes.add(describe(action) + ": FAILED: " + ex);
            lab.events().record(EventId.LAB_PROCESS, EventLevel.ERROR, "schedule", describe(action) + ": FAILED: " + ex);
        }
    }

    private void act(final ScheduleAction action)
    {
        final String what = describe(action);
        String outcome;
        if (action instanceof ScheduleAction.Migrate m)
        {
            lab.migrations().migrate(m.vm(), m.toHost());
            return;
        }
        if (action instanceof ScheduleAction.LinkDown || action instanceof ScheduleAction.LinkUp)
        {
            final boolean up = action instanceof ScheduleAction.LinkUp;
            final HostLink host = lab.hosts().get(lab.vmHost()[lab.spec().vmIndex(actionVm(action))]);
            lab.rack().linkUp(host.port, up);
            outcome = "cable of host " + host.name + " " + (up ? "up" : "down");
        }
        else if (HostActions.onHost(action) && actionVm(action) == null)
        {
            final List<String> each = new ArrayList<>(); // a host-wide fault (the pool): on every host, each its own
            for (final HostLink host : lab.hosts())
            {
                if (host.up())
                {
                    each.add(host.name + ": " + onHost(host, "", action));
                }
            }
            outcome = String.join("; ", each);
            faultsInjected |= HostActions.isFault(action) && !each.isEmpty();
        }
        else if (HostActions.onHost(action))
        {
            final int vm = lab.spec().vmIndex(actionVm(action));
            final HostLink host = lab.hosts().get(lab.vmHost()[vm]);
            outcome = lab.vmLost(vm) || !host.up() ? "not run: " + actionVm(action) + " was lost with host " + host.name :
                onHost(host, actionVm(action), action) + " (on host " + host.name + ")";
            faultsInjected |= HostActions.isFault(action) && !outcome.startsWith("FAILED") && !outcome.startsWith("not run");
        }
        else
        {
            outcome = "not run in a lab of processes (to take a host down, kill its process: run --processes --kill)";
        }
        outcomes.add(what + ": " + outcome);
        lab.events().record(EventId.LAB_PROCESS, outcome.startsWith("FAILED") || outcome.startsWith("not run") ? EventLevel.WARNING :
            EventLevel.INFORMATION, "schedule", what + ": " + outcome);
    }

    /** Send a schedule entry to {@code host} and wait for its outcome. */
    private String onHost(final HostLink host, final String vm, final ScheduleAction action)
    {
        lab.send(host, lab.message().begin(ControlKind.ACTION, -1, lab.runId()).putString(vm).putLong(lab.spec().schedule().indexOf(action)));
        final Reply reply = lab.migrations().await(host, vm, ControlKind.ACTED);
        return reply == null ? "FAILED: no answer from host " + host.name + " within 30 s" :
            reply.kind() == ControlKind.FAILED ? "FAILED: " + reply.text() : reply.text();
    }

    private static String describe(final ScheduleAction action)
    {
        return LabFilePlans.toAction(action).describe();
    }

    private static String actionVm(final ScheduleAction action)
    {
        return LabFilePlans.toAction(action).vm();
    }

    /** @return true once a fault of the schedule was injected on a host: its counted drops are accepted losses. */
    boolean faultsInjected()
    {
        return faultsInjected;
    }

    /** @return each schedule entry that is not a migration, with its outcome. */
    List<String> outcomes()
    {
        return List.copyOf(outcomes);
    }

}
