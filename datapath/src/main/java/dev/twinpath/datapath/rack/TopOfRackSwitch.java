package dev.twinpath.datapath.rack;

import dev.twinpath.datapath.event.EventId;
import dev.twinpath.datapath.event.EventLog;
import dev.twinpath.packet.codec.EthernetFrames;
import dev.twinpath.packet.pool.PacketDescriptor;
import dev.twinpath.packet.pool.PacketPool;
import dev.twinpath.packet.pool.PoolCache;
import dev.twinpath.vf.ring.SpscDescriptorRing;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.List;

/**
 * The top-of-rack L2 switch that joins the hosts of a lab (and the traffic peer): a learning bridge.
 * Every frame teaches it where its source MAC lives; unicast goes to the learned port, group and
 * unknown destinations are flooded (copies from the shared pool), a frame for the port it came from
 * is filtered. Nothing is dropped for lack of room: frames for a port whose cable is down queue in its
 * backlog (bounded), and a port whose cable or backlog is full holds its sender (head-of-line, order
 * kept), as a lossless (PFC) fabric does.
 * <p>
 * Live migration support, both directions:
 * <ul>
 * <li>A MAC that moves (a VM announced itself from another host) and was {@linkplain #expectMove armed}
 * gets an end marker written to its OLD port, behind every frame the rack sent there for it: the old
 * host forwards the marker with those frames, and the new host knows when the forwarded stream is
 * complete.</li>
 * <li>An end marker arriving from a host (a guest's TX end, sent through the host's switch and NIC) is
 * recorded on its port ({@link RackPort#lastMarkerOf(int)}): every frame that guest sent through that host
 * before it has been forwarded by the rack.</li>
 * </ul>
 * Owned by one thread (its agent's): {@link #connect} and {@link #learn} before it starts, from the
 * control thread; {@link #expectMove} from any thread (a command the rack thread runs).
 */
public final class TopOfRackSwitch implements Agent
{
    /** Backlog slots frames leave free, so that an end marker always finds room. */
    static final int MARKER_RESERVE = 64;

    private final String name;
    private final PacketPool pool;
    private final UnsafeBuffer memory;
    private final PoolCache cache;
    private final EventLog events;
    private final int burst;
    private final List<RackPort> portList = new ArrayList<>();
    private RackPort[] ports = new RackPort[0];
    private final Long2LongHashMap macTable = new Long2LongHashMap(-1);
    private final Long2LongHashMap armedMoves = new Long2LongHashMap(Long.MIN_VALUE);
    private final ManyToOneConcurrentArrayQueue<Runnable> commands = new ManyToOneConcurrentArrayQueue<>(64);
    private final int[] copies;
    private long moves;
    private long poolExhausted;
    private volatile long movesArmed;
    private volatile int inFlight;

    public TopOfRackSwitch(final String name, final PacketPool pool, final EventLog events, final int burst)
    {
        this.name = name;
        this.pool = pool;
        this.memory = pool.buffer();
        this.cache = pool.newCache();
        this.events = events;
        this.burst = burst;
        this.copies = new int[64];
    }

    public String name()
    {
        return name;
    }

    /** Plug a cable in: the rack reads {@code in} and writes {@code out}. Control thread, before the rack runs. */
    public RackPort connect(final String portName, final SpscDescriptorRing in, final SpscDescriptorRing out)
    {
        if (portList.size() == copies.length)
        {
            throw new IllegalArgumentException("a rack switch has at most " + copies.length + " ports");
        }
        final RackPort port = new RackPort(portList.size(), portName, in, out, burst);
        portList.add(port);
        ports = portList.toArray(new RackPort[0]);
        return port;
    }

    /** Teach the rack that {@code mac} lives behind {@code port} (a device announced itself at boot). Control thread, before the rack runs. */
    public void learn(final long mac, final RackPort port)
    {
        macTable.put(mac, port.index);
    }

    /**
     * When {@code mac} is next learned on another port, write {@code markerDescriptor} to the port it
     * leaves, behind the frames already sent there for it. Any thread: runs on the rack's thread.
     *
     * @return false when the command queue is full.
     */
    public boolean expectMove(final long mac, final long markerDescriptor)
    {
        return commands.offer(() ->
        {
            armedMoves.put(mac, markerDescriptor);
            movesArmed = movesArmed + 1; // release: the rack thread applied it (single writer)
        });
    }

    /** Forget an armed move of {@code mac} (a migration that gave up). Any thread: runs on the rack's thread. */
    public boolean disarmMove(final long mac)
    {
        return commands.offer(() -> armedMoves.remove(mac));
    }

    /**
     * The device behind {@code port} is gone (its process died): free what the rack holds for it and from it (the
     * frames read from its cable and not forwarded, its backlog), what its cable still brings in, and from then on every
     * frame for a MAC learned there, counted in {@link RackPort#discarded()}. Take its link down first ({@link #linkUp}) so nothing more queues for it. Any
     * thread: runs on the rack's thread.
     *
     * @return false when the command queue is full.
     */
    public boolean discard(final RackPort port)
    {
        return commands.offer(() ->
        {
            port.discarding = true;
            long freed = 0;
            for (int i = port.pendingHead; i < port.pendingCount; i++)
            {
                freed += free(port.pending[i]);
            }
            port.pendingHead = 0;
            port.pendingCount = 0;
            while (!port.backlog.isEmpty())
            {
                freed += free(port.backlog.poll());
            }
            int n;
            while ((n = port.in.dequeueBurst(port.pending, 0, port.pending.length)) > 0)
            {
                for (int i = 0; i < n; i++)
                {
                    freed += free(port.pending[i]);
                }
            }
            port.discarded = port.discarded + freed; // single writer; volatile: the control thread reads it
        });
    }

    /**
     * The device behind {@code port} is back (a host process restarted): frames for MACs learned there are sent again.
     * Plug its cable in with {@link #linkUp} once its new end is ready. Any thread: runs on the rack's thread.
     *
     * @return false when the command queue is full.
     */
    public boolean restore(final RackPort port)
    {
        return commands.offer(() -> port.discarding = false);
    }

    private int free(final long d)
    {
        if (PacketDescriptor.isPacket(d))
        {
            cache.free(PacketDescriptor.handle(d));
            return 1;
        }
        return 0;
    }

    /** @return frames and markers the rack holds (read from a port, or queued for a port) as of its last cycle. Any thread. */
    public int inFlight()
    {
        return inFlight;
    }

    /** @return {@link #expectMove} commands the rack thread has applied. Any thread. */
    public long movesArmed()
    {
        return movesArmed;
    }

    /**
     * Pull or plug the cable of {@code port}: while it is down the rack neither reads nor writes the port;
     * frames for a MAC learned there wait (the fabric is lossless) until the MAC is learned elsewhere or
     * the cable is back, and floods skip the port. Any thread (a volatile write the rack reads).
     */
    public void linkUp(final RackPort port, final boolean up)
    {
        port.linkUp = up;
        events.record(EventId.LINK_STATE, port.name, "rack port " + port.name + " link " + (up ? "up" : "down"));
    }

    /** @return the port {@code mac} is learned on, or null. Rack thread, or a quiescent rack. */
    public RackPort portOf(final long mac)
    {
        final long p = macTable.get(mac);
        return p < 0 ? null : ports[(int)p];
    }

    public List<RackPort> ports()
    {
        return List.copyOf(portList);
    }

    /** @return MACs learned on a new port so far. */
    public long moves()
    {
        return moves;
    }

    /** @return times a flood waited because the pool had no buffer for a copy. */
    public long poolExhausted()
    {
        return poolExhausted;
    }

    @Override
    public int doWork()
    {
        int work = 0;
        Runnable command;
        while ((command = commands.poll()) != null)
        {
            command.run();
            work++;
        }
        final RackPort[] all = ports;
        for (final RackPort port : all)
        {
            work += flushBacklog(port);
        }
        int queued = 0;
        for (final RackPort port : all)
        {
            work += pollPort(port);
            queued += port.pendingCount - port.pendingHead + port.backlog.size();
        }
        inFlight = queued; // release: read by the control thread's quiescence check
        return work;
    }

    private int pollPort(final RackPort port)
    {
        if (!port.linkUp)
        {
            return 0;
        }
        if (port.pendingHead == port.pendingCount)
        {
            port.pendingHead = 0;
            port.pendingCount = port.in.dequeueBurst(port.pending, 0, port.pending.length);
        }
        int done = 0;
        while (port.pendingHead < port.pendingCount)
        {
            if (!forward(port, port.pending[port.pendingHead]))
            {
                break; // the destination is full: this port waits, in order
            }
            port.pendingHead++;
            done++;
        }
        return done;
    }

    private boolean forward(final RackPort ingress, final long d)
    {
        if (PacketDescriptor.isMarker(d))
        {
            ingress.markerIn(PacketDescriptor.epoch(d));
            return true;
        }
        final int at = pool.dataOffset(PacketDescriptor.handle(d));
        final int length = PacketDescriptor.length(d);
        if (length < 14)
        {
            ingress.framesIn++;
            ingress.filtered++;
            cache.free(PacketDescriptor.handle(d));
            return true;
        }
        final long src = EthernetFrames.srcMac(memory, at);
        if (!EthernetFrames.isGroup(src))
        {
            learnSource(src, ingress);
        }
        final long dst = EthernetFrames.dstMac(memory, at);
        final long learned = EthernetFrames.isGroup(dst) ? -1 : macTable.get(dst);
        if (learned < 0)
        {
            if (!flood(ingress, d, at, length))
            {
                return false;
            }
        }
        else if (learned == ingress.index)
        {
            ingress.filtered++;
            cache.free(PacketDescriptor.handle(d));
        }
        else
        {
            final RackPort egress = ports[(int)learned];
            final long out = PacketDescriptor.withPort(d, 0);
            if (egress.discarding)
            {
                cache.free(PacketDescriptor.handle(d)); // the device behind it is gone (discard): counted there
                egress.discarded = egress.discarded + 1;
            }
            else if (egress.linkUp && egress.backlog.isEmpty() && egress.out.offer(out))
            {
                egress.framesOut++;
            }
            else if (egress.linkUp || egress.backlog.remaining() <= MARKER_RESERVE || !egress.backlog.offer(out))
            {
                return false; // the cable is up and full (it drains soon), or the backlog is full: the sender waits
            }
        }
        ingress.framesIn++;
        return true;
    }

    private void learnSource(final long src, final RackPort ingress)
    {
        final long was = macTable.get(src);
        if (was == ingress.index)
        {
            return;
        }
        macTable.put(src, ingress.index);
        if (was < 0)
        {
            return;
        }
        moves++;
        final RackPort old = ports[(int)was];
        if (!old.linkUp)
        {
            rerouteBacklog(old, ingress, src);
        }
        final long marker = armedMoves.remove(src);
        String how = "";
        if (marker != Long.MIN_VALUE)
        {
            old.backlog.offer(marker); // never refused: frames leave MARKER_RESERVE slots of the backlog to markers
            flushBacklog(old);
            how = "; end marker sent to " + old.name + " behind the frames already sent there";
        }
        events.record(EventId.MAC_MOVED, macText(src), "learned on " + ingress.name + ", was on " + old.name + how);
    }

    /**
     * A MAC left a port whose cable is down: the frames for it waiting in that port's backlog follow it to
     * its new port, in order and ahead of anything sent there for it later (the others stay).
     */
    private void rerouteBacklog(final RackPort from, final RackPort to, final long mac)
    {
        final int n = from.backlog.size();
        for (int i = 0; i < n; i++)
        {
            final long d = from.backlog.poll();
            final boolean follows = PacketDescriptor.isPacket(d) &&
                EthernetFrames.dstMac(memory, pool.dataOffset(PacketDescriptor.handle(d))) == mac;
            if (!follows || !to.backlog.offer(d))
            {
                from.backlog.offer(d); // rotated: order kept
            }
        }
        flushBacklog(to);
    }

    private int flushBacklog(final RackPort port)
    {
        int n = 0;
        while (port.linkUp && !port.backlog.isEmpty() && port.out.offer(port.backlog.peek()))
        {
            if (PacketDescriptor.isMarker(port.backlog.poll()))
            {
                port.markersOut++;
            }
            else
            {
                port.framesOut++;
            }
            n++;
        }
        return n;
    }

    private boolean flood(final RackPort ingress, final long d, final int at, final int length)
    {
        final RackPort[] all = ports;
        long up = 0; // one snapshot of the cables: the control thread may plug or pull one meanwhile
        int targets = 0;
        for (final RackPort p : all)
        {
            if (p != ingress && p.linkUp)
            {
                up |= 1L << p.index;
                targets++;
            }
        }
        if (targets <= 0)
        {
            ingress.filtered++;
            cache.free(PacketDescriptor.handle(d));
            return true;
        }
        for (final RackPort p : all)
        {
            if ((up & (1L << p.index)) != 0 && (!p.backlog.isEmpty() || p.out.size() >= p.out.capacity()))
            {
                return false; // all or nothing: a flood never reaches only some ports
            }
        }
        for (int i = 0; i < targets - 1; i++)
        {
            final int h = cache.allocate();
            if (h < 0)
            {
                for (int j = 0; j < i; j++)
                {
                    cache.free(copies[j]);
                }
                poolExhausted++;
                return false;
            }
            memory.putBytes(pool.dataOffset(h), memory, at, length);
            copies[i] = h;
        }
        int c = 0;
        for (final RackPort p : all)
        {
            if ((up & (1L << p.index)) == 0)
            {
                continue;
            }
            final long out = c < targets - 1 ? PacketDescriptor.packet(copies[c], length, PacketDescriptor.flags(d)) : d;
            c++;
            p.out.offer(PacketDescriptor.withPort(out, 0)); // room checked above; this thread is the only producer
            p.framesOut++;
        }
        ingress.flooded++;
        return true;
    }

    private static String macText(final long mac)
    {
        return String.format("%02x:%02x:%02x:%02x:%02x:%02x", (mac >>> 40) & 0xFF, (mac >>> 32) & 0xFF, (mac >>> 24) & 0xFF,
            (mac >>> 16) & 0xFF, (mac >>> 8) & 0xFF, mac & 0xFF);
    }

    /** Return the rack's cached buffers to the pool (at a quiescent point). */
    public void flushCaches()
    {
        cache.flush();
    }

    @Override
    public String roleName()
    {
        return "tor-" + name;
    }
}
