package dev.twinpath.datapath.process;

import dev.twinpath.datapath.Path;
import dev.twinpath.datapath.event.EventId;
import dev.twinpath.datapath.event.EventLevel;
import dev.twinpath.datapath.steer.SteeringEpoch;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Live migration of a VM from one host process to another, run by the rack process, one step a control message:
 * <ol>
 * <li>{@code SOURCE_PREPARE} to the source: the VF path closes; it answers with the end marker the rack must write
 * behind the VM's last frames there. The rack arms the move ({@code TopOfRackSwitch.expectMove}).</li>
 * <li>{@code DESTINATION_PREPARE} to the destination: frames forwarded to it will wait in an inbound channel.</li>
 * <li>{@code PAUSE} to the source: its switch forwards what reaches the VM to the destination process over Aeron, the
 * guest puts an end marker behind its last TX frame and pauses; the answer carries the VM's adapter counters and its
 * application's reception state. The rack waits until the guest's end marker came through its port: every frame the
 * VM sent from the source has left the rack.</li>
 * <li>{@code RESUME} to the destination: the VM is built there with that state and resumes; its announcement makes the
 * rack re-learn its MAC and write the armed end marker to the source, which forwards it behind the last frames; the
 * destination delivers the forwarded frames first, then what it held, and offers a VF where it can.</li>
 * <li>{@code DEPART} to the source: the old port goes.</li>
 * </ol>
 * A step that fails or times out before the blackout ends gives the migration up: both hosts are told, the VM stays
 * on the source, and the event log says why. Blackout: from {@code PAUSE} sent to the guest running at the
 * destination (the rack's clock up to {@code RESUME}, plus the destination's own measure of its resume).
 * <p>
 * Control thread of the rack process.
 */
final class RackMigrations
{
    /** Epoch sequences of migrations between processes: far from the guests' and the in-process migrations' own. */
    private static final long SEQUENCE_BASE = SteeringEpoch.MAX_SEQUENCE - (1L << 29);

    /** One migration as the rack saw it. */
    record Report(String vm, String from, String to, boolean completed, long blackoutNanos, long totalNanos, long forwarded,
        long held, long lost, String vfReason, String failure)
    {
        String format()
        {
            if (!completed)
            {
                return String.format(Locale.ROOT, "%s %s -> %s FAILED: %s", vm, from, to, failure);
            }
            return String.format(Locale.ROOT, "%s %s -> %s: blackout %.1f ms, total %.1f ms, %,d forwarded, %,d held, %s%s",
                vm, from, to, blackoutNanos / 1e6, totalNanos / 1e6, forwarded, held,
                vfReason.isEmpty() ? "VF offered" : "synthetic (" + vfReason + ")", lost == 0 ? "" : ", " + lost + " LOST");
        }
    }

    private final RackProcess lab;
    private final dev.twinpath.datapath.event.EventLog log;
    private static final long STEP_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final List<Report> reports = new ArrayList<>();
    private final java.util.ArrayDeque<Reply> replies = new java.util.ArrayDeque<>();
    private long sequence;

    RackMigrations(final RackProcess lab)
    {
        this.lab = lab;
        this.log = lab.events().forSource("migration");
    }

    /** A host answered a step (the rack's control thread read it). */
    void onReply(final Reply reply)
    {
        replies.add(reply);
    }

    /**
     * @return the next answer from {@code host} about {@code vm} of {@code kind}, or FAILED (the host said so, or went
     * down meanwhile), or null after 30 s.
     */
    Reply await(final HostLink host, final String vm, final ControlKind kind)
    {
        final long deadline = lab.clock().nanoTime() + STEP_NANOS;
        final int incarnation = host.incarnation;
        while (lab.clock().nanoTime() - deadline < 0)
        {
            for (final Reply reply : replies)
            {
                if (reply.host() == host.index && reply.vm().equals(vm) && (reply.kind() == kind || reply.kind() == ControlKind.FAILED))
                {
                    replies.remove(reply);
                    return reply;
                }
            }
            if (!host.up() || host.incarnation != incarnation)
            {
                return new Reply(ControlKind.FAILED, host.index, vm, 0, 0, 0, null, null, "host " + host.name + " went down" +
                    (host.up() ? " (its process restarted)" : ""));
            }
            lab.pollControl();
            LockSupport.parkNanos(200_000);
        }
        return null;
    }

    List<Report> reports()
    {
        return List.copyOf(reports);
    }

    void migrate(final String vm, final String toName)
    {
        final int vmIndex = lab.spec().vmIndex(vm);
        final HostLink from = lab.hosts().get(lab.vmHost()[vmIndex]);
        final HostLink to = lab.host(toName);
        final long start = lab.clock().nanoTime();
        final String subject = vm;
        if (from == to)
        {
            fail(vm, from, to, start, "already on " + to.name);
            return;
        }
        if (lab.vmLost(vmIndex))
        {
            fail(vm, from, to, start, vm + " was lost with host " + from.name);
            return;
        }
        if (!from.up() || !to.up())
        {
            fail(vm, from, to, start, "host " + (from.up() ? to.name : from.name) + " is down");
            return;
        }
        log.record(EventId.MIGRATION, subject, "started: " + from.name + " -> " + to.name + " (between processes)");
        final long epoch = SteeringEpoch.of(vmIndex, Path.SYNTHETIC, false, SEQUENCE_BASE + ++sequence);
        final long mac = lab.labContext().vmMac(vmIndex);

        lab.send(from, lab.message().begin(ControlKind.SOURCE_PREPARE, -1, lab.runId()).putString(vm).putLong(to.index)
            .putLong(epoch));
        final Reply ready = await(from, vm, ControlKind.SOURCE_READY);
        if (failed(ready, vm, from, to, start, "closing the VF path on " + from.name))
        {
            return;
        }
        final long armedBefore = lab.rack().movesArmed();
        lab.rack().expectMove(mac, ready.a());
        if (!awaitRack(() -> lab.rack().movesArmed() > armedBefore))
        {
            abandon(vm, from, to, start, "the rack did not arm the move");
            return;
        }
        lab.send(to, lab.message().begin(ControlKind.DESTINATION_PREPARE, -1, lab.runId()).putString(vm).putLong(epoch));
        if (failed(await(to, vm, ControlKind.DESTINATION_READY), vm, from, to, start, "preparing " + to.name))
        {
            return;
        }
        final long pauseSent = lab.clock().nanoTime();
        lab.send(from, lab.message().begin(ControlKind.PAUSE, -1, lab.runId()).putString(vm).putLong(epoch));
        final Reply paused = await(from, vm, ControlKind.PAUSED);
        if (failed(paused, vm, from, to, start, "pausing the guest on " + from.name))
        {
            return;
        }
        if (!awaitRack(() -> from.port.lastMarkerOf(vmIndex) == epoch))
        {
            abandon(vm, from, to, start, "the guest's end marker did not come through the rack");
            return;
        }
        log.record(EventId.MIGRATION, subject, "blackout: guest paused on " + from.name + ", its frames have all " +
            "left the rack; its state goes to " + to.name);
        final long resumeSent = lab.clock().nanoTime();
        lab.send(to, lab.message().begin(ControlKind.RESUME, -1, lab.runId()).putString(vm).putLong(vmIndex)
            .putLongs(paused.x()).putLongs(paused.y()).putLong(paused.a()));
        final Reply arrived = await(to, vm, ControlKind.ARRIVED);
        if (arrived == null || arrived.kind() != ControlKind.ARRIVED)
        {
            // past the blackout: the VM's state is on the destination; losing it there is reported, not undone
            final String why = arrived == null ? "no answer from " + to.name + " within 30 s" : arrived.text();
            log.record(EventId.MIGRATION, EventLevel.ERROR, subject, "resuming on " + to.name + " failed: " + why);
            reports.add(new Report(vm, from.name, to.name, false, 0, lab.clock().nanoTime() - start, 0, 0, 0, "", why));
            lab.vmHost()[vmIndex] = to.index;
            return;
        }
        final long blackout = resumeSent - pauseSent + arrived.c();
        lab.vmHost()[vmIndex] = to.index;
        lab.send(from, lab.message().begin(ControlKind.DEPART, -1, lab.runId()).putString(vm));
        final Reply departed = await(from, vm, ControlKind.DEPARTED);
        final long lost = departed == null || departed.kind() != ControlKind.DEPARTED ? 0 : departed.b();
        final Report report = new Report(vm, from.name, to.name, true, blackout, lab.clock().nanoTime() - start,
            arrived.a(), arrived.b(), lost, arrived.text(), "");
        reports.add(report);
        log.record(EventId.MIGRATION, subject, "completed: " + report.format());
    }

    private boolean failed(final Reply reply, final String vm, final HostLink from, final HostLink to, final long start,
        final String step)
    {
        if (reply != null && reply.kind() != ControlKind.FAILED)
        {
            return false;
        }
        final String why = reply != null ? reply.text() : from.up() && to.up() ? "no answer within 30 s" :
            "host " + (from.up() ? to.name : from.name) + " went down";
        abandon(vm, from, to, start, step + ": " + why);
        return true;
    }

    private void abandon(final String vm, final HostLink from, final HostLink to, final long start, final String why)
    {
        lab.rack().disarmMove(lab.labContext().vmMac(lab.spec().vmIndex(vm)));
        for (final HostLink host : List.of(from, to))
        {
            if (host.up())
            {
                lab.send(host, lab.message().begin(ControlKind.ABANDON, -1, lab.runId()).putString(vm).putString(why));
            }
        }
        fail(vm, from, to, start, why);
    }

    private void fail(final String vm, final HostLink from, final HostLink to, final long start, final String why)
    {
        log.record(EventId.MIGRATION, EventLevel.ERROR, vm, "gave up: " + vm + " stays on " + from.name + ": " + why);
        reports.add(new Report(vm, from.name, to.name, false, 0, lab.clock().nanoTime() - start, 0, 0, 0, "", why));
    }

    private boolean awaitRack(final java.util.function.BooleanSupplier condition)
    {
        final long deadline = lab.clock().nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean())
        {
            if (lab.clock().nanoTime() - deadline > 0)
            {
                return false;
            }
            lab.pollControl();
            LockSupport.parkNanos(100_000);
        }
        return true;
    }

}
