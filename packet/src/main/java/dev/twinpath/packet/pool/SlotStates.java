package dev.twinpath.packet.pool;

import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Debug mode of a {@link PacketPool}: one state word per slot, {@link #FREE} or {@link #ALLOCATED},
 * changed only by CAS so that exactly one free wins per allocation and a second free of the same
 * handle is refused instead of putting the handle in the free lists twice.
 * <p>
 * A handle sitting in the ring or in a cache is {@link #FREE}. Memory is zeroed at allocation, so
 * every slot starts free.
 * <p>
 * Threading: any thread; every access is a CAS or a volatile read.
 */
final class SlotStates
{
    static final int FREE = 0;
    static final int ALLOCATED = 1;

    private final UnsafeBuffer states;

    SlotStates(final int slotCount)
    {
        states = new UnsafeBuffer(BufferUtil.allocateDirectAligned(slotCount * Integer.BYTES, 64));
    }

    /**
     * @param handle an in-range handle being freed.
     * @return true if it was allocated and is now free; false if it was already free (double free).
     */
    boolean markFree(final int handle)
    {
        // CAS (volatile): pairs with the CAS in markAllocated()
        return states.compareAndSetInt(handle << 2, ALLOCATED, FREE);
    }

    /**
     * @param handle a handle just taken from the free lists.
     * @return true if it was free; false means the free lists handed out a live handle.
     */
    boolean markAllocated(final int handle)
    {
        // CAS (volatile): pairs with the CAS in markFree()
        return states.compareAndSetInt(handle << 2, FREE, ALLOCATED);
    }

    /**
     * @param handle an in-range handle.
     * @return true if allocated.
     */
    boolean isAllocated(final int handle)
    {
        // volatile read: pairs with the CAS in markFree()/markAllocated()
        return states.getIntVolatile(handle << 2) == ALLOCATED;
    }
}
