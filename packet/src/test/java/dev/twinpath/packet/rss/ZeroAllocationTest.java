package dev.twinpath.packet.rss;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The per-packet operations allocate nothing in steady state, measured with the allocation
 * counter of the test thread. The first rounds may show a few kilobytes that the JVM itself
 * allocates while it links and compiles the code (call-site resolution, not our bytecode); a
 * per-call allocation would show in every round, so the test asks for one round of
 * {@value #ROUND} iterations with exactly zero bytes within {@value #MAX_ROUNDS} rounds.
 */
class ZeroAllocationTest
{
    private static final int ROUND = 20_000;
    private static final int MAX_ROUNDS = 10;

    private final ToeplitzHash toeplitz = ToeplitzHash.microsoftDefault();
    private final RssHasher hasher = new RssHasher(toeplitz);
    private final IndirectionTable table = new IndirectionTable(8);
    private final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(128));
    private final byte[] bytes = new byte[64];
    private final FlowKey v4 = new FlowKey();
    private final FlowKey v6 = new FlowKey();
    private final FlowKey scratch = new FlowKey();
    private long sink;

    @Test
    void perPacketPathsDoNotAllocateInSteadyState()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
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
        v4.reset().ipv4(i, ~i).ports(i & 0xFFFF, 80).protocol(FlowKey.PROTOCOL_TCP).fragment((i & 7) == 0);
        v6.reset().ipv6(i, -i, i * 31L, 7).ports(443, i & 0xFFFF).protocol(FlowKey.PROTOCOL_UDP);

        long h = toeplitz.hashIpv4(i, ~i) + toeplitz.hashIpv4(i, ~i, i, 80);
        h += toeplitz.hashIpv6(i, 1, 2, 3) + toeplitz.hashIpv6(i, 1, 2, 3, 4, i);
        h += toeplitz.hash(bytes, i & 7, 36) + toeplitz.hash(buffer, i & 15, 12 + (i & 15));
        h += hasher.hash(v4) + hasher.hash(v6) + hasher.hash2Tuple(v6) + hasher.hash4Tuple(v4);
        h += hasher.hashType(v4).ordinal();
        h += table.queueFor((int)h);

        v4.writeTo(buffer, 64);
        scratch.readFrom(buffer, 64);
        h += scratch.equals(v4) ? 1 : 0;
        h += scratch.copyFrom(v6).hash64() + v6.hashCode() + v4.hash64(h);
        sink += h;
    }
}
