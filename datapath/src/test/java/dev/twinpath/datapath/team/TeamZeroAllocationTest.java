package dev.twinpath.datapath.team;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.management.ManagementFactory;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The team's steady-state data path (send with per-packet hashing and source MAC replacement, receive,
 * doWork watching the links) allocates nothing, measured with the allocation counter of the test thread as
 * in TrafficZeroAllocationTest: one round of {@value #ROUND} steps must show exactly zero bytes within
 * {@value #MAX_ROUNDS} rounds (the first may show what the JVM allocates while it links and compiles).
 */
class TeamZeroAllocationTest
{
    private static final int ROUND = 2_000;
    private static final int MAX_ROUNDS = 10;

    @ParameterizedTest
    @EnumSource(TeamMode.class)
    void steadyStateSendAndReceiveAllocateNothing(final TeamMode mode)
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        try (TeamFixture f = new TeamFixture(mode, 3, 256, c -> { }))
        {
            f.rxPerStep = 32;
            for (final FakeMember m : f.members)
            {
                m.perWork = 32;
            }
            f.steps(ROUND);
            final long[] allocated = new long[MAX_ROUNDS];
            for (int round = 0; round < MAX_ROUNDS; round++)
            {
                final long packets = f.seen() + f.rxReceived;
                final long before = threads.getCurrentThreadAllocatedBytes();
                f.steps(ROUND);
                allocated[round] = threads.getCurrentThreadAllocatedBytes() - before;
                if (allocated[round] == 0)
                {
                    assertTrue(f.seen() + f.rxReceived - packets > 50_000, "traffic flowed: " + (f.seen() + f.rxReceived - packets));
                    assertEquals(0, f.txErrors + f.rxErrors);
                    f.assertNoLeak();
                    return;
                }
            }
            fail("every round of " + ROUND + " steps allocated, bytes per round: " + Arrays.toString(allocated));
        }
    }
}
