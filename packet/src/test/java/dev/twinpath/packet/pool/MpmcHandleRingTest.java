package dev.twinpath.packet.pool;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MpmcHandleRingTest
{
    @Test
    void isFifoAcrossManyLaps()
    {
        final MpmcHandleRing ring = new MpmcHandleRing(8);
        final int[] burst = new int[5];
        int next = 0;
        int expected = 0;
        for (int lap = 0; lap < 1000; lap++)
        {
            for (int i = 0; i < burst.length; i++)
            {
                burst[i] = next++;
            }
            assertEquals(5, ring.enqueueBurst(burst, 0, 5));
            assertEquals(5, ring.size());
            assertEquals(3, ring.dequeueBurst(burst, 0, 3));
            assertEquals(2, ring.dequeueBulk(burst, 3, 2));
            for (final int handle : burst)
            {
                assertEquals(expected++, handle);
            }
        }
        assertEquals(0, ring.size());
    }

    @Test
    void bulkIsAllOrNoneAndBurstTakesWhatIsThere()
    {
        final MpmcHandleRing ring = new MpmcHandleRing(16);
        final int[] handles = {10, 11, 12, 13};
        assertEquals(4, ring.enqueueBurst(handles, 0, 4));

        final int[] out = new int[8];
        assertEquals(0, ring.dequeueBulk(out, 0, 5));
        assertEquals(4, ring.size());
        assertEquals(4, ring.dequeueBurst(out, 0, 8));
        assertEquals(0, ring.dequeueBurst(out, 0, 8));
        assertEquals(MpmcHandleRing.EMPTY, ring.poll());
    }

    @Test
    void fullRingRefusesWithoutWaiting()
    {
        final MpmcHandleRing ring = new MpmcHandleRing(4);
        final int[] handles = {1, 2, 3, 4, 5, 6};

        assertEquals(4, ring.enqueueBurst(handles, 0, 6));
        assertEquals(0, ring.enqueueBurst(handles, 4, 2));
        assertFalse(ring.offer(9));
        assertEquals(1, ring.poll());
        assertTrue(ring.offer(9));

        final int[] copy = new int[4];
        assertEquals(4, ring.snapshot(copy));
        assertEquals(2, copy[0]);
        assertEquals(9, copy[3]);
    }

    @Test
    void refusesCapacityThatIsNotAPowerOfTwo()
    {
        assertThrows(IllegalArgumentException.class, () -> new MpmcHandleRing(12));
    }
}
