package dev.twinpath.datapath.steer;

/**
 * A bounded first-in first-out queue of descriptors in a primitive ring, for one thread: the delivery
 * queue of an adapter, the per-path TX stages. Capacity is a power of two.
 * <p>
 * Owned by one thread (the guest thread of its adapter); no memory ordering.
 */
public final class DescriptorFifo
{
    private final long[] slots;
    private final int mask;
    private long head;
    private long tail;

    public DescriptorFifo(final int minCapacity)
    {
        final int capacity = Integer.highestOneBit(Math.max(2, minCapacity - 1)) << 1;
        slots = new long[capacity];
        mask = capacity - 1;
    }

    public int capacity()
    {
        return slots.length;
    }

    public int size()
    {
        return (int)(tail - head);
    }

    public int remaining()
    {
        return slots.length - size();
    }

    public boolean isEmpty()
    {
        return tail == head;
    }

    /** Append; the caller checks {@link #remaining()} first. @return false when full. */
    public boolean offer(final long descriptor)
    {
        if (tail - head == slots.length)
        {
            return false;
        }
        slots[(int)tail++ & mask] = descriptor;
        return true;
    }

    /** @return the oldest descriptor, not removed; the queue must not be empty. */
    public long peek()
    {
        return slots[(int)head & mask];
    }

    /** @return the oldest descriptor, removed; the queue must not be empty. */
    public long poll()
    {
        return slots[(int)head++ & mask];
    }

    /** Copy up to {@code max} of the oldest into {@code dst} without removing them. @return how many. */
    public int peek(final long[] dst, final int offset, final int max)
    {
        final int n = Math.min(max, size());
        for (int i = 0; i < n; i++)
        {
            dst[offset + i] = slots[(int)(head + i) & mask];
        }
        return n;
    }

    /** Remove the {@code n} oldest. */
    public void skip(final int n)
    {
        head += Math.min(n, size());
    }

    /** Move up to {@code max} of the oldest into {@code dst}. @return how many. */
    public int drainTo(final long[] dst, final int offset, final int max)
    {
        final int n = peek(dst, offset, max);
        head += n;
        return n;
    }
}
