package dev.twinpath.datapath.traffic;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A receiver's state moves to another checker (a VM live-migrating between processes): what is still missing, each
 * stream's next sequence and its window go along, so a late packet arriving at the new checker is late, not a
 * duplicate, and a repeat is still a duplicate; the old checker stops counting what it gave away.
 */
class StreamCheckerStateTest
{
    @Test
    void theStateOfEveryOtherStreamMovesAndTheCountsAddUp()
    {
        final StreamChecker source = new StreamChecker(8, 0, 1_000_000, "vf", "synthetic");
        // streams 1, 3, 5, 7 belong to the moving VM (first 1, step 2)
        send(source, 1, 0);
        send(source, 1, 2); // 1 missing in stream 1
        send(source, 3, 0);
        send(source, 3, 1);
        send(source, 2, 0); // another VM's stream: stays
        assertEquals(1, source.lost());

        final long[] state = source.takeState(1, 2);
        assertEquals(1 + 3 * 4, state.length);
        assertEquals(0, source.lost(), "what is missing moved out with the state");

        final StreamChecker destination = new StreamChecker(8, 0, 1_000_000, "vf", "synthetic");
        destination.restoreState(state, 1, 2);
        assertEquals(1, destination.lost());
        assertEquals(3, destination.expectedSequence(1));
        assertEquals(2, destination.expectedSequence(3));
        assertEquals(0, destination.expectedSequence(2), "another VM's stream is not taken over");

        assertEquals(StreamChecker.LATE, send(destination, 1, 1), "the missing one arrives late at the destination");
        assertEquals(StreamChecker.DUPLICATE, send(destination, 1, 2), "seen at the source: a duplicate here");
        assertEquals(StreamChecker.IN_ORDER, send(destination, 3, 2));
        assertEquals(0, destination.lost());
        assertEquals(1, destination.reordered());
        assertEquals(1, destination.duplicates());
        assertEquals(0, destination.lostAtEnd(new long[] {0, 3, 0, 3, 0, 0, 0, 0}));
    }

    @Test
    void aStateOfAnotherShapeIsRefused()
    {
        final StreamChecker checker = new StreamChecker(8, 0, 1_000_000, "vf");
        assertThrows(IllegalArgumentException.class, () -> checker.restoreState(new long[4], 1, 2));
    }

    private final TrafficFixtures.FrameWriter frames = new TrafficFixtures.FrameWriter();

    private int send(final StreamChecker checker, final int stream, final long sequence)
    {
        return checker.onPacket(frames.buffer, 0, frames.write(stream, sequence, 0), 0, 10);
    }
}
