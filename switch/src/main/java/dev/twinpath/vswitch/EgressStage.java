package dev.twinpath.vswitch;

import dev.twinpath.packet.codec.EthernetFrames;
import dev.twinpath.packet.pool.PacketDescriptor;
import dev.twinpath.packet.pool.PacketPool;
import dev.twinpath.packet.pool.PoolCache;
import dev.twinpath.vswitch.acl.AclDirection;
import dev.twinpath.vswitch.acl.PortAcl;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;

/**
 * Stage 4, egress: settles every frame of a burst. Drops are freed and counted by cause; a unicast
 * frame passes the destination port's VLAN and inbound ACL checks and gets the port's tagging; a
 * flooded frame is copied for every other port of its VLAN whose inbound ACL admits it (the original
 * goes to the last one); markers go to their target port, or to every port but the one they came
 * from. Deliveries are staged per port and written with one {@link PortLink#transmit} per port per
 * burst. What a full ring does not take waits in its staging area on a lossless port, and the stage
 * reports itself {@link #isBlocked() blocked}: it takes no new burst, the Disruptor ring fills, the
 * ingress agent stops reading, and the senders' own rings fill: back-pressure end to end. On a lossy
 * port the frames are dropped ({@link DropCause#RING_FULL}); markers are never dropped.
 * <p>
 * Owns the staging areas, a {@link PoolCache} and the egress counters; allocation-free; runs on the
 * thread of the egress stage.
 */
final class EgressStage
{
    private static final ByteOrder NETWORK = ByteOrder.BIG_ENDIAN;

    private final SwitchPort[] ports;
    private final EgressStaging[] staging;
    private final int[] dirty;
    private int dirtyCount;
    private int blocking;
    private final int maxBurst;
    private final int[] floodTargets;
    private final SwitchCounters counters;
    private final ErrorHandler errorHandler;
    private final PacketPool pool;
    private final PoolCache cache;
    private final UnsafeBuffer memory;
    private final int dataRoom;
    private volatile int[] activePorts = new int[0];
    private int lastTarget = -1;
    private PortPolicy lastPolicy;

    EgressStage(
        final SwitchPort[] ports, final int maxBurst, final SwitchCounters counters, final PacketPool pool,
        final ErrorHandler errorHandler)
    {
        this.errorHandler = errorHandler;
        this.ports = ports;
        this.staging = new EgressStaging[ports.length];
        for (int i = 0; i < ports.length; i++)
        {
            staging[i] = new EgressStaging(2 * maxBurst); // a burst's worth beyond the markers a lossy port may hold
        }
        this.dirty = new int[ports.length];
        this.maxBurst = maxBurst;
        this.floodTargets = new int[ports.length];
        this.counters = counters;
        this.pool = pool;
        this.cache = pool.newCache();
        this.memory = pool.buffer();
        this.dataRoom = pool.dataRoom();
    }

    /** Publish the ids of the ports in the switch (flood and marker domain). Control path. */
    void activePorts(final int[] ids)
    {
        this.activePorts = ids;
    }

    boolean isBlocked()
    {
        return blocking > 0;
    }

    /** @return true while some port has something staged (markers a lossy port's ring refused, too). */
    boolean hasPending()
    {
        return dirtyCount > 0;
    }

    /** @return true when everything of the burst left (the stage may take the next burst). */
    boolean onBurst(final SwitchBurst burst)
    {
        final boolean stale = burst.source.removed; // its slot may hold another port now: charge no port
        final int ingress = stale ? -1 : burst.ingressPort;
        lastTarget = -1; // a port's removal or new settings are seen from the next burst on
        for (int i = 0, n = burst.count; i < n; i++)
        {
            final long d = burst.descriptors[i];
            final int verdict = burst.verdict[i];
            if (PacketDescriptor.isMarker(d))
            {
                if (!stale)
                {
                    marker(d, verdict, ingress);
                }
            }
            else if (verdict >= 0)
            {
                unicast(burst, i, d, verdict);
            }
            else if (verdict == SwitchBurst.FLOOD)
            {
                flood(burst, i, d);
            }
            else
            {
                final DropCause cause = DropCause.of(burst.cause[i]);
                if (cause != DropCause.INVALID_DESCRIPTOR) // its handle names no buffer of ours
                {
                    cache.free(PacketDescriptor.handle(d));
                }
                counters.packetDropped(cause, ingress, 1);
            }
        }
        return flush();
    }

    private void unicast(final SwitchBurst burst, final int i, final long d, final int target)
    {
        PortPolicy policy = lastPolicy; // most frames of a burst go to the port the previous one went to
        if (target != lastTarget)
        {
            final SwitchPort port = ports[target];
            if (port == null || port.removed)
            {
                cache.free(PacketDescriptor.handle(d));
                counters.packetDropped(DropCause.PORT_REMOVED, burst.ingressPort, 1);
                return;
            }
            policy = port.policy; // acquire (P)
            lastTarget = target;
            lastPolicy = policy;
        }
        final DropCause refused = admits(policy, burst, i);
        if (refused != null)
        {
            cache.free(PacketDescriptor.handle(d));
            counters.packetDropped(refused, target, 1);
            return;
        }
        final long tagged = retag(d, burst.tag[i], burst.vlan[i], policy.vlan);
        if (tagged < 0)
        {
            cache.free(PacketDescriptor.handle(d));
            counters.packetDropped(DropCause.FRAME_TOO_LONG, target, 1);
            return;
        }
        stage(target, tagged, EgressStaging.UNICAST);
    }

    private void flood(final SwitchBurst burst, final int i, final long d)
    {
        counters.addSwitch(SwitchCounters.FLOODED, 1);
        final int ingress = burst.ingressPort;
        final int vlan = burst.vlan[i];
        final int[] ids = activePorts;
        int targets = 0;
        for (final int id : ids)
        {
            final SwitchPort port = ports[id];
            if (id == ingress || port == null || port.removed)
            {
                continue;
            }
            final PortPolicy policy = port.policy; // acquire (P)
            if (!policy.vlan.carries(vlan))
            {
                continue;
            }
            final DropCause refused = admits(policy, burst, i);
            if (refused != null)
            {
                counters.copyDropped(refused, id);
                continue;
            }
            floodTargets[targets++] = id;
        }
        final int handle = PacketDescriptor.handle(d);
        final int length = PacketDescriptor.length(d);
        for (int k = 0; k < targets; k++)
        {
            final int id = floodTargets[k];
            long copy = d;
            if (k < targets - 1)
            {
                final int copyHandle = cache.allocate();
                if (copyHandle < 0)
                {
                    counters.copyDropped(DropCause.NO_BUFFER, id);
                    continue;
                }
                memory.putBytes(pool.dataOffset(copyHandle), memory, pool.dataOffset(handle), length);
                copy = PacketDescriptor.packet(copyHandle, length, PacketDescriptor.flags(d), PacketDescriptor.port(d));
            }
            final long tagged = retag(copy, burst.tag[i], vlan, ports[id].policy.vlan);
            if (tagged < 0)
            {
                cache.free(PacketDescriptor.handle(copy));
                counters.copyDropped(DropCause.FRAME_TOO_LONG, id);
                continue;
            }
            stage(id, tagged, EgressStaging.COPY);
        }
        if (targets == 0)
        {
            cache.free(handle);
        }
    }

    private void marker(final long d, final int target, final int ingress)
    {
        if (target >= 0)
        {
            final SwitchPort port = target < ports.length ? ports[target] : null;
            if (port != null && !port.removed)
            {
                stage(target, d, EgressStaging.MARKER);
            }
            return;
        }
        for (final int id : activePorts)
        {
            final SwitchPort port = ports[id];
            if (id != ingress && port != null && !port.removed)
            {
                stage(id, d, EgressStaging.MARKER);
            }
        }
    }

    private static DropCause admits(final PortPolicy policy, final SwitchBurst burst, final int i)
    {
        if (!policy.vlan.carries(burst.vlan[i]))
        {
            return DropCause.EGRESS_VLAN;
        }
        final PortAcl acl = policy.acl;
        if (acl != null && !acl.allows(
            AclDirection.INBOUND, burst.srcMac[i], burst.dstMac[i], burst.ipVersion[i],
            burst.srcHi[i], burst.srcLo[i], burst.dstHi[i], burst.dstLo[i],
            burst.protocol[i], burst.srcPort[i], burst.dstPort[i]))
        {
            return DropCause.ACL_DENIED_INBOUND;
        }
        return null;
    }

    /** @return the descriptor with the egress port's tagging applied, or -1 when the tag does not fit. */
    private long retag(final long d, final int tag, final int vlan, final PortVlan portVlan)
    {
        final boolean wantTag = portVlan.egressTagged(vlan);
        if (tag == SwitchBurst.NO_TAG && !wantTag)
        {
            return d;
        }
        final int at = pool.dataOffset(PacketDescriptor.handle(d));
        final int length = PacketDescriptor.length(d);
        if (tag == SwitchBurst.NO_TAG)
        {
            if (length + EthernetFrames.TAG_LENGTH > dataRoom)
            {
                return -1;
            }
            return PacketDescriptor.withLength(d, EthernetFrames.insertTag(memory, at, length, vlan));
        }
        if (!wantTag)
        {
            return PacketDescriptor.withLength(d, EthernetFrames.stripTag(memory, at, length));
        }
        if (tag != vlan)
        {
            final int tci = memory.getShort(at + 14, NETWORK) & 0xF000;
            memory.putShort(at + 14, (short)(tci | vlan), NETWORK);
        }
        return d;
    }

    private void stage(final int port, final long d, final int kind)
    {
        final EgressStaging s = staging[port];
        if (s.holdingMarkers && kind != EgressStaging.MARKER)
        {
            // A lossy port whose ring refused a marker: what follows the marker cannot overtake it, and
            // the port drops rather than holds, so the frame is dropped now (order is kept).
            dropStaged(d, kind, port, DropCause.RING_FULL);
            return;
        }
        if (s.isEmpty())
        {
            dirty[dirtyCount++] = port;
        }
        s.add(d, kind);
    }

    /**
     * Write every staging area to its port. A lossless port whose ring is full keeps its frames and
     * holds the switch; a lossy one drops its frames but keeps its markers (never dropped), which wait
     * without holding the switch unless they fill a burst's worth of room.
     *
     * @return true when nothing holds the switch afterwards (it may take the next burst).
     */
    boolean flush()
    {
        int kept = 0;
        int holding = 0;
        for (int k = 0; k < dirtyCount; k++)
        {
            final int id = dirty[k];
            if (!flushPort(id))
            {
                dirty[kept++] = id;
                if (ports[id].policy.lossless || staging[id].size() >= maxBurst)
                {
                    holding++;
                }
            }
        }
        dirtyCount = kept;
        blocking = holding;
        return holding == 0;
    }

    private boolean flushPort(final int id)
    {
        final EgressStaging s = staging[id];
        final SwitchPort port = ports[id];
        if (port == null || port.removed)
        {
            discard(id, s, DropCause.PORT_REMOVED);
            return true;
        }
        final int sent;
        try
        {
            sent = port.link.transmit(s.descriptors, s.head, s.size());
        }
        catch (final RuntimeException ex) // a fault of the link, outside the switch: settle, report, go on
        {
            counters.addSwitch(SwitchCounters.LINK_ERRORS, 1);
            errorHandler.onError(ex);
            discard(id, s, DropCause.LINK_ERROR);
            return true;
        }
        if (sent > 0)
        {
            delivered(id, s, s.head, s.head + sent);
        }
        s.head += sent;
        if (s.isEmpty())
        {
            s.clear();
            return true;
        }
        if (port.policy.lossless)
        {
            counters.addPort(id, PortCounter.EGRESS_STALLS, 1);
            return false;
        }
        discard(id, s, DropCause.RING_FULL);
        return s.isEmpty();
    }

    /** Count what a port's ring took, once per counter per flush. */
    private void delivered(final int id, final EgressStaging s, final int from, final int to)
    {
        long unicast = 0;
        long copies = 0;
        long markers = 0;
        long bytes = 0;
        for (int i = from; i < to; i++)
        {
            final int kind = s.kinds[i];
            if (kind == EgressStaging.MARKER)
            {
                markers++;
                continue;
            }
            bytes += PacketDescriptor.length(s.descriptors[i]);
            if (kind == EgressStaging.UNICAST)
            {
                unicast++;
            }
            else
            {
                copies++;
            }
        }
        counters.addPort(id, PortCounter.TRANSMITTED_PACKETS, unicast + copies);
        counters.addPort(id, PortCounter.TRANSMITTED_BYTES, bytes);
        if (unicast != 0)
        {
            counters.addSwitch(SwitchCounters.FORWARDED, unicast);
        }
        if (copies != 0)
        {
            counters.addSwitch(SwitchCounters.FLOOD_COPIES, copies);
        }
        if (markers != 0)
        {
            counters.addPort(id, PortCounter.MARKERS_TRANSMITTED, markers);
            counters.addSwitch(SwitchCounters.MARKERS, markers);
        }
    }

    /** Free a frame meant for {@code port} and count it: a whole frame if unicast, one copy if flooded. */
    private void dropStaged(final long d, final int kind, final int port, final DropCause cause)
    {
        cache.free(PacketDescriptor.handle(d));
        if (kind == EgressStaging.UNICAST)
        {
            counters.packetDropped(cause, port, 1);
        }
        else
        {
            counters.copyDropped(cause, port);
        }
    }

    /** Drop the undelivered packets of a staging area for {@code cause}; markers stay unless the port is gone or failed. */
    private void discard(final int id, final EgressStaging s, final DropCause cause)
    {
        for (int i = s.head; i < s.tail; i++)
        {
            final int kind = s.kinds[i];
            if (kind == EgressStaging.MARKER)
            {
                continue;
            }
            dropStaged(s.descriptors[i], kind, id, cause);
        }
        if (cause == DropCause.PORT_REMOVED || cause == DropCause.LINK_ERROR)
        {
            s.clear(); // nobody will take its markers either
        }
        else
        {
            s.keepMarkers();
        }
    }

    /** Drop, as {@link DropCause#PORT_REMOVED}, frames read from a port that is leaving (see SwitchIngress#drain). */
    void dropLeftovers(final long[] descriptors, final int count, final int port)
    {
        for (int i = 0; i < count; i++)
        {
            final long d = descriptors[i];
            if (PacketDescriptor.isMarker(d))
            {
                continue;
            }
            if (PacketDescriptor.isPacket(d) && PacketDescriptor.handle(d) < pool.capacity())
            {
                cache.free(PacketDescriptor.handle(d));
                counters.packetDropped(DropCause.PORT_REMOVED, port, 1);
            }
            else
            {
                counters.packetDropped(DropCause.INVALID_DESCRIPTOR, port, 1);
            }
        }
    }

    /** Return cached buffers to the pool (the switch is closing). */
    void close()
    {
        cache.close();
    }
}
