package dev.twinpath.vswitch.acl;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The decision cache never changes an answer: IPv4 and IPv6 flows repeat, collide and alternate directions. */
class AclFlowCacheTest
{
    @Test
    void cachedDecisionsEqualTheRuleWalkAndCountEveryHit()
    {
        final PortAcl acl = PortAcl.of(
            AclRule.deny(AclDirection.OUTBOUND).remoteAddress("10.0.0.0/8").protocol(AclRule.UDP).remotePorts(1000, 1999).build(),
            AclRule.allow(AclDirection.BOTH).weight(5).remoteAddress("10.1.0.0/16").build(),
            AclRule.deny(AclDirection.INBOUND).protocol(AclRule.TCP).localPort(22).build(),
            AclRule.deny(AclDirection.BOTH).remoteMac(0x0011_2233_4455L).build(),
            AclRule.deny(AclDirection.OUTBOUND).remoteAddress("fd00::/8").build());
        final Random random = new Random(11);
        final List<long[]> flows = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) // far more flows than cache entries: collisions overwrite
        {
            flows.add(new long[]{random.nextBoolean() ? 1 : 0, random.nextInt(3) == 0 ? 0x0011_2233_4455L : random.nextInt(4),
                random.nextInt(4), 0x0A00_0000L | random.nextInt(1 << 17), 0x0A01_0000L | random.nextInt(256),
                random.nextBoolean() ? 6 : 17, random.nextInt(3000), random.nextInt(30),
                random.nextInt(3) == 0 ? 6 : 4, random.nextBoolean() ? 0xFD00_0000_0000_0000L : 0x2001_0DB8_0000_0000L});
        }
        final long[] expectedHits = new long[acl.size() + 1];
        for (int round = 0; round < 3; round++)
        {
            for (int k = 0; k < flows.size(); k++)
            {
                final long[] f = flows.get(random.nextInt(flows.size()));
                final AclDirection direction = f[0] == 1 ? AclDirection.OUTBOUND : AclDirection.INBOUND;
                final int version = (int)f[8];
                final long hi = version == 6 ? f[9] : 0;
                final int expected = acl.match(direction, f[1], f[2], version, hi, f[3], hi, f[4], (int)f[5], (int)f[6], (int)f[7]);
                assertEquals(expected, acl.evaluate(direction, f[1], f[2], version, hi, f[3], hi, f[4], (int)f[5], (int)f[6], (int)f[7]));
                expectedHits[expected == PortAcl.NO_MATCH ? acl.size() : expected]++;
            }
        }
        for (int i = 0; i < acl.size(); i++)
        {
            assertEquals(expectedHits[i], acl.hits(i), "hits of rule " + i);
        }
        assertEquals(expectedHits[acl.size()], acl.noMatchHits());
    }
}
