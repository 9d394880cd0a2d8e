package dev.twinpath.vf.nic;

import dev.twinpath.packet.pool.PacketDescriptor;
import dev.twinpath.packet.pool.PacketPool;
import dev.twinpath.packet.pool.PoolCache;
import dev.twinpath.vf.ring.SpscDescriptorRing;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The NIC's embedded switch (VEB), the data plane of a {@link PhysicalFunction}: wire RX is matched
 * on destination MAC and VLAN to a VF (RSS picks its RX queue) or goes to the PF default queue; VF
 * TX passes link, rate and anti-spoof checks and is hairpinned to another function of the PF or sent
 * out on the wire; broadcast and multicast are replicated to every function in the VLAN (copies in
 * new pool buffers). Every frame ends in exactly one place or one drop counter.
 * <p>
 * Bursts: each source ring is read a burst at a time; what the burst sends to each destination is
 * staged and published with one {@code enqueueBurst} (one doorbell) per destination. In
 * back-pressure mode a destination that could not take its whole burst keeps the rest staged, and
 * no new burst is read until it has drained.
 * <p>
 * Owned by the NIC agent thread, which runs it while holding the PF lock.
 */
final class EmbeddedSwitch
{
    static final long NO_FUNCTION = -1;
    static final long PF_FUNCTION = -2;
    private static final int WIRE = -3;
    /** Wire bursts read per round before the staged descriptors are published (staging holds 4 bursts). */
    static final int WIRE_BURSTS = 4;

    private final PhysicalFunction pf;
    private final UnsafeBuffer memory;
    private final PacketPool pool;
    private final PoolCache cache;
    private final VirtualFunction[] vfs;
    final MacFilterTable macTable = new MacFilterTable();
    private final SpscDescriptorRing wireRx;
    private final SpscDescriptorRing pfTx;
    final EgressQueue wireTx;
    final EgressQueue pfDefault;
    private final FunctionCounters wire;
    private final FunctionCounters pfCounters;
    private final NanoClock clock;
    private final long[] burst;
    private final EgressQueue[] dirty;
    private final int[] destinations;
    private int dirtyCount;
    private int destinationCount;
    /** A back-pressured receive queue holds staged frames: the wire is not read (set by flushDirty). */
    private boolean blockedRx;
    /** The back-pressured wire holds staged frames: TX rings are not read (set by flushDirty). */
    private boolean blockedWire;
    /** Sink of the burst's first touch, so the loads are not eliminated. */
    long headTouch;

    VirtualFunction faultVf;
    long faultCountdown;

    EmbeddedSwitch(
        final PhysicalFunction pf,
        final PacketPool pool,
        final VirtualFunction[] vfs,
        final SpscDescriptorRing wireRx,
        final SpscDescriptorRing pfTx,
        final EgressQueue wireTx,
        final EgressQueue pfDefault,
        final int burstSize,
        final NanoClock clock)
    {
        this.pf = pf;
        this.pool = pool;
        this.memory = pool.buffer();
        this.cache = pool.newCache();
        this.vfs = vfs;
        this.wireRx = wireRx;
        this.pfTx = pfTx;
        this.wireTx = wireTx;
        this.pfDefault = pfDefault;
        this.wire = pf.wireCounters();
        this.pfCounters = pf.counters();
        this.clock = clock;
        this.burst = new long[burstSize];
        this.dirty = new EgressQueue[vfs.length * PhysicalFunction.MAX_QUEUE_PAIRS + 2];
        this.destinations = new int[vfs.length + 2];
    }

    PoolCache cache()
    {
        return cache;
    }

    /**
     * One round: drain back-pressured stages, then wire bursts (the RX engine) and one burst from every
     * TX ring (the TX engine). The engines stall independently, as on a real NIC: a back-pressured
     * receive queue pauses the wire (PAUSE) but not transmission, and a back-pressured wire pauses
     * transmission but not reception; otherwise a host switch that both feeds the PF TX ring and
     * drains the PF default queue could deadlock with the NIC, each waiting for the other's ring.
     * A hairpinned frame for a receive queue that is stalled waits in its staging area, and is
     * dropped and counted only when that is full.
     */
    int poll()
    {
        flushDirty();
        int work = 0;
        if (!blockedRx)
        {
            // Up to WIRE_BURSTS wire bursts per round before the doorbells: each RX queue then gets a
            // burst-sized batch instead of a slice of one burst, so the cache lines of its ring change
            // hands between the NIC and the guest once per batch, not once per few descriptors.
            for (int i = 0; i < WIRE_BURSTS; i++)
            {
                final int n = pollWire();
                work += n;
                if (n < burst.length)
                {
                    break;
                }
            }
            flushDirty();
        }
        if (blockedWire)
        {
            return work + 1;
        }
        final long now = clock.nanoTime();
        for (final VirtualFunction vf : vfs)
        {
            final VfState state = vf.state();
            if (state == VfState.ACTIVE || state == VfState.REVOKING)
            {
                vf.rateLimit.refill(now);
                for (final QueuePair qp : vf.queuePairs)
                {
                    work += pollTx(vf, qp, qp.txRing(), vf.counters(), qp.counters());
                    flushDirty();
                    if (blockedWire)
                    {
                        return work + 1;
                    }
                }
                if (state == VfState.REVOKING)
                {
                    pf.completeRevokeIfDrained(vf);
                }
            }
        }
        final int n = pollTx(null, null, pfTx, pfCounters, null);
        flushDirty();
        return work + n;
    }

    private int pollWire()
    {
        final int n = wireRx.dequeueBurst(burst, 0, burst.length);
        touchFrames(n);
        long bytes = 0;
        int packets = 0;
        for (int i = 0; i < n; i++)
        {
            final long d = burst[i];
            if (PacketDescriptor.isMarker(d))
            {
                stage(pfDefault, d, 0); // a rack switch's end marker: to the host switch, in order
                continue;
            }
            final int length = PacketDescriptor.length(d);
            bytes += length;
            packets++;
            receiveFromWire(d, length);
            if (faultVf != null && --faultCountdown == 0)
            {
                final VirtualFunction victim = faultVf;
                faultVf = null;
                final VfState state = victim.state();
                if (state == VfState.ACTIVE || state == VfState.REVOKING)
                {
                    pf.surpriseRemoveLocked(victim); // fault injection: the VF vanishes mid-burst
                }
            }
        }
        if (packets > 0)
        {
            wire.add(NicCounter.RX_PACKETS, packets);
            wire.add(NicCounter.RX_BYTES, bytes);
        }
        return n;
    }

    /**
     * First touch of every frame of the burst before any is classified: independent loads, so the CPU
     * overlaps the cache misses (the sender wrote these lines on another core) instead of taking them
     * one frame at a time, each behind the previous frame's work.
     */
    private void touchFrames(final int n)
    {
        long touched = 0;
        for (int i = 0; i < n; i++)
        {
            if (!PacketDescriptor.isMarker(burst[i]))
            {
                touched += memory.getLong(pool.dataOffset(PacketDescriptor.handle(burst[i])));
            }
        }
        headTouch = touched;
    }

    private void receiveFromWire(final long d, final int length)
    {
        final int handle = PacketDescriptor.handle(d);
        final int at = pool.dataOffset(handle);
        if (length < 14)
        {
            wire.add(NicCounter.DROP_RX_MALFORMED, 1);
            cache.free(handle);
            return;
        }
        final long dst = FrameView.dstMac(memory, at);
        final int vlan = FrameView.vlan(memory, at, length);
        if (FrameView.isGroup(dst))
        {
            replicate(d, length, at, vlan, WIRE);
            return;
        }
        final long id = macTable.get(dst);
        if (id >= 0 && vfs[(int)id].acceptsVlan(vlan))
        {
            toVf(vfs[(int)id], d, length, at, vlan);
        }
        else
        {
            stage(pfDefault, d, length);
        }
    }

    /**
     * One burst from a TX ring: the VF's queue {@code qp} (counted on the queue and the VF), or the PF's
     * TX ring when {@code vf} is null (counted on the PF).
     *
     * @return descriptors read.
     */
    private int pollTx(
        final VirtualFunction vf, final QueuePair qp, final SpscDescriptorRing ring, final FunctionCounters counters,
        final FunctionCounters queueCounters)
    {
        final int n = ring.dequeueBurst(burst, 0, burst.length);
        if (n == 0)
        {
            return 0;
        }
        touchFrames(n);
        long bytes = 0;
        int packets = 0;
        int forwarded = 0;
        for (int i = 0; i < n; i++)
        {
            final long d = burst[i];
            if (!PacketDescriptor.isMarker(d))
            {
                packets++;
                bytes += PacketDescriptor.length(d);
            }
            forwarded += transmit(vf, qp, d);
        }
        counters.addTx(packets, bytes, forwarded);
        if (queueCounters != null)
        {
            queueCounters.addTx(packets, bytes, forwarded);
        }
        return n;
    }

    /**
     * A frame sent by a VF (or by the PF when {@code vf} is null); the caller counts TX_PACKETS.
     *
     * @return 1 when forwarded, 0 when dropped (counted here) or a marker.
     */
    private int transmit(final VirtualFunction vf, final QueuePair qp, final long d)
    {
        if (PacketDescriptor.isMarker(d))
        {
            stage(wireTx, d, 0); // TX markers travel to the wire in order with the frames
            return 0;
        }
        int length = PacketDescriptor.length(d);
        final int handle = PacketDescriptor.handle(d);
        final int at = pool.dataOffset(handle);
        final NicCounter drop = vf == null ? (length < 14 ? NicCounter.DROP_TX_MALFORMED : null) : vf.txVerdict(memory, at, length, pool.dataRoom());
        if (drop != null)
        {
            (vf == null ? pfCounters : vf.counters()).add(drop, 1);
            if (qp != null)
            {
                qp.counters().add(drop, 1);
            }
            cache.free(handle);
            return 0;
        }
        int vlan = FrameView.vlan(memory, at, length);
        long descriptor = d;
        if (vf != null && vf.portVlan != VirtualFunction.NO_VLAN)
        {
            length = FrameView.insertTag(memory, at, length, vf.portVlan);
            vlan = vf.portVlan;
            descriptor = PacketDescriptor.withLength(d, length);
        }
        forward(descriptor, length, at, vlan, vf == null ? (int)PF_FUNCTION : vf.id());
        return 1;
    }

    private void forward(final long d, final int length, final int at, final int vlan, final int source)
    {
        final long dst = FrameView.dstMac(memory, at);
        if (FrameView.isGroup(dst))
        {
            replicate(d, length, at, vlan, source);
            return;
        }
        final long id = macTable.get(dst);
        if (id >= 0 && id != source && vfs[(int)id].acceptsVlan(vlan))
        {
            toVf(vfs[(int)id], d, length, at, vlan); // hairpin
        }
        else if (id == PF_FUNCTION && source != PF_FUNCTION)
        {
            stage(pfDefault, d, length);
        }
        else
        {
            stage(wireTx, d, length);
        }
    }

    /** Broadcast/multicast: a copy for every function in the VLAN but the source, and the wire for TX. */
    private void replicate(final long d, final int length, final int at, final int vlan, final int source)
    {
        destinationCount = 0;
        for (final VirtualFunction vf : vfs)
        {
            if (vf.id() != source && vf.state() == VfState.ACTIVE && !vf.rxSteeredToPf && vf.acceptsVlan(vlan))
            {
                destinations[destinationCount++] = vf.id();
            }
        }
        if (source != PF_FUNCTION)
        {
            destinations[destinationCount++] = (int)PF_FUNCTION;
        }
        if (source != WIRE)
        {
            destinations[destinationCount++] = WIRE;
        }
        final int handle = PacketDescriptor.handle(d);
        for (int i = 0; i < destinationCount; i++)
        {
            final boolean last = i == destinationCount - 1;
            long copy = d;
            if (!last)
            {
                final int copyHandle = cache.allocate();
                if (copyHandle < 0)
                {
                    countNoBuffer(destinations[i], length, at, vlan);
                    continue;
                }
                memory.putBytes(pool.dataOffset(copyHandle), memory, at, length);
                copy = PacketDescriptor.packet(copyHandle, length, PacketDescriptor.flags(d), PacketDescriptor.port(d));
            }
            deliver(destinations[i], copy, length, pool.dataOffset(PacketDescriptor.handle(copy)), vlan);
        }
        if (destinationCount == 0)
        {
            cache.free(handle);
        }
    }

    private void deliver(final int destination, final long d, final int length, final int at, final int vlan)
    {
        if (destination == WIRE)
        {
            stage(wireTx, d, length);
        }
        else if (destination == (int)PF_FUNCTION)
        {
            stage(pfDefault, d, length);
        }
        else
        {
            toVf(vfs[destination], d, length, at, vlan);
        }
    }

    private void countNoBuffer(final int destination, final int length, final int at, final int vlan)
    {
        if (destination == WIRE)
        {
            wireTx.countNoBuffer(length);
        }
        else if (destination == (int)PF_FUNCTION)
        {
            pfDefault.countNoBuffer(length);
        }
        else
        {
            final VirtualFunction vf = vfs[destination];
            final QueuePair[] queues = vf.queuePairs;
            final QueuePair qp = queues.length == 1 ? queues[0] :
                queues[vf.queueFor(FrameView.rssHash(vf.rss, memory, at, length))];
            qp.egress().countNoBuffer(length);
        }
    }

    private void toVf(final VirtualFunction vf, final long d, final int length, final int at, final int vlan)
    {
        if (!vf.linkUp())
        {
            final FunctionCounters c = vf.counters();
            c.add(NicCounter.RX_PACKETS, 1);
            c.add(NicCounter.RX_BYTES, length);
            c.add(NicCounter.DROP_RX_LINK_DOWN, 1);
            cache.free(PacketDescriptor.handle(d));
            return;
        }
        if (!vf.flowsToPf.isEmpty() && vf.flowsToPf.contains(FrameView.rssHash(vf.rss, memory, at, length)))
        {
            stage(pfDefault, d, length); // a flow rule: this flow takes the synthetic path
            return;
        }
        long descriptor = d;
        int len = length;
        if (vf.portVlan != VirtualFunction.NO_VLAN && vlan != FrameView.UNTAGGED)
        {
            len = FrameView.stripTag(memory, at, length);
            descriptor = PacketDescriptor.withLength(d, len);
        }
        final QueuePair[] queues = vf.queuePairs;
        final QueuePair qp = queues.length == 1 ? queues[0] :
            queues[vf.queueFor(FrameView.rssHash(vf.rss, memory, at, len))];
        stage(qp.egress(), descriptor, len);
    }

    void stage(final EgressQueue egress, final long d, final int bytes)
    {
        if (!egress.hasRoom() && !PacketDescriptor.isMarker(d))
        {
            egress.dropOrKeep(d, bytes, cache);
            return;
        }
        if (egress.stage(d, bytes))
        {
            dirty[dirtyCount++] = egress;
        }
    }

    /**
     * Publish every dirty stage; note which engine a back-pressured stage holds: a receive queue
     * ({@link #blockedRx}: the wire may not be read) or the wire ({@link #blockedWire}: TX rings may
     * not be read).
     *
     * @return back-pressured packets still staged after the flush.
     */
    int flushDirty()
    {
        final int count = dirtyCount;
        dirtyCount = 0;
        int kept = 0;
        boolean rx = false;
        boolean wire = false;
        for (int i = 0; i < count; i++)
        {
            final EgressQueue egress = dirty[i];
            final int left = egress.flush(cache);
            if (left > 0)
            {
                if (egress.blocksNewBursts())
                {
                    kept += left;
                    if (egress.kind() == EgressQueue.Kind.WIRE)
                    {
                        wire = true;
                    }
                    else
                    {
                        rx = true;
                    }
                }
                dirty[dirtyCount++] = egress;
                egress.markDirty();
            }
        }
        blockedRx = rx;
        blockedWire = wire;
        return kept;
    }
}
