package dev.twinpath.datapath;

import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The {@link AdapterCounter} values of one adapter, off-heap. The adapter's guest thread is the single
 * writer and adds with a release store; any thread reads a live value with an acquire load (pair (A)).
 * <p>
 * Written by the adapter's guest thread; readable from any thread.
 */
public final class AdapterCounters
{
    private static final int STRIDE = 8;

    private final UnsafeBuffer values;
    private final String name;

    public AdapterCounters(final String name)
    {
        this.name = name;
        final int length = ((AdapterCounter.count() * STRIDE + 63) / 64) * 64;
        this.values = new UnsafeBuffer(BufferUtil.allocateDirectAligned(length, 64));
    }

    public String name()
    {
        return name;
    }

    /** Add {@code delta}. Guest thread only. */
    void add(final AdapterCounter counter, final long delta)
    {
        final int index = counter.ordinal() * STRIDE;
        values.putLongRelease(index, values.getLong(index) + delta); // release (A): pairs with get()
    }

    /** @return the current value. Any thread. */
    public long get(final AdapterCounter counter)
    {
        return values.getLongAcquire(counter.ordinal() * STRIDE); // acquire (A)
    }

    /** @return every value, by {@link AdapterCounter} ordinal: what a VM carries to another process. Any thread. */
    public long[] toArray()
    {
        final long[] all = new long[AdapterCounter.count()];
        for (final AdapterCounter c : AdapterCounter.values())
        {
            all[c.ordinal()] = get(c);
        }
        return all;
    }

    /**
     * @return counters named {@code name} holding {@code carried} (from {@link #toArray()}), for an adapter that goes
     * on counting in another process. Control thread, before an adapter uses them.
     * @throws IllegalArgumentException when {@code carried} has another length.
     */
    public static AdapterCounters of(final String name, final long[] carried)
    {
        if (carried.length != AdapterCounter.count())
        {
            throw new IllegalArgumentException("carried: " + carried.length + " counters, expected " + AdapterCounter.count());
        }
        final AdapterCounters counters = new AdapterCounters(name);
        for (final AdapterCounter c : AdapterCounter.values())
        {
            counters.values.putLongRelease(c.ordinal() * STRIDE, carried[c.ordinal()]); // release (A)
        }
        return counters;
    }

    @Override
    public String toString()
    {
        final StringBuilder sb = new StringBuilder(name).append(" {");
        for (final AdapterCounter c : AdapterCounter.values())
        {
            final long v = get(c);
            if (v != 0)
            {
                sb.append(' ').append(c.name().toLowerCase()).append('=').append(v);
            }
        }
        return sb.append(" }").toString();
    }
}
