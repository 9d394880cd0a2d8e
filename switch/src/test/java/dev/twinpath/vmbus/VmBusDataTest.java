package dev.twinpath.vmbus;

import dev.twinpath.packet.pool.PacketDescriptor;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static dev.twinpath.vmbus.VmBusFixture.channel;
import static dev.twinpath.vmbus.VmBusFixture.descriptor;
import static dev.twinpath.vmbus.VmBusFixture.fill;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The data direction on one thread: records per burst, bulk and burst near full, small receives, close. */
class VmBusDataTest
{
    private final long[] src = new long[1024];
    private final long[] dst = new long[1024];

    @Test
    void aBurstIsOneRecordAndMarkersKeepTheirPlace()
    {
        try (VmBusChannel channel = channel(64 * 1024, 32))
        {
            final VmBusEndpoint guest = channel.guest();
            final VmBusEndpoint host = channel.host();
            assertFalse(host.hasData());

            assertEquals(32, guest.sendBurst(fill(src, 0, 32), 0, 32));
            assertEquals(1, guest.counters().get(ChannelCounter.DATA_RECORDS_SENT));
            assertEquals(100, guest.sendBurst(fill(src, 32, 100), 0, 100));
            assertEquals(1 + 4, guest.counters().get(ChannelCounter.DATA_RECORDS_SENT), "100 = 32 + 32 + 32 + 4");
            assertTrue(host.hasData());
            assertFalse(guest.hasData(), "host to guest is another direction");

            assertEquals(132, host.receiveBurst(dst, 0, 1024));
            for (int i = 0; i < 132; i++)
            {
                assertEquals(descriptor(i), dst[i], "descriptor " + i);
            }
            assertTrue(PacketDescriptor.isMarker(dst[6]) && PacketDescriptor.epoch(dst[6]) == 6);
            assertFalse(host.hasData());
            assertEquals(132, host.counters().get(ChannelCounter.DATA_DESCRIPTORS_RECEIVED));
            assertEquals(5, host.counters().get(ChannelCounter.DATA_RECORDS_RECEIVED));
            assertEquals(132, guest.counters().get(ChannelCounter.DATA_DESCRIPTORS_SENT));
        }
    }

    @Test
    void sendBulkMovesAllOrNone()
    {
        try (VmBusChannel channel = channel(4096, 32))
        {
            final VmBusEndpoint guest = channel.guest();
            long next = 0;
            while (guest.sendBulk(fill(src, next, 32), 0, 32) == 32)
            {
                next += 32;
            }
            assertEquals(1, guest.counters().get(ChannelCounter.DATA_RING_FULL));
            assertEquals(next, guest.counters().get(ChannelCounter.DATA_DESCRIPTORS_SENT), "the refused bulk wrote nothing");

            // several records, only some of which would fit: none is written
            assertEquals(0, guest.sendBulk(fill(src, next, 100), 0, 100));
            assertEquals(next, guest.counters().get(ChannelCounter.DATA_DESCRIPTORS_SENT));

            // 15 records of 264 bytes fill 3,960 of 4,096 bytes; free three: the 136 bytes at the end
            // become padding when the next record goes to index 0, so three records no longer fit, two do
            assertEquals(15 * 32, next);
            assertEquals(96, channel.host().receiveBurst(dst, 0, 96));
            assertEquals(0, guest.sendBulk(fill(src, next, 96), 0, 96));
            assertEquals(64, guest.sendBulk(fill(src, next, 64), 0, 64));
            next += 64;
            drainAndCheck(channel.host(), 96, next);
        }
    }

    @Test
    void sendBurstWritesWhatFitsWhenNearlyFullAndTheRestLater()
    {
        try (VmBusChannel channel = channel(4096, 32))
        {
            final VmBusEndpoint guest = channel.guest();
            final VmBusEndpoint host = channel.host();
            long sent = 0;
            long received = 0;
            // many laps: each time, fill to the brim with bursts of 32 and check the last one is partial
            for (int lap = 0; lap < 50; lap++)
            {
                int n;
                while ((n = guest.sendBurst(fill(src, sent, 32), 0, 32)) == 32)
                {
                    sent += 32;
                }
                sent += n;
                assertEquals(0, guest.sendBurst(fill(src, sent, 1), 0, 1), "after a short burst nothing fits");
                final OneToOneRingBuffer ring = guest.outboundDataRing();
                assertEquals(0, DataRecordDescriptor.fittingDescriptors(
                    ring.capacity(), ring.producerPosition(), ring.consumerPosition()));
                // take a random-ish amount out
                final int take = 1 + (lap * 37) % 200;
                final int got = host.receiveBurst(dst, 0, take);
                for (int i = 0; i < got; i++)
                {
                    assertEquals(descriptor(received + i), dst[i]);
                }
                received += got;
            }
            drainAndCheck(host, received, sent);
            assertTrue(guest.counters().get(ChannelCounter.DATA_RING_FULL) >= 50);
        }
    }

    @Test
    void aRecordLargerThanTheRoomLeftStaysForTheNextCall()
    {
        try (VmBusChannel channel = channel(64 * 1024, 32))
        {
            final VmBusEndpoint host = channel.host();
            channel.guest().sendBurst(fill(src, 0, 64), 0, 64); // two records of 32
            assertEquals(32, host.receiveBurst(dst, 0, 40), "the second record does not fit in the 8 left");
            assertEquals(1, host.counters().get(ChannelCounter.DATA_RECORDS_RECEIVED));
            assertEquals(32, host.receiveBurst(dst, 32, 40));
            for (int i = 0; i < 64; i++)
            {
                assertEquals(descriptor(i), dst[i]);
            }
        }
    }

    @Test
    void aReceiveSmallerThanOneRecordSplitsItAndMakesProgress()
    {
        try (VmBusChannel channel = channel(64 * 1024, 32))
        {
            final VmBusEndpoint host = channel.host();
            channel.guest().sendBurst(fill(src, 0, 40), 0, 40); // records of 32 and 8
            int total = 0;
            int calls = 0;
            while (total < 40)
            {
                final int got = host.receiveBurst(dst, total, 5);
                assertTrue(got > 0 && got <= 5, "call " + calls + " got " + got);
                total += got;
                calls++;
                assertEquals(total < 32 ? 0 : total < 40 ? 1 : 2, host.counters().get(ChannelCounter.DATA_RECORDS_RECEIVED),
                    "a split record leaves the ring with its last descriptor");
                assertEquals(total < 40, host.hasData());
            }
            assertEquals(40, total);
            assertArrayEquals(fill(new long[40], 0, 40), Arrays.copyOf(dst, 40));
            assertEquals(0, host.receiveBurst(dst, 0, 5));

            channel.guest().sendBurst(fill(src, 40, 3), 0, 3);
            for (int i = 0; i < 3; i++)
            {
                assertEquals(1, host.receiveBurst(dst, 0, 1), "max 1 moves one descriptor");
                assertEquals(descriptor(40 + i), dst[0]);
            }
        }
    }

    @Test
    void aClosedChannelReturnsZeroOnTheDataPathAndThrowsOnTheControlPath()
    {
        final VmBusChannel channel = channel(4096, 32);
        final VmBusEndpoint guest = channel.guest();
        assertEquals(10, guest.sendBurst(fill(src, 0, 10), 0, 10));
        channel.close();
        channel.close(); // idempotent
        assertTrue(channel.isClosed());
        assertEquals(0, guest.sendBurst(src, 0, 10));
        assertEquals(0, guest.sendBulk(src, 0, 10));
        assertEquals(0, channel.host().receiveBurst(dst, 0, 10));
        assertFalse(channel.host().hasData());
        assertThrows(IllegalStateException.class, () -> guest.sendControl(new ControlMessage().linkStatus(true)));
        assertThrows(IllegalStateException.class, () -> channel.host().pollControl((m) -> { }, 10));
        assertEquals(10, guest.counters().get(ChannelCounter.DATA_DESCRIPTORS_SENT), "counters outlive the rings");
    }

    @Test
    void nonPositiveCountsMoveNothingAndBadRangesAreRefusedBeforeAnythingMoves()
    {
        try (VmBusChannel channel = channel(4096, 32))
        {
            final VmBusEndpoint guest = channel.guest();
            assertEquals(0, guest.sendBurst(src, 0, 0));
            assertEquals(0, guest.sendBulk(src, 0, -1));
            assertEquals(0, channel.host().receiveBurst(dst, 0, 0));
            assertThrows(IndexOutOfBoundsException.class, () -> guest.sendBurst(src, 1020, 5));
            assertThrows(IndexOutOfBoundsException.class, () -> channel.host().receiveBurst(dst, 1020, 5));
            assertFalse(channel.host().hasData());
            assertEquals("vm1/eth0/guest", guest.name());
            assertEquals("vm1/eth0/host", channel.host().name());
        }
    }

    private void drainAndCheck(final VmBusEndpoint host, final long from, final long to)
    {
        long next = from;
        int got;
        while ((got = host.receiveBurst(dst, 0, 77)) > 0)
        {
            for (int i = 0; i < got; i++)
            {
                assertEquals(descriptor(next + i), dst[i], "descriptor " + (next + i));
            }
            next += got;
        }
        assertEquals(to, next);
    }
}
