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
        return size == 0 ? Long.MAX_VALUE : heldAt[0];
    }

    /** Hold one. @return false when full (the caller must not have read it: check {@link #remaining()}). */
    public boolean hold(final long descriptor, final int flow, final int pathId, final long nowNanos)
    {
        if (size == descriptors.length)
        {
            return false;
        }
        descriptors[size] = descriptor;
        flows[size] = flow;
        paths[size] = (byte)pathId;
        heldAt[size] = nowNanos;
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
        int kept = 0;
        int released = 0;
        for (int i = 0; i < size; i++)
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
                descriptors[kept] = descriptors[i];
                flows[kept] = flows[i];
                paths[kept] = paths[i];
                heldAt[kept] = heldAt[i];
                kept++;
            }
        }
        size = kept;
        totalReleased += released;
        return released;
    }
}
