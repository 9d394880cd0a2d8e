package dev.twinpath.datapath.team;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reclaims open at the front, continue at their mark, and hold the re-send back at the first open mark. */
class ResendQueueTest
{
    @Test
    void aNewReclaimGoesAheadOfWhatTheQueueHolds()
    {
        final ResendQueue q = new ResendQueue(64, 64, 3);
        q.open(0);
        q.insert(0, new long[]{10, 11}, 2);
        q.close(0);
        q.open(1);
        q.insert(1, new long[]{20, 21}, 2);
        q.close(1);
        assertArrayEquals(new long[]{20, 21, 10, 11}, drain(q));
    }

    @Test
    void anOpenReclaimContinuesAtItsMarkAndHoldsBackWhatIsBehindIt()
    {
        final ResendQueue q = new ResendQueue(64, 64, 3);
        q.open(2);
        q.insert(2, new long[]{1}, 1);
        q.close(2); // queue: 1
        q.open(0);
        q.insert(0, new long[]{10, 11}, 2); // 10 11 | 1
        assertEquals(q.head() + 2, q.limit(), "nothing behind member 0's mark may leave before the rest of member 0");
        q.open(1);
        q.insert(1, new long[]{20}, 1); // 20 10 11 | 1
        q.insert(0, new long[]{12}, 1); // 20 10 11 12 | 1
        assertTrue(q.isOpen(0));
        assertEquals(q.head() + 1, q.limit());
        q.close(1);
        q.close(0);
        assertFalse(q.isOpen(0));
        assertEquals(0, q.openMask());
        assertArrayEquals(new long[]{20, 10, 11, 12, 1}, drain(q));
    }

    @Test
    void compactionKeepsOrderAndMarks()
    {
        final ResendQueue q = new ResendQueue(4, 4, 2);
        q.open(1);
        q.insert(1, new long[]{1, 2, 3}, 3);
        q.close(1);
        q.advance();
        q.advance(); // head 2, tail 3
        q.open(0);
        q.insert(0, new long[]{7}, 1); // 7 3
        q.insert(0, new long[]{8, 9}, 2); // needs compaction: 7 8 9 3
        assertEquals(0, q.free());
        q.close(0);
        assertArrayEquals(new long[]{7, 8, 9, 3}, drain(q));
        assertTrue(q.isEmpty());
    }

    @Test
    void itGrowsUpToItsBound()
    {
        final ResendQueue q = new ResendQueue(2, 8, 1);
        q.open(0);
        q.insert(0, new long[]{1, 2}, 2);
        q.insert(0, new long[]{3, 4, 5}, 3);
        assertEquals(3, q.room());
        q.insert(0, new long[]{6, 7, 8}, 3);
        assertEquals(0, q.room());
        q.close(0);
        assertArrayEquals(new long[]{1, 2, 3, 4, 5, 6, 7, 8}, drain(q));
    }

    private static long[] drain(final ResendQueue q)
    {
        final long[] out = new long[q.size()];
        for (int i = 0; i < out.length; i++)
        {
            assertTrue(q.head() < q.limit());
            out[i] = q.peek();
            q.advance();
        }
        return out;
    }
}
