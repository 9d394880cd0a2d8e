package dev.twinpath.vswitch.table;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Learning, lookups, aging, moves, flushes and removals allocate nothing after construction,
 * measured with the test thread's allocation counter. As in the packet module's allocation tests,
 * the first rounds may show what the JVM allocates while linking and compiling; a per-call
 * allocation shows in every round, so one round of exactly zero bytes is asked for.
 */
class MacTableAllocationTest
{
    private static final int ROUND = 20_000;
    private static final int MAX_ROUNDS = 10;
    private static final long BASE = 0x00_15_5D_00_00_00L;

    private final MacTable table = new MacTable(4_096, 1_000_000, 11);
    private long now;
    private long sink;

    @Test
    void tableOperationsDoNotAllocate()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        table.addStatic(BASE + 1_000_000, 1, 1);
        runOnce(0);
        threads.getCurrentThreadAllocatedBytes();

        final long[] allocatedPerRound = new long[MAX_ROUNDS];
        for (int round = 0; round < MAX_ROUNDS; round++)
        {
            final long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < ROUND; i++)
            {
                runOnce(i);
            }
            allocatedPerRound[round] = threads.getCurrentThreadAllocatedBytes() - before;
            if (0 == allocatedPerRound[round])
            {
                return;
            }
        }
        fail("every round of " + ROUND + " iterations allocated, bytes per round: " +
            Arrays.toString(allocatedPerRound) + " (sink " + sink + ")");
    }

    private void runOnce(final int i)
    {
        now += 100;
        final long mac = BASE + (i & 8_191); // twice the capacity: FULL and aging both happen
        sink += table.learn(mac, i & 3, i & 7, now);
        sink += table.lookup(BASE + ((i * 31) & 8_191), i & 3, now);
        sink += table.lookup(BASE + 1_000_000, 1, now);
        if ((i & 255) == 0)
        {
            sink += table.age(now, 64);
        }
        if ((i & 4_095) == 0)
        {
            sink += table.flushPort(i & 7);
            sink += table.remove(mac, i & 3) ? 1 : 0;
        }
        sink += table.size() + table.misses();
    }
}
