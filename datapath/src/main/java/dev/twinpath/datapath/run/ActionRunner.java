package dev.twinpath.datapath.run;

import dev.twinpath.datapath.lab.Lab;
import dev.twinpath.datapath.lab.MigrationReport;
import dev.twinpath.datapath.lab.VirtualMachine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs a {@link LabPlan}'s schedule during a {@link FailoverRun}: each {@link LabAction} when its time
 * comes, on the control thread (a migration blocks it until the VM has moved; progress lines wait).
 * Keeps an outcome line per action and the report of every migration; an action that fails is
 * recorded as {@code FAILED} (a problem of the run) and the schedule goes on.
 * <p>
 * Control thread only.
 */
final class ActionRunner
{
    private final Lab lab;
    private final List<LabAction> actions;
    private final List<String> outcomes = new ArrayList<>();
    private final List<MigrationReport> migrations = new ArrayList<>();
    private final RunListener listener;
    private int next;

    ActionRunner(final Lab lab, final List<LabAction> actions, final RunListener listener)
    {
        this.lab = lab;
        this.actions = actions;
        this.listener = listener;
    }

    /** @return the time (from the origin) of the next action, or {@link Long#MAX_VALUE}. */
    long nextDueNanos()
    {
        return next < actions.size() ? actions.get(next).atNanos() : Long.MAX_VALUE;
    }

    /** Run every action due at {@code elapsedNanos}. @return actions run. */
    int runDue(final long elapsedNanos)
    {
        int ran = 0;
        while (next < actions.size() && actions.get(next).atNanos() <= elapsedNanos)
        {
            run(actions.get(next++));
            ran++;
        }
        return ran;
    }

    private void run(final LabAction action)
    {
        String outcome;
        try
        {
            final VirtualMachine vm = action.vm() == null ? null : lab.vm(action.vm());
            outcome = switch (action.kind())
            {
                case MIGRATE ->
                {
                    final MigrationReport report = lab.migrate(vm, lab.host(action.target()));
                    migrations.add(report);
                    yield report.format();
                }
                case LINK_DOWN, LINK_UP ->
                {
                    final var adapter = adapter(vm, action);
                    lab.link(adapter, action.kind() == LabAction.Kind.LINK_UP);
                    yield "cable of " + adapter.attachment().nic().name() + " " +
                        (action.kind() == LabAction.Kind.LINK_UP ? "up" : "down");
                }
                default -> HostActions.apply(lab, action);
            };
        }
        catch (final RuntimeException ex)
        {
            final boolean hostDown = action.kind() == LabAction.Kind.MIGRATE && destinationDown(action.target());
            // A migration to a host an injected fault took down gives up by design: the VM stays where it was.
            outcome = (hostDown ? "gave up (fault): " : "FAILED: ") + ex.getMessage();
        }
        final String line = action.describe() + ": " + outcome;
        outcomes.add(line);
        listener.onNote(String.format(Locale.ROOT, "%s", line));
    }

    private boolean destinationDown(final String host)
    {
        try
        {
            return lab.host(host).isDown();
        }
        catch (final RuntimeException ex)
        {
            return false; // no such host: the action failed for that reason
        }
    }

    private static dev.twinpath.datapath.lab.VmAdapter adapter(final VirtualMachine vm, final LabAction action)
    {
        return vm.adapter(action.target() == null ? "eth0" : action.target());
    }

    /** Add a line that is not an action's outcome (a team's account at the end of the run). */
    void note(final String line)
    {
        outcomes.add(line);
    }

    List<String> outcomes()
    {
        return List.copyOf(outcomes);
    }

    List<MigrationReport> migrations()
    {
        return List.copyOf(migrations);
    }
}
