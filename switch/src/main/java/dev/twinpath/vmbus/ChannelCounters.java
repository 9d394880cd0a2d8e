package dev.twinpath.vmbus;

import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The {@link ChannelCounter} values of one endpoint, off-heap. Each counter has one writer, the
 * thread of its {@link ChannelCounter.Role}: it adds with a release store ({@code putLongRelease}),
 * so any thread reads a live value with {@code getLongAcquire} (pair labelled (K) below). The
 * memory stays readable after the channel is closed (it is freed with the object, not by
 * {@link VmBusChannel#close()}), so a final report can still read it.
 * <p>
 * Threading: written by the role threads of the endpoint, each its own counters; read by any thread.
 */
public final class ChannelCounters
{
    private final String name;
    private final UnsafeBuffer values;

    ChannelCounters(final String name)
    {
        this.name = name;
        this.values = new UnsafeBuffer(BufferUtil.allocateDirectAligned(ChannelCounter.LENGTH, 64));
    }

    /** @return the endpoint's name. */
    public String name()
    {
        return name;
    }

    /** Add {@code delta}. The thread of {@code counter.role()} only. */
    void add(final ChannelCounter counter, final long delta)
    {
        final int offset = counter.offset();
        values.putLongRelease(offset, values.getLong(offset) + delta); // release (K): pairs with get()
    }

    /** Add one. The thread of {@code counter.role()} only. */
    void increment(final ChannelCounter counter)
    {
        add(counter, 1);
    }

    /** @return the current value. Any thread. */
    public long get(final ChannelCounter counter)
    {
        return values.getLongAcquire(counter.offset()); // acquire (K): pairs with add()
    }

    /** @return control records skipped for this reason. Any thread. */
    public long malformed(final ControlDecodeError reason)
    {
        return get(reason.counter());
    }

    /** @return control records skipped for any reason. Any thread. */
    public long malformed()
    {
        long sum = 0;
        for (final ControlDecodeError reason : ControlDecodeError.values())
        {
            sum += malformed(reason);
        }
        return sum;
    }

    @Override
    public String toString()
    {
        final StringBuilder sb = new StringBuilder(name).append('{');
        String separator = "";
        for (final ChannelCounter c : ChannelCounter.values())
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
