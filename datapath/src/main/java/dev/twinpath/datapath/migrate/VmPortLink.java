package dev.twinpath.datapath.migrate;

import dev.twinpath.datapath.steer.DescriptorFifo;
import dev.twinpath.packet.pool.PacketDescriptor;
import dev.twinpath.packet.pool.PacketPool;
import dev.twinpath.vmbus.VmBusEndpoint;
import dev.twinpath.vswitch.PortLink;

/**
 * The switch port of a VM adapter, bound to the host side of its VMBus channel, that can take part in
 * a live migration. Markers the guest sends are addressed to the uplink (TX fences, as for every
 * adapter port). Two migration roles:
 * <ul>
 * <li><b>Source</b> ({@link #forwardTo}): from the switch thread's next call on, everything the switch
 * delivers to the port goes into a {@link ForwardingChannel} instead of the VM's channel, until the
 * rack's end marker has gone through.</li>
 * <li><b>Destination</b> (built with an inbound channel): the forwarded stream is delivered to the VM
 * first; frames the switch delivers directly (the rack re-learned the VM's MAC) wait in a bounded
 * FIFO until the forwarded stream's end marker, so no flow is reordered across the move. When the
 * FIFO is full the switch waits (lossless).</li>
 * </ul>
 * Threads: {@link #receive} and {@link #transmit} on the host switch's thread only; {@link #forwardTo}
 * and the getters from the control thread ({@code outbound} volatile; the switch thread acknowledges
 * with the volatile {@code forwarding}).
 */
public final class VmPortLink implements PortLink
{
    private final VmBusEndpoint host;
    private final int uplinkPortId;
    private final ForwardingChannel inbound;
    private final long[] inboundBurst;
    private int inboundHead;
    private int inboundCount;
    private final DescriptorFifo held;
    private final long[] heldBurst;
    private volatile boolean inboundDone;
    private volatile boolean inboundComplete;
    private volatile long heldTotal;
    private volatile ForwardingChannel outbound;
    private volatile boolean forwarding;
    private final PacketPool pool;
    private volatile long afterClose;

    /**
     * @param inbound the forwarded stream of a VM arriving by live migration, or null.
     * @param holdBound frames the destination may hold while the forwarded stream drains.
     */
    public VmPortLink(
        final VmBusEndpoint host, final int uplinkPortId, final ForwardingChannel inbound, final int holdBound,
        final PacketPool pool)
    {
        this.pool = pool;
        this.host = host;
        this.uplinkPortId = uplinkPortId;
        this.inbound = inbound;
        this.inboundDone = inbound == null;
        this.inboundComplete = inbound == null;
        this.inboundBurst = new long[Math.max(1, host.maxBurst())];
        this.held = new DescriptorFifo(Math.max(2, holdBound));
        this.heldBurst = new long[Math.max(1, host.maxBurst())];
    }

    public VmPortLink(final VmBusEndpoint host, final int uplinkPortId, final PacketPool pool)
    {
        this(host, uplinkPortId, null, 2, pool);
    }

    /** Control thread: from the switch thread's next call, deliver to {@code channel} instead of the VM. */
    public void forwardTo(final ForwardingChannel channel)
    {
        outbound = channel;
    }

    /** @return true once the switch thread saw {@link #forwardTo}: nothing more goes into the VM's channel here. */
    public boolean forwarding()
    {
        return forwarding;
    }

    /** @return true when this port has no inbound stream, or its end marker was read and every held frame delivered. */
    public boolean inboundComplete()
    {
        return inboundComplete;
    }

    /** @return frames that waited for the forwarded stream at the destination. */
    public long heldTotal()
    {
        return heldTotal;
    }

    @Override
    public int receive(final long[] into, final int offset, final int max)
    {
        if (outbound != null && !forwarding)
        {
            forwarding = true; // acknowledged on the switch thread: every later transmit forwards
        }
        if (!inboundDone)
        {
            pumpInbound();
        }
        if (inboundDone && !held.isEmpty())
        {
            flushHeld();
        }
        if (inboundDone && !inboundComplete && held.isEmpty())
        {
            inboundComplete = true; // released after the FIFO emptied: the control thread may retire the source
        }
        final int n = host.receiveBurst(into, offset, max);
        for (int i = offset; i < offset + n; i++)
        {
            if (PacketDescriptor.isMarker(into[i]))
            {
                into[i] = PacketDescriptor.withPort(into[i], uplinkPortId);
            }
        }
        return n;
    }

    @Override
    public int transmit(final long[] descriptors, final int offset, final int count)
    {
        final ForwardingChannel out = outbound;
        if (out != null)
        {
            if (out.closed())
            {
                return discardAfterClose(descriptors, offset, count);
            }
            int upTo = 0; // forward up to and including the end marker, never past it
            while (upTo < count && !out.isEnd(descriptors[offset + upTo]))
            {
                upTo++;
            }
            final int through = Math.min(count, upTo + 1);
            final int taken = out.offer(descriptors, offset, through);
            if (taken == through && through < count)
            {
                return through + discardAfterClose(descriptors, offset + through, count - through);
            }
            return taken;
        }
        if (!inboundDone)
        {
            pumpInbound();
        }
        if (!held.isEmpty() && inboundDone)
        {
            flushHeld();
        }
        if (!inboundDone || !held.isEmpty())
        {
            int taken = 0;
            while (taken < count && held.offer(descriptors[offset + taken]))
            {
                taken++;
            }
            heldTotal = heldTotal + taken;
            return taken;
        }
        return host.sendBurst(descriptors, offset, count);
    }

    /**
     * After the end marker, only flood copies can still reach the old port (the rack sends the VM's
     * unicast to its new host): they are freed and counted, as a port that no longer exists would.
     */
    private int discardAfterClose(final long[] descriptors, final int offset, final int count)
    {
        long n = 0;
        for (int i = offset; i < offset + count; i++)
        {
            if (PacketDescriptor.isPacket(descriptors[i]))
            {
                pool.free(PacketDescriptor.handle(descriptors[i]));
                n++;
            }
        }
        afterClose = afterClose + n;
        return count;
    }

    /** @return frames that reached the old port after its forwarded stream closed (flood copies), freed. */
    public long afterClose()
    {
        return afterClose;
    }

    /** Deliver the forwarded stream up to its end marker (which goes no further). */
    private void pumpInbound()
    {
        while (true)
        {
            if (inboundHead == inboundCount)
            {
                inboundHead = 0;
                inboundCount = inbound.poll(inboundBurst, 0, inboundBurst.length);
                if (inboundCount == 0)
                {
                    return;
                }
            }
            int end = inboundHead;
            boolean sawEnd = false;
            while (end < inboundCount)
            {
                final long d = inboundBurst[end];
                if (PacketDescriptor.isMarker(d) && PacketDescriptor.epoch(d) == inbound.endEpoch())
                {
                    sawEnd = true;
                    break;
                }
                end++;
            }
            if (end > inboundHead)
            {
                final int n = host.sendBurst(inboundBurst, inboundHead, end - inboundHead);
                inboundHead += n;
                if (inboundHead < end)
                {
                    return; // the VM's channel is full: the rest waits
                }
            }
            if (sawEnd)
            {
                inboundHead++; // the end marker stops here
                inbound.markDrained();
                inboundDone = true;
                return;
            }
        }
    }

    private void flushHeld()
    {
        while (!held.isEmpty())
        {
            final int n = held.peek(heldBurst, 0, heldBurst.length);
            final int sent = host.sendBurst(heldBurst, 0, n);
            held.skip(sent);
            if (sent < n)
            {
                return;
            }
        }
    }

    @Override
    public String name()
    {
        return host.name();
    }
}
