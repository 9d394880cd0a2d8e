package dev.twinpath.vswitch;

import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The virtual switch's counters, off-heap so another thread can read them live: one block for the
 * whole switch and one per port slot, each a whole number of cache lines.
 * <pre>
 *  switch block: RECEIVED, FORWARDED, FLOODED, FLOOD_COPIES, MARKERS, LINK_ERRORS,
 *                packet drops by cause, then flood-copy drops by cause
 *  port block:   PortCounter values, then drops by cause
 * </pre>
 * Identity at any quiescent point (every burst taken in has left the egress stage):
 * {@code RECEIVED = FORWARDED + FLOODED + sum(packet drops)}; a flooded frame then yields
 * {@code FLOOD_COPIES + sum(copy drops)} copies.
 * <p>
 * Each counter has one writer thread (ingress counters: the ingress agent; the rest: the egress
 * stage; one thread in the fused mode), which adds with a release store; any thread reads with an
 * acquire load (pair (K)).
 */
public final class SwitchCounters
{
    static final int RECEIVED = 0;
    static final int FORWARDED = 1;
    static final int FLOODED = 2;
    static final int FLOOD_COPIES = 3;
    static final int MARKERS = 4;
    static final int LINK_ERRORS = 5;
    private static final int PACKET_DROPS = 6;
    private static final int COPY_DROPS = PACKET_DROPS + DropCause.count();
    private static final int SWITCH_VALUES = COPY_DROPS + DropCause.count();
    private static final int PORT_VALUES = PortCounter.count() + DropCause.count();

    private final int switchBlock;
    private final int portBlock;
    private final int maxPorts;
    private final UnsafeBuffer values;

    SwitchCounters(final int maxPorts)
    {
        this.maxPorts = maxPorts;
        this.switchBlock = lines(SWITCH_VALUES);
        this.portBlock = lines(PORT_VALUES);
        this.values = new UnsafeBuffer(BufferUtil.allocateDirectAligned(switchBlock + portBlock * maxPorts, 64));
    }

    private static int lines(final int count)
    {
        return ((count * Long.BYTES + 63) / 64) * 64;
    }

    private void add(final int offset, final long delta)
    {
        values.putLongRelease(offset, values.getLong(offset) + delta); // release (K): pairs with get()
    }

    private long get(final int offset)
    {
        return values.getLongAcquire(offset); // acquire (K): pairs with add()
    }

    void addSwitch(final int index, final long delta)
    {
        add(index * Long.BYTES, delta);
    }

    void packetDropped(final DropCause cause, final int port, final long delta)
    {
        add((PACKET_DROPS + cause.ordinal()) * Long.BYTES, delta);
        addPortDrop(port, cause, delta);
    }

    void copyDropped(final DropCause cause, final int port)
    {
        add((COPY_DROPS + cause.ordinal()) * Long.BYTES, 1);
        addPortDrop(port, cause, 1);
    }

    private void addPortDrop(final int port, final DropCause cause, final long delta)
    {
        if (port >= 0)
        {
            add(switchBlock + port * portBlock + (PortCounter.count() + cause.ordinal()) * Long.BYTES, delta);
        }
    }

    void addPort(final int port, final PortCounter counter, final long delta)
    {
        add(switchBlock + port * portBlock + counter.ordinal() * Long.BYTES, delta);
    }

    /** Zero a port slot's block before the slot is reused. Control path, at a quiescent point. */
    void resetPort(final int port)
    {
        values.setMemory(switchBlock + port * portBlock, portBlock, (byte)0);
    }

    /** @return frames read from all ports. */
    public long received()
    {
        return get(RECEIVED * Long.BYTES);
    }

    /** @return unicast frames delivered to their one destination. */
    public long forwarded()
    {
        return get(FORWARDED * Long.BYTES);
    }

    /** @return frames flooded (broadcast, multicast, unknown unicast). */
    public long flooded()
    {
        return get(FLOODED * Long.BYTES);
    }

    /** @return copies of flooded frames delivered. */
    public long floodCopies()
    {
        return get(FLOOD_COPIES * Long.BYTES);
    }

    /** @return in-band markers forwarded. */
    public long markers()
    {
        return get(MARKERS * Long.BYTES);
    }

    /** @return exceptions thrown by port links (receive or transmit), each handed to the error handler. */
    public long linkErrors()
    {
        return get(LINK_ERRORS * Long.BYTES);
    }

    /** @return frames dropped for {@code cause} (each frame once, whole). */
    public long dropped(final DropCause cause)
    {
        return get((PACKET_DROPS + cause.ordinal()) * Long.BYTES);
    }

    /** @return frames dropped, all causes. */
    public long dropped()
    {
        long sum = 0;
        for (int i = 0; i < DropCause.count(); i++)
        {
            sum += get((PACKET_DROPS + i) * Long.BYTES);
        }
        return sum;
    }

    /** @return flood copies not delivered for {@code cause}. */
    public long copiesDropped(final DropCause cause)
    {
        return get((COPY_DROPS + cause.ordinal()) * Long.BYTES);
    }

    /** @return a port counter. */
    public long port(final int port, final PortCounter counter)
    {
        checkPort(port);
        return get(switchBlock + port * portBlock + counter.ordinal() * Long.BYTES);
    }

    /** @return a port's drops (frames and flood copies) for {@code cause}. */
    public long portDropped(final int port, final DropCause cause)
    {
        checkPort(port);
        return get(switchBlock + port * portBlock + (PortCounter.count() + cause.ordinal()) * Long.BYTES);
    }

    /** @return a port's drops, all causes. */
    public long portDropped(final int port)
    {
        long sum = 0;
        for (int i = 0; i < DropCause.count(); i++)
        {
            sum += portDropped(port, DropCause.of(i));
        }
        return sum;
    }

    private void checkPort(final int port)
    {
        if (port < 0 || port >= maxPorts)
        {
            throw new IllegalArgumentException("port must be 0.." + (maxPorts - 1) + ": " + port);
        }
    }
}
