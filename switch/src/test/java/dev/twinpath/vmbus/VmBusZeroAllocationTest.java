package dev.twinpath.vmbus;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The data path (bursts, bulks, small and split receives, peeks) and the control path (send, poll
 * with a preallocated handler) allocate nothing in steady state, measured with the allocation
 * counter of the test thread: one round of {@value #ROUND} iterations must show exactly zero bytes
 * within {@value #MAX_ROUNDS} rounds (the first ones may show what the JVM allocates while it links
 * and compiles the code; a per-call allocation would show in every round).
 */
class VmBusZeroAllocationTest
{
    private static final int ROUND = 20_000;
    private static final int MAX_ROUNDS = 10;

    private final long[] src = VmBusFixture.fill(new long[100], 0, 100);
    private final long[] dst = new long[100];
    private final ControlMessage link = new ControlMessage().linkStatus(true);
    private final ControlMessage switchPath = new ControlMessage().switchDataPath(1, DataPath.VF);
    private long sink;
    private final ControlMessageHandler handler = (m) -> sink += m.transactionId() + m.type().id();

    @Test
    void dataAndControlPathsDoNotAllocateInSteadyState()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        try (VmBusChannel channel = VmBusFixture.channel(16 * 1024, 32))
        {
            final VmBusEndpoint guest = channel.guest();
            final VmBusEndpoint host = channel.host();
            runOnce(guest, host, 0);
            final long[] allocatedPerRound = new long[MAX_ROUNDS];
            for (int round = 0; round < MAX_ROUNDS; round++)
            {
                final long before = threads.getCurrentThreadAllocatedBytes();
                for (int i = 0; i < ROUND; i++)
                {
                    runOnce(guest, host, i);
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
    }

    private void runOnce(final VmBusEndpoint guest, final VmBusEndpoint host, final int i)
    {
        guest.sendBurst(src, 0, 32);
        guest.sendBulk(src, 32, 68);
        guest.sendBurst(src, 0, 1 + (i & 63));
        sink += host.hasData() ? 1 : 0;
        sink += host.receiveBurst(dst, 0, 5);
        int got;
        while ((got = host.receiveBurst(dst, 0, 100)) > 0)
        {
            sink += dst[got - 1];
        }
        guest.sendControl(switchPath.transactionId(i));
        host.sendControl(link);
        sink += host.pollControl(handler, 10) + guest.pollControl(handler, 10);
    }
}
