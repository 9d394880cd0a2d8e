package dev.twinpath.datapath.lab;

import dev.twinpath.datapath.event.EventId;
import dev.twinpath.datapath.event.EventLog;
import dev.twinpath.datapath.host.IovHostAgent;
import dev.twinpath.packet.pool.PacketPool;
import dev.twinpath.vf.nic.SurpriseRemovalReport;
import dev.twinpath.vf.nic.VirtualFunction;
import dev.twinpath.vmbus.ControlFaults;
import dev.twinpath.vmbus.VmBusEndpoint;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Fault injection into a running {@link Lab}, for tests and for lab files' schedules: each fault is an
 * event ({@link EventId#FAULT_INJECTED}, source {@code faults}) and ends in a state the lab defines, with
 * the accounting intact (promises G5 to G7):
 * <ul>
 *     <li>{@link #surpriseRemove} / {@link #surpriseRemoveMidBurst}: a VF vanishes without notice, at once or
 *     in the middle of the NIC's next bursts; the NIC reports what it held, the guest re-sends its TX on
 *     the synthetic path, RX frames lost in the NIC are counted as drops.</li>
 *     <li>{@link #loseControl}, {@link #delayControl}, {@link #refuseControl}: VMBus control messages to the
 *     guest (offers, completions) or to the host (switch requests, releases) are lost, late, or refused as
 *     if the control ring were full; every wait has a timeout and a fallback.</li>
 *     <li>{@link #stallGuest}: a guest stops polling for a while; its rings fill and push back.</li>
 *     <li>{@link #exhaustPool}: every free packet buffer is taken for a while; senders wait, replicated
 *     copies are dropped and counted.</li>
 *     <li>{@link #hostDown} (and {@link #hostUp}), {@link #hostDownDuringMigration}: a host disappears; a
 *     migration to it gives up before the blackout and leaves the VM where it was, losing nothing.</li>
 * </ul>
 * Control thread (the thread that drives the lab: a test, a run's schedule). Faults with a duration end
 * on the hosts' IOV service thread, where a timer duty gives buffers back and wakes stalled guests.
 */
public final class LabFaults
{
    /** Which way the control messages a control fault hits travel. */
    public enum ControlDirection
    {
        /** Host to guest: VF offers and revokes, switch completions. Armed on the host's thread. */
        TO_GUEST,
        /** Guest to host: switch requests, VF releases. Armed on the guest's thread. */
        TO_HOST;

        /** @return {@code to-guest} or {@code to-host}. */
        public String spelling()
        {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** A step of a live migration before its blackout, where {@link #hostDownDuringMigration} strikes. */
    public enum MigrationStep
    {
        /** The destination's port, channel and adapter are prepared and the rack is armed. */
        PREPARED,
        /** The source port forwards to the destination. */
        FORWARDING,
        /** The guest was asked to pause. */
        PAUSING;

        /** @return {@code prepared}, {@code forwarding} or {@code pausing}. */
        public String spelling()
        {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Lab lab;
    private final EventLog log;
    private final Timers timers = new Timers();
    private final List<Host> downDuringMigration = new ArrayList<>();
    private final List<MigrationStep> downSteps = new ArrayList<>();
    private long injected;
    private boolean timersRegistered;

    LabFaults(final Lab lab)
    {
        this.lab = lab;
        this.log = lab.events().forSource("faults");
    }

    /** @return faults injected so far. */
    public long injected()
    {
        return injected;
    }

    /** The VF of {@code adapter} vanishes now. @return the NIC's report, or null when the adapter had no live VF. */
    public SurpriseRemovalReport surpriseRemove(final VmAdapter adapter)
    {
        final SurpriseRemovalReport report = lab.onHost(() ->
            adapter.attachment().controller().surpriseRemove(lab.clock().nanoTime()));
        record(adapter.fullName(), report == null ? "surprise removal: no live VF to remove" :
            "surprise removal of the VF: " + report.txReturned().size() + " TX returned, " +
            report.rxDropped().size() + " RX dropped in the NIC");
        return report;
    }

    /**
     * The VF of {@code adapter} vanishes after the NIC classifies {@code afterFrames} more wire frames: in
     * the middle of a burst, on the NIC's thread. @return false when the adapter had no VF to remove.
     */
    public boolean surpriseRemoveMidBurst(final VmAdapter adapter, final long afterFrames)
    {
        if (afterFrames < 1)
        {
            throw new IllegalArgumentException("afterFrames must be at least 1: " + afterFrames);
        }
        final Boolean armed = lab.onHost(() ->
        {
            final VirtualFunction vf = adapter.attachment().controller().vf();
            if (vf == null || vf.state() != dev.twinpath.vf.nic.VfState.ACTIVE)
            {
                return false;
            }
            adapter.attachment().nic().nic().injectSurpriseRemoval(vf, afterFrames);
            return true;
        });
        record(adapter.fullName(), armed ? "surprise removal of the VF armed: after " + afterFrames +
            " more wire frames, mid-burst" : "surprise removal mid-burst: no active VF to remove");
        return armed;
    }

    /** Lose the next {@code count} control messages of {@code adapter}'s channel going {@code direction}. */
    public void loseControl(final VmAdapter adapter, final ControlDirection direction, final int count)
    {
        arm(adapter, direction, faults -> faults.loseNext(count));
        record(adapter.fullName(), "the next " + count + " control messages " + direction.spelling() + " are lost");
    }

    /** Hold each of the next {@code count} control messages going {@code direction} back {@code nanos}. */
    public void delayControl(final VmAdapter adapter, final ControlDirection direction, final int count, final long nanos)
    {
        arm(adapter, direction, faults -> faults.delayNext(count, nanos));
        record(adapter.fullName(), String.format(Locale.ROOT, "the next %d control messages %s arrive %.1f ms late",
            count, direction.spelling(), nanos / 1e6));
    }

    /** Refuse the next {@code count} control messages going {@code direction} as if the control ring were full. */
    public void refuseControl(final VmAdapter adapter, final ControlDirection direction, final int count)
    {
        arm(adapter, direction, faults -> faults.refuseNext(count));
        record(adapter.fullName(), "control ring " + direction.spelling() + " full for the next " + count + " messages");
    }

    /** {@code vm}'s guest stops polling its adapters for {@code nanos} (a slow guest). */
    public void stallGuest(final VirtualMachine vm, final long nanos)
    {
        requirePositive(nanos, "duration");
        final long now = lab.clock().nanoTime();
        final long until = now + nanos == 0 ? 1 : now + nanos; // 0 means "not stalled"
        vm.stallUntil(until);
        timers.wake(vm, until);
        registerTimers();
        record(vm.name(), String.format(Locale.ROOT, "guest stops polling for %.1f ms", nanos / 1e6));
    }

    /**
     * Take every buffer of the lab pool's shared free list for {@code nanos} (what the agents' caches hold
     * stays theirs, so traffic slows to what those caches can carry). @return buffers taken.
     */
    public int exhaustPool(final long nanos)
    {
        requirePositive(nanos, "duration");
        final PacketPool pool = lab.pool();
        final int[] taken = new int[pool.capacity()];
        int count = 0;
        int n;
        while (count < taken.length && (n = pool.allocateBurst(taken, count, Math.min(256, taken.length - count))) > 0)
        {
            count += n;
        }
        timers.giveBack(taken, count, lab.clock().nanoTime() + nanos);
        registerTimers();
        record("pool", String.format(Locale.ROOT, "pool exhausted: %,d free buffers taken for %.1f ms", count, nanos / 1e6));
        return count;
    }

    /**
     * {@code host} disappears: its cables to the rack go down and it is refused as a migration destination;
     * a migration to it under way gives up before its blackout. A host some VM runs on is refused (the lab
     * does not model losing a running VM).
     */
    public void hostDown(final Host host)
    {
        for (final VirtualMachine vm : lab.vms())
        {
            if (vm.location() == host)
            {
                throw new IllegalStateException("host-down: " + vm.name() + " runs on " + host.name() +
                    "; only a host without running VMs can be taken down");
            }
        }
        if (host.isDown())
        {
            return;
        }
        host.down(true);
        cables(host, false);
        lab.events().forSource(host.name()).record(EventId.HOST_STATE, host.name(), "host down: unreachable, refused as a " +
            "migration destination");
        record(host.name(), "host disappears");
    }

    /** {@code host} comes back: its cables go up; what the rack kept for it is delivered. */
    public void hostUp(final Host host)
    {
        if (!host.isDown())
        {
            return;
        }
        cables(host, true);
        host.down(false);
        lab.events().forSource(host.name()).record(EventId.HOST_STATE, host.name(), "host up again");
    }

    /** {@code host} disappears when the next migration to it reaches {@code step}. */
    public void hostDownDuringMigration(final Host host, final MigrationStep step)
    {
        synchronized (downDuringMigration)
        {
            downDuringMigration.add(host);
            downSteps.add(step);
        }
        record(host.name(), "host disappears when a migration to it is " + step.spelling());
    }

    /** A migration to {@code destination} reached {@code step}: take the host down if a fault waits for it. Control thread. */
    void onMigrationStep(final Host destination, final MigrationStep step)
    {
        boolean strike = false;
        synchronized (downDuringMigration)
        {
            for (int i = 0; i < downDuringMigration.size(); i++)
            {
                if (downDuringMigration.get(i) == destination && downSteps.get(i) == step)
                {
                    downDuringMigration.remove(i);
                    downSteps.remove(i);
                    strike = true;
                    break;
                }
            }
        }
        if (strike)
        {
            for (final VirtualMachine vm : lab.vms())
            {
                if (vm.location() == destination)
                {
                    record(destination.name(), "host-down during a migration skipped: " + vm.name() + " runs on " +
                        destination.name());
                    return;
                }
            }
            destination.down(true);
            cables(destination, false);
            lab.events().forSource(destination.name()).record(EventId.HOST_STATE, destination.name(),
                "host down during a migration to it (" + step.spelling() + ")");
        }
    }

    private void cables(final Host host, final boolean up)
    {
        if (lab.rack() == null)
        {
            return;
        }
        for (final HostNic nic : host.nics())
        {
            lab.rack().linkUp(lab.rackPort(nic), up);
        }
    }

    private void arm(final VmAdapter adapter, final ControlDirection direction,
        final java.util.function.Consumer<ControlFaults> fault)
    {
        if (direction == ControlDirection.TO_GUEST)
        {
            final VmBusEndpoint host = adapter.attachment().channel().host();
            lab.onHost(() ->
            {
                fault.accept(host.controlFaults());
                return null;
            });
        }
        else
        {
            final VmBusEndpoint guest = adapter.attachment().channel().guest();
            lab.commands().sides().onGuest(adapter.adapter(), () ->
            {
                fault.accept(guest.controlFaults());
                return null;
            });
        }
    }

    private void record(final String subject, final String what)
    {
        injected++;
        log.record(EventId.FAULT_INJECTED, subject, what);
    }

    private void registerTimers()
    {
        if (!timersRegistered)
        {
            timersRegistered = true;
            lab.onHostThread(timers);
        }
    }

    private static void requirePositive(final long nanos, final String what)
    {
        if (nanos <= 0 || nanos > TimeUnit.HOURS.toNanos(1))
        {
            throw new IllegalArgumentException(what + " must be more than 0 and at most 1h: " + nanos + " ns");
        }
    }

    /**
     * Ends the faults that last a while, on the hosts' IOV service thread: gives taken buffers back and
     * clears a stalled guest's mark. The control thread adds work under the lock; the duty takes it under
     * the same lock only when something is due (a lock-free check first: {@code due}, volatile).
     */
    private final class Timers implements IovHostAgent.Duty
    {
        private final List<int[]> buffers = new ArrayList<>();
        private final List<long[]> buffersDue = new ArrayList<>();
        private final List<VirtualMachine> stalled = new ArrayList<>();
        private final List<long[]> stalledDue = new ArrayList<>();
        private volatile long due = Long.MAX_VALUE; // release by the control thread, acquire by the host thread

        synchronized void giveBack(final int[] handles, final int count, final long at)
        {
            buffers.add(java.util.Arrays.copyOf(handles, count));
            buffersDue.add(new long[] {at});
            due = Math.min(due, at);
        }

        synchronized void wake(final VirtualMachine vm, final long at)
        {
            stalled.add(vm);
            stalledDue.add(new long[] {at});
            due = Math.min(due, at);
        }

        @Override
        public int doWork(final long nowNanos)
        {
            return nowNanos - due < 0 ? 0 : expire(nowNanos);
        }

        private synchronized int expire(final long nowNanos)
        {
            int work = 0;
            long next = Long.MAX_VALUE;
            for (int i = buffers.size() - 1; i >= 0; i--)
            {
                if (nowNanos - buffersDue.get(i)[0] >= 0)
                {
                    final int[] handles = buffers.remove(i);
                    buffersDue.remove(i);
                    lab.pool().freeBulk(handles, 0, handles.length);
                    log.record(EventId.FAULT_INJECTED, "pool", String.format(Locale.ROOT,
                        "pool refilled: %,d buffers given back", handles.length));
                    work++;
                }
                else
                {
                    next = Math.min(next, buffersDue.get(i)[0]);
                }
            }
            for (int i = stalled.size() - 1; i >= 0; i--)
            {
                if (nowNanos - stalledDue.get(i)[0] >= 0)
                {
                    final VirtualMachine vm = stalled.remove(i);
                    final long until = stalledDue.remove(i)[0];
                    if (vm.stalledUntilNanos() == until)
                    {
                        vm.stallUntil(0); // the guest thread stops reading the clock for it
                    }
                    work++;
                }
                else
                {
                    next = Math.min(next, stalledDue.get(i)[0]);
                }
            }
            due = next;
            return work;
        }
    }
}
