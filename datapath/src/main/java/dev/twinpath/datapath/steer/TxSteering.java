package dev.twinpath.datapath.steer;

import dev.twinpath.datapath.Path;
import dev.twinpath.packet.codec.EthernetFrames;
import dev.twinpath.packet.pool.PacketDescriptor;
import dev.twinpath.packet.pool.PacketPool;
import dev.twinpath.packet.rss.ToeplitzHash;
import dev.twinpath.vf.nic.FlowRuleHash;
import dev.twinpath.vf.nic.QueuePair;
import dev.twinpath.vmbus.VmBusEndpoint;
import org.agrona.collections.IntHashSet;
import org.agrona.collections.LongArrayList;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The transmit side of the move protocol, in the guest (G1-G4 for TX, G5 re-send): picks the path of
 * each packet (group frames and pinned flows: synthetic; the rest: the TX default), stages per path,
 * and runs one move at a time.
 * <p>
 * The paths meet again at the NIC's wire port, which cannot hold anything back, so a TX move holds
 * back in the guest: packets of the moving flows wait (bounded, back-pressure to the application
 * when full) until the old path's <em>fence</em> has passed, i.e. until everything sent on the old
 * path before the move has reached the NIC:
 * <ul>
 *     <li>from the VF: the VF TX ring's consumer position (the NIC's descriptor write-back) has reached
 *     the position of the last packet staged before the move;</li>
 *     <li>from the synthetic path: an end marker sent on VMBus behind the last packet has gone
 *     through the host switch to the uplink, which reports when the NIC has consumed the PF TX ring
 *     up to it ({@link TxFence}).</li>
 * </ul>
 * Then the held packets go out on the new path in order, and the move is over. A fence that does not
 * pass within {@code fenceTimeoutNanos} is taken as passed (G7, counted).
 * <p>
 * Owned by the adapter's guest thread.
 */
public final class TxSteering implements HoldBack.Releaser
{
    /** What the adapter learns from the TX side. */
    public interface Listener
    {
        void onTxPathClosed(long epoch, Path closed, long held, boolean timedOut);
    }

    private final int adapterIndex;
    private final PacketPool pool;
    private final UnsafeBuffer memory;
    private final ToeplitzHash toeplitz;
    private final TxFence uplinkFence;
    private final long fenceTimeoutNanos;
    private final Listener listener;
    private final TxPaths paths;
    private final HoldBack hold;
    private final IntHashSet pinned = new IntHashSet();

    private Path txDefault = Path.SYNTHETIC;

    private boolean moveActive;
    private Path pendingTarget;
    private long pendingEpoch;
    private long moveEpoch;
    private Path moveFrom;
    private Path moveTo;
    private IntHashSet moveSet;
    private long fenceCount;
    private long moveStartNanos;
    private boolean fencePassed;
    private long moveHeld;
    private int releaseTarget;

    long heldTotal;
    long backpressure;
    long fenceTimeouts;
    long resentAfterRemoval;

    public TxSteering(
        final int adapterIndex,
        final PacketPool pool,
        final ToeplitzHash toeplitz,
        final VmBusEndpoint synthetic,
        final TxFence uplinkFence,
        final int stageCapacity,
        final int resendCapacity,
        final int holdBound,
        final long fenceTimeoutNanos,
        final Listener listener)
    {
        this.adapterIndex = adapterIndex;
        this.pool = pool;
        this.memory = pool.buffer();
        this.toeplitz = toeplitz;
        this.uplinkFence = uplinkFence;
        this.fenceTimeoutNanos = fenceTimeoutNanos;
        this.listener = listener;
        this.paths = new TxPaths(synthetic, stageCapacity, resendCapacity);
        this.hold = new HoldBack(holdBound);
    }

    public Path txDefault()
    {
        return txDefault;
    }

    public boolean isMoveActive()
    {
        return moveActive;
    }

    public HoldBack hold()
    {
        return hold;
    }

    public IntHashSet pinned()
    {
        return pinned;
    }

    /** @return descriptors staged for either path, not yet taken by a ring. */
    public int staged()
    {
        return paths.staged();
    }

    /**
     * Put {@code marker} on the synthetic path behind every packet staged or sent so far (a live
     * migration's end of the VM's traffic through this host). Guest thread.
     *
     * @return false when the stage is full (try again after a flush).
     */
    public boolean stageSyntheticMarker(final long marker)
    {
        return paths.stageSynthetic(marker);
    }

    /** Give back staged packets not yet on a ring (a NIC team moving them to another member). @return how many. */
    public int reclaimStaged(final long[] into, final int offset, final int max)
    {
        return paths.reclaim(into, offset, max);
    }

    /** @return true when nothing is staged or held and no move is under way or pending. */
    public boolean isIdle()
    {
        return !moveActive && pendingTarget == null && hold.isEmpty() && paths.staged() == 0;
    }

    /** Bind the VF's TX queue (before a move to it). */
    public void bindVf(final QueuePair queue)
    {
        paths.bindVf(queue);
    }

    /** @return true when nothing is staged for the VF and no move involves it: it may be unbound. */
    public boolean vfIdle()
    {
        return paths.vfStage.isEmpty() && !(moveActive && (moveFrom == Path.VF || moveTo == Path.VF)) && txDefault != Path.VF &&
            pendingTarget == null;
    }

    public void unbindVf()
    {
        paths.unbindVf();
    }

    // ---------------------------------------------------------------- data

    /** Application thread: take up to {@code count} packets in order. @return how many were taken. */
    public int send(final long[] src, final int offset, final int count, final long nowNanos)
    {
        int i = 0;
        final boolean flows = !pinned.isEmpty() || moveSet != null;
        for (; i < count; i++)
        {
            final long d = src[offset + i];
            final int at = pool.dataOffset(PacketDescriptor.handle(d));
            final int length = PacketDescriptor.length(d);
            final boolean group = length >= 14 && EthernetFrames.isGroup(EthernetFrames.dstMac(memory, at));
            final int flow = flows ? FlowRuleHash.of(toeplitz, memory, at, length) : 0;
            final Path path = group || txDefault != Path.VF || (flows && pinned.contains(flow)) ? Path.SYNTHETIC : Path.VF;
            if (moveActive && path == moveTo && !group && (moveSet == null ? !pinned.contains(flow) : moveSet.contains(flow)))
            {
                if (!hold.hold(d, flow, path.id(), nowNanos))
                {
                    break;
                }
                moveHeld++;
                heldTotal++;
            }
            else if (path == Path.VF ? !paths.stageVf(d) : !paths.stageSynthetic(d))
            {
                break;
            }
        }
        if (i < count)
        {
            backpressure += count - i;
        }
        flush(nowNanos);
        return i;
    }

    /** Push staged packets into the rings and advance a move. Guest thread. @return work done. */
    public int flush(final long nowNanos)
    {
        lastNow = nowNanos;
        int work = flushVf() + flushSynthetic();
        if (moveActive)
        {
            work += advanceMove(nowNanos);
        }
        return work;
    }

    private int flushVf()
    {
        final int r = paths.flushVf();
        if (r == TxPaths.VF_REMOVED)
        {
            removedPending = true; // the adapter fetches the removal report
        }
        else if (r == TxPaths.VF_REVOKED)
        {
            onVfRevoked();
        }
        return Math.max(0, r);
    }

    private int flushSynthetic()
    {
        return paths.flushSynthetic();
    }

    // ---------------------------------------------------------------- moves

    /**
     * Start moving every flow that is not pinned (the adapter's TX default) to {@code to}.
     *
     * @return false when a move is still under way (try again later) or nothing would move.
     */
    public boolean moveAll(final Path to, final long epoch, final long nowNanos)
    {
        if (moveActive)
        {
            if (!fencePassed && moveSet == null && to == moveFrom && !(to == Path.VF && !paths.vfOpen()))
            {
                // Straight back before anything went on the new path: the held packets return to the
                // old path's stage, behind what it already had, and no fence is needed.
                releaseTarget = moveFrom == Path.VF ? 0 : 1;
                hold.releaseFirst((moveFrom == Path.VF ? paths.vfStage : paths.synStage).remaining(), this);
                if (hold.isEmpty())
                {
                    moveActive = false;
                    txDefault = to;
                    listener.onTxPathClosed(moveEpoch, moveTo, moveHeld, false);
                    return true;
                }
            }
            if (fencePassed && moveSet == null && to == moveFrom && !(to == Path.VF && !paths.vfOpen()))
            {
                // Straight back after the fence: what is still held has not gone anywhere yet; it now
                // waits for the fence of the path the move went to, and then takes the way back.
                startMove(moveTo, to, null, epoch, nowNanos);
                txDefault = to;
                return true;
            }
            pendingTarget = to; // after the move under way
            pendingEpoch = epoch;
            return true;
        }
        if (txDefault == to || (to == Path.VF && !paths.vfOpen()))
        {
            return false;
        }
        startMove(txDefault, to, null, epoch, nowNanos);
        txDefault = to;
        return true;
    }

    /**
     * Start moving the flows {@code txHashes} (TX RSS hashes) to {@code to}: to the synthetic path pins
     * them, to the VF unpins them.
     *
     * @return false when a move is under way.
     */
    public boolean moveFlows(final int[] txHashes, final Path to, final long epoch, final long nowNanos)
    {
        if (moveActive)
        {
            return false;
        }
        final IntHashSet set = new IntHashSet(Math.max(8, txHashes.length * 2));
        for (final int h : txHashes)
        {
            set.add(h);
            if (to == Path.SYNTHETIC)
            {
                pinned.add(h);
            }
            else
            {
                pinned.remove(h);
            }
        }
        startMove(to.other(), to, set, epoch, nowNanos);
        return true;
    }

    private void startMove(final Path from, final Path to, final IntHashSet set, final long epoch, final long nowNanos)
    {
        moveActive = true;
        moveEpoch = epoch;
        moveFrom = from;
        moveTo = to;
        moveSet = set;
        moveStartNanos = nowNanos;
        moveHeld = 0;
        fencePassed = false;
        if (from == Path.VF)
        {
            fenceCount = paths.vfFenceCount(); // every packet staged for the VF so far must reach the NIC
        }
        else
        {
            paths.synStage.offer(PacketDescriptor.marker(epoch, 0)); // behind every packet staged so far
        }
    }

    private boolean oldPathFencePassed()
    {
        return moveFrom == Path.VF ? paths.vfFencePassed(fenceCount) : uplinkFence.passed(adapterIndex, moveEpoch);
    }

    private int advanceMove(final long nowNanos)
    {
        if (!fencePassed)
        {
            boolean timedOut = false;
            if (!oldPathFencePassed())
            {
                if (nowNanos - moveStartNanos < fenceTimeoutNanos)
                {
                    return 0;
                }
                timedOut = true;
                fenceTimeouts++;
            }
            fencePassed = true;
            if (moveFrom == Path.VF && !paths.vfOpen())
            {
                paths.moveVfStageToSynthetic();
            }
            listener.onTxPathClosed(moveEpoch, moveFrom, moveHeld, timedOut);
        }
        final DescriptorFifo target = moveTo == Path.VF && paths.vfOpen() ? paths.vfStage : paths.synStage;
        releaseTarget = target == paths.vfStage ? 0 : 1;
        final int n = hold.releaseFirst(target.remaining(), this);
        flushVf();
        flushSynthetic();
        if (hold.isEmpty() && (moveFrom != Path.VF || paths.vfOpen() || paths.vfStage.isEmpty()))
        {
            moveActive = false;
            moveSet = null;
            if (pendingTarget != null)
            {
                final Path next = pendingTarget;
                pendingTarget = null;
                moveAll(next, pendingEpoch, nowNanos);
            }
        }
        return n;
    }

    @Override
    public boolean releasable(final int flow, final int pathId)
    {
        return true; // TX releases the oldest first (releaseFirst): every held packet may go
    }

    @Override
    public void onReleased(final long descriptor, final int pathId)
    {
        if (releaseTarget == 0)
        {
            paths.stageVf(descriptor);
        }
        else
        {
            paths.stageSynthetic(descriptor);
        }
    }

    // ---------------------------------------------------------------- VF going away

    /** The VF answered FUNCTION_REVOKED: its TX is closed; the NIC still drains what it took. */
    private void onVfRevoked()
    {
        if (txDefault != Path.VF && !(moveActive && moveTo == Path.VF))
        {
            return;
        }
        txDefault = Path.SYNTHETIC;
        if (!moveActive)
        {
            startMove(Path.VF, Path.SYNTHETIC, null, -1, lastNow);
            return;
        }
        // A move to the VF was under way: it turns into the move back. Every flow that was not pinned
        // is held until the NIC has read what the VF took; then what the VF did not take goes first on
        // the synthetic path, then the held packets.
        moveFrom = Path.VF;
        moveTo = Path.SYNTHETIC;
        moveSet = null;
        fencePassed = false;
        fenceCount = paths.vfFenceCount();
        moveStartNanos = lastNow;
        pendingTarget = null;
    }

    /**
     * The VF was surprise-removed: the TX descriptors it had queued but not sent come back, still
     * allocated; they go first on the synthetic path, then what was staged for the VF, then the rest.
     */
    public void onVfRemoved(final LongArrayList txReturned)
    {
        final int resent = paths.resendAfterRemoval(txReturned);
        txDefault = Path.SYNTHETIC;
        resentAfterRemoval += resent;
        if (moveActive)
        {
            moveTo = Path.SYNTHETIC; // whatever was held goes on the synthetic path, after the re-sent packets
            fencePassed = false;
            moveFrom = Path.VF;
        }
    }

    private boolean removedPending;
    private long lastNow;

    /** @return true (once) when the VF answered FUNCTION_REMOVED: the adapter fetches the removal report. */
    public boolean takeRemovedSignal()
    {
        final boolean r = removedPending;
        removedPending = false;
        return r;
    }

    public long sentVf()
    {
        return paths.sentVf;
    }

    public long sentSynthetic()
    {
        return paths.sentSynthetic;
    }

    public long heldTotal()
    {
        return heldTotal;
    }

    public long backpressure()
    {
        return backpressure;
    }

    public long fenceTimeouts()
    {
        return fenceTimeouts;
    }

    public long resentAfterRemoval()
    {
        return resentAfterRemoval;
    }
}
