package dev.twinpath.datapath.lab;

import dev.twinpath.datapath.NetVscState;
import dev.twinpath.datapath.Path;
import dev.twinpath.datapath.event.EventId;
import dev.twinpath.datapath.event.EventLevel;
import dev.twinpath.datapath.event.EventLog;
import dev.twinpath.datapath.host.HostVfState;
import dev.twinpath.datapath.jfr.MigrationTrace;
import dev.twinpath.datapath.migrate.ForwardingChannel;
import dev.twinpath.datapath.rack.RackPort;
import dev.twinpath.datapath.steer.SteeringEpoch;
import dev.twinpath.packet.pool.PacketDescriptor;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Live migration of a VM between two hosts of a {@link Lab}, with its traffic running, in the phases
 * Hyper-V goes through, each an event of the log (source {@code migration}):
 * <ol>
 * <li><b>VF path closed</b>: the VF is revoked (steering moves every flow to the synthetic path,
 * losing nothing) — a VF cannot move with a VM.</li>
 * <li><b>Forwarding</b>: the VM's port on the source switch starts sending what reaches it into a
 * {@link ForwardingChannel} to the destination instead of the VM.</li>
 * <li><b>Blackout</b>: the guest puts an end marker behind its last TX frame, reads what the source
 * had delivered, and pauses; the rack reports the marker, so every frame the VM sent from the source
 * has left the rack before it sends from the destination.</li>
 * <li><b>Moved</b>: the adapter is attached to the destination (channel, port, IOV controller; its
 * counters move with it), whose port first delivers the forwarded stream and holds frames that come
 * directly.</li>
 * <li><b>Resumed</b>: the guest announces itself (gratuitous ARP); the rack re-learns its MAC and
 * writes an end marker to the source behind the last frame it sent there; the source forwards it
 * with those frames, and the destination releases what it held. No frame is lost, duplicated or
 * reordered, in either direction.</li>
 * <li><b>Completed</b>: the source port is removed; the destination offers a VF when it can, or the
 * adapter stays synthetic and the event says why.</li>
 * </ol>
 * Control thread only (one migration at a time).
 */
final class LiveMigration
{
    /** Migration epochs use sequences far from the guests' and hosts' own (host moves start at half the range). */
    private static final long SEQUENCE_BASE = SteeringEpoch.MAX_SEQUENCE - (1L << 30);
    private static final long STEP_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final int FORWARDING_CAPACITY = 1 << 16;

    private final Lab lab;
    private final EventLog log;
    private long sequence;
    private Host destination; // until the blackout: a wait gives up when it goes down

    LiveMigration(final Lab lab)
    {
        this.lab = lab;
        this.log = lab.events().forSource("migration");
    }

    synchronized MigrationReport run(final VirtualMachine vm, final Host to, final boolean running)
    {
        final Host from = vm.location();
        if (from == to)
        {
            throw new IllegalArgumentException("vm migrate: " + vm.name() + " already runs on " + to.name());
        }
        if (lab.rack() == null)
        {
            throw new IllegalStateException("vm migrate: live migration needs a lab of two or more hosts joined by a rack switch");
        }
        if (vm.runState() != VirtualMachine.RUNNING)
        {
            throw new IllegalStateException("vm migrate: " + vm.name() + " is already being moved");
        }
        if (to.isDown())
        {
            throw new IllegalStateException("vm migrate: host " + to.name() + " is down");
        }
        if (vm.adapters().size() > 1)
        {
            throw new IllegalStateException("vm migrate: " + vm.name() + " has " + vm.adapters().size() +
                " adapters in a NIC team; the lab migrates VMs of one adapter");
        }
        vm.migrating(true);
        destination = to;
        final MigrationTrace trace = MigrationTrace.begin(vm.name(), from.name(), to.name());
        // On the host thread: an offer under way there (a schedule's, the arbiter's) finishes first; step 1
        // revokes it, and none follows until the migration is over.
        final dev.twinpath.datapath.host.IovPortController source = vm.host();
        holdOffers(source, true);
        try
        {
            final MigrationReport report = move(vm, from, to, running);
            trace.completed(report.blackoutNanos(), report.forwarded(), report.heldAtDestination(),
                report.vfOfferedAtDestination(), report.vfReason());
            return report;
        }
        catch (final RuntimeException ex)
        {
            trace.gaveUp(ex.getMessage());
            holdOffers(source, false);
            if (vm.location() == from)
            {
                reofferVf(vm, from); // the migration gave up: the VM stays where it was, on a VF again where it can
            }
            throw ex;
        }
        finally
        {
            holdOffers(source, false);
            destination = null;
            vm.migrating(false);
        }
    }

    private MigrationReport move(final VirtualMachine vm, final Host from, final Host to, final boolean running)
    {
        final String subject = vm.name();
        final long start = now();
        log.record(EventId.MIGRATION, subject, "started: " + from.name() + " -> " + to.name());

        // 1. The VF path closes: every flow moves to the synthetic path. An offer under way settles first: a
        //    revoke in the middle of the guest's switch to the VF leaves its RX hold-back waiting for a marker
        //    no path will carry, until the hold-back timeout.
        await(running, () -> vm.host().state() != HostVfState.OFFERED && vm.adapter().state() != NetVscState.SWITCHING_TO_VF,
            vm, "an offer under way to settle");
        if (vm.host().state() != HostVfState.NO_VF)
        {
            lab.revokeVf(vm);
        }
        await(running, () -> vm.host().state() == HostVfState.NO_VF && vm.adapter().state() == NetVscState.SYNTHETIC,
            vm, "the VF path to close");
        final long vfClosed = now() - start;
        log.record(EventId.MIGRATION, subject, "VF path closed on " + from.name() + ": every flow on the synthetic path");

        // 2. The destination is prepared while the VM still runs there: channel, port link, guest adapter
        //    (its counters are the VM's: the old adapter stops counting when the guest pauses), and the rack
        //    is armed to close the old host's stream when it re-learns the VM's MAC. The port goes on the
        //    destination switch only during the blackout, so nothing is held there before the VM arrives.
        final long epoch = SteeringEpoch.of(vm.adapters().get(0).steeringIndex(), Path.SYNTHETIC, false, SEQUENCE_BASE + ++sequence);
        final ForwardingChannel forward = new ForwardingChannel(subject + " " + from.name() + "->" + to.name(), epoch,
            FORWARDING_CAPACITY);
        final HostNic.Attachment old = vm.attachment();
        final LabVms.Placement arrival = lab.prepare(vm.adapters().get(0), to, forward, vm.adapter().counters());
        final long pauseRequested;
        final long paused;
        final HostNic.Attachment arrived;
        try
        {
            final long armedBefore = lab.rack().movesArmed();
            if (!lab.rack().expectMove(vm.mac(), PacketDescriptor.marker(epoch, old.port().id())))
            {
                throw new IllegalStateException("vm migrate: the rack switch's command queue is full");
            }
            await(running, () -> lab.rack().movesArmed() > armedBefore, vm, "the rack switch to arm the move");
            log.record(EventId.MIGRATION, subject, "destination prepared on " + to.name() + " (switch " +
                to.virtualSwitch().name() + ")");
            lab.faults().onMigrationStep(to, LabFaults.MigrationStep.PREPARED);

            // 3. The source port forwards from now on; once the rack's end marker has gone through it, the
            //    VM's MAC on the source switch points at the uplink: other VMs there reach it through the rack.
            final dev.twinpath.vswitch.VirtualSwitch source = old.nic().virtualSwitch();
            final dev.twinpath.vf.nic.PhysicalFunction sourceNic = old.nic().nic();
            final long mac = vm.mac();
            old.link().onClose(() ->
            {
                source.addStaticMac(mac, 0, source.uplink());
                sourceNic.removeHostMac(mac); // the NIC's VFs stop hairpinning to it: their frames take the wire
            });
            old.link().forwardTo(forward);
            await(running, old.link()::forwarding, vm, "the source switch to start forwarding");
            lab.faults().onMigrationStep(to, LabFaults.MigrationStep.FORWARDING);

            // 4. Blackout: the guest stops once its TX has left the rack and it read what the source delivered.
            pauseRequested = now();
            vm.requestPause(epoch);
            lab.faults().onMigrationStep(to, LabFaults.MigrationStep.PAUSING);
            final RackPort fromPort = lab.rackPort(from);
            final int steering = vm.adapters().get(0).steeringIndex();
            await(running, () -> vm.isPaused() && fromPort.lastMarkerOf(steering) == epoch, vm,
                "the guest to pause with its TX through the rack");
            paused = now() - start;
        }
        catch (final RuntimeException ex)
        {
            giveUp(vm, old, arrival, running);
            throw ex;
        }
        destination = null; // past this point the VM runs on the destination: losing it there is not modelled
        vm.adapter().flushCache(); // the guest is paused: its buffers go back before the adapter is retired
        arrived = arrival.apply();
        log.record(EventId.MIGRATION, subject, "blackout: guest paused on " + from.name() +
            "; its frames have all left the rack, later frames for it are forwarded to " + to.name());

        // 5. Resume: the guest announces itself where it now runs.
        vm.requestResume();
        await(running, () -> vm.runState() == VirtualMachine.RUNNING, vm, "the guest to resume");
        final long blackout = now() - pauseRequested;
        log.record(EventId.MIGRATION, subject, "resumed on " + to.name() + " after a blackout of " +
            String.format("%.3f ms", blackout / 1e6) + "; gratuitous ARP sent");

        // 6. The forwarded stream ends with the rack's marker; the destination releases what it held (or, past
        //    the hold timeout, gives up waiting: order with late forwarded frames is lost, the event says so).
        await(running, arrived.link()::inboundComplete, vm, "the forwarded stream to end");
        if (arrived.link().inboundTimedOut())
        {
            log.record(EventId.MIGRATION, EventLevel.ERROR, subject, "the rack's end marker did not reach " + to.name() +
                " within the hold timeout: held frames released, order with later forwarded frames not kept");
        }
        final long forwardingDone = now() - start;
        log.record(EventId.MIGRATION, EventLevel.INFORMATION, subject, -1, "forwarding from " + from.name() + " complete: " +
            forward.forwarded() + " frames forwarded, " + arrived.link().heldTotal() + " held at " + to.name() +
            " until the rack's end marker", forward.forwarded(), arrived.link().heldTotal(), arrived.link().heldTotal());
        lab.onHost(() ->
        {
            old.nic().detach(old, now()); // on the IOV service thread: it may offer the VF to a waiting adapter
            return null;
        });
        old.channel().close();

        // 7. A VF where the destination can give one.
        boolean offered = false;
        String reason = "";
        if (to.iovUsable())
        {
            offered = lab.offerVf(vm);
            if (!offered)
            {
                reason = "no VF offered (see the event log)";
            }
        }
        else
        {
            reason = String.join(" ", to.iovUnusableReasons());
            log.record(EventId.VF_NOT_OFFERED, subject, "stays synthetic on " + to.name() + ": IovSupport False: " + reason);
        }
        final long total = now() - start;
        final MigrationReport report = new MigrationReport(subject, from.name(), to.name(), start, vfClosed, paused, blackout,
            forwardingDone, total, forward.forwarded(), arrived.link().heldTotal(), offered, reason,
            old.link().lostAfterClose());
        log.record(EventId.MIGRATION, subject, "completed: " + report.format());
        return report;
    }

    /**
     * A step before the blackout timed out: the VM stays where it is. Forwarding is taken back (what went
     * into the channel is delivered to the VM here, in order), the guest runs again if it was asked to
     * pause, the prepared destination is dropped, and the rack forgets the armed move.
     */
    private void giveUp(final VirtualMachine vm, final HostNic.Attachment old, final LabVms.Placement arrival,
        final boolean running)
    {
        if (old.link().forwarding() || old.link().isForwardingRequested())
        {
            old.link().cancelForwarding();
            awaitQuietly(running, old.link()::forwardingCancelled);
        }
        if (vm.runState() != VirtualMachine.RUNNING)
        {
            vm.requestResume();
            awaitQuietly(running, () -> vm.runState() == VirtualMachine.RUNNING);
        }
        arrival.discard();
        lab.rack().disarmMove(vm.mac());
        log.record(EventId.MIGRATION, EventLevel.ERROR, vm.name(), "gave up: " + vm.name() + " stays on " +
            old.host().name() + "; what was forwarded was delivered back to it");
    }

    private void holdOffers(final dev.twinpath.datapath.host.IovPortController controller, final boolean hold)
    {
        lab.onHost(() ->
        {
            controller.holdOffers(hold);
            return null;
        });
    }

    /** A migration that gave up leaves the VM where it was: on a VF again where that host can give one. */
    private void reofferVf(final VirtualMachine vm, final Host host)
    {
        if (host.iovUsable() && !lab.offerVf(vm))
        {
            log.record(EventId.MIGRATION, vm.name(), "stays synthetic on " + host.name() + " after the failed " +
                "migration: no VF offered (see the event log)");
        }
    }

    private void awaitQuietly(final boolean running, final BooleanSupplier condition)
    {
        final long deadline = System.nanoTime() + STEP_TIMEOUT_NANOS;
        while (!condition.getAsBoolean() && System.nanoTime() - deadline < 0)
        {
            if (running)
            {
                LockSupport.parkNanos(20_000);
            }
            else
            {
                lab.doWork();
            }
        }
    }

    private long now()
    {
        return lab.clock().nanoTime();
    }

    private void await(final boolean running, final BooleanSupplier condition, final VirtualMachine vm, final String what)
    {
        final long deadline = System.nanoTime() + STEP_TIMEOUT_NANOS;
        while (true)
        {
            final Host to = destination;
            if (to != null && to.isDown())
            {
                log.record(EventId.MIGRATION, EventLevel.ERROR, vm.name(), "destination host " + to.name() +
                    " disappeared while waiting for " + what);
                throw new IllegalStateException("vm migrate: " + vm.name() + ": destination host " + to.name() +
                    " disappeared");
            }
            if (condition.getAsBoolean())
            {
                return;
            }
            if (System.nanoTime() - deadline > 0)
            {
                log.record(EventId.MIGRATION, EventLevel.ERROR, vm.name(), "timed out waiting for " + what);
                throw new IllegalStateException("vm migrate: " + vm.name() + ": timed out waiting for " + what);
            }
            if (running)
            {
                LockSupport.parkNanos(20_000);
            }
            else
            {
                lab.doWork();
            }
        }
    }
}
