package dev.twinpath.datapath.host;

import dev.twinpath.datapath.Path;
import dev.twinpath.datapath.event.EventId;
import dev.twinpath.datapath.event.EventLevel;
import dev.twinpath.datapath.event.EventLog;
import dev.twinpath.datapath.event.SteeringEvent;
import dev.twinpath.datapath.steer.SteeringEpoch;
import dev.twinpath.vf.nic.IovException;
import dev.twinpath.vf.nic.PhysicalFunction;
import dev.twinpath.vf.nic.SurpriseRemovalReport;
import dev.twinpath.vf.nic.VfConfig;
import dev.twinpath.vf.nic.VfState;
import dev.twinpath.vf.nic.VirtualFunction;
import dev.twinpath.vf.ring.OverflowMode;
import dev.twinpath.vmbus.ControlMessage;
import dev.twinpath.vmbus.ControlMessageHandler;
import dev.twinpath.vmbus.ControlStatus;
import dev.twinpath.vmbus.DataPath;
import dev.twinpath.vmbus.VmBusEndpoint;

/**
 * The host side of one VM adapter's SR-IOV (what the Hyper-V host's VSP does for it): allocates a VF
 * from the NIC's pool, assigns it with its RX still on the PF, offers it to the guest over VMBus,
 * moves the NIC's MAC filter when the guest asks (SWITCH_DATA_PATH), revokes it, and once the guest
 * has let go resets it and returns it to the pool. Every wait has a timeout and a fallback (G7):
 * an offer the guest ignores is withdrawn; a revoke the guest ignores is forced (the host moves the
 * filter itself, with a self-describing marker the guest still honours); a VF the guest never
 * releases is reset anyway, and what that loses the NIC counts.
 * <p>
 * Owned by the host's control agent thread ({@link IovHostAgent}).
 */
public final class IovPortController implements ControlMessageHandler
{
    private static int nextSerial = 1;

    private final String adapterName;
    private final int adapterIndex;
    private final long mac;
    private int queuePairs;
    private volatile long teamMac = -1;
    private final PhysicalFunction pf;
    private final dev.twinpath.packet.pool.PacketPool pool;
    private long forcedTxDrops;
    private final VfDirectory directory;
    private final VmBusEndpoint channel;
    private final int switchPortId;
    private final EventLog events;
    private final long timeoutNanos;
    private final ControlMessage outbound = new ControlMessage();

    private volatile HostVfState state = HostVfState.NO_VF;
    private boolean takenBack; // the VF is being reset because the guest never let it go
    private boolean offersHeld; // a live migration moves the adapter away: no VF here until it is over
    private VirtualFunction vf;
    private int serial = -1;
    private long deadline;
    private long now;
    private long hostSequence = SteeringEpoch.MAX_SEQUENCE / 2;
    private final HostFlowRules flowRules = new HostFlowRules();
    private long forced;

    public IovPortController(
        final String adapterName,
        final int adapterIndex,
        final long mac,
        final int queuePairs,
        final PhysicalFunction pf,
        final dev.twinpath.packet.pool.PacketPool pool,
        final VfDirectory directory,
        final VmBusEndpoint hostEndpoint,
        final int switchPortId,
        final EventLog events,
        final long timeoutNanos)
    {
        this.adapterName = adapterName;
        this.adapterIndex = adapterIndex;
        this.mac = mac;
        this.queuePairs = queuePairs;
        this.pf = pf;
        this.pool = pool;
        this.directory = directory;
        this.channel = hostEndpoint;
        this.switchPortId = switchPortId;
        this.events = events;
        this.timeoutNanos = timeoutNanos;
    }

    public HostVfState state()
    {
        return state;
    }

    /** @return the adapter's MAC address. */
    public long mac()
    {
        return mac;
    }

    /** @return the adapter's name, e.g. {@code vm1/eth0}. */
    public String adapterName()
    {
        return adapterName;
    }

    /**
     * The adapter is a member of a NIC team in its guest ({@code AllowTeaming}): its VFs also receive the
     * team's MAC and are trusted to send with it (-1: not teamed). Control thread, before the first offer.
     */
    public void teamMac(final long mac)
    {
        teamMac = mac;
    }

    /** Queue pairs the next VF gets (IovQueuePairsRequested, capped by the NIC). Host thread. */
    public void queuePairs(final int count)
    {
        queuePairs = count;
    }

    /** @return the VF now allocated for the adapter, or null. Host thread's view. */
    public VirtualFunction vf()
    {
        return vf;
    }

    /** @return waits that ran out on the host side and took their fallback. */
    public long forced()
    {
        return forced;
    }

    /** @return TX packets a VF still held when the host had to stop it after the drain timeout (lost, G7). */
    public long forcedTxDrops()
    {
        return forcedTxDrops;
    }

    public int switchPortId()
    {
        return switchPortId;
    }

    /**
     * Steer flows (RSS hashes of their RX frames) to {@code target}: the host remembers them (a VF
     * assigned later gets them as flow rules) and, when a live VF carries the adapter, moves the NIC's
     * flow rules with end markers of {@code epoch}. Host thread.
     *
     * @return true when the NIC placed markers; false when there was no live VF (the guest resolves the move itself).
     */
    public boolean steerFlows(final int[] rxHashes, final Path target, final long epoch)
    {
        flowRules.move(rxHashes, target);
        final VirtualFunction v = vf;
        if (v == null || v.state() != VfState.ACTIVE)
        {
            return false;
        }
        if (target == Path.SYNTHETIC)
        {
            pf.steerFlowsToPf(v, rxHashes, rxHashes.length, epoch);
        }
        else
        {
            pf.steerFlowsToVf(v, rxHashes, rxHashes.length, epoch, switchPortId);
        }
        return true;
    }

    /** @return flows pinned to the synthetic path (host's view). Host thread. */
    public int pinnedFlowCount()
    {
        return flowRules.size();
    }

    // ---------------------------------------------------------------- operations (host thread)

    /**
     * Hold (or allow again) VF offers to this adapter: a live migration holds them from its start, so no
     * offer (a schedule's, the arbiter's for a freed VF) lands between the VF path closing and the move.
     */
    public void holdOffers(final boolean hold)
    {
        offersHeld = hold;
    }

    /** Offer a VF to the guest. @return false when none is free (the adapter stays synthetic, with an event). */
    public boolean offer(final long nowNanos)
    {
        now = nowNanos;
        if (state != HostVfState.NO_VF)
        {
            return false;
        }
        if (offersHeld)
        {
            event(EventId.VF_NOT_OFFERED, "the VM is live-migrating: no VF offered here until the migration is over");
            return false;
        }
        final VirtualFunction allocated;
        try
        {
            allocated = pf.allocate(adapterName, queuePairs);
        }
        catch (final IovException ex)
        {
            event(EventId.VF_NOT_OFFERED, ex.reason() + ": " + ex.getMessage());
            return false;
        }
        pf.assign(allocated, new VfConfig().mac(mac).rxSteeredToPf(true).overflowMode(OverflowMode.BACKPRESSURE)
            .flowsToPf(flowRules.toArrayOrNull()).secondaryMac(teamMac).trust(teamMac >= 0));
        vf = allocated;
        serial = nextSerial();
        directory.publish(serial, allocated);
        state = HostVfState.OFFERED;
        deadline = now + timeoutNanos;
        send(outbound.reset().vfAssociation(true, serial));
        event(EventId.VF_OFFERED, "VF " + allocated.name() + " offered with serial " + serial);
        return true;
    }

    /** Revoke the VF (planned): the guest switches back, then lets go. @return false when there is none to revoke. */
    public boolean revoke(final long nowNanos)
    {
        now = nowNanos;
        if (state != HostVfState.VF_ACTIVE && state != HostVfState.OFFERED)
        {
            return false;
        }
        state = HostVfState.REVOKING;
        deadline = now + timeoutNanos;
        send(outbound.reset().vfAssociation(false, serial));
        event(EventId.VF_REVOKE_REQUESTED, "VF_ASSOCIATION(revoked) sent for serial " + serial);
        return true;
    }

    /** The VF vanishes without notice (G5). @return the NIC's report, or null when there was no live VF. */
    public SurpriseRemovalReport surpriseRemove(final long nowNanos)
    {
        now = nowNanos;
        final VirtualFunction v = vf;
        if (v == null || (v.state() != VfState.ACTIVE && v.state() != VfState.REVOKING))
        {
            return null;
        }
        final SurpriseRemovalReport report = pf.surpriseRemove(v);
        vanished(v, report, "surprise-removed");
        return report;
    }

    private void vanished(final VirtualFunction v, final SurpriseRemovalReport report, final String how)
    {
        state = HostVfState.RELEASING;
        deadline = now + timeoutNanos;
        event(EventId.VF_SURPRISE_REMOVED, EventLevel.ERROR, "VF " + v.name() + " " + how + ": " +
            report.txReturned().size() + " TX returned, " + report.rxDropped().size() + " RX dropped, " +
            report.rxHeldTotal() + " RX in rings");
    }

    /** Control messages and timeouts. Host thread. @return work done. */
    public int doWork(final long nowNanos)
    {
        now = nowNanos;
        int work = channel.pollControl(this, 8);
        final VirtualFunction v = vf;
        if ((state == HostVfState.OFFERED || state == HostVfState.VF_ACTIVE || state == HostVfState.REVOKING) &&
            v != null && v.state() == VfState.REMOVED && v.removalReport() != null)
        {
            // The NIC removed it on its own thread (a fault injected mid-burst): the guest is told by its queues.
            vanished(v, v.removalReport(), "vanished mid-burst (injected surprise removal)");
            work++;
        }
        switch (state)
        {
            case OFFERED, REVOKING, RELEASING ->
            {
                if (now - deadline > 0)
                {
                    onTimeout();
                    work++;
                }
            }
            case DRAINING ->
            {
                final VfState vfState = vf.state();
                final boolean drained = vfState == VfState.REVOKED || vfState == VfState.REMOVED;
                if (drained || now - deadline > 0)
                {
                    finishRelease(!drained ? "TX drain timed out" : takenBack ? "taken back from a silent guest" :
                        "guest released it");
                    work++;
                }
            }
            default ->
            {
            }
        }
        return work;
    }

    @Override
    public void onControl(final ControlMessage message)
    {
        switch (message.type())
        {
            case SWITCH_DATA_PATH -> onSwitchDataPath(message.transactionId(), message.dataPath());
            case VF_ASSOCIATION ->
            {
                if (!message.vfOffered() && message.vfSerial() == serial &&
                    (state == HostVfState.RELEASING || state == HostVfState.REVOKING || state == HostVfState.OFFERED))
                {
                    beginDrain();
                }
                else
                {
                    event(EventId.CONTROL_REFUSED, "guest VF_ASSOCIATION(" + message.vfOffered() + ", " +
                        message.vfSerial() + ") in state " + state);
                }
            }
            case INIT -> send(outbound.reset().initComplete(message.transactionId(), message.maxVersion(), ControlStatus.SUCCESS));
            default ->
            {
            }
        }
    }

    private void onSwitchDataPath(final long txn, final DataPath path)
    {
        final VirtualFunction v = vf;
        if (path == DataPath.VF)
        {
            if (state == HostVfState.OFFERED && v != null && v.state() == VfState.ACTIVE)
            {
                pf.moveMacToVf(v, txn, switchPortId);
                state = HostVfState.VF_ACTIVE;
                send(outbound.reset().switchDataPathComplete(txn, DataPath.VF, ControlStatus.SUCCESS));
                event(EventId.DATA_PATH_SWITCH_REQUESTED, "MAC filter moved to " + v.name());
            }
            else
            {
                send(outbound.reset().switchDataPathComplete(txn, DataPath.SYNTHETIC, ControlStatus.INVALID_REQUEST));
                event(EventId.CONTROL_REFUSED, "SWITCH_DATA_PATH(VF) in state " + state);
            }
            return;
        }
        if (v != null && v.state() == VfState.ACTIVE)
        {
            pf.moveMacToPf(v, txn); // markers in the VF's queues even if the filter was on the PF already
        }
        send(outbound.reset().switchDataPathComplete(txn, DataPath.SYNTHETIC, ControlStatus.SUCCESS));
        if (v != null && state != HostVfState.NO_VF && state != HostVfState.DRAINING)
        {
            state = HostVfState.RELEASING;
            deadline = now + timeoutNanos;
        }
        event(EventId.DATA_PATH_SWITCH_REQUESTED, "MAC filter moved to the PF (synthetic path)");
    }

    private void onTimeout()
    {
        forced++;
        switch (state)
        {
            case OFFERED ->
            {
                event(EventId.CONTROL_TIMEOUT, "the guest did not switch to the offered VF; offer withdrawn");
                state = HostVfState.REVOKING;
                deadline = now + timeoutNanos;
                send(outbound.reset().vfAssociation(false, serial));
            }
            case REVOKING ->
            {
                final VirtualFunction v = vf;
                if (v.state() == VfState.ACTIVE && !v.isRxSteeredToPf())
                {
                    pf.moveMacToPf(v, SteeringEpoch.of(adapterIndex, Path.SYNTHETIC, false, ++hostSequence));
                }
                event(EventId.CONTROL_TIMEOUT, "the guest did not switch back; the host moved the filter itself");
                state = HostVfState.RELEASING;
                deadline = now + timeoutNanos;
            }
            case RELEASING ->
            {
                event(EventId.CONTROL_TIMEOUT, EventLevel.ERROR, "the guest did not let go of the VF; resetting it");
                takenBack = true;
                beginDrain();
            }
            default ->
            {
            }
        }
    }

    private void beginDrain()
    {
        final VirtualFunction v = vf;
        if (v.state() == VfState.ACTIVE)
        {
            pf.revoke(v, SteeringEpoch.of(adapterIndex, Path.SYNTHETIC, false, ++hostSequence)); // closes TX; NIC drains it
        }
        state = HostVfState.DRAINING;
        deadline = now + timeoutNanos;
    }

    private void finishRelease(final String why)
    {
        takenBack = false;
        final VirtualFunction v = vf;
        if (v.state() == VfState.ACTIVE || v.state() == VfState.REVOKING)
        {
            // Its TX never drained (G7 fallback): stop it at once; what it still held is counted by the NIC.
            final SurpriseRemovalReport report = pf.surpriseRemove(v);
            freeReturned(report);
            event(EventId.CONTROL_TIMEOUT, EventLevel.ERROR, "VF " + v.name() + " still " + v.state() +
                " after the drain timeout: stopped, " + report.txReturned().size() + " TX packets dropped");
        }
        directory.withdraw(serial);
        final long reclaimedBefore = v.counters().get(dev.twinpath.vf.nic.NicCounter.RX_RECLAIMED);
        pf.release(v);
        final long reclaimed = v.counters().get(dev.twinpath.vf.nic.NicCounter.RX_RECLAIMED) - reclaimedBefore;
        vf = null;
        serial = -1;
        state = HostVfState.NO_VF;
        events.record(EventId.VF_RELEASED, reclaimed == 0 ? EventLevel.INFORMATION : EventLevel.WARNING, adapterName,
            v.id(), "VF " + v.name() + " reset and back in the pool (" + why + ")", reclaimed, 0, 0);
    }

    /** The guest is gone from this VF: TX descriptors the NIC hands back are freed and counted ({@link #forcedTxDrops()}). */
    private void freeReturned(final SurpriseRemovalReport report)
    {
        final org.agrona.collections.LongArrayList returned = report.txReturned();
        for (int i = 0; i < returned.size(); i++)
        {
            final long d = returned.getLong(i);
            if (dev.twinpath.packet.pool.PacketDescriptor.isPacket(d))
            {
                pool.free(dev.twinpath.packet.pool.PacketDescriptor.handle(d));
                forcedTxDrops++;
            }
        }
    }

    private static synchronized int nextSerial()
    {
        return nextSerial++;
    }

    private void send(final ControlMessage message)
    {
        if (!channel.sendControl(message))
        {
            event(EventId.CONTROL_TIMEOUT, EventLevel.ERROR, "control ring full: " + message.type() + " not sent");
        }
    }

    private void event(final EventId id, final String reason)
    {
        event(id, id.level(), reason);
    }

    private void event(final EventId id, final EventLevel level, final String reason)
    {
        if (events != null)
        {
            events.record(id, level, adapterName + "@host", vf == null ? SteeringEvent.NO_VF : vf.id(), reason, 0, 0, 0);
        }
    }
}
