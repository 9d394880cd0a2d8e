package dev.twinpath.datapath.migrate;

import dev.twinpath.datapath.steer.DescriptorFifo;
import dev.twinpath.packet.pool.PacketDescriptor;
import dev.twinpath.packet.pool.PacketPool;
import dev.twinpath.vmbus.VmBusEndpoint;
import org.agrona.concurrent.NanoClock;
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
    private boolean inboundDrained;
    private volatile boolean inboundComplete;
    private volatile long heldTotal;
    private volatile ForwardingChannel outbound;
    private volatile boolean forwarding;
    private final PacketPool pool;
    private final NanoClock clock;
    private final long holdTimeoutNanos;
    private long holdSince = Long.MIN_VALUE;
    private volatile long afterClose;
    private volatile long unicastAfterClose;
    private volatile long lostAfterClose;
    private volatile PortLink uplinkOut;
    private volatile long groupDiscarded;
    private volatile boolean inboundTimedOut;
    private volatile Runnable onClose;
    private boolean closeSeen;
    private volatile boolean cancel;
    private volatile boolean cancelled;
    private int backHead;
    private int backCount;

    /**
     * @param inbound the forwarded stream of a VM arriving by live migration, or null.
     * @param holdBound frames the destination may hold while the forwarded stream drains.
     */
    public VmPortLink(
        final VmBusEndpoint host, final int uplinkPortId, final ForwardingChannel inbound, final int holdBound,
        final PacketPool pool, final NanoClock clock, final long holdTimeoutNanos)
    {
        this.pool = pool;
        this.clock = clock;
        this.holdTimeoutNanos = holdTimeoutNanos;
        this.host = host;
        this.uplinkPortId = uplinkPortId;
        this.inbound = inbound;
        this.inboundDone = inbound == null;
        this.inboundDrained = inbound == null;
        this.inboundComplete = inbound == null;
        this.inboundBurst = new long[Math.max(1, host.maxBurst())];
        this.held = new DescriptorFifo(Math.max(2, holdBound));
        this.heldBurst = new long[Math.max(1, host.maxBurst())];
    }

    public VmPortLink(final VmBusEndpoint host, final int uplinkPortId, final PacketPool pool, final NanoClock clock)
    {
        this(host, uplinkPortId, null, 2, pool, clock, Long.MAX_VALUE);
    }

    /**
     * Control thread: from the switch thread's next call, deliver to {@code channel} instead of the VM.
     * A port whose earlier forwarding was taken back ({@link #forwardingCancelled()}) starts afresh: the
     * switch thread acknowledges this request and a later cancel again.
     */
    public void forwardTo(final ForwardingChannel channel)
    {
        cancelled = false;
        outbound = channel; // release: after the reset above; the switch thread's read of outbound pairs with it
    }

    /**
     * Control thread, a migration that gives up before the destination read anything: the switch thread
     * takes back what it forwarded (it becomes the channel's only reader), delivers it to the VM's channel
     * here in order, and stops forwarding; {@link #forwardingCancelled()} says when.
     */
    public void cancelForwarding()
    {
        cancel = true;
    }

    /**
     * @return true once a cancelled forwarding was taken back and the port delivers to its VM again
     * (until the next {@link #forwardTo}).
     */
    public boolean forwardingCancelled()
    {
        return cancelled;
    }

    /** Switch thread: deliver back what was forwarded, then stop forwarding. @return false while some is left. */
    private boolean takeBack()
    {
        final ForwardingChannel out = outbound;
        if (out == null)
        {
            return true;
        }
        while (true)
        {
            if (backHead == backCount)
            {
                backHead = 0;
                backCount = out.poll(inboundBurst, 0, inboundBurst.length);
                if (backCount == 0)
                {
                    // Ready for a later attempt: its forwardTo is acknowledged and cancelled afresh.
                    outbound = null;
                    forwarding = false; // delivering to the VM again; a new forwardTo is acknowledged anew
                    cancel = false;
                    cancelled = true; // release: after the resets above, read by the control thread
                    return true;
                }
            }
            final int n = host.sendBurst(inboundBurst, backHead, backCount - backHead);
            backHead += n;
            if (backHead < backCount)
            {
                return false;
            }
        }
    }

    /**
     * Run {@code action} on the switch thread right after the forwarded stream's end marker went into the
     * channel (the migration points the VM's MAC at the uplink then, so that another VM of this host
     * reaches the VM through the rack). Control thread, before {@link #forwardTo}.
     */
    public void onClose(final Runnable action)
    {
        onClose = action;
    }

    /** @return true once {@link #forwardTo} was called (the switch thread may not have seen it yet). */
    public boolean isForwardingRequested()
    {
        return outbound != null;
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
        if (cancel && !cancelled)
        {
            takeBack();
        }
        if (outbound != null && !forwarding)
        {
            forwarding = true; // acknowledged on the switch thread: every later transmit forwards
        }
        if (!inboundDrained)
        {
            pumpInbound(); // after a hold timeout too: what the old host still forwards is delivered, late
            if (!inboundDone)
            {
                checkHoldTimeout();
            }
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
        if (cancel && !cancelled && !takeBack())
        {
            return 0; // what was forwarded goes back to the VM first
        }
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
            if (out.closed() && !closeSeen)
            {
                closeSeen = true;
                final Runnable action = onClose;
                if (action != null)
                {
                    action.run();
                }
            }
            if (taken == through && through < count)
            {
                return through + discardAfterClose(descriptors, offset + through, count - through);
            }
            return taken;
        }
        if (!inboundDrained)
        {
            pumpInbound();
        }
        if (!held.isEmpty() && inboundDone)
        {
            flushHeld();
        }
        if (!inboundDone)
        {
            checkHoldTimeout();
        }
        if (!inboundDone || !held.isEmpty())
        {
            int taken = 0;
            long heldNow = 0;
            while (taken < count)
            {
                final long d = descriptors[offset + taken];
                if (!inboundDone && isGroup(d))
                {
                    // The old host forwards its copy of every flood: this one would be a duplicate.
                    pool.free(PacketDescriptor.handle(d));
                    groupDiscarded = groupDiscarded + 1;
                }
                else if (held.offer(d))
                {
                    heldNow++;
                }
                else
                {
                    break;
                }
                taken++;
            }
            if (heldNow > 0 && holdSince == Long.MIN_VALUE)
            {
                holdSince = clock.nanoTime();
            }
            heldTotal = heldTotal + heldNow;
            return taken;
        }
        return host.sendBurst(descriptors, offset, count);
    }

    /**
     * After the end marker the rack sends the VM's unicast to its new host, so what still reaches the old
     * port is flood copies (the new host got its own: freed) or unicast from another VM of this host still
     * on its way here when the port closed: sent out of the uplink towards the VM's new host
     * ({@link #unicastAfterClose()}), or, without an uplink, freed and counted as lost
     * ({@link #lostAfterClose()}). Switch thread: the uplink's only producer.
     *
     * @return how many were taken (the rest waits for room in the uplink).
     */
    private int discardAfterClose(final long[] descriptors, final int offset, final int count)
    {
        int i = offset;
        for (; i < offset + count; i++)
        {
            final long d = descriptors[i];
            if (!PacketDescriptor.isPacket(d))
            {
                continue;
            }
            if (isGroup(d))
            {
                pool.free(PacketDescriptor.handle(d));
                afterClose = afterClose + 1;
            }
            else if (uplinkOut != null)
            {
                if (uplinkOut.transmit(descriptors, i, 1) == 0)
                {
                    break; // the uplink is full: the switch keeps the rest
                }
                unicastAfterClose = unicastAfterClose + 1;
            }
            else
            {
                pool.free(PacketDescriptor.handle(d));
                lostAfterClose = lostAfterClose + 1;
            }
        }
        return i - offset;
    }

    private boolean isGroup(final long d)
    {
        if (!PacketDescriptor.isPacket(d) || PacketDescriptor.length(d) < 6)
        {
            return false;
        }
        return (pool.buffer().getByte(pool.dataOffset(PacketDescriptor.handle(d))) & 1) != 0;
    }

    /**
     * The end marker is overdue (G7): stop waiting, deliver what was held, and let frames through
     * directly; order with what is still to be forwarded is given up, and {@link #inboundTimedOut()} says so.
     */
    private void checkHoldTimeout()
    {
        if (holdSince != Long.MIN_VALUE && clock.nanoTime() - holdSince > holdTimeoutNanos)
        {
            inboundTimedOut = true;
            inboundDone = true;
        }
    }

    /** @return unicast frames that reached the old port after its forwarded stream closed, sent out of the uplink. */
    public long unicastAfterClose()
    {
        return unicastAfterClose;
    }

    /** @return unicast frames that reached the old port after it closed with no uplink to send them on (freed: lost). */
    public long lostAfterClose()
    {
        return lostAfterClose;
    }

    /** Where unicast that reaches the port after its stream closed is sent (the host switch's uplink link). */
    public void uplinkOut(final PortLink uplink)
    {
        uplinkOut = uplink;
    }

    /** @return flood copies the new port dropped while the old host still forwarded (the VM got the old host's copy). */
    public long groupDiscarded()
    {
        return groupDiscarded;
    }

    /** @return true when the forwarded stream's end marker never came in time and the hold gave up (G7). */
    public boolean inboundTimedOut()
    {
        return inboundTimedOut;
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
                inboundDrained = true;
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
