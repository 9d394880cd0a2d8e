package dev.twinpath.datapath.steer;

import dev.twinpath.datapath.Path;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The small parts of the move protocol: epochs, the hold-back buffer, the delivery FIFO, VF marker counting. */
class SteeringPartsTest
{
    @Property
    void epochsRoundTrip(
        @ForAll @IntRange(min = 0, max = 255) final int adapter,
        @ForAll final boolean toVf,
        @ForAll final boolean flowSet,
        @ForAll @LongRange(min = 0, max = SteeringEpoch.MAX_SEQUENCE) final long sequence)
    {
        final long epoch = SteeringEpoch.of(adapter, toVf ? Path.VF : Path.SYNTHETIC, flowSet, sequence);
        assertTrue(epoch >= 0 && epoch <= dev.twinpath.packet.pool.PacketDescriptor.MAX_EPOCH, "fits a marker");
        assertEquals(adapter, SteeringEpoch.adapter(epoch));
        assertEquals(toVf ? Path.VF : Path.SYNTHETIC, SteeringEpoch.target(epoch));
        assertEquals(flowSet, SteeringEpoch.isFlowSet(epoch));
        assertEquals(sequence, SteeringEpoch.sequence(epoch));
    }

    @Test
    void anAdapterIndexOutOfRangeIsRefusedByName()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> SteeringEpoch.of(256, Path.VF, false, 1));
        assertTrue(ex.getMessage().startsWith("adapter must be 0..255"), ex.getMessage());
    }

    @Property
    void holdBackReleasesSelectedFlowsInArrivalOrderAndKeepsTheRest(
        @ForAll @Size(max = 200) final List<@IntRange(min = 0, max = 7) Integer> flows,
        @ForAll @IntRange(min = 0, max = 7) final int released)
    {
        final HoldBack hold = new HoldBack(256);
        for (int i = 0; i < flows.size(); i++)
        {
            assertTrue(hold.hold(i, flows.get(i), flows.get(i) % 2, i));
        }
        final List<Long> out = new ArrayList<>();
        final int n = hold.release(new HoldBack.Releaser()
        {
            public boolean releasable(final int flow, final int pathId)
            {
                return flow <= released;
            }

            public void onReleased(final long descriptor, final int pathId)
            {
                out.add(descriptor);
            }
        });
        final List<Long> expected = new ArrayList<>();
        final List<Long> kept = new ArrayList<>();
        for (int i = 0; i < flows.size(); i++)
        {
            (flows.get(i) <= released ? expected : kept).add((long)i);
        }
        assertEquals(expected, out);
        assertEquals(expected.size(), n);
        assertEquals(kept.size(), hold.size());
        final List<Long> rest = new ArrayList<>();
        hold.release(new HoldBack.Releaser()
        {
            public boolean releasable(final int flow, final int pathId)
            {
                return true;
            }

            public void onReleased(final long descriptor, final int pathId)
            {
                rest.add(descriptor);
            }
        });
        assertEquals(kept, rest, "what stayed kept its order");
        assertEquals(flows.size(), hold.highWater());
        assertEquals(0, hold.heldOnPath(0) + hold.heldOnPath(1));
    }

    @Test
    void aFullHoldBackRefusesRatherThanDrops()
    {
        final HoldBack hold = new HoldBack(2);
        assertTrue(hold.hold(1, 0, 0, 0));
        assertTrue(hold.hold(2, 0, 0, 0));
        assertFalse(hold.hold(3, 0, 0, 0));
        assertEquals(2, hold.size());
    }

    @Test
    void fifoKeepsOrderAcrossWraparound()
    {
        final DescriptorFifo fifo = new DescriptorFifo(4);
        final long[] out = new long[3];
        long next = 0;
        long expected = 0;
        for (int round = 0; round < 100; round++)
        {
            while (fifo.remaining() > 0)
            {
                assertTrue(fifo.offer(next++));
            }
            assertFalse(fifo.offer(-1));
            final int n = fifo.drainTo(out, 0, 3);
            for (int i = 0; i < n; i++)
            {
                assertEquals(expected++, out[i]);
            }
        }
    }

    @Test
    void aVfEpochCompletesOnlyWhenEveryQueueIsPastIt()
    {
        final VfMarkerTracker tracker = new VfMarkerTracker();
        tracker.bind(3);
        assertTrue(tracker.onMarker(10, 0));
        assertTrue(tracker.onMarker(20, 0)); // queue 0 is two epochs ahead
        assertEquals(-1, tracker.pollCompleted());
        assertTrue(tracker.onMarker(10, 2));
        assertEquals(-1, tracker.pollCompleted());
        assertTrue(tracker.onMarker(10, 1));
        assertEquals(10, tracker.pollCompleted());
        assertEquals(-1, tracker.pollCompleted());
        assertTrue(tracker.isComplete(10));
        assertFalse(tracker.isComplete(20));
        assertTrue(tracker.onMarker(20, 1));
        assertTrue(tracker.onMarker(20, 2));
        assertEquals(20, tracker.pollCompleted());
        assertFalse(tracker.onMarker(30, 3), "no such queue");
    }
}
