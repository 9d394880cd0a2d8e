package dev.twinpath.vswitch.acl;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static dev.twinpath.vswitch.acl.AclDirection.INBOUND;
import static dev.twinpath.vswitch.acl.AclDirection.OUTBOUND;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The compiled evaluator against a plain reference: rules sorted by their documented order
 * (weight, then bits pinned down, then deny first, then given order, each computed here without
 * the production code) and matched field by field, prefixes bit by bit. Rules and packets draw
 * from small pools of MACs, addresses, protocols and ports so that matches, near misses and ties
 * are common.
 */
class PortAclPropertyTest
{
    private static final long[] MACS = {0x00_15_5D_00_00_01L, 0x00_15_5D_00_00_02L, 0xFFFF_FFFF_FFFFL, 0x0100_5E00_0001L};
    private static final long[][] V4 = {{0, 0x0A00_0005L}, {0, 0x0A01_0203L}, {0, 0xC0A8_0101L}, {0, 0xC0A8_01FFL}, {0, 0}};
    private static final long[][] V6 = {
        {0x2001_0DB8_0000_0000L, 5}, {0x2001_0DB8_0000_0001L, 0xFFF8_0000_0000_0000L},
        {0x2001_0DB8_0000_0001L, 0xFFF0_0000_0000_0001L}, {0xFE80_0000_0000_0000L, 1}, {0x2001_0DB9_0000_0000L, 5}};
    private static final int[] PROTOCOLS = {AclRule.TCP, AclRule.UDP, AclRule.ICMP, AclRule.ICMPV6, 47};
    private static final int[] PORTS = {0, 53, 80, 443, 1023, 1024, 5000, 65535};
    private static final int[] WEIGHTS = {1, 1, 2, 100, 65535};

    @Property(tries = 500)
    void compiledEvaluatorMatchesTheReference(@ForAll final long seed, @ForAll @IntRange(max = 40) final int ruleCount)
    {
        final Random random = new Random(seed);
        final List<AclRule> rules = new ArrayList<>();
        for (int i = 0; i < ruleCount; i++)
        {
            rules.add(randomRule(random));
        }
        final PortAcl acl = PortAcl.of(rules);
        final List<AclRule> order = referenceOrder(rules);
        assertEquals(order, acl.rules(), "evaluation order");

        for (int p = 0; p < 200; p++)
        {
            final Packet packet = randomPacket(random);
            final AclRule expected = referenceMatch(order, packet);
            final int index = packet.evaluate(acl);
            final AclRule actual = index == PortAcl.NO_MATCH ? null : acl.rule(index);
            assertEquals(expected, actual, () -> packet + " against\n" + acl);
            assertEquals(expected == null || expected.action() == AclAction.ALLOW, packet.allowedBy(acl));
            Statistics.label("verdict").collect(expected == null ? "no match" : expected.action());
        }
    }

    /** Sort by weight, then pinned bits, then deny first; the stable sort keeps the given order last. */
    static List<AclRule> referenceOrder(final List<AclRule> rules)
    {
        final List<AclRule> order = new ArrayList<>(rules);
        order.sort((a, b) ->
        {
            if (a.weight() != b.weight())
            {
                return b.weight() - a.weight();
            }
            if (bits(a) != bits(b))
            {
                return bits(b) - bits(a);
            }
            return (a.action() == AclAction.DENY ? 0 : 1) - (b.action() == AclAction.DENY ? 0 : 1);
        });
        return order;
    }

    private static int bits(final AclRule rule)
    {
        return (rule.localMac() < 0 ? 0 : 48) + (rule.remoteMac() < 0 ? 0 : 48) +
            rule.localAddress().length() + rule.remoteAddress().length() + (rule.protocol() < 0 ? 0 : 8) +
            portBits(rule.localPorts()) + portBits(rule.remotePorts());
    }

    private static int portBits(final PortRange range)
    {
        final int width = range.high() - range.low() + 1;
        int bits = 0;
        while ((1 << bits) < width)
        {
            bits++;
        }
        return 16 - bits;
    }

    static AclRule referenceMatch(final List<AclRule> order, final Packet p)
    {
        final boolean out = p.direction() == OUTBOUND;
        for (final AclRule r : order)
        {
            final boolean matches = (r.direction() == AclDirection.BOTH || r.direction() == p.direction()) &&
                macMatches(r.localMac(), out ? p.srcMac() : p.dstMac()) &&
                macMatches(r.remoteMac(), out ? p.dstMac() : p.srcMac()) &&
                prefixMatches(r.localAddress(), p.ipVersion(), out ? p.srcHi() : p.dstHi(), out ? p.srcLo() : p.dstLo()) &&
                prefixMatches(r.remoteAddress(), p.ipVersion(), out ? p.dstHi() : p.srcHi(), out ? p.dstLo() : p.srcLo()) &&
                (r.protocol() == AclRule.ANY_PROTOCOL || (p.ipVersion() != 0 && r.protocol() == p.protocol())) &&
                portMatches(r.localPorts(), out ? p.srcPort() : p.dstPort()) &&
                portMatches(r.remotePorts(), out ? p.dstPort() : p.srcPort());
            if (matches)
            {
                return r;
            }
        }
        return null;
    }

    private static boolean macMatches(final long rule, final long mac)
    {
        return rule == AclRule.ANY_MAC || rule == mac;
    }

    private static boolean prefixMatches(final IpPrefix prefix, final int version, final long hi, final long lo)
    {
        if (prefix.isAny())
        {
            return true;
        }
        if (prefix.version() != version)
        {
            return false;
        }
        final int width = version == 4 ? 32 : 128;
        for (int bit = 0; bit < prefix.length(); bit++)
        {
            if (bitAt(width, prefix.hi(), prefix.lo(), bit) != bitAt(width, hi, lo, bit))
            {
                return false;
            }
        }
        return true;
    }

    /** @return bit {@code bit} counted from the most significant of a {@code width}-bit address. */
    private static long bitAt(final int width, final long hi, final long lo, final int bit)
    {
        if (width == 32)
        {
            return (lo >>> (31 - bit)) & 1;
        }
        return bit < 64 ? (hi >>> (63 - bit)) & 1 : (lo >>> (127 - bit)) & 1;
    }

    private static boolean portMatches(final PortRange range, final int port)
    {
        return range.isAny() || (port >= range.low() && port <= range.high());
    }

    private static AclRule randomRule(final Random random)
    {
        final AclRule.Builder b = random.nextBoolean() ? AclRule.allow(randomDirection(random)) :
            AclRule.deny(randomDirection(random));
        b.weight(WEIGHTS[random.nextInt(WEIGHTS.length)]);
        if (random.nextInt(4) == 0)
        {
            b.localMac(MACS[random.nextInt(MACS.length)]);
        }
        if (random.nextInt(4) == 0)
        {
            b.remoteMac(MACS[random.nextInt(MACS.length)]);
        }
        final int version = random.nextInt(3) * 2; // 0, 2 (= 4), 4 (= 6)
        if (version != 0)
        {
            final boolean v4 = version == 2;
            if (random.nextBoolean())
            {
                b.localAddress(randomPrefix(random, v4));
            }
            if (random.nextBoolean())
            {
                b.remoteAddress(randomPrefix(random, v4));
            }
        }
        final int protocol = random.nextInt(3) == 0 ? AclRule.ANY_PROTOCOL : PROTOCOLS[random.nextInt(PROTOCOLS.length)];
        b.protocol(protocol);
        if (protocol == AclRule.TCP || protocol == AclRule.UDP)
        {
            if (random.nextBoolean())
            {
                final int[] range = randomRange(random);
                b.localPorts(range[0], range[1]);
            }
            if (random.nextBoolean())
            {
                final int[] range = randomRange(random);
                b.remotePorts(range[0], range[1]);
            }
        }
        return b.build();
    }

    private static AclDirection randomDirection(final Random random)
    {
        return AclDirection.values()[random.nextInt(3)];
    }

    private static IpPrefix randomPrefix(final Random random, final boolean v4)
    {
        final long[][] pool = v4 ? V4 : V6;
        final long[] address = pool[random.nextInt(pool.length)];
        final int length = random.nextInt(v4 ? 33 : 129);
        return v4 ? IpPrefix.ipv4((int)address[1], length) : IpPrefix.ipv6(address[0], address[1], length);
    }

    private static int[] randomRange(final Random random)
    {
        final int a = random.nextBoolean() ? PORTS[random.nextInt(PORTS.length)] : random.nextInt(65536);
        final int b = random.nextInt(4) == 0 ? a : PORTS[random.nextInt(PORTS.length)];
        return new int[]{Math.min(a, b), Math.max(a, b)};
    }

    private static Packet randomPacket(final Random random)
    {
        final AclDirection direction = random.nextBoolean() ? INBOUND : OUTBOUND;
        final long srcMac = MACS[random.nextInt(MACS.length)];
        final long dstMac = MACS[random.nextInt(MACS.length)];
        final int version = random.nextInt(5) == 0 ? 0 : random.nextBoolean() ? 4 : 6;
        if (version == 0)
        {
            return Packet.nonIp(direction, srcMac, dstMac);
        }
        final long[][] pool = version == 4 ? V4 : V6;
        final long[] src = randomAddress(random, pool, version);
        final long[] dst = randomAddress(random, pool, version);
        final int protocol = PROTOCOLS[random.nextInt(PROTOCOLS.length)];
        final boolean ports = (protocol == AclRule.TCP || protocol == AclRule.UDP) && random.nextInt(8) != 0;
        return new Packet(direction, srcMac, dstMac, version, src[0], src[1], dst[0], dst[1], protocol,
            ports ? randomPort(random) : -1, ports ? randomPort(random) : -1);
    }

    /** A pool address, sometimes with a few low or high bits flipped to land near a prefix's edge. */
    private static long[] randomAddress(final Random random, final long[][] pool, final int version)
    {
        final long[] address = pool[random.nextInt(pool.length)].clone();
        if (random.nextBoolean())
        {
            final int bit = random.nextInt(version == 4 ? 32 : 128);
            if (version == 4)
            {
                address[1] ^= 1L << bit;
            }
            else if (bit < 64)
            {
                address[0] ^= 1L << bit;
            }
            else
            {
                address[1] ^= 1L << (bit - 64);
            }
        }
        return address;
    }

    private static int randomPort(final Random random)
    {
        return random.nextBoolean() ? PORTS[random.nextInt(PORTS.length)] : random.nextInt(65536);
    }
}
