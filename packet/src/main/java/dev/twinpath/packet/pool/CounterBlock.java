package dev.twinpath.packet.pool;

import org.agrona.BitUtil;
import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * One value per {@link PoolCounter}, off-heap in a single 64-byte line.
 * <p>
 * Threading: a block has either many writers, which use {@link #addAtomic(PoolCounter, long)}
 * (the pool's shared block), or exactly one, which uses {@link #addSingleWriter(PoolCounter, long)}
 * (a cache's block, written by its owner thread). Any thread may read with {@link #get(PoolCounter)}.
 */
final class CounterBlock
{
    private final UnsafeBuffer buffer = new UnsafeBuffer(
        BufferUtil.allocateDirectAligned(BitUtil.align(PoolCounter.COUNT * Long.BYTES, 64), 64));

    void addAtomic(final PoolCounter counter, final long delta)
    {
        // atomic add (volatile): any thread; pairs with getLongAcquire in get()
        buffer.getAndAddLong(counter.offset(), delta);
    }

    void addSingleWriter(final PoolCounter counter, final long delta)
    {
        final int offset = counter.offset();
        // release: pairs with getLongAcquire in get(); plain read is safe, this thread is the only writer
        buffer.putLongRelease(offset, buffer.getLong(offset) + delta);
    }

    long get(final PoolCounter counter)
    {
        // acquire: pairs with getAndAddLong in addAtomic() or putLongRelease in addSingleWriter()
        return buffer.getLongAcquire(counter.offset());
    }
}
