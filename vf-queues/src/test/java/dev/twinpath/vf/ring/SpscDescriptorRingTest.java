package dev.twinpath.vf.ring;

import dev.twinpath.packet.pool.PacketDescriptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static dev.twinpath.vf.ring.SpscDescriptorRing.EMPTY;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Single-threaded behaviour of {@link SpscDescriptorRing}: capacity checks, all-or-none and partial
 * bursts at the edges of fullness, wraparound across the end of the slot array, markers in order
 * between packets, and the size and position snapshots.
 */
class SpscDescriptorRingTest
{
    @ParameterizedTest
    @ValueSource(ints = {Integer.MIN_VALUE, -8, 0, 1, 3, 6, 1000, (1 << 30) + 1, 1 << 31})
    void capacityMustBeAPowerOfTwoFrom2To2Pow30(final int capacity)
    {
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> new SpscDescriptorRing(capacity));

        assertEquals("capacity must be a power of two in 2..2^30: " + capacity, ex.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 4, 1024, 65536})
    void acceptsPowersOfTwo(final int capacity)
    {
        final SpscDescriptorRing ring = new SpscDescriptorRing(capacity);

        assertEquals(capacity, ring.capacity());
        assertEquals(0, ring.size());
        assertTrue(ring.isEmpty());
    }

    @Test
    void bulkIsAllOrNoneAtExactFullness()
    {
        final SpscDescriptorRing ring = new SpscDescriptorRing(8);
        final long[] src = sequence(0, 16);

        assertEquals(5, ring.enqueueBulk(src, 0, 5));
        assertEquals(0, ring.enqueueBulk(src, 5, 4), "4 do not fit in 3 free slots");
        assertEquals(5, ring.size(), "a refused bulk enqueues nothing");
        assertEquals(3, ring.enqueueBulk(src, 5, 3), "exactly the free room fits");
        assertEquals(8, ring.size());
        assertEquals(0, ring.enqueueBulk(src, 8, 1), "full");
        assertEquals(0, ring.enqueueBulk(src, 8, 0), "nothing to move");

        assertEquals(0L, ring.poll());
        assertEquals(1, ring.enqueueBulk(src, 8, 1), "the producer sees the slot the consumer freed");
        assertEquals(0, ring.enqueueBulk(src, 9, 1));

        final long[] dst = new long[8];
        assertEquals(8, ring.dequeueBurst(dst, 0, 8));
        assertArrayEquals(sequence(1, 8), dst);
    }

    @Test
    void bulkLargerThanTheCapacityNeverFits()
    {
        final SpscDescriptorRing ring = new SpscDescriptorRing(4);

        assertEquals(0, ring.enqueueBulk(sequence(0, 5), 0, 5));
        assertEquals(4, ring.enqueueBulk(sequence(0, 5), 0, 4));
    }

    @Test
    void burstMovesWhatFits()
    {
        final SpscDescriptorRing ring = new SpscDescriptorRing(8);
        final long[] src = sequence(100, 20);

        assertEquals(5, ring.enqueueBurst(src, 0, 5));
        assertEquals(3, ring.enqueueBurst(src, 5, 5), "only 3 of 5 fit");
        assertEquals(0, ring.enqueueBurst(src, 8, 1), "full");
        assertEquals(0, ring.enqueueBurst(src, 8, 0));

        final long[] dst = new long[16];
        assertEquals(8, ring.dequeueBurst(dst, 0, 16), "a burst dequeue takes what is there");
        for (int i = 0; i < 8; i++)
        {
            assertEquals(100 + i, dst[i]);
        }
        assertEquals(0, ring.dequeueBurst(dst, 0, 16), "empty");
        assertEquals(0, ring.dequeueBurst(dst, 0, 0));
    }

    @Test
    void burstsWrapAroundTheEndOfTheArray()
    {
        final SpscDescriptorRing ring = new SpscDescriptorRing(8);
        final long[] dst = new long[8];
        assertEquals(6, ring.enqueueBulk(sequence(0, 6), 0, 6));
        assertEquals(6, ring.dequeueBurst(dst, 0, 6));

        // positions 6, 7, 0, 1, 2: the copy crosses the end of the slot array
        assertEquals(5, ring.enqueueBulk(sequence(6, 5), 0, 5));
        assertEquals(2, ring.dequeueBurst(dst, 0, 2));
        assertEquals(6L, dst[0]);
        assertEquals(7L, dst[1]);
        // positions 11..15 wrap again after 8..10 are read
        assertEquals(5, ring.enqueueBurst(sequence(11, 5), 0, 5));
        assertEquals(8, ring.size());

        final long[] all = new long[10];
        assertEquals(8, ring.dequeueBurst(all, 2, 8), "dequeue into an offset of the destination");
        assertArrayEquals(new long[]{0, 0, 8, 9, 10, 11, 12, 13, 14, 15}, all);
        assertEquals(16L, ring.producerPosition());
        assertEquals(16L, ring.consumerPosition());
    }

    @Test
    void enqueueReadsFromAnOffsetOfTheSource()
    {
        final SpscDescriptorRing ring = new SpscDescriptorRing(4);

        assertEquals(2, ring.enqueueBulk(new long[]{9, 9, 9, 40, 41}, 3, 2));
        assertEquals(1, ring.enqueueBurst(new long[]{9, 42}, 1, 1));
        assertEquals(40L, ring.poll());
        assertEquals(41L, ring.poll());
        assertEquals(42L, ring.poll());
        assertEquals(EMPTY, ring.poll());
    }

    @Test
    void offerAndPollAtEmptyAndFull()
    {
        final SpscDescriptorRing ring = new SpscDescriptorRing(4);
        assertEquals(EMPTY, ring.poll());

        for (int i = 0; i < 4; i++)
        {
            assertTrue(ring.offer(i));
        }
        assertFalse(ring.offer(4), "full");
        assertEquals(4, ring.size());
        assertEquals(0L, ring.poll());
        assertTrue(ring.offer(4));
        assertFalse(ring.offer(5));

        for (int i = 1; i <= 4; i++)
        {
            assertEquals(i, ring.poll());
        }
        assertEquals(EMPTY, ring.poll());
        assertEquals(EMPTY, ring.poll(), "still empty");
    }

    @Test
    void offerAndPollRunManyLaps()
    {
        final SpscDescriptorRing ring = new SpscDescriptorRing(2);
        for (long i = 0; i < 1000; i++)
        {
            assertTrue(ring.offer(i));
            if ((i & 1) == 1)
            {
                assertEquals(i - 1, ring.poll());
                assertEquals(i, ring.poll());
            }
        }
        assertEquals(1000L, ring.consumerPosition());
    }

    @Test
    void pollAndDequeueBurstShareOneFifo()
    {
        final SpscDescriptorRing ring = new SpscDescriptorRing(8);
        final long[] dst = new long[8];
        ring.enqueueBulk(sequence(0, 4), 0, 4);
        assertEquals(2, ring.dequeueBurst(dst, 0, 2));
        assertEquals(2L, ring.poll());
        assertEquals(3L, ring.poll());
        assertEquals(EMPTY, ring.poll());
        assertTrue(ring.offer(4));
        assertEquals(1, ring.dequeueBurst(dst, 0, 8), "a burst after polls consumed past its cached tail");
        assertEquals(4L, dst[0]);
        ring.enqueueBurst(sequence(5, 8), 0, 8);
        assertEquals(5L, ring.poll());
        assertEquals(7, ring.dequeueBurst(dst, 0, 8));
        assertArrayEquals(new long[]{6, 7, 8, 9, 10, 11, 12, 0}, dst);
    }

    @Test
    void markersPassThroughInOrderBetweenPackets()
    {
        final SpscDescriptorRing ring = new SpscDescriptorRing(8);
        final List<Long> sent = new ArrayList<>();
        final List<Long> received = new ArrayList<>();
        final long[] dst = new long[8];
        long epoch = 0;
        int handle = 0;

        for (int round = 0; round < 50; round++)
        {
            final long[] burst = new long[1 + round % 5];
            for (int i = 0; i < burst.length; i++)
            {
                burst[i] = (round + i) % 3 == 0 ?
                    PacketDescriptor.marker(++epoch, round & 3) :
                    PacketDescriptor.packet(++handle, 60 + round, i, round & 3);
            }
            final int sentNow = round % 2 == 0 ?
                ring.enqueueBulk(burst, 0, burst.length) : ring.enqueueBurst(burst, 0, burst.length);
            for (int i = 0; i < sentNow; i++)
            {
                sent.add(burst[i]);
            }
            if (round % 3 == 0)
            {
                final long d = ring.poll();
                if (d != EMPTY)
                {
                    received.add(d);
                }
            }
            else
            {
                final int n = ring.dequeueBurst(dst, 0, 1 + round % 4);
                for (int i = 0; i < n; i++)
                {
                    received.add(dst[i]);
                }
            }
        }
        for (long d = ring.poll(); d != EMPTY; d = ring.poll())
        {
            received.add(d);
        }

        assertEquals(sent, received);
        assertTrue(received.stream().anyMatch(PacketDescriptor::isMarker));
        final long[] epochs = received.stream().filter(PacketDescriptor::isMarker).mapToLong(PacketDescriptor::epoch).toArray();
        for (int i = 1; i < epochs.length; i++)
        {
            assertTrue(epochs[i] > epochs[i - 1], "markers keep their order");
        }
    }

    @Test
    void bit63IsNotCarriedSoAnInvalidValueCannotStallTheRing()
    {
        final SpscDescriptorRing ring = new SpscDescriptorRing(4);
        final long[] dst = new long[4];
        for (int lap = 0; lap < 6; lap++)
        {
            assertTrue(ring.offer(-1L));
            assertTrue(ring.offer(Long.MIN_VALUE | 5));
            assertEquals(2, ring.enqueueBurst(new long[]{-2L, 7}, 0, 2));
            assertEquals(Long.MAX_VALUE, ring.poll(), "lap " + lap);
            assertEquals(5L, ring.poll());
            assertEquals(2, ring.dequeueBurst(dst, 0, 4));
            assertEquals(Long.MAX_VALUE - 1, dst[0]);
            assertEquals(7L, dst[1]);
        }
    }

    @Test
    void everyCallSeesTheLapParityOfEverySlot()
    {
        // capacity 2: each position alternates laps, so a stale slot would be taken for a fresh one at once
        final SpscDescriptorRing ring = new SpscDescriptorRing(2);
        final long[] dst = new long[2];
        long next = 0;
        long expected = 0;
        for (int round = 0; round < 200; round++)
        {
            switch (round % 4)
            {
                case 0 -> next += ring.offer(next) ? 1 : 0;
                case 1 -> next += ring.enqueueBulk(new long[]{next, next + 1}, 0, 2);
                case 2 -> next += ring.enqueueBurst(new long[]{next, next + 1, next + 2}, 0, 3);
                default ->
                {
                }
            }
            if (round % 3 == 0)
            {
                final boolean empty = next == expected;
                final long d = ring.poll();
                assertEquals(empty, d == EMPTY, "poll at round " + round);
                if (!empty)
                {
                    assertEquals(expected++, d);
                }
            }
            else
            {
                final int n = ring.dequeueBurst(dst, 0, 1 + round % 2);
                for (int i = 0; i < n; i++)
                {
                    assertEquals(expected++, dst[i]);
                }
            }
            assertEquals(next - expected, ring.size());
        }
        assertTrue(expected > 100);
    }

    @Test
    void aSourceTooShortIsRefusedBeforeAnySlotIsWritten()
    {
        final SpscDescriptorRing ring = new SpscDescriptorRing(8);
        final long[] two = {40, 41};

        assertThrows(IndexOutOfBoundsException.class, () -> ring.enqueueBulk(two, 0, 5));
        assertThrows(IndexOutOfBoundsException.class, () -> ring.enqueueBurst(two, 1, 3));
        assertThrows(IndexOutOfBoundsException.class, () -> ring.enqueueBurst(two, -1, 2));
        assertEquals(0, ring.size());
        assertTrue(ring.offer(1));
        assertEquals(1L, ring.poll());
        assertEquals(EMPTY, ring.poll(), "no half-written slot behind the one published");
        assertEquals(0, ring.dequeueBurst(new long[8], 0, 8));
    }

    @Test
    void sizeCountsWhatIsInTheRing()
    {
        final SpscDescriptorRing ring = new SpscDescriptorRing(16);
        assertEquals(0, ring.size());

        ring.enqueueBulk(sequence(0, 10), 0, 10);
        assertEquals(10, ring.size());
        ring.offer(10);
        assertEquals(11, ring.size());
        ring.dequeueBurst(new long[4], 0, 4);
        assertEquals(7, ring.size());
        ring.poll();
        assertEquals(6, ring.size());
        ring.enqueueBurst(sequence(11, 20), 0, 20);
        assertEquals(16, ring.size(), "full");
        assertFalse(ring.isEmpty());
        ring.dequeueBurst(new long[32], 0, 32);
        assertEquals(0, ring.size());
        assertTrue(ring.isEmpty());
        assertEquals(ring.producerPosition(), ring.consumerPosition());
        assertEquals("SpscDescriptorRing{capacity=16, size=0}", ring.toString());
    }

    private static long[] sequence(final long first, final int count)
    {
        final long[] values = new long[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = first + i;
        }
        return values;
    }
}
