package dev.twinpath.datapath;

import dev.twinpath.datapath.event.EventId;
import dev.twinpath.datapath.event.EventLevel;
import dev.twinpath.datapath.event.EventLog;
import dev.twinpath.datapath.event.SteeringEvent;
import dev.twinpath.datapath.host.VfDirectory;
import dev.twinpath.datapath.steer.RxSteering;
import dev.twinpath.datapath.steer.SteeringEpoch;
import dev.twinpath.datapath.steer.TxFence;
import dev.twinpath.datapath.steer.TxSteering;
import dev.twinpath.packet.pool.PacketPool;
import dev.twinpath.packet.pool.PoolCache;
import dev.twinpath.packet.rss.ToeplitzHash;
import dev.twinpath.vf.nic.QueuePair;
import dev.twinpath.vf.nic.SurpriseRemovalReport;
import dev.twinpath.vf.nic.VirtualFunction;
import dev.twinpath.vmbus.ControlMessage;
import dev.twinpath.vmbus.ControlMessageHandler;
import dev.twinpath.vmbus.ControlStatus;
import dev.twinpath.vmbus.DataPath;
import dev.twinpath.vmbus.VmBusEndpoint;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.agrona.concurrent.NanoClock;

/**
 * NetVSC, the guest side of one VM network adapter: one logical adapter with burst {@link #send} and
 * {@link #receive}, backed by the synthetic VMBus channel and, when the host offers one, a VF. The
 * application never sees a path appear or vanish: {@link RxSteering} merges what both paths deliver
 * into one ordered stream, {@link TxSteering} picks the path of each packet and moves flows without
 * loss, duplicates or reordering, and the data path switch runs as Hyper-V runs it, on VMBus control
 * messages ({@link NetVscState}): VF_ASSOCIATION(offered) -> bind the VF, SWITCH_DATA_PATH(VF) ->
 * completion -> TX moves to the VF; VF_ASSOCIATION(revoked) -> TX moves back, SWITCH_DATA_PATH(synthetic)
 * -> completion -> markers and fence -> VF_ASSOCIATION(released) to the host. Every wait has a
 * timeout and a fallback (G7), offers are damped by a minimum dwell time, and every step is an event.
 * <p>
 * A delivered descriptor carries the path it arrived on in its port field ({@link Path#id()}); the
 * application owns the packet and frees it. {@code send} takes ownership of the packets it accepts.
 * <p>
 * Owned by one guest thread: {@link #receive}, {@link #send} and {@link #doWork} from that thread only;
 * {@link #counters()}, {@link #state()} (a snapshot) and {@link #execute} from any thread.
 */
public final class NetVscAdapter implements ControlMessageHandler, RxSteering.Listener, TxSteering.Listener
{
    private final NetVscContext context;
    private final String name;
    private final int index;
    private final VmBusEndpoint channel;
    private final VfDirectory directory;
    private final EventLog events;
    private final NanoClock clock;
    private final RxSteering rx;
    private final TxSteering tx;
    private final AdapterCounters counters;
    private final long[] scratch;
    private final ControlMessage outbound = new ControlMessage();
    private final ManyToOneConcurrentArrayQueue<Runnable> commands = new ManyToOneConcurrentArrayQueue<>(64);

    private volatile NetVscState state = NetVscState.SYNTHETIC;
    private VirtualFunction vf;
    private int vfSerial = -1;
    private long epochSequence;
    private long pendingTxn = -1;
    private long deadline;
    private long lastSwitchNanos = Long.MIN_VALUE / 2;
    private int deferredSerial = -1;
    private long switchStartNanos;
    private boolean measuring;
    private long now;
    private int publishCountdown;
    private final SwitchTimes switchTimes;

    public NetVscAdapter(
        final NetVscContext context,
        final PacketPool pool,
        final VmBusEndpoint guestEndpoint,
        final VfDirectory directory,
        final TxFence uplinkFence,
        final EventLog events,
        final NanoClock clock,
        final SwitchTimes switchTimes)
    {
        this.context = context.conclude();
        this.name = context.name();
        this.index = context.index();
        this.channel = guestEndpoint;
        this.directory = directory;
        this.events = events;
        this.clock = clock;
        this.switchTimes = switchTimes;
        this.counters = new AdapterCounters(name);
        final PoolCache cache = pool.newCache();
        final ToeplitzHash toeplitz = ToeplitzHash.microsoftDefault();
        final int maxPoll = context.burst() * (dev.twinpath.vf.nic.PhysicalFunction.MAX_QUEUE_PAIRS + 1);
        this.rx = new RxSteering(index, pool, cache, toeplitz, context.holdBound(), maxPoll,
            context.holdTimeoutNanos(), this);
        this.tx = new TxSteering(index, pool, toeplitz, guestEndpoint, uplinkFence, context.stageCapacity(),
            8192, context.holdBound(), context.fenceTimeoutNanos(), this);
        this.scratch = new long[Math.max(context.burst(), guestEndpoint.maxBurst())];
    }

    public String name()
    {
        return name;
    }

    public int index()
    {
        return index;
    }

    public long mac()
    {
        return context.mac();
    }

    public NetVscState state()
    {
        return state;
    }

    public AdapterCounters counters()
    {
        return counters;
    }

    /** @return the bound VF, or null. Guest thread's view. */
    public VirtualFunction vf()
    {
        return vf;
    }

    /** @return the path most flows take now for RX. Guest thread. */
    public Path rxPath()
    {
        return rx.rxDefault();
    }

    /** @return the path most flows take now for TX. Guest thread. */
    public Path txPath()
    {
        return tx.txDefault();
    }

    /** @return the most packets RX held back at once. Guest thread. */
    public long rxHeldHighWater()
    {
        return rx.hold().highWater();
    }

    /** @return the most packets TX held back at once. Guest thread. */
    public long txHeldHighWater()
    {
        return tx.hold().highWater();
    }

    /** @return packets held now (RX + TX) plus packets staged for TX. Guest thread. */
    public int inFlight()
    {
        return rx.hold().size() + rx.ready().size() + tx.hold().size() + tx.staged();
    }

    /** Run {@code command} on the guest thread at its next {@link #doWork} (control path; any thread). */
    public boolean execute(final Runnable command)
    {
        return commands.offer(command);
    }

    RxSteering rxSteering()
    {
        return rx;
    }

    TxSteering txSteering()
    {
        return tx;
    }

    // ---------------------------------------------------------------- data path

    /**
     * Take up to {@code max} received packets, in order per flow whichever path they came on.
     *
     * @return how many were written to {@code into} from {@code offset}; each carries its path in the port field.
     */
    public int receive(final long[] into, final int offset, final int max)
    {
        int n = rx.ready().drainTo(into, offset, max);
        if (n < max)
        {
            poll(clock.nanoTime());
            n += rx.ready().drainTo(into, offset + n, max - n);
        }
        return n;
    }

    /**
     * Send {@code count} packets in order; the adapter picks each one's path.
     *
     * @return how many it took (the rest stays with the caller: back-pressure).
     */
    public int send(final long[] packets, final int offset, final int count)
    {
        return tx.send(packets, offset, count, clock.nanoTime());
    }

    private void poll(final long nowNanos)
    {
        final VirtualFunction v = vf;
        if (v != null)
        {
            final int queues = v.queuePairCount();
            for (int q = 0; q < queues; q++)
            {
                final int budget = rx.budget(Path.VF.id(), context.burst());
                if (budget == 0)
                {
                    counters.add(AdapterCounter.RX_HOLD_FULL, 1);
                    continue;
                }
                final QueuePair qp = v.queuePair(q);
                final int n = qp.receive(scratch, 0, budget);
                if (n == QueuePair.FUNCTION_REMOVED)
                {
                    onSurpriseRemoval(nowNanos);
                    break;
                }
                for (int i = 0; i < n; i++)
                {
                    rx.accept(scratch[i], Path.VF.id(), q, nowNanos);
                }
            }
        }
        final int budget = rx.budget(Path.SYNTHETIC.id(), scratch.length);
        if (budget == 0)
        {
            counters.add(AdapterCounter.RX_HOLD_FULL, 1);
            return;
        }
        final int n = channel.receiveBurst(scratch, 0, budget);
        for (int i = 0; i < n; i++)
        {
            rx.accept(scratch[i], Path.SYNTHETIC.id(), 0, nowNanos);
        }
    }

    // ---------------------------------------------------------------- control path

    /** Control messages, timeouts, TX flushing and moves. Guest thread. @return work done. */
    public int doWork()
    {
        now = clock.nanoTime();
        int work = 0;
        Runnable command;
        while ((command = commands.poll()) != null)
        {
            command.run();
            work++;
        }
        work += channel.pollControl(this, 8);
        work += tx.flush(now);
        if (tx.takeRemovedSignal())
        {
            onSurpriseRemoval(now);
        }
        work += rx.checkTimeout(now);
        work += checkTimers();
        if (--publishCountdown <= 0)
        {
            publishCounters();
            publishCountdown = 64;
        }
        return work;
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
            deferredSerial = -1;
        }
        else if (serial == vfSerial && (state == NetVscState.VF_ACTIVE || state == NetVscState.SWITCHING_TO_VF))
        {
            switchToSynthetic("the host revokes the VF");
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
        switchStartNanos = now;
        measuring = true;
        pendingTxn = nextEpoch(Path.VF);
        state = NetVscState.SWITCHING_TO_VF;
        deadline = now + context.completionTimeoutNanos();
        sendControl(outbound.reset().switchDataPath(pendingTxn, DataPath.VF));
        event(EventId.VF_ASSOCIATED, "VF " + found.name() + " bound (" + found.queuePairCount() +
            " queue pairs); SWITCH_DATA_PATH(VF) requested", 0, 0, 0);
    }

    private void switchToSynthetic(final String reason)
    {
        switchStartNanos = now;
        measuring = true;
        tx.moveAll(Path.SYNTHETIC, nextEpoch(Path.SYNTHETIC), now);
        pendingTxn = nextEpoch(Path.SYNTHETIC);
        state = NetVscState.SWITCHING_TO_SYNTHETIC;
        deadline = now + context.completionTimeoutNanos();
        sendControl(outbound.reset().switchDataPath(pendingTxn, DataPath.SYNTHETIC));
        event(EventId.DATA_PATH_SWITCH_REQUESTED, reason + "; SWITCH_DATA_PATH(synthetic) requested", 0, 0, 0);
    }

    private void onSwitchComplete(final long txn, final DataPath path, final ControlStatus status)
    {
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
                if (deferredSerial >= 0 && now - lastSwitchNanos >= context.minDwellNanos())
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
                    switchToSynthetic("completion timed out");
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
                final boolean drained = rx.rxDefault() == Path.SYNTHETIC && rx.hold().heldOnPath(Path.VF.id()) == 0 &&
                    tx.vfIdle();
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
                if (measuring && rx.rxDefault() == Path.VF && rx.hold().isEmpty() && !tx.isMoveActive())
                {
                    measuring = false; // both directions on the VF, nothing held: the switch is over
                    if (switchTimes != null)
                    {
                        switchTimes.record(now - switchStartNanos);
                    }
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
        state = NetVscState.SYNTHETIC;
        lastSwitchNanos = now;
        counters.add(AdapterCounter.PATH_SWITCHES, 1);
        if (switchTimes != null && measuring)
        {
            switchTimes.record(now - switchStartNanos);
        }
        measuring = false;
        sendControl(outbound.reset().vfAssociation(false, serial));
        event(EventId.VF_RELEASED, reason + (v == null ? "" : " (" + v.name() + ")"), 0, 0, 0);
    }

    private void onSurpriseRemoval(final long nowNanos)
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
        pendingTxn = -1;
        switchStartNanos = nowNanos;
        measuring = false;
        releaseVf("VF gone (surprise removal)");
    }

    // ---------------------------------------------------------------- listeners

    @Override
    public void onRxPathClosed(final long epoch, final Path closed, final int released, final int stillHeld)
    {
        event(EventId.RX_PATH_CLOSED, "RX on " + closed.label() + " closed by " +
            (epoch < 0 ? "removal" : SteeringEpoch.toString(epoch)), 0, rx.hold().highWater(), released);
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
        event(EventId.TX_PATH_CLOSED, timedOut ? EventLevel.WARNING : EventLevel.INFORMATION,
            "TX on " + closed.label() + (timedOut ? " assumed drained after the fence timeout" : " drained"), 0, held, held);
    }

    @Override
    public void onVfTxRemoved(final int resent)
    {
    }

    // ---------------------------------------------------------------- helpers

    private long nextEpoch(final Path target)
    {
        return SteeringEpoch.of(index, target, false, ++epochSequence);
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
        if (events != null)
        {
            events.record(id, level, name, vf == null ? SteeringEvent.NO_VF : vf.id(), reason, drained, held, released);
        }
    }

    private long[] published = new long[AdapterCounter.count()];

    /** Copy the steering sides' plain counts into the off-heap counters. Guest thread. */
    public void publishCounters()
    {
        set(AdapterCounter.RX_VF, rx.deliveredVf());
        set(AdapterCounter.RX_SYNTHETIC, rx.delivered() - rx.deliveredVf());
        set(AdapterCounter.RX_HELD, rx.held());
        set(AdapterCounter.RX_RELEASED, rx.released());
        set(AdapterCounter.RX_RELEASED_ON_TIMEOUT, rx.releasedOnTimeout());
        set(AdapterCounter.RX_GROUP_ON_VF_SUPPRESSED, rx.groupSuppressed());
        set(AdapterCounter.RX_MARKERS, rx.markers());
        set(AdapterCounter.RX_FOREIGN_MARKERS, rx.foreignMarkers());
        set(AdapterCounter.TX_VF, tx.sentVf());
        set(AdapterCounter.TX_SYNTHETIC, tx.sentSynthetic());
        set(AdapterCounter.TX_HELD, tx.heldTotal());
        set(AdapterCounter.TX_FENCE_TIMEOUTS, tx.fenceTimeouts());
        set(AdapterCounter.TX_RESENT_AFTER_REMOVAL, tx.resentAfterRemoval());
        set(AdapterCounter.TX_BACKPRESSURE, tx.backpressure());
        set(AdapterCounter.RX_HELD_HIGH_WATER, rx.hold().highWater());
        set(AdapterCounter.RX_IN_FLIGHT, rx.hold().size() + rx.ready().size());
        set(AdapterCounter.TX_HELD_HIGH_WATER, tx.hold().highWater());
        set(AdapterCounter.TX_IN_FLIGHT, tx.hold().size() + tx.staged());
    }

    private void set(final AdapterCounter c, final long value)
    {
        final long delta = value - published[c.ordinal()];
        if (delta != 0)
        {
            counters.add(c, delta);
            published[c.ordinal()] = value;
        }
    }
}
