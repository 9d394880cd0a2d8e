package dev.twinpath.vf.nic;

import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The {@link NicCounter} values of one function or queue, off-heap, one cache line apart from the
 * next block. The NIC agent thread is the single writer: it adds with a release store
 * ({@code putLongRelease}), so any other thread can read a live value with {@code getLongAcquire}
 * (pairs labelled (C) below).
 * <p>
 * Owned by the NIC agent thread for writes; readable from any thread.
 */
public final class FunctionCounters
{
    private static final int STRIDE = 8;

    private final UnsafeBuffer values;
    private final String name;

    public FunctionCounters(final String name)
    {
        this.name = name;
        final int length = ((NicCounter.count() * STRIDE + 63) / 64) * 64;
        this.values = new UnsafeBuffer(BufferUtil.allocateDirectAligned(length, 64));
    }

    public String name()
    {
        return name;
    }

    /** Add {@code delta}. NIC agent thread only. */
    void add(final NicCounter counter, final long delta)
    {
        final int index = counter.ordinal() * STRIDE;
        values.putLongRelease(index, values.getLong(index) + delta); // release (C): pairs with get()
    }

    /** Count a TX burst: packets and bytes taken, and how many of them were forwarded. NIC agent thread only. */
    void addTx(final int packets, final long bytes, final int forwarded)
    {
        if (packets > 0)
        {
            add(NicCounter.TX_PACKETS, packets);
            add(NicCounter.TX_BYTES, bytes);
        }
        if (forwarded > 0)
        {
            add(NicCounter.TX_FORWARDED, forwarded);
        }
    }

    /** @return the current value. Any thread. */
    public long get(final NicCounter counter)
    {
        return values.getLongAcquire(counter.ordinal() * STRIDE); // acquire (C): pairs with add()
    }

    /** @return the sum of all drop counters. Any thread. */
    public long dropped()
    {
        return rxDropped() + txDropped();
    }

    /** @return the sum of the RX drop counters. Any thread. */
    public long rxDropped()
    {
        long sum = 0;
        for (final NicCounter c : NicCounter.values())
        {
            sum += c.isRxDrop() ? get(c) : 0;
        }
        return sum;
    }

    /** @return the sum of the TX drop counters. Any thread. */
    public long txDropped()
    {
        long sum = 0;
        for (final NicCounter c : NicCounter.values())
        {
            sum += c.isTxDrop() ? get(c) : 0;
        }
        return sum;
    }

    @Override
    public String toString()
    {
        final StringBuilder sb = new StringBuilder(name).append('{');
        String separator = "";
        for (final NicCounter c : NicCounter.values())
        {
            final long v = get(c);
            if (v != 0)
            {
                sb.append(separator).append(c.name().toLowerCase()).append('=').append(v);
                separator = ", ";
            }
        }
        return sb.append('}').toString();
    }
}
