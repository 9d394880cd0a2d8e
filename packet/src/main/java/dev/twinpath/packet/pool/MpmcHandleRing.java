package dev.twinpath.packet.pool;

import org.agrona.BitUtil;
import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * 128 bytes before {@code head}: keeps the object header and whatever precedes this object off the
 * consumer index's cache line and its adjacent-line prefetch partner.
 */
abstract class MpmcHandleRingPad0
{
    long p000, p001, p002, p003, p004, p005, p006, p007;
    long p008, p009, p010, p011, p012, p013, p014, p015;
}

/**
 * Consumer index (next position to take), written by CAS from any allocating thread.
 */
abstract class MpmcHandleRingHead extends MpmcHandleRingPad0
{
    long head;
}

/**
 * 128 bytes between {@code head} and {@code tail}: consumers and producers do not false-share.
 */
abstract class MpmcHandleRingPad1 extends MpmcHandleRingHead
{
    long p100, p101, p102, p103, p104, p105, p106, p107;
    long p108, p109, p110, p111, p112, p113, p114, p115;
}

/**
 * Producer index (next position to fill), written by CAS from any freeing thread.
 */
abstract class MpmcHandleRingTail extends MpmcHandleRingPad1
{
    long tail;
}

/**
 * 128 bytes after {@code tail}: the read-only fields below and the next object stay off its line.
 */
abstract class MpmcHandleRingPad2 extends MpmcHandleRingTail
{
    long p200, p201, p202, p203, p204, p205, p206, p207;
    long p208, p209, p210, p211, p212, p213, p214, p215;
}

/**
 * Bounded multi-producer multi-consumer ring of non-negative {@code int} handles: the shared free
 * list of a {@link PacketPool}.
 * <p>
 * Threading: any number of threads may enqueue and dequeue at once. {@code head} and {@code tail}
 * are padded (class-hierarchy padding, checked with JOL in a test); the cells are off-heap.
 * <p>
 * Algorithm: a cell-sequence ring in the style of Vyukov's bounded MPMC queue, extended to bursts.
 * Each cell is one {@code long}: the upper 32 bits are the low 32 bits of a sequence, the lower
 * 32 bits the handle. For position {@code p} (a {@code long} that never wraps) in cell
 * {@code p & mask}:
 * <ul>
 *     <li>sequence {@code == p}: the cell is free for the producer at {@code p};</li>
 *     <li>sequence {@code == p + 1}: the cell holds a handle for the consumer at {@code p};</li>
 *     <li>after the consumer at {@code p} is done it writes sequence {@code p + capacity}: free for
 *     the producer one lap later.</li>
 * </ul>
 * A burst reads the cells it wants <em>before</em> claiming them, then claims all of them with one
 * CAS on {@code tail} (producers) or {@code head} (consumers). A cell in the "free for p" or "full
 * for p" state can leave that state only through the thread that claims {@code p}, so if the CAS
 * succeeds, every cell checked under it is still as seen. Comparing only 32 bits of sequence is
 * sound because a cell's sequence is always within one lap of the position that reads it and the
 * capacity is far below 2<sup>31</sup>.
 * <p>
 * Progress: dequeue never waits; it takes the run of cells that are already published at
 * {@code head} and may therefore come back short while a free is between its claim and its
 * publish. Enqueue waits in one case only: when it laps a consumer that has claimed a cell and not
 * yet released it (a few instructions unless that thread is descheduled). "Full" is reported only
 * when the ring really holds {@code capacity} entries; a pool whose ring capacity is at least its
 * slot count is never full unless a handle was freed twice.
 */
final class MpmcHandleRing extends MpmcHandleRingPad2
{
    /**
     * Returned by {@link #poll()} when no handle is published at the head.
     */
    static final int EMPTY = -1;

    private static final VarHandle HEAD;
    private static final VarHandle TAIL;
    private static final int CELL_SHIFT = 3;

    static
    {
        try
        {
            final MethodHandles.Lookup lookup = MethodHandles.lookup();
            HEAD = lookup.findVarHandle(MpmcHandleRingHead.class, "head", long.class);
            TAIL = lookup.findVarHandle(MpmcHandleRingTail.class, "tail", long.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private final int capacity;
    private final int mask;
    private final UnsafeBuffer cells;

    /**
     * Build an empty ring. Publish it to other threads safely (final field of an object handed
     * over before they start, or through a volatile/queue).
     *
     * @param capacity number of cells, a power of two.
     */
    MpmcHandleRing(final int capacity)
    {
        if (!BitUtil.isPowerOfTwo(capacity))
        {
            throw new IllegalArgumentException("capacity=" + capacity + " must be a power of two");
        }
        this.capacity = capacity;
        this.mask = capacity - 1;
        this.cells = new UnsafeBuffer(BufferUtil.allocateDirectAligned(capacity << CELL_SHIFT, 64));
        for (int i = 0; i < capacity; i++)
        {
            cells.putLong(i << CELL_SHIFT, cell(i, 0));
        }
    }

    /**
     * @return number of cells.
     */
    int capacity()
    {
        return capacity;
    }

    /**
     * Enqueue up to {@code count} handles, as many as there are free cells.
     *
     * @param src    handles to enqueue.
     * @param offset first index in {@code src}.
     * @param count  number of handles.
     * @return number enqueued, taken from the front of the range; 0 only if the ring is full.
     */
    int enqueueBurst(final int[] src, final int offset, final int count)
    {
        if (count <= 0)
        {
            return 0;
        }

        while (true)
        {
            // acquire: pairs with the compareAndSet on TAIL below (by any producer); the CAS re-validates it
            final long tail = (long)TAIL.getAcquire(this);
            int free = 0;
            while (free < count)
            {
                final long position = tail + free;
                // acquire: pairs with putLongRelease in releaseCells(): the last consumer of this cell is done with it
                if (sequenceOf(cells.getLongAcquire(cellOffset(position))) != (int)position)
                {
                    break;
                }
                free++;
            }

            if (free == 0)
            {
                if (isFull(tail))
                {
                    return 0;
                }
                continue;
            }

            // CAS (volatile): claims positions [tail, tail + free) for this thread alone
            if (TAIL.compareAndSet(this, tail, tail + free))
            {
                for (int i = 0; i < free; i++)
                {
                    final long position = tail + i;
                    // release: pairs with getLongAcquire in dequeue()/poll(); publishes the handle and
                    // every write the freeing thread made to the packet slot before freeing it
                    cells.putLongRelease(cellOffset(position), cell(position + 1, src[offset + i]));
                }
                return free;
            }
        }
    }

    /**
     * Enqueue one handle.
     *
     * @param handle non-negative handle.
     * @return false only if the ring is full.
     */
    boolean offer(final int handle)
    {
        while (true)
        {
            // acquire: pairs with the compareAndSet on TAIL below (by any producer); the CAS re-validates it
            final long tail = (long)TAIL.getAcquire(this);
            final int offset = cellOffset(tail);
            // acquire: pairs with putLongRelease in releaseCells()
            if (sequenceOf(cells.getLongAcquire(offset)) == (int)tail)
            {
                if (TAIL.compareAndSet(this, tail, tail + 1))
                {
                    // release: pairs with getLongAcquire in dequeue()/poll()
                    cells.putLongRelease(offset, cell(tail + 1, handle));
                    return true;
                }
            }
            else if (isFull(tail))
            {
                return false;
            }
        }
    }

    /**
     * Dequeue exactly {@code count} handles or none.
     *
     * @param dst    where to write them; the range may be overwritten even when 0 is returned.
     * @param offset first index in {@code dst}.
     * @param count  number wanted.
     * @return {@code count}, or 0 if fewer are published at the head.
     */
    int dequeueBulk(final int[] dst, final int offset, final int count)
    {
        return dequeue(dst, offset, count, true);
    }

    /**
     * Dequeue up to {@code count} handles: the run published at the head.
     *
     * @param dst    where to write them; the range may be overwritten beyond the returned count.
     * @param offset first index in {@code dst}.
     * @param count  number wanted.
     * @return number dequeued.
     */
    int dequeueBurst(final int[] dst, final int offset, final int count)
    {
        return dequeue(dst, offset, count, false);
    }

    /**
     * Dequeue one handle.
     *
     * @return a handle, or {@link #EMPTY}.
     */
    int poll()
    {
        while (true)
        {
            // acquire: pairs with the compareAndSet on HEAD below (by any consumer); the CAS re-validates it
            final long head = (long)HEAD.getAcquire(this);
            final int offset = cellOffset(head);
            // acquire: pairs with putLongRelease in enqueueBurst()/offer(): the handle and the slot's memory
            final long cell = cells.getLongAcquire(offset);
            if (sequenceOf(cell) == (int)(head + 1))
            {
                if (HEAD.compareAndSet(this, head, head + 1))
                {
                    releaseCells(head, 1);
                    return handleOf(cell);
                }
            }
            else if ((long)HEAD.getAcquire(this) == head)
            {
                return EMPTY;
            }
        }
    }

    /**
     * Number of handles between head and tail, including those a producer has claimed and not yet
     * published. Exact when no operation is in progress, otherwise a snapshot clamped to
     * [0, capacity].
     *
     * @return approximate size.
     */
    int size()
    {
        // acquire both: head first, so the later tail read is never behind it
        final long head = (long)HEAD.getAcquire(this);
        final long tail = (long)TAIL.getAcquire(this);

        return (int)Math.max(0, Math.min(tail - head, capacity));
    }

    /**
     * Copy the queued handles, head first, without dequeuing them. Only meaningful at a quiescent
     * point (control path).
     *
     * @param dst at least {@link #capacity()} long.
     * @return number copied.
     */
    int snapshot(final int[] dst)
    {
        final long head = (long)HEAD.getAcquire(this);
        final long tail = (long)TAIL.getAcquire(this);
        final int size = (int)Math.min(tail - head, capacity);
        for (int i = 0; i < size; i++)
        {
            // acquire: pairs with putLongRelease in enqueueBurst()/offer()
            dst[i] = handleOf(cells.getLongAcquire(cellOffset(head + i)));
        }

        return size;
    }

    private int dequeue(final int[] dst, final int offset, final int count, final boolean allOrNone)
    {
        if (count <= 0)
        {
            return 0;
        }

        while (true)
        {
            // acquire: pairs with the compareAndSet on HEAD below (by any consumer); the CAS re-validates it
            final long head = (long)HEAD.getAcquire(this);
            int published = 0;
            while (published < count)
            {
                final long position = head + published;
                // acquire: pairs with putLongRelease in enqueueBurst()/offer(): the handle and the slot's memory
                final long cell = cells.getLongAcquire(cellOffset(position));
                if (sequenceOf(cell) != (int)(position + 1))
                {
                    break;
                }
                dst[offset + published] = handleOf(cell);
                published++;
            }

            if (published == 0 || (allOrNone && published < count))
            {
                // head unchanged: nothing more is published there (empty, or a free is mid-publish)
                if ((long)HEAD.getAcquire(this) == head)
                {
                    return 0;
                }
                continue;
            }

            // CAS (volatile): claims positions [head, head + published) for this thread alone
            if (HEAD.compareAndSet(this, head, head + published))
            {
                releaseCells(head, published);
                return published;
            }
        }
    }

    private void releaseCells(final long head, final int count)
    {
        for (int i = 0; i < count; i++)
        {
            final long position = head + i;
            // release: pairs with getLongAcquire in enqueueBurst()/offer()/isFull(): this consumer has read the
            // cell, so the producer one lap later may overwrite it
            cells.putLongRelease(cellOffset(position), cell(position + capacity, 0));
        }
    }

    /**
     * The cell at {@code tail} was not free for it: decide between "full" and "retry".
     */
    private boolean isFull(final long tail)
    {
        final long lapped = tail - capacity;
        // acquire: pairs with putLongRelease in releaseCells() and enqueueBurst()/offer()
        final int sequence = sequenceOf(cells.getLongAcquire(cellOffset(tail)));
        if (sequence == (int)tail || (long)TAIL.getAcquire(this) != tail)
        {
            return false;
        }

        // the handle of the previous lap is published; if a consumer has claimed it, its release is imminent
        if (sequence == (int)(lapped + 1) && (long)HEAD.getAcquire(this) > lapped)
        {
            Thread.onSpinWait();
            return false;
        }

        return true;
    }

    private int cellOffset(final long position)
    {
        return ((int)position & mask) << CELL_SHIFT;
    }

    private static long cell(final long sequence, final int handle)
    {
        return (sequence << 32) | (handle & 0xFFFF_FFFFL);
    }

    private static int sequenceOf(final long cell)
    {
        return (int)(cell >>> 32);
    }

    private static int handleOf(final long cell)
    {
        return (int)cell;
    }
}
