package dev.twinpath.datapath;

import dev.twinpath.datapath.event.EventLog;
import dev.twinpath.datapath.host.VfDirectory;
import dev.twinpath.datapath.steer.RxSteering;
import dev.twinpath.datapath.steer.TxFence;
import dev.twinpath.datapath.steer.TxSteering;
import dev.twinpath.packet.pool.PacketPool;
import dev.twinpath.packet.pool.PoolCache;
import dev.twinpath.packet.rss.ToeplitzHash;
import dev.twinpath.vf.nic.QueuePair;
import dev.twinpath.vf.nic.VirtualFunction;
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
public final class NetVscAdapter
{
    private final NetVscContext context;
    private final String name;
    private final int index;
    private final VmBusEndpoint channel;
    private final NanoClock clock;
    private final RxSteering rx;
    private final TxSteering tx;
    private final AdapterCounters counters;
    private final NetVscControl control;
    private final long[] scratch;
    private final PoolCache cache;
    private final ManyToOneConcurrentArrayQueue<Runnable> commands = new ManyToOneConcurrentArrayQueue<>(64);

    private int publishCountdown;

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
        this(context, pool, guestEndpoint, directory, uplinkFence, events, clock, switchTimes, null);
    }

    /**
     * An adapter that continues {@code carried}'s counters: the same adapter of a VM that live-migrated
     * to another host (its VMBus channel, VF directory and uplink are the new host's; what it counted
     * moves with the VM). {@code carried} null starts from zero.
     */
    public NetVscAdapter(
        final NetVscContext context,
        final PacketPool pool,
        final VmBusEndpoint guestEndpoint,
        final VfDirectory directory,
        final TxFence uplinkFence,
        final EventLog events,
        final NanoClock clock,
        final SwitchTimes switchTimes,
        final AdapterCounters carried)
    {
        this.context = context.conclude();
        this.name = context.name();
        this.index = context.index();
        this.channel = guestEndpoint;
        this.clock = clock;
        this.counters = carried != null ? carried : new AdapterCounters(name);
        this.scratch = new long[Math.max(context.burst(), guestEndpoint.maxBurst())];
        this.control = new NetVscControl(context, guestEndpoint, directory, events, counters, switchTimes, scratch.length);
        this.cache = pool.newCache();
        final ToeplitzHash toeplitz = ToeplitzHash.microsoftDefault();
        final int maxPoll = context.burst() * (dev.twinpath.vf.nic.PhysicalFunction.MAX_QUEUE_PAIRS + 1);
        this.rx = new RxSteering(index, pool, cache, toeplitz, context.holdBound(), maxPoll,
            context.holdTimeoutNanos(), control);
        this.tx = new TxSteering(index, pool, toeplitz, guestEndpoint, uplinkFence, context.stageCapacity(),
            8192, context.holdBound(), context.fenceTimeoutNanos(), control);
        control.bind(rx, tx);
        control.now = clock.nanoTime(); // doWork refreshes it; receive and send use it
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
        return control.state;
    }

    /** Show every descriptor RX reads, before hold-back, to {@code tap} (null: none). Before the guest thread runs it. */
    public void rxTap(final dev.twinpath.datapath.steer.RxTap tap)
    {
        rx.tap(tap);
    }

    /** @return true from a switch's request until both directions run on the new path with nothing held. Guest thread. */
    public boolean switchInProgress()
    {
        return control.switchInProgress();
    }

    public AdapterCounters counters()
    {
        return counters;
    }

    /** @return the bound VF, or null. Guest thread's view. */
    public VirtualFunction vf()
    {
        return control.vf;
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

    /**
     * Live migration, on the guest thread: put an end marker of {@code epoch} on the synthetic TX path
     * behind every packet sent so far; the host that forwards it to the rack reports when everything
     * the adapter sent through it has left.
     *
     * @return false when the stage is full (try again).
     */
    public boolean sendEndMarker(final long epoch)
    {
        if (!tx.stageSyntheticMarker(dev.twinpath.packet.pool.PacketDescriptor.marker(epoch)))
        {
            return false;
        }
        tx.flush(control.now);
        return true;
    }

    /**
     * @return true when the adapter is settled on the synthetic path with nothing held, staged or
     * waiting to be read on either side: the state a VM can be paused in for a live migration. Guest thread.
     */
    public boolean isQuiescent()
    {
        return control.state == NetVscState.SYNTHETIC && control.vf == null && rx.isSettled() && rx.hold().isEmpty() &&
            rx.ready().isEmpty() && tx.isIdle();
    }

    /**
     * Return the buffers the adapter freed and still caches to the pool: at a quiescent point, or when a
     * live migration retires the adapter while its guest is paused.
     */
    public void flushCache()
    {
        cache.flush();
    }

    /**
     * Give back packets taken by {@link #send} that are still staged in the adapter and on no ring yet
     * (a NIC team sends them on another member after this one's link went down). Guest thread.
     *
     * @return packets written to {@code into}, oldest first; the caller owns them again.
     */
    public int reclaimStaged(final long[] into, final int offset, final int max)
    {
        return tx.reclaimStaged(into, offset, max);
    }

    /** Run {@code command} on the guest thread at its next {@link #doWork} (control path; any thread). */
    public boolean execute(final Runnable command)
    {
        return commands.offer(command);
    }

    /**
     * Guest side of a per-flow move, on the guest thread: register the RX flow set (its NIC markers
     * will carry the returned epoch) and start the TX move.
     *
     * @return the move's epoch, or -1 while another TX move is under way (try again).
     */
    public long beginFlowMove(final int[] rxHashes, final int[] txHashes, final Path target)
    {
        if (tx.isMoveActive())
        {
            return -1;
        }
        final long epoch = control.nextFlowSetEpoch(target);
        rx.registerFlowSet(epoch, rxHashes.clone());
        tx.moveFlows(txHashes, target, epoch, clock.nanoTime());
        control.flowsMoved(epoch, rxHashes.length, target);
        return epoch;
    }

    /** The host had no VF to mark the flow move {@code epoch} with: the RX side applies it itself. Guest thread. */
    public void flowMoveWithoutMarker(final long epoch)
    {
        rx.resolveWithoutMarker(epoch);
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
            poll(control.now); // the clock as of the last doWork: hold-back timestamps need no finer grain
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
        return tx.send(packets, offset, count, control.now);
    }

    private void poll(final long nowNanos)
    {
        final VirtualFunction v = control.vf;
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
                    control.onSurpriseRemoval(nowNanos);
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

    /**
     * Control messages, timeouts, TX flushing and moves; call it between bursts (it also reads the clock
     * that receive and send stamp held packets with). Guest thread.
     *
     * @return work done.
     */
    public int doWork()
    {
        final long now = clock.nanoTime();
        control.now = now;
        int work = 0;
        Runnable command;
        while ((command = commands.poll()) != null)
        {
            command.run();
            work++;
        }
        work += control.doWork(now);
        if (--publishCountdown <= 0)
        {
            publishCounters();
            publishCountdown = 64;
        }
        return work;
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
