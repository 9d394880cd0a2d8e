package dev.twinpath.datapath;

import dev.twinpath.datapath.event.EventId;
import dev.twinpath.datapath.event.EventLevel;
import dev.twinpath.datapath.event.EventLog;
import dev.twinpath.datapath.event.SteeringEvent;
import dev.twinpath.datapath.host.VfDirectory;
import dev.twinpath.datapath.steer.RxSteering;
import dev.twinpath.datapath.steer.SteeringEpoch;
import dev.twinpath.datapath.steer.TxSteering;
import dev.twinpath.vf.nic.QueuePair;
import dev.twinpath.vf.nic.SurpriseRemovalReport;
import dev.twinpath.vf.nic.VirtualFunction;
import dev.twinpath.vmbus.ControlMessage;
import dev.twinpath.vmbus.ControlMessageHandler;
import dev.twinpath.vmbus.ControlStatus;
import dev.twinpath.vmbus.DataPath;
import dev.twinpath.vmbus.VmBusEndpoint;

/**
 * The guest's data path switch state machine ({@link NetVscState}), driven by VMBus control messages
 * as NetVSC drives it: VF_ASSOCIATION(offered) -> bind the VF, SWITCH_DATA_PATH(VF) -> completion ->
 * TX moves to the VF; VF_ASSOCIATION(revoked) -> TX moves back, SWITCH_DATA_PATH(synthetic) ->
 * completion -> the VF's markers and TX fence -> VF_ASSOCIATION(released) to the host. Every wait has a
 * timeout and a fallback (G7); an offer sooner than the minimum dwell after the last switch is
 * deferred (flap damping); a VF that vanishes (surprise removal) is accounted (G5); every step is an
 * event in the lab's {@link EventLog}.
 * <p>
 * Owned by the adapter's guest thread.
 */
final class NetVscControl implements ControlMessageHandler, RxSteering.Listener, TxSteering.Listener
{
    private final NetVscContext context;
    private final String name;
    private final int index;
    private final VmBusEndpoint channel;
    private final VfDirectory directory;
    private final EventLog events;
    private RxSteering rx;
    private TxSteering tx;
    private final AdapterCounters counters;
    private final SwitchTrace trace;
    private final long[] scratch;
    private final ControlMessage outbound = new ControlMessage();

    volatile NetVscState state = NetVscState.SYNTHETIC;
    VirtualFunction vf;
    private QueuePair boundQueue; // the VF's first queue pair when bound: a reset function gets new ones
    private int vfSerial = -1;
    private long epochSequence;
    private long pendingTxn = -1;
    private long overtakenVfTxn = -1; // a switch to the VF a revoke overtook: its late refusal still matters
    private long detachEpoch = -1;
    private long deadline;
    private long lastSwitchNanos = Long.MIN_VALUE / 2;
    private int deferredSerial = -1;
    long now;

    NetVscControl(
        final NetVscContext context,
        final VmBusEndpoint channel,
        final VfDirectory directory,
        final EventLog events,
        final AdapterCounters counters,
        final SwitchTimes switchTimes,
        final int scratchLength)
    {
        this.context = context;
        this.name = context.name();
        this.index = context.index();
        this.channel = channel;
        this.directory = directory;
        this.events = events;
        this.counters = counters;
        this.trace = new SwitchTrace(context.host(), name, switchTimes);
        this.scratch = new long[scratchLength];
    }

    void bind(final RxSteering rx, final TxSteering tx)
    {
        this.rx = rx;
        this.tx = tx;
    }

    /** Control messages, TX moves, timers. Guest thread. @return work done. */
    int doWork(final long nowNanos)
    {
        now = nowNanos;
        int work = channel.pollControl(this, 8);
        work += tx.flush(now);
        if (tx.takeRemovedSignal())
        {
            onSurpriseRemoval(now);
        }
        if (state == NetVscState.VF_ACTIVE && takenBack(vf))
        {
            onVfTakenBack();
            work++;
        }
        work += rx.checkTimeout(now);
        return work + checkTimers();
    }

    @Override
    public void onControl(final ControlMessage message)
    {
        switch (message.type())
        {
            case VF_ASSOCIATION -> onVfAssociation(message.vfOffered(), message.vfSerial());
            case SWITCH_DATA_PATH_COMPLETE ->
                onSwitchComplete(message.transactionId(), message.dataPath(), message.status());
            default ->
            {
                // LINK_STATUS, INIT_COMPLETE, SUBCHANNEL_COMPLETE: nothing the steering layer acts on
            }
        }
    }

    private void onVfAssociation(final boolean offered, final int serial)
    {
        if (offered)
        {
            offer(serial);
        }
        else if (serial == deferredSerial)
        {
            deferredSerial = -1; // never bound: give it straight back
            sendControl(outbound.reset().vfAssociation(false, serial));
            event(EventId.VF_RELEASED, "deferred VF offer (serial " + serial + ") revoked before it was taken", 0, 0, 0);
        }
        else if (serial == vfSerial && (state == NetVscState.VF_ACTIVE || state == NetVscState.SWITCHING_TO_VF))
        {
            switchToSynthetic("the host revokes the VF", "revoke");
        }
        else
        {
            refuse("VF_ASSOCIATION(revoked) for serial " + serial + " in state " + state);
        }
    }

    private void offer(final int serial)
    {
        if (state != NetVscState.SYNTHETIC)
        {
            refuse("VF offered (serial " + serial + ") while " + state + " with serial " + vfSerial);
            return;
        }
        if (now - lastSwitchNanos < context.minDwellNanos())
        {
            deferredSerial = serial;
            counters.add(AdapterCounter.FLAPS_DAMPED, 1);
            event(EventId.FLAP_DAMPED, "VF offer deferred " + (lastSwitchNanos + context.minDwellNanos() - now) / 1000 +
                " us: the last switch was less than the minimum dwell time ago", 0, 0, 0);
            return;
        }
        if (!rx.isSettled())
        {
            deferredSerial = serial; // the last move's packets are still held: a new VF would mix with the old one's
            event(EventId.FLAP_DAMPED, "VF offer deferred until the previous move has settled (" + rx.hold().size() +
                " packets held)", 0, 0, 0);
            return;
        }
        final VirtualFunction found = directory.lookup(serial);
        if (found == null)
        {
            refuse("VF offered with serial " + serial + " but no such device is on the bus");
            return;
        }
        vf = found;
        vfSerial = serial;
        rx.vfBound(found.queuePairCount());
        tx.bindVf(found.queuePair(0));
        boundQueue = found.queuePair(0);
        trace.begin(Path.SYNTHETIC, Path.VF, "offer", found.id(), now);
        pendingTxn = nextEpoch(Path.VF);
        state = NetVscState.SWITCHING_TO_VF;
        deadline = now + context.completionTimeoutNanos();
        sendControl(outbound.reset().switchDataPath(pendingTxn, DataPath.VF));
        event(EventId.VF_ASSOCIATED, "VF " + found.name() + " bound (" + found.queuePairCount() +
            " queue pairs); SWITCH_DATA_PATH(VF) requested", 0, 0, 0);
    }

    private void switchToSynthetic(final String reason, final String trigger)
    {
        overtakenVfTxn = state == NetVscState.SWITCHING_TO_VF ? pendingTxn : -1;
        trace.toSynthetic(state == NetVscState.SWITCHING_TO_VF, trigger, vf.id(), now);
        tx.moveAll(Path.SYNTHETIC, nextEpoch(Path.SYNTHETIC), now);
        pendingTxn = nextEpoch(Path.SYNTHETIC);
        detachEpoch = pendingTxn; // the host's markers in the VF's queues will carry it
        state = NetVscState.SWITCHING_TO_SYNTHETIC;
        deadline = now + context.completionTimeoutNanos();
        sendControl(outbound.reset().switchDataPath(pendingTxn, DataPath.SYNTHETIC));
        event(EventId.DATA_PATH_SWITCH_REQUESTED, reason + "; SWITCH_DATA_PATH(synthetic) requested", 0, 0, 0);
    }

    private void onSwitchComplete(final long txn, final DataPath path, final ControlStatus status)
    {
        if (txn == overtakenVfTxn && txn != pendingTxn)
        {
            overtakenVfTxn = -1;
            if (status != ControlStatus.SUCCESS)
            {
                rx.vfMoveRefused(); // the filter never moved onto the VF: no marker closes the synthetic path for it
            }
            refuse("SWITCH_DATA_PATH_COMPLETE(" + status + ") for the switch to the VF the revoke overtook (" +
                SteeringEpoch.toString(txn) + ")");
            return;
        }
        if (txn != pendingTxn)
        {
            refuse("SWITCH_DATA_PATH_COMPLETE for transaction " + SteeringEpoch.toString(txn) + " (expected " +
                (pendingTxn < 0 ? "none" : SteeringEpoch.toString(pendingTxn)) + ")");
            return;
        }
        pendingTxn = -1;
        if (state == NetVscState.SWITCHING_TO_VF)
        {
            if (status == ControlStatus.SUCCESS && path == DataPath.VF)
            {
                tx.moveAll(Path.VF, nextEpoch(Path.VF), now);
                state = NetVscState.VF_ACTIVE;
                lastSwitchNanos = now;
                counters.add(AdapterCounter.PATH_SWITCHES, 1);
                event(EventId.DATA_PATH_SWITCHED, "data path is the VF", 0, 0, 0);
            }
            else
            {
                event(EventId.DATA_PATH_SWITCHED, EventLevel.WARNING, "the host refused the VF (" + status +
                    "); staying on the synthetic path", 0, 0, 0);
                detachEpoch = -1; // the filter never moved: nothing can be on the VF
                trace.fellBack("the host refused the VF");
                rx.vfMoveRefused();
                beginDetach();
            }
        }
        else if (state == NetVscState.SWITCHING_TO_SYNTHETIC)
        {
            event(EventId.DATA_PATH_SWITCHED, "data path is synthetic (" + status + ")", 0, 0, 0);
            beginDetach();
        }
    }

    private void beginDetach()
    {
        state = NetVscState.DETACHING_VF;
        deadline = now + context.detachTimeoutNanos();
    }

    private int checkTimers()
    {
        switch (state)
        {
            case SYNTHETIC ->
            {
                if (deferredSerial >= 0 && now - lastSwitchNanos >= context.minDwellNanos() && rx.isSettled())
                {
                    final int serial = deferredSerial;
                    deferredSerial = -1;
                    offer(serial);
                    return 1;
                }
            }
            case SWITCHING_TO_VF ->
            {
                if (now - deadline > 0)
                {
                    timeout("no SWITCH_DATA_PATH_COMPLETE for the switch to the VF; back to synthetic");
                    switchToSynthetic("completion timed out", "timeout");
                    return 1;
                }
            }
            case SWITCHING_TO_SYNTHETIC ->
            {
                if (now - deadline > 0)
                {
                    timeout("no SWITCH_DATA_PATH_COMPLETE for the switch to synthetic; detaching the VF anyway");
                    pendingTxn = -1;
                    beginDetach();
                    return 1;
                }
            }
            case DETACHING_VF ->
            {
                // Every VF RX queue has delivered the host's end marker (what the VF received is read; what
                // is held waits in guest memory for the synthetic path to close), and VF TX has drained.
                final boolean drained = (detachEpoch < 0 || rx.vfMarkersRead(detachEpoch)) && tx.vfIdle();
                if (drained || now - deadline > 0)
                {
                    if (!drained)
                    {
                        timeout("the VF's markers or TX fence did not come; letting the VF go");
                    }
                    releaseVf(drained ? "VF drained and released to the host" : "VF released after timeout");
                    return 1;
                }
            }
            case VF_ACTIVE ->
            {
                if (trace.timing() && rx.rxDefault() == Path.VF && rx.hold().isEmpty() && !tx.isMoveActive())
                {
                    trace.settled(now); // both directions on the VF, nothing held: the switch is over
                }
            }
            default ->
            {
            }
        }
        return 0;
    }

    private void releaseVf(final String reason)
    {
        final VirtualFunction v = vf;
        final int serial = vfSerial;
        vf = null;
        vfSerial = -1;
        tx.unbindVf();
        rx.vfGone(); // its queues are no longer read: flow moves it could not mark apply now
        state = NetVscState.SYNTHETIC;
        lastSwitchNanos = now;
        counters.add(AdapterCounter.PATH_SWITCHES, 1);
        trace.released(reason, now);
        sendControl(outbound.reset().vfAssociation(false, serial));
        event(EventId.VF_RELEASED, reason + (v == null ? "" : " (" + v.name() + ")"), 0, 0, 0);
    }

    /**
     * @return true when the host reset {@code v} while this guest still used it: its revoke never arrived
     * (a lost or refused control message) and the host's timeouts took the VF back (G7). REVOKING is not
     * yet: the NIC is still draining the TX the guest gave it.
     */
    private boolean takenBack(final VirtualFunction v)
    {
        final dev.twinpath.vf.nic.VfState s = v.state(); // volatile read: written by the host's thread
        return s == dev.twinpath.vf.nic.VfState.REVOKED || s == dev.twinpath.vf.nic.VfState.FREE ||
            s == dev.twinpath.vf.nic.VfState.ALLOCATED ||
            s == dev.twinpath.vf.nic.VfState.ACTIVE && v.queuePairCount() > 0 && v.queuePair(0) != boundQueue;
    }

    private void onVfTakenBack()
    {
        final VirtualFunction v = vf;
        event(EventId.CONTROL_TIMEOUT, EventLevel.WARNING, "VF " + v.name() + " was taken back by the host without a " +
            "revoke reaching the guest; the synthetic path carries everything", 0, 0, 0);
        vf = null;
        vfSerial = -1;
        boundQueue = null;
        tx.onVfRemoved(new org.agrona.collections.LongArrayList()); // what was staged for the VF goes on synthetic
        tx.unbindVf();
        rx.vfGone();
        state = NetVscState.SYNTHETIC;
        lastSwitchNanos = now;
        counters.add(AdapterCounter.PATH_SWITCHES, 1);
        trace.takenBack(v.id(), now);
    }

    void onSurpriseRemoval(final long nowNanos)
    {
        final VirtualFunction v = vf;
        if (v == null)
        {
            return;
        }
        final SurpriseRemovalReport report = v.removalReport();
        if (report == null)
        {
            return; // the NIC is still tearing the function down: look again at the next poll
        }
        long reclaimed = 0;
        for (int q = 0; q < v.queuePairCount(); q++)
        {
            final QueuePair qp = v.queuePair(q);
            int n;
            while ((n = qp.reclaimAfterRemoval(scratch)) > 0)
            {
                for (int i = 0; i < n; i++)
                {
                    rx.accept(scratch[i], Path.VF.id(), q, nowNanos); // DMA'd into guest memory before the removal: still good
                    reclaimed++;
                }
                if (n < scratch.length)
                {
                    break;
                }
            }
        }
        rx.vfGone();
        tx.onVfRemoved(report.txReturned());
        counters.add(AdapterCounter.RX_RECLAIMED_AFTER_REMOVAL, reclaimed);
        counters.add(AdapterCounter.SURPRISE_REMOVALS, 1);
        event(EventId.VF_SURPRISE_REMOVED, "VF " + v.name() + " vanished: " + report.txReturned().size() +
            " TX packets re-sent on synthetic, " + report.rxDropped().size() + " RX frames lost in the NIC", reclaimed,
            0, report.txReturned().size());
        now = nowNanos;
        trace.surpriseRemoval(state == NetVscState.SWITCHING_TO_VF, v.id(), reclaimed, report.txReturned().size(), nowNanos);
        pendingTxn = -1;
        releaseVf("VF gone (surprise removal)");
    }

    /** @return true from a switch's request until both directions run on the new path with nothing held. Guest thread. */
    boolean switchInProgress()
    {
        return trace.timing();
    }

    // ---------------------------------------------------------------- listeners

    @Override
    public void onRxPathClosed(final long epoch, final Path closed, final long drained, final long held, final int released)
    {
        trace.pathClosed(epoch, drained, held, released);
        event(EventId.RX_PATH_CLOSED, "RX on " + closed.label() + " closed by " +
            (epoch < 0 ? "removal" : SteeringEpoch.toString(epoch)), drained, held, released);
    }

    @Override
    public void onRxHoldTimeout(final int released)
    {
        counters.add(AdapterCounter.CONTROL_TIMEOUTS, 1);
        event(EventId.CONTROL_TIMEOUT, "RX hold-back timed out waiting for a marker; released anyway", 0, 0, released);
    }

    @Override
    public void onTxPathClosed(final long epoch, final Path closed, final long held, final boolean timedOut)
    {
        if (timedOut)
        {
            counters.add(AdapterCounter.CONTROL_TIMEOUTS, 1);
        }
        trace.pathClosed(epoch, 0, held, held);
        event(EventId.TX_PATH_CLOSED, timedOut ? EventLevel.WARNING : EventLevel.INFORMATION,
            "TX on " + closed.label() + (timedOut ? " assumed drained after the fence timeout" : " drained"), 0, held, held);
    }

    // ---------------------------------------------------------------- helpers

    private long nextEpoch(final Path target)
    {
        return SteeringEpoch.of(index, target, false, ++epochSequence);
    }

    void flowsMoved(final long epoch, final int flows, final Path target)
    {
        event(EventId.FLOWS_MOVED, flows + " flow(s) to " + target.label() + " (" + SteeringEpoch.toString(epoch) + ")",
            0, 0, 0);
    }

    /** @return a fresh epoch for a flow-set move. Guest thread. */
    long nextFlowSetEpoch(final Path target)
    {
        return SteeringEpoch.of(index, target, true, ++epochSequence);
    }

    private void sendControl(final ControlMessage message)
    {
        if (!channel.sendControl(message))
        {
            event(EventId.CONTROL_TIMEOUT, EventLevel.ERROR, "control ring full: " + message.type() + " not sent", 0, 0, 0);
        }
    }

    private void refuse(final String what)
    {
        event(EventId.CONTROL_REFUSED, what, 0, 0, 0);
    }

    private void timeout(final String what)
    {
        counters.add(AdapterCounter.CONTROL_TIMEOUTS, 1);
        event(EventId.CONTROL_TIMEOUT, what, 0, 0, 0);
    }

    private void event(final EventId id, final String reason, final long drained, final long held, final long released)
    {
        event(id, id.level(), reason, drained, held, released);
    }

    private void event(
        final EventId id, final EventLevel level, final String reason, final long drained, final long held, final long released)
    {
        final int vfId = vf == null ? SteeringEvent.NO_VF : vf.id();
        trace.onEvent(id, vfId, reason);
        if (events != null)
        {
            events.record(id, level, name, vfId, reason, drained, held, released);
        }
    }

}
