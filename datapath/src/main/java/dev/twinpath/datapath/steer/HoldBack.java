package dev.twinpath.datapath.steer;

/**
 * The bounded hold-back buffer of a move (promise G4): descriptors that arrived on the new path of
 * their flow before the old path was known to be drained, kept in arrival order with their flow id
 * and path, and released selectively (in order) once their flow's old path has closed. A full buffer
 * is never overrun: its owner stops reading the path that fills it (back-pressure), it never drops.
 * <p>
 * Owned by one thread (the guest thread of its adapter); no memory ordering.
 */
public final class HoldBack
{
    /** Decides which held descriptors may go. */
    public interface Releaser
    {
        /** @return true when a descriptor of {@code flow} that arrived on path {@code pathId} may be released now. */
        boolean releasable(int flow, int pathId);

        /** Take a released descriptor (called in arrival order). */
        void onReleased(long descriptor, int pathId);
    }

    private final long[] descriptors;
    private final int[] flows;
    private final byte[] paths;
    private final long[] heldAt;
    private int first;
    private int size;
    private final int[] heldOnPath = new int[2];
    private long highWater;
    private long totalHeld;
    private long totalReleased;

    public HoldBack(final int capacity)
    {
        if (capacity < 1)
        {
            throw new IllegalArgumentException("holdBackCapacity must be >= 1: " + capacity);
        }
        descriptors = new long[capacity];
        flows = new int[capacity];
        paths = new byte[capacity];
        heldAt = new long[capacity];
    }

    public int capacity()
    {
        return descriptors.length;
    }

    public int size()
    {
        return size;
    }

    public int remaining()
    {
        return descriptors.length - size;
    }

    public boolean isEmpty()
    {
        return size == 0;
    }

    /** @return descriptors held that arrived on path {@code pathId}. */
    public int heldOnPath(final int pathId)
    {
        return heldOnPath[pathId];
    }

    /** @return the most descriptors ever held at once. */
    public long highWater()
    {
        return highWater;
    }

    public long totalHeld()
    {
        return totalHeld;
    }

    public long totalReleased()
    {
        return totalReleased;
    }

    /** @return when the oldest held descriptor was held (caller's clock), or {@code Long.MAX_VALUE} when empty. */
    public long oldestHeldAt()
    {
        return size == 0 ? Long.MAX_VALUE : heldAt[first];
    }

    /** Hold one. @return false when full (the caller must not have read it: check {@link #remaining()}). */
    public boolean hold(final long descriptor, final int flow, final int pathId, final long nowNanos)
    {
        if (size == descriptors.length)
        {
            return false;
        }
        if (first + size == descriptors.length)
        {
            compact(); // the free room is at the front: move the entries back to index 0
        }
        final int at = first + size;
        descriptors[at] = descriptor;
        flows[at] = flow;
        paths[at] = (byte)pathId;
        heldAt[at] = nowNanos;
        size++;
        heldOnPath[pathId]++;
        totalHeld++;
        if (size > highWater)
        {
            highWater = size;
        }
        return true;
    }

    /**
     * Release, in arrival order, every held descriptor {@code releaser} allows; the others stay, in order.
     *
     * @return how many were released.
     */
    public int release(final Releaser releaser)
    {
        int kept = first;
        int released = 0;
        final int end = first + size;
        for (int i = first; i < end; i++)
        {
            final int pathId = paths[i];
            if (releaser.releasable(flows[i], pathId))
            {
                releaser.onReleased(descriptors[i], pathId);
                heldOnPath[pathId]--;
                released++;
            }
            else
            {
                move(i, kept++);
            }
        }
        size = kept - first;
        if (size == 0)
        {
            first = 0;
        }
        totalReleased += released;
        return released;
    }

    /**
     * Release the {@code max} oldest held descriptors (or all, if fewer), in order: the cost is the
     * number released, whatever is still held behind them.
     *
     * @return how many were released.
     */
    public int releaseFirst(final int max, final Releaser releaser)
    {
        final int n = Math.min(max, size);
        for (int i = first; i < first + n; i++)
        {
            final int pathId = paths[i];
            releaser.onReleased(descriptors[i], pathId);
            heldOnPath[pathId]--;
        }
        first += n;
        size -= n;
        if (size == 0)
        {
            first = 0;
        }
        totalReleased += n;
        return n;
    }

    private void compact()
    {
        for (int i = 0; i < size; i++)
        {
            move(first + i, i);
        }
        first = 0;
    }

    private void move(final int from, final int to)
    {
        if (from != to)
        {
            descriptors[to] = descriptors[from];
            flows[to] = flows[from];
            paths[to] = paths[from];
            heldAt[to] = heldAt[from];
        }
    }
}
