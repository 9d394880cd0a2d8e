package dev.twinpath.vswitch.acl;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.Arrays;

import static dev.twinpath.vswitch.acl.AclDirection.BOTH;
import static dev.twinpath.vswitch.acl.AclDirection.INBOUND;
import static dev.twinpath.vswitch.acl.AclDirection.OUTBOUND;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Evaluating a ten-rule ACL allocates nothing, measured with the test thread's allocation counter
 * (one round of exactly zero bytes within a few rounds, as in the packet module's allocation tests).
 */
class PortAclAllocationTest
{
    private static final int ROUND = 20_000;
    private static final int MAX_ROUNDS = 10;

    private final PortAcl acl = PortAcl.of(
        AclRule.allow(OUTBOUND).protocol(AclRule.UDP).remotePort(53).weight(100).build(),
        AclRule.allow(OUTBOUND).protocol(AclRule.TCP).remotePorts(80, 443).weight(90).build(),
        AclRule.deny(OUTBOUND).remoteAddress("10.0.0.0/8").weight(50).build(),
        AclRule.deny(OUTBOUND).remoteAddress("172.16.0.0/12").weight(50).build(),
        AclRule.deny(OUTBOUND).remoteAddress("192.168.0.0/16").weight(50).build(),
        AclRule.deny(BOTH).remoteAddress("fe80::/10").weight(40).build(),
        AclRule.allow(INBOUND).protocol(AclRule.TCP).localPort(22).weight(30).build(),
        AclRule.deny(INBOUND).remoteMac("00:00:5e:00:01:01").weight(20).build(),
        AclRule.allow(BOTH).protocol(AclRule.ICMP).weight(10).build(),
        AclRule.deny(BOTH).remoteAddress("0.0.0.0/0").build());
    private long sink;

    @Test
    void evaluationDoesNotAllocate()
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
        final AclDirection direction = (i & 1) == 0 ? OUTBOUND : INBOUND;
        final int protocol = (i & 2) == 0 ? AclRule.TCP : AclRule.UDP;
        sink += acl.evaluate(direction, 0x00_15_5D_00_00_01L, 0x00_00_5E_00_01_01L, 4,
            0, 0x0A00_0005L, 0, 0x0A00_0000L | (i & 0xFFFF_FFL), protocol, 1024 + (i & 1023), i & 0xFFFF);
        sink += acl.allows(direction, 1, 2, 6, 0xFE80_0000_0000_0000L, i, 0x2001_0DB8_0000_0000L, 5,
            AclRule.ICMPV6, -1, -1) ? 1 : 0;
        sink += acl.match(direction, 1, 2, 0, 0, 0, 0, 0, -1, -1, -1);
        sink += acl.hits(i % acl.size()) + acl.noMatchHits();
    }
}
