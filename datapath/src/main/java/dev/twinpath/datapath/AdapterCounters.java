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
