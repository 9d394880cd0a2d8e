package dev.twinpath.datapath.traffic;

import dev.twinpath.packet.pool.PacketDescriptor;
import dev.twinpath.packet.pool.PacketPool;
import dev.twinpath.packet.pool.PoolCache;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Generating (with refusals, so packets wait pending), checking (in order, duplicate and foreign
 * packets), reading the counters and freeing allocate nothing in steady state, measured with the allocation
 * counter of the test thread: one round of {@value #ROUND} calls (tens of thousands of packets) must
 * show exactly zero bytes within {@value #MAX_ROUNDS} rounds (the first ones may show what the JVM
 * allocates while it links and compiles the code; a per-packet allocation would show in every round).
 */
class TrafficZeroAllocationTest
{
    private static final int ROUND = 5_000;
    private static final int MAX_ROUNDS = 10;

    private final PacketPool pool = TrafficFixtures.pool(2048, 256);
    private final PoolCache cache = pool.newCache();
    private final TrafficProfile profile = new TrafficProfile().flows(1000).ratePps(16_000_000).burst(32)
        .destinations(0x0200_0000_0010L, 0x0200_0000_0011L, 0x0200_0000_0012L);
    private final StreamChecker checker = new StreamChecker(profile, "vf", "synthetic");
    private long observed;
    private long now;
    private int call;

    /** Takes all but a few of each offer on some calls; checks and frees what it takes. */
    private final DescriptorSink sink = (descriptors, offset, count) ->
    {
        final int taken = (call % 7 == 0) ? count / 2 : count;
        for (int i = offset, end = offset + taken; i < end; i++)
        {
            final long d = descriptors[i];
            final int path = i & 1;
            checker.onPacket(d, pool, path, now + 2_000);
            if (i == offset && (call & 15) == 0)
            {
                checker.onPacket(d, pool, path, now + 2_000); // a duplicate
            }
            if (i == offset && (call & 31) == 1)
            {
                checker.onPacket(PacketDescriptor.marker(call), pool, path, now); // foreign
            }
            cache.free(PacketDescriptor.handle(d));
        }
        return taken;
    };

    @Test
    void generatingAndCheckingDoNotAllocateInSteadyState()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        try (ConstantRateGenerator generator = new ConstantRateGenerator(profile, pool, cache))
        {
            generator.start(0);
            runRound(generator);
            final long[] allocatedPerRound = new long[MAX_ROUNDS];
            for (int round = 0; round < MAX_ROUNDS; round++)
            {
                final long packetsBefore = generator.sent();
                final long before = threads.getCurrentThreadAllocatedBytes();
                runRound(generator);
                allocatedPerRound[round] = threads.getCurrentThreadAllocatedBytes() - before;
                if (0 == allocatedPerRound[round])
                {
                    assertEquals(0, checker.lost() + checker.reordered(), "the sink loses and reorders nothing");
                    if (generator.sent() - packetsBefore < 50_000)
                    {
                        fail("too few packets in a round: " + (generator.sent() - packetsBefore));
                    }
                    return;
                }
            }
            fail("every round of " + ROUND + " calls allocated, bytes per round: " + Arrays.toString(allocatedPerRound) +
                " for about " + (generator.sent() / (MAX_ROUNDS + 1)) + " packets per round (" + observed + ")");
        }
        finally
        {
            cache.close();
        }
    }

    private void runRound(final ConstantRateGenerator generator)
    {
        for (int i = 0; i < ROUND; i++)
        {
            call++;
            now += 1_000; // 16 packets due per call at 16 Mpps
            generator.generate(now, sink);
            observed += checker.delivered(call & 1) + generator.pending();
        }
    }
}
