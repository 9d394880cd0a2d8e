package dev.twinpath.vswitch;

import com.lmax.disruptor.RingBuffer;
import dev.twinpath.packet.pool.PacketDescriptor;
import org.agrona.ErrorHandler;

/**
 * The producer of the switch's Disruptor ring: visits the ports round-robin (the uplink is one of
 * them), reads up to one burst from each and publishes it as one {@link SwitchBurst} (one claim and
 * one publish per burst). A port over its bandwidth limit is skipped until its bucket refills, so
 * its frames wait in its own ring: shaping, never a drop. When the ring has no free slot the agent
 * reads nothing, and back-pressure reaches the senders' rings.
 * <p>
 * Single producer: runs on the ingress thread only (the switch thread in the fused mode). Its
 * {@code publish} is the release that each stage's poller acquires.
 */
final class SwitchIngress
{
    private final RingBuffer<SwitchBurst> ring;
    private final SwitchPort[] ports;
    private final SwitchCounters counters;
    private final ErrorHandler errorHandler;
    private final long[] scratch;
    private volatile int[] activePorts = new int[0];
    private int cursor;

    SwitchIngress(
        final RingBuffer<SwitchBurst> ring, final SwitchPort[] ports, final SwitchCounters counters, final int maxBurst,
        final ErrorHandler errorHandler)
    {
        this.errorHandler = errorHandler;
        this.ring = ring;
        this.ports = ports;
        this.counters = counters;
        this.scratch = new long[maxBurst];
    }

    /** Publish the ids of the ports to poll. Control path. */
    void activePorts(final int[] ids)
    {
        this.activePorts = ids;
    }

    /** @return descriptors read. */
    int poll(final long nowNanos)
    {
        final int[] ids = activePorts;
        final int n = ids.length;
        if (n == 0)
        {
            return 0;
        }
        int work = 0;
        final int start = cursor < n ? cursor : 0;
        for (int k = 0; k < n; k++)
        {
            final int index = start + k < n ? start + k : start + k - n;
            final SwitchPort port = ports[ids[index]];
            if (port.removed)
            {
                continue;
            }
            if (!ring.hasAvailableCapacity(1))
            {
                break;
            }
            work += pollPort(port, nowNanos);
        }
        cursor = start + 1 < n ? start + 1 : 0;
        return work;
    }

    private int pollPort(final SwitchPort port, final long nowNanos)
    {
        if (port.shaper.isLimited())
        {
            port.shaper.refill(nowNanos);
            if (!port.shaper.hasTokens())
            {
                counters.addPort(port.id, PortCounter.SHAPED_POLLS, 1);
                return 0;
            }
        }
        final int got = read(port);
        if (got <= 0)
        {
            return 0;
        }
        final long sequence = ring.next();
        final SwitchBurst burst = ring.get(sequence);
        System.arraycopy(scratch, 0, burst.descriptors, 0, got);
        burst.count = got;
        burst.ingressPort = port.id;
        burst.source = port;
        long packets = 0;
        long bytes = 0;
        for (int i = 0; i < got; i++) // everything but a marker counts as a frame received, even one classify will refuse
        {
            final long d = scratch[i];
            if (!PacketDescriptor.isMarker(d))
            {
                packets++;
                bytes += PacketDescriptor.isPacket(d) ? PacketDescriptor.length(d) : 0;
            }
        }
        port.shaper.consume(bytes);
        counters.addSwitch(SwitchCounters.RECEIVED, packets); // counted before the stages can count an outcome
        counters.addPort(port.id, PortCounter.RECEIVED_PACKETS, packets);
        counters.addPort(port.id, PortCounter.RECEIVED_BYTES, bytes);
        if (packets != got)
        {
            counters.addPort(port.id, PortCounter.MARKERS_RECEIVED, got - packets);
        }
        ring.publish(sequence); // release: each stage's poller acquires it
        return got;
    }

    /** @return descriptors read from the port into {@link #scratch}; 0 when its link threw (counted, reported). */
    private int read(final SwitchPort port)
    {
        try
        {
            return port.link.receive(scratch, 0, scratch.length);
        }
        catch (final RuntimeException ex) // a fault of the link, outside the switch: report, go on
        {
            counters.addSwitch(SwitchCounters.LINK_ERRORS, 1);
            errorHandler.onError(ex);
            return 0;
        }
    }

    /**
     * Read what a port that is leaving the switch still has in its ring, for {@code settle} to drop:
     * the frames are counted received here (and dropped there), so nothing its guest handed over
     * is left out of the accounts or the pool. Bounded: at most {@code maxRounds} reads. Switch
     * thread, between bursts.
     *
     * @return descriptors read.
     */
    int drain(final SwitchPort port, final int maxRounds, final EgressStage settle)
    {
        int total = 0;
        for (int round = 0; round < maxRounds; round++)
        {
            final int got = read(port);
            if (got <= 0)
            {
                return total;
            }
            long packets = 0;
            for (int i = 0; i < got; i++)
            {
                packets += PacketDescriptor.isMarker(scratch[i]) ? 0 : 1;
            }
            counters.addSwitch(SwitchCounters.RECEIVED, packets);
            counters.addPort(port.id, PortCounter.RECEIVED_PACKETS, packets);
            settle.dropLeftovers(scratch, got, port.id);
            total += got;
        }
        return total;
    }
}
