package dev.twinpath.datapath.steer;

import dev.twinpath.datapath.Path;
import dev.twinpath.packet.codec.EthernetFrames;
import dev.twinpath.packet.pool.PacketDescriptor;
import dev.twinpath.packet.pool.PacketPool;
import dev.twinpath.packet.pool.PoolCache;
import dev.twinpath.packet.rss.ToeplitzHash;
import dev.twinpath.vf.nic.FlowRuleHash;
import org.agrona.collections.IntHashSet;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The receive side of the move protocol, in the guest (promises G1-G4 for RX): merges what the VF
 * and the synthetic path deliver into one ordered stream for the application.
 * <p>
 * Each flow has an <em>expected</em> path: the VF when the adapter's RX default is the VF and the flow
 * is not pinned to the synthetic path (a NIC flow rule), else the synthetic path. A packet that
 * arrives on its flow's expected path is delivered; one that arrives on the other path is
 * <em>held back</em>, because its flow is moving and the old path may still hold older packets. The
 * old path closes when its end-of-epoch markers have arrived (on every RX queue of the VF, or once on
 * the synthetic path); the epoch says what moved ({@link SteeringEpoch}): the flows' expected path
 * flips and their held packets are released in arrival order. Markers travel in the rings behind
 * the packets they close, so nothing of the old path can come after its marker.
 * <p>
 * The decision never waits for a control message: whatever order markers, packets and completions
 * arrive in, the markers alone decide, which is what makes a lost completion or a host-forced move
 * safe. A hold that outlives {@code holdTimeoutNanos} (a marker lost with a surprise-removed VF, say)
 * is released anyway and counted (G7).
 * <p>
 * Owned by the adapter's guest thread.
 */
public final class RxSteering implements HoldBack.Releaser
{
    /** What the adapter learns from the RX side. */
    public interface Listener
    {
        /**
         * The old path {@code closed} delivered its last marker of {@code epoch}: {@code drained} packets
         * came on it while new-path packets waited, {@code held} were held back, {@code released} went now.
         */
        void onRxPathClosed(long epoch, Path closed, long drained, long held, int released);

        /** Held packets released by the timeout. */
        void onRxHoldTimeout(int released);
    }

    private final int adapterIndex;
    private final PacketPool pool;
    private final UnsafeBuffer memory;
    private final PoolCache cache;
    private final ToeplitzHash toeplitz;
    private final DescriptorFifo ready;
    private final HoldBack hold;
    private final int holdBound;
    private final long holdTimeoutNanos;
    private final Listener listener;
    private final PinnedFlows flows = new PinnedFlows();
    private final VfMarkerTracker vfMarkers = new VfMarkerTracker();
    /** Whole-adapter closes that arrived before the move they follow had closed (moves overlapping in flight). */
    private long deferredVfClose = -1;
    private boolean vfMoveRefused; // the host refused the switch onto the bound VF: no synthetic close will come for it
    private long deferredSyntheticClose = -1;
    private long deferredSince;
    private long lastNow;
    private RxTap tap;
    private long drainedThisMove;
    private long heldThisMove;
    private Path rxDefault = Path.SYNTHETIC;
    private boolean forceRelease;

    long delivered;
    long deliveredVf;
    long held;
    long released;
    long releasedOnTimeout;
    long groupSuppressed;
    long markers;
    long foreignMarkers;

    public RxSteering(
        final int adapterIndex,
        final PacketPool pool,
        final PoolCache cache,
        final ToeplitzHash toeplitz,
        final int holdBound,
        final int maxPoll,
        final long holdTimeoutNanos,
        final Listener listener)
    {
        this.adapterIndex = adapterIndex;
        this.pool = pool;
        this.memory = pool.buffer();
        this.cache = cache;
        this.toeplitz = toeplitz;
        this.holdBound = holdBound;
        this.hold = new HoldBack(holdBound + maxPoll);
        this.ready = new DescriptorFifo(holdBound + 2 * maxPoll);
        this.holdTimeoutNanos = holdTimeoutNanos;
        this.listener = listener;
    }

    // ---------------------------------------------------------------- state

    public Path rxDefault()
    {
        return rxDefault;
    }

    public HoldBack hold()
    {
        return hold;
    }

    public DescriptorFifo ready()
    {
        return ready;
    }

    /** @return flows pinned to the synthetic path (RSS hashes). */
    public IntHashSet pinned()
    {
        return flows.pinned();
    }

    /** A VF with {@code queues} RX queues was bound: its markers are counted per queue. */
    public void vfBound(final int queues)
    {
        vfMarkers.bind(queues);
        deferredVfClose = -1;
        vfMoveRefused = false;
    }

    /**
     * The host refused the switch onto the bound VF (a revoke overtook it): the filter never moved, so no
     * marker will close the synthetic path for that move. A close of the VF path waiting for one applies
     * now; one still to come applies when it arrives, changing nothing but releasing what it held.
     */
    public void vfMoveRefused()
    {
        vfMoveRefused = true;
        if (deferredVfClose >= 0 && rxDefault == Path.SYNTHETIC)
        {
            final long epoch = deferredVfClose;
            deferredVfClose = -1;
            final int n = hold.release(this);
            closed(epoch, Path.VF, n);
        }
    }

    /** Register the flows of a flow-set move before the NIC moves them (its markers carry {@code epoch}). */
    public void registerFlowSet(final long epoch, final int[] rssHashes)
    {
        flows.register(epoch, rssHashes);
    }

    /**
     * A flow-set move the NIC did not mark (no VF was there to carry markers): apply it now when no VF
     * is bound, else when the VF goes (its queues may still hold the flows' older packets).
     */
    public void resolveWithoutMarker(final long epoch)
    {
        if (vfMarkers.queues() == 0)
        {
            flows.apply(epoch);
            final int n = hold.release(this);
            closed(epoch, SteeringEpoch.target(epoch).other(), n);
        }
        else
        {
            flows.applyLater(epoch);
        }
    }

    /**
     * How many descriptors path {@code pathId} may be read now: all of {@code max} when the hold-back
     * buffer has room below its bound, or when this path is the old path of the held packets (reading
     * it is what brings the markers that release them); 0 otherwise (back-pressure, never a drop).
     */
    public int budget(final int pathId, final int max)
    {
        if (hold.size() + max <= holdBound)
        {
            return max;
        }
        if (hold.heldOnPath(pathId) == 0)
        {
            return Math.min(max, hold.remaining()); // the old path: it brings the markers
        }
        return Math.max(0, Math.min(max, holdBound - hold.size()));
    }

    /** Show every descriptor read from now on to {@code tap} (null: none). Guest thread, or before it starts. */
    public void tap(final RxTap tap)
    {
        this.tap = tap;
    }

    // ---------------------------------------------------------------- data

    /** A packet or marker read from path {@code pathId} (RX queue {@code queue} of the VF, or 0). */
    public void accept(final long d, final int pathId, final int queue, final long nowNanos)
    {
        lastNow = nowNanos;
        if (tap != null)
        {
            tap.onArrival(d, pathId, queue, nowNanos);
        }
        if (PacketDescriptor.isMarker(d))
        {
            onMarker(PacketDescriptor.epoch(d), pathId, queue);
            return;
        }
        final int handle = PacketDescriptor.handle(d);
        final int at = pool.dataOffset(handle);
        final int length = PacketDescriptor.length(d);
        if (length >= 14 && EthernetFrames.isGroup(EthernetFrames.dstMac(memory, at)))
        {
            if (pathId == Path.VF.id())
            {
                groupSuppressed++; // the NIC gives the PF default queue a copy too: the synthetic path delivers it
                cache.free(handle);
                return;
            }
            deliver(d, pathId);
            return;
        }
        final int flow = flows.isEmpty() ? 0 : FlowRuleHash.of(toeplitz, memory, at, length);
        if (expected(flow) == pathId)
        {
            deliver(d, pathId);
        }
        else if (!hold.hold(d, flow, pathId, nowNanos))
        {
            deliver(d, pathId); // cannot happen within budget(); never drop
        }
        else
        {
            held++;
            heldThisMove++;
        }
    }

    private int expected(final int flow)
    {
        return rxDefault == Path.VF && !flows.isPinned(flow) ? Path.VF.id() : Path.SYNTHETIC.id();
    }

    private void deliver(final long d, final int pathId)
    {
        if (!hold.isEmpty() && hold.heldOnPath(pathId) == 0)
        {
            drainedThisMove++; // the old path still delivering while the new one waits
        }
        ready.offer(PacketDescriptor.withPort(d, pathId));
        delivered++;
        if (pathId == Path.VF.id())
        {
            deliveredVf++;
        }
    }

    private void onMarker(final long epoch, final int pathId, final int queue)
    {
        markers++;
        if (SteeringEpoch.adapter(epoch) != adapterIndex)
        {
            foreignMarkers++;
            return;
        }
        if (pathId == Path.VF.id())
        {
            if (!vfMarkers.onMarker(epoch, queue))
            {
                foreignMarkers++;
                return;
            }
            long complete;
            while ((complete = vfMarkers.pollCompleted()) >= 0)
            {
                closePath(complete, Path.VF); // every queue is past it
            }
            return;
        }
        closePath(epoch, Path.fromId(pathId));
    }

    private void closePath(final long epoch, final Path closed)
    {
        final Path target = SteeringEpoch.target(epoch);
        if (target == closed)
        {
            foreignMarkers++;
            return;
        }
        if (SteeringEpoch.isFlowSet(epoch))
        {
            if (!flows.apply(epoch))
            {
                foreignMarkers++;
                return;
            }
        }
        else if (rxDefault != closed && closed == Path.VF && vfMoveRefused)
        {
            // The move onto the VF was refused: nothing moved onto it, so its close changes no expected path.
        }
        else if (rxDefault != closed)
        {
            // The previous move, onto this path, has not closed its own old path yet (its marker is
            // still on the way): this close waits for it, then applies at once.
            if (closed == Path.VF)
            {
                deferredVfClose = epoch;
            }
            else
            {
                deferredSyntheticClose = epoch;
            }
            deferredSince = lastNow;
            return;
        }
        else
        {
            rxDefault = target;
        }
        final int n = hold.release(this);
        closed(epoch, closed, n);
        final long deferred = rxDefault == Path.VF ? deferredVfClose : deferredSyntheticClose;
        if (!SteeringEpoch.isFlowSet(epoch) && deferred >= 0)
        {
            if (rxDefault == Path.VF)
            {
                deferredVfClose = -1;
            }
            else
            {
                deferredSyntheticClose = -1;
            }
            closePath(deferred, rxDefault);
        }
    }

    /** The VF is gone (surprise removal, reset) after its leftovers were accepted: its path is closed. */
    public void vfGone()
    {
        vfMarkers.unbind(); // a VF close read but deferred stays: it applies when the synthetic path closes
        flows.applyDeferred();
        if (rxDefault == Path.VF)
        {
            rxDefault = Path.SYNTHETIC;
            final int n = hold.release(this);
            closed(-1, Path.VF, n);
        }
    }

    private void closed(final long epoch, final Path path, final int released)
    {
        listener.onRxPathClosed(epoch, path, drainedThisMove, heldThisMove, released);
        drainedThisMove = 0;
        heldThisMove = 0;
    }

    /** @return true once every RX queue of the bound VF has delivered its marker of {@code epoch}. */
    public boolean vfMarkersRead(final long epoch)
    {
        return vfMarkers.isComplete(epoch);
    }

    /** @return true when no close waits for another and nothing is held: a new VF may be bound. */
    public boolean isSettled()
    {
        return deferredVfClose < 0 && deferredSyntheticClose < 0 && hold.isEmpty();
    }

    /** Release everything held longer than the timeout (G7 fallback). @return how many. */
    public int checkTimeout(final long nowNanos)
    {
        lastNow = nowNanos;
        final boolean holdExpired = !hold.isEmpty() && nowNanos - hold.oldestHeldAt() >= holdTimeoutNanos;
        final boolean deferredExpired = (deferredVfClose >= 0 || deferredSyntheticClose >= 0) &&
            nowNanos - deferredSince >= holdTimeoutNanos;
        if (!holdExpired && !deferredExpired)
        {
            return 0;
        }
        if (deferredVfClose >= 0 && vfMarkers.queues() == 0)
        {
            rxDefault = Path.SYNTHETIC;
        }
        forceRelease = true;
        final int n = hold.release(this);
        forceRelease = false;
        deferredVfClose = -1; // their moves are over, one way or the other
        deferredSyntheticClose = -1;
        if (vfMarkers.queues() == 0)
        {
            rxDefault = Path.SYNTHETIC;
        }
        releasedOnTimeout += n;
        listener.onRxHoldTimeout(n);
        return n;
    }

    @Override
    public boolean releasable(final int flow, final int pathId)
    {
        return forceRelease || expected(flow) == pathId;
    }

    @Override
    public void onReleased(final long descriptor, final int pathId)
    {
        deliver(descriptor, pathId);
        released++;
    }

    public long delivered()
    {
        return delivered;
    }

    public long deliveredVf()
    {
        return deliveredVf;
    }

    public long held()
    {
        return held;
    }

    public long released()
    {
        return released;
    }

    public long releasedOnTimeout()
    {
        return releasedOnTimeout;
    }

    public long groupSuppressed()
    {
        return groupSuppressed;
    }

    public long markers()
    {
        return markers;
    }

    public long foreignMarkers()
    {
        return foreignMarkers;
    }
}
