package dev.twinpath.vf.ring;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A NIC descriptor queue: a single-producer/single-consumer ring of {@code long} descriptors
 * ({@code PacketDescriptor} packets and in-band markers), capacity a power of two, with DPDK-style
 * burst calls. The producer writes a burst of slots, then publishes its tail once (the doorbell);
 * the consumer reads a burst, then publishes its head once. Each side caches the other side's
 * index and re-reads it only when its cached view says the ring is full (producer) or holds less
 * than was asked for (consumer).
 * <p>
 * Memory ordering, each pair labelled where it is used:
 * <ul>
 *     <li>(A) producer {@code TAIL.setRelease} after writing the slots, pairs with consumer
 *     {@code TAIL.getAcquire} before reading them: descriptors are visible before the tail that
 *     covers them.</li>
 *     <li>(B) consumer {@code HEAD.setRelease} after reading the slots, pairs with producer
 *     {@code HEAD.getAcquire} before overwriting them: a slot is reused only after it was read.</li>
 * </ul>
 * The hot indices and the cached copies live in padded regions (class-hierarchy padding of 128
 * bytes on each side, so adjacent-line prefetch does not couple them); a JOL test checks it.
 * <p>
 * Threads: exactly one producer thread calls the {@code enqueue}/{@code offer} methods and exactly
 * one consumer thread calls {@code dequeueBurst}/{@code poll}; {@link #size()} may be called from
 * any thread and is a snapshot.
 */
public final class SpscDescriptorRing extends SpscRingConsumerPadding
{
    /** What {@link #poll()} returns when the ring is empty; no valid descriptor has bit 63 set. */
    public static final long EMPTY = -1L;

    private static final VarHandle TAIL;
    private static final VarHandle HEAD;

    static
    {
        try
        {
            final MethodHandles.Lookup lookup = MethodHandles.lookup();
            TAIL = lookup.findVarHandle(SpscRingProducerFields.class, "tail", long.class);
            HEAD = lookup.findVarHandle(SpscRingConsumerFields.class, "head", long.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private final long[] slots;
    private final int mask;
    private final int capacity;

    /**
     * @param capacity a power of two, 2 to 2^30.
     * @throws IllegalArgumentException naming {@code capacity} when it is not.
     */
    public SpscDescriptorRing(final int capacity)
    {
        if (capacity < 2 || capacity > (1 << 30) || Integer.bitCount(capacity) != 1)
        {
            throw new IllegalArgumentException("capacity must be a power of two in 2..2^30: " + capacity);
        }
        this.capacity = capacity;
        this.mask = capacity - 1;
        this.slots = new long[capacity];
    }

    public int capacity()
    {
        return capacity;
    }

    /**
     * Enqueue all {@code count} descriptors or none (DPDK {@code enqueue_bulk}). Producer thread.
     *
     * @return {@code count}, or 0 when they do not all fit.
     */
    public int enqueueBulk(final long[] src, final int offset, final int count)
    {
        final long t = tail;
        if (count > capacity - (t - headCache))
        {
            headCache = (long)HEAD.getAcquire(this); // acquire (B): pairs with release in dequeueBurst/poll
            if (count > capacity - (t - headCache))
            {
                return 0;
            }
        }
        write(src, offset, count, t);
        return count;
    }

    /**
     * Enqueue as many of {@code count} descriptors as fit (DPDK {@code enqueue_burst}). Producer thread.
     *
     * @return how many were enqueued, 0..count.
     */
    public int enqueueBurst(final long[] src, final int offset, final int count)
    {
        final long t = tail;
        long free = capacity - (t - headCache);
        if (free < count)
        {
            headCache = (long)HEAD.getAcquire(this); // acquire (B): pairs with release in dequeueBurst/poll
            free = capacity - (t - headCache);
        }
        final int n = (int)Math.min(count, free);
        if (n > 0)
        {
            write(src, offset, n, t);
        }
        return n;
    }

    /** Enqueue one descriptor. Producer thread. @return false when full. */
    public boolean offer(final long descriptor)
    {
        final long t = tail;
        if (t - headCache == capacity)
        {
            headCache = (long)HEAD.getAcquire(this); // acquire (B): pairs with release in dequeueBurst/poll
            if (t - headCache == capacity)
            {
                return false;
            }
        }
        slots[(int)t & mask] = descriptor;
        TAIL.setRelease(this, t + 1); // release (A): pairs with acquire in dequeueBurst/poll
        return true;
    }

    private void write(final long[] src, final int offset, final int n, final long t)
    {
        final int start = (int)t & mask;
        final int first = Math.min(n, capacity - start);
        System.arraycopy(src, offset, slots, start, first);
        if (first < n)
        {
            System.arraycopy(src, offset + first, slots, 0, n - first);
        }
        TAIL.setRelease(this, t + n); // release (A): the doorbell, pairs with acquire in dequeueBurst/poll
    }

    /**
     * Dequeue up to {@code max} descriptors in FIFO order. Consumer thread.
     *
     * @return how many were dequeued, 0..max.
     */
    public int dequeueBurst(final long[] dst, final int offset, final int max)
    {
        final long h = head;
        long available = tailCache - h;
        if (available < max)
        {
            tailCache = (long)TAIL.getAcquire(this); // acquire (A): pairs with release in enqueue*/offer
            available = tailCache - h;
        }
        final int n = (int)Math.min(max, available);
        if (n <= 0)
        {
            return 0;
        }
        final int start = (int)h & mask;
        final int first = Math.min(n, capacity - start);
        System.arraycopy(slots, start, dst, offset, first);
        if (first < n)
        {
            System.arraycopy(slots, 0, dst, offset + first, n - first);
        }
        HEAD.setRelease(this, h + n); // release (B): pairs with acquire in enqueue*/offer
        return n;
    }

    /** Dequeue one descriptor. Consumer thread. @return it, or {@link #EMPTY}. */
    public long poll()
    {
        final long h = head;
        if (h == tailCache)
        {
            tailCache = (long)TAIL.getAcquire(this); // acquire (A): pairs with release in enqueue*/offer
            if (h == tailCache)
            {
                return EMPTY;
            }
        }
        final long descriptor = slots[(int)h & mask];
        HEAD.setRelease(this, h + 1); // release (B): pairs with acquire in enqueue*/offer
        return descriptor;
    }

    /** @return descriptors in the ring: a snapshot, exact only when both sides are quiet. Any thread. */
    public int size()
    {
        final long h = (long)HEAD.getAcquire(this);
        final long t = (long)TAIL.getAcquire(this);
        return (int)Math.max(0, Math.min(capacity, t - h));
    }

    public boolean isEmpty()
    {
        return size() == 0;
    }

    /** @return total descriptors ever enqueued. Any thread (acquire). */
    public long producerPosition()
    {
        return (long)TAIL.getAcquire(this);
    }

    /** @return total descriptors ever dequeued. Any thread (acquire). */
    public long consumerPosition()
    {
        return (long)HEAD.getAcquire(this);
    }

    @Override
    public String toString()
    {
        return "SpscDescriptorRing{capacity=" + capacity + ", size=" + size() + '}';
    }
}
