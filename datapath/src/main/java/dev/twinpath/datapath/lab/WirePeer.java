package dev.twinpath.datapath.lab;

import dev.twinpath.packet.pool.PacketDescriptor;
import dev.twinpath.vf.ring.SpscDescriptorRing;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.NanoClock;

/**
 * The host at the other end of the NIC's cable: a {@link TrafficSource} sends into the wire RX ring,
 * and what the NIC sends on the wire goes to a {@link PacketHandler} (markers, which the wire does not
 * carry, are skipped, and ARP announcements are consumed by the peer's own stack).
 * <p>
 * Runs on the guest-side thread of its lab (the wire RX ring's producer, the wire TX ring's consumer).
 */
final class WirePeer implements Agent
{
    private final SpscDescriptorRing wireRx;
    private final SpscDescriptorRing wireTx;
    private final NanoClock clock;
    private final long[] burst;
    private final dev.twinpath.datapath.traffic.DescriptorSink sink;
    private volatile TrafficSource source;
    private volatile PacketHandler handler;
    private long markersSeen;

    private final dev.twinpath.packet.pool.PacketPool pool;
    private final dev.twinpath.packet.pool.PoolCache cache;
    private long arpConsumed;

    WirePeer(final SpscDescriptorRing wireRx, final SpscDescriptorRing wireTx, final NanoClock clock, final int burstSize,
        final dev.twinpath.packet.pool.PacketPool pool)
    {
        this.pool = pool;
        this.cache = pool.newCache();
        this.wireRx = wireRx;
        this.wireTx = wireTx;
        this.clock = clock;
        this.burst = new long[burstSize];
        this.sink = wireRx::enqueueBurst;
    }

    void source(final TrafficSource source)
    {
        this.source = source;
    }

    void handler(final PacketHandler handler)
    {
        this.handler = handler;
    }

    long markersSeen()
    {
        return markersSeen;
    }

    /** @return ARP frames (VM announcements) the peer's stack consumed. */
    long arpConsumed()
    {
        return arpConsumed;
    }

    /** Return cached buffers to the pool (quiescent point). */
    void flushCache()
    {
        cache.flush();
    }

    @Override
    public int doWork()
    {
        final long now = clock.nanoTime();
        int work = 0;
        final TrafficSource s = source;
        if (s != null)
        {
            work += s.send(now, sink);
        }
        for (int round = 0; round < GuestAgent.RECEIVE_BURSTS; round++)
        {
            final int n = wireTx.dequeueBurst(burst, 0, burst.length);
            work += n;
            if (n == 0)
            {
                break;
            }
            int packets = 0;
            for (int i = 0; i < n; i++)
            {
                if (PacketDescriptor.isMarker(burst[i]))
                {
                    markersSeen++;
                }
                else if (GratuitousArp.isArp(pool, burst[i]))
                {
                    cache.free(PacketDescriptor.handle(burst[i])); // the peer's stack takes announcements
                    arpConsumed++;
                }
                else
                {
                    burst[packets++] = burst[i];
                }
            }
            final PacketHandler h = handler;
            if (packets > 0 && h != null)
            {
                h.onBurst(burst, packets, now);
            }
            if (n < burst.length)
            {
                break;
            }
        }
        return work;
    }

    @Override
    public String roleName()
    {
        return "wire-peer";
    }
}
