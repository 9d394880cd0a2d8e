package dev.twinpath.vf.ring;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.Objects;

/**
 * A NIC descriptor queue: a single-producer/single-consumer ring of {@code long} descriptors
 * ({@code PacketDescriptor} packets and in-band markers), capacity a power of two, with DPDK-style
 * burst calls. The producer writes a burst of slots, then publishes its tail once (the doorbell);
 * the consumer reads a burst, then publishes its head once.
 * <p>
 * Each slot records the lap that wrote it in bit 63, which no valid descriptor sets: the producer
 * stores {@code descriptor | lapBit(position)}, {@code lapBit} being the parity of
 * {@code position / capacity} moved to bit 63, and the consumer strips it. The slot of position
 * {@code p} holds either position {@code p} or position {@code p - capacity} (the producer never laps
 * the consumer), so the parity tells the consumer whether position {@code p} is written without
 * reading the producer's tail, and the consumer never writes to a slot.
 * <ul>
 *     <li>The producer caches the consumer's head and re-reads it only when its cached view says the
 *     ring is too full for the call.</li>
 *     <li>{@link #poll()} reads only the next slot. {@link #dequeueBurst} copies without any check what
 *     its cached tail covers; beyond that it reads the slots in order up to the first one not written
 *     in this lap, and re-reads the tail only when that found a full burst (the ring is backed up).
 *     A consumer that keeps up with the producer touches only the slots' cache lines, never the
 *     producer's index line.</li>
 *     <li>The producer writes the first slot of every burst last, so a consumer that sees it sees the
 *     whole burst.</li>
 * </ul>
 * Memory ordering, each pair labelled where it is used:
 * <ul>
 *     <li>(A) producer {@code TAIL.setRelease} after writing the slots, pairs with consumer
 *     {@code TAIL.getAcquire} in {@link #dequeueBurst}, before it reads the slots below that tail
 *     without checking them.</li>
 *     <li>(B) consumer {@code HEAD.setRelease} after reading the slots, pairs with producer
 *     {@code HEAD.getAcquire} before overwriting them: a slot is reused only after it was read.</li>
 *     <li>(C) producer {@code SLOTS.setRelease} of the first slot of a burst, after the burst's other
 *     slots, pairs with consumer {@code SLOTS.getAcquire} of a slot in {@link #poll()} and
 *     {@link #dequeueBurst}: a consumer that sees the first slot of a burst sees the whole burst, and
 *     whatever the producer wrote before it, such as the packet the descriptor names.</li>
 * </ul>
 * Bit 63 of an enqueued value is not carried: valid descriptors never set it, and an invalid value
 * comes out with it cleared rather than stalling the ring.
 * <p>
 * The read-only fields, the producer's fields and the consumer's fields live in regions padded by
 * 128 bytes on each side (class-hierarchy padding, see {@code SpscRingHeaderPadding}, so adjacent-line
 * prefetch does not couple them); a JOL test checks it.
 * <p>
 * Threads: exactly one producer thread calls the {@code enqueue}/{@code offer} methods and exactly
 * one consumer thread calls {@code dequeueBurst}/{@code poll}; {@link #size()} may be called from
 * any thread and is a snapshot.
 */
public final class SpscDescriptorRing extends SpscRingConsumerPadding
{
    /** What {@link #poll()} returns when the ring is empty; no valid descriptor has bit 63 set. */
    public static final long EMPTY = -1L;

    /** Largest capacity: 2^30 slots. */
    public static final int MAX_CAPACITY = 1 << 30;

    private static final VarHandle TAIL;
    private static final VarHandle HEAD;
    private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(long[].class);

    /** Bit 63 of a slot: the parity of the lap that wrote it. */
    private static final long LAP_BIT = Long.MIN_VALUE;
    /** The 63 bits of a slot that carry the descriptor. */
    private static final long VALUE_BITS = Long.MAX_VALUE;
    /** What every slot holds before the producer's first lap. */
    private static final long STALE = LAP_BIT;

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

    /**
     * @param capacity a power of two, 2 to 2^30.
     * @throws IllegalArgumentException naming {@code capacity} when it is not.
     */
    public SpscDescriptorRing(final int capacity)
    {
        super(checkCapacity(capacity));
        Arrays.fill(slots, STALE); // lap -1: bit 63 set, the opposite of lap 0's
    }

    private static int checkCapacity(final int capacity)
    {
        if (capacity < 2 || capacity > MAX_CAPACITY || Integer.bitCount(capacity) != 1)
        {
            throw new IllegalArgumentException("capacity must be a power of two in 2..2^30: " + capacity);
        }
        return capacity;
    }

    public int capacity()
    {
        return capacity;
    }

    /**
     * Enqueue all {@code count} descriptors or none (DPDK {@code enqueue_bulk}). Producer thread.
     *
     * @return {@code count}, or 0 when they do not all fit (or {@code count} is not positive).
     * @throws IndexOutOfBoundsException when {@code src} is too short; nothing is enqueued (a caller's bug).
     */
    public int enqueueBulk(final long[] src, final int offset, final int count)
    {
        if (count <= 0)
        {
            return 0;
        }
        final long t = tail;
        if (count > capacity - (int)(t - headCache))
        {
            headCache = (long)HEAD.getAcquire(this); // acquire (B): pairs with release in dequeueBurst/poll
            if (count > capacity - (int)(t - headCache))
            {
                return 0;
            }
        }
        write(src, offset, count, t);
        return count;
    }

    /**
     * Enqueue as many of {@code count} descriptors as fit (DPDK {@code enqueue_burst}). Producer thread.
     * <p>
     * "Fit" is judged when the producer looks at the consumer's head; the consumer may free more
     * slots before the burst is published, so a short count is a snapshot, as with DPDK's rings.
     *
     * @return how many were enqueued, 0..count.
     * @throws IndexOutOfBoundsException when {@code src} is too short; nothing is enqueued (a caller's bug).
     */
    public int enqueueBurst(final long[] src, final int offset, final int count)
    {
        final long t = tail;
        int free = capacity - (int)(t - headCache);
        if (free < count)
        {
            headCache = (long)HEAD.getAcquire(this); // acquire (B): pairs with release in dequeueBurst/poll
            free = capacity - (int)(t - headCache);
        }
        final int n = count < free ? count : free;
        if (n <= 0)
        {
            return 0;
        }
        write(src, offset, n, t);
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
        SLOTS.setRelease(slots, (int)t & mask, (descriptor & VALUE_BITS) | lapBit(t)); // release (C): pairs with acquire in poll
        TAIL.setRelease(this, t + 1); // release (A): pairs with acquire in dequeueBurst
        return true;
    }

    /**
     * Write {@code n >= 1} descriptors at positions {@code t..t+n-1}, the first one last, then ring the
     * doorbell. The source range is checked before any slot is written: a slot written with this
     * lap's bit and then abandoned would be taken for a descriptor once an earlier one is published.
     *
     * @throws IndexOutOfBoundsException when {@code src} does not hold {@code offset..offset+n-1}.
     */
    private void write(final long[] src, final int offset, final int n, final long t)
    {
        Objects.checkFromIndexSize(offset, n, src.length);
        final long[] slots = this.slots;
        final int first = (int)t & mask;
        final long lapBit = lapBit(t);
        final int toEnd = capacity - first;
        if (n <= toEnd)
        {
            copyIn(src, offset + 1, slots, first + 1, n - 1, lapBit);
        }
        else
        {
            copyIn(src, offset + 1, slots, first + 1, toEnd - 1, lapBit);
            copyIn(src, offset + toEnd, slots, 0, n - toEnd, lapBit ^ LAP_BIT); // the next lap
        }
        SLOTS.setRelease(slots, first, (src[offset] & VALUE_BITS) | lapBit); // release (C): publishes the burst to poll
        TAIL.setRelease(this, t + n); // release (A): the doorbell, pairs with acquire in dequeueBurst
    }

    private static void copyIn(
        final long[] src, final int from, final long[] slots, final int to, final int count, final long lapBit)
    {
        for (int i = 0; i < count; i++)
        {
            slots[to + i] = (src[from + i] & VALUE_BITS) | lapBit;
        }
    }

    private static void copyOut(final long[] slots, final int from, final long[] dst, final int to, final int count)
    {
        for (int i = 0; i < count; i++)
        {
            dst[to + i] = slots[from + i] & VALUE_BITS;
        }
    }

    /** @return bit 63 set when {@code position} is in an odd lap ({@code position / capacity} odd). */
    private long lapBit(final long position)
    {
        return (position << lapShift) & LAP_BIT;
    }

    /**
     * Dequeue up to {@code max} descriptors in FIFO order. Consumer thread.
     * <p>
     * When the cached tail covers {@code max} descriptors they are copied without reading any shared
     * index. Otherwise the slots are read in order, each with acquire (C), up to the first one not
     * yet written in this lap; only when that finds a full burst (the ring is backed up) is the tail
     * re-read, so that the following bursts take the first path.
     * <p>
     * A short count is what had been published when the consumer looked; the producer may publish
     * more before the consumer's head moves.
     *
     * @return how many were dequeued, 0..max.
     */
    public int dequeueBurst(final long[] dst, final int offset, final int max)
    {
        if (max <= 0)
        {
            return 0;
        }
        final long h = head;
        final int n;
        if (tailCache - h >= max)
        {
            n = max;
            final int start = (int)h & mask;
            final int toEnd = capacity - start;
            if (n <= toEnd)
            {
                copyOut(slots, start, dst, offset, n);
            }
            else
            {
                copyOut(slots, start, dst, offset, toEnd);
                copyOut(slots, 0, dst, offset + toEnd, n - toEnd);
            }
        }
        else
        {
            n = readWritten(dst, offset, h, max);
            if (n == 0)
            {
                return 0;
            }
            if (n == max)
            {
                tailCache = (long)TAIL.getAcquire(this); // acquire (A): pairs with release in enqueue*/offer
            }
        }
        HEAD.setRelease(this, h + n); // release (B): pairs with acquire in enqueue*/offer
        return n;
    }

    /** @return how many slots from position {@code h} on, up to {@code max}, hold this lap's descriptors; copied out. */
    private int readWritten(final long[] dst, final int offset, final long h, final int max)
    {
        final long[] slots = this.slots;
        int n = 0;
        while (n < max)
        {
            final long position = h + n;
            final long slot = (long)SLOTS.getAcquire(slots, (int)position & mask); // acquire (C): pairs with release in enqueue*/offer
            if ((slot ^ lapBit(position)) < 0)
            {
                break;
            }
            dst[offset + n] = slot & VALUE_BITS;
            n++;
        }
        return n;
    }

    /** Dequeue one descriptor. Consumer thread. @return it, or {@link #EMPTY}. */
    public long poll()
    {
        final long h = head;
        final long slot = (long)SLOTS.getAcquire(slots, (int)h & mask); // acquire (C): pairs with release in enqueue*/offer
        if ((slot ^ lapBit(h)) < 0)
        {
            return EMPTY; // the slot still holds position h - capacity: position h is not written yet
        }
        HEAD.setRelease(this, h + 1); // release (B): pairs with acquire in enqueue*/offer
        return slot & VALUE_BITS;
    }

    /** @return descriptors in the ring: a snapshot, exact only when both sides are quiet. Any thread. */
    public int size()
    {
        final long h = (long)HEAD.getAcquire(this);
        final long t = (long)TAIL.getAcquire(this);
        final long size = t - h;
        return size <= 0 ? 0 : size >= capacity ? capacity : (int)size;
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
