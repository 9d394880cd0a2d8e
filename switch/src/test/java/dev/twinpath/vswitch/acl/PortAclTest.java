package dev.twinpath.vswitch.acl;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static dev.twinpath.vswitch.acl.AclDirection.BOTH;
import static dev.twinpath.vswitch.acl.AclDirection.INBOUND;
import static dev.twinpath.vswitch.acl.AclDirection.OUTBOUND;
import static dev.twinpath.vswitch.acl.AclRule.ICMP;
import static dev.twinpath.vswitch.acl.AclRule.ICMPV6;
import static dev.twinpath.vswitch.acl.AclRule.TCP;
import static dev.twinpath.vswitch.acl.AclRule.UDP;
import static dev.twinpath.vswitch.acl.Packet.PEER_MAC;
import static dev.twinpath.vswitch.acl.Packet.VM_MAC;
import static dev.twinpath.vswitch.acl.PortAcl.NO_MATCH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PortAclTest
{
    private static final String VM = "10.0.0.5";
    private static final String VM6 = "2001:db8::5";

    @Test
    void noRulesAllowsEverything()
    {
        final PortAcl acl = PortAcl.empty();
        assertTrue(Packet.ip(OUTBOUND, VM, "8.8.8.8", UDP, 5000, 53).allowedBy(acl));
        assertTrue(Packet.ip(INBOUND, "8.8.8.8", VM, UDP, 53, 5000).allowedBy(acl));
        assertTrue(Packet.nonIp(INBOUND, PEER_MAC, VM_MAC).allowedBy(acl));
        assertEquals(3, acl.noMatchHits());
        assertEquals(0, acl.size());
    }

    @Test
    void denyOutboundDoesNotTouchInbound()
    {
        final PortAcl acl = PortAcl.of(AclRule.deny(OUTBOUND).remoteAddress("10.0.0.0/8").build());
        assertFalse(Packet.ip(OUTBOUND, VM, "10.1.2.3", TCP, 40000, 80).allowedBy(acl));
        assertTrue(Packet.ip(INBOUND, "10.1.2.3", VM, TCP, 80, 40000).allowedBy(acl), "the rule is outbound only");
        assertTrue(Packet.ip(OUTBOUND, VM, "11.1.2.3", TCP, 40000, 80).allowedBy(acl), "not remote 10/8");
    }

    @Test
    void denyInboundDoesNotTouchOutbound()
    {
        final PortAcl acl = PortAcl.of(AclRule.deny(INBOUND).remoteAddress("192.168.0.0/16").build());
        assertFalse(Packet.ip(INBOUND, "192.168.7.7", VM, UDP, 1, 2).allowedBy(acl));
        assertTrue(Packet.ip(OUTBOUND, VM, "192.168.7.7", UDP, 2, 1).allowedBy(acl));
    }

    @Test
    void bothAppliesToEachDirectionWithLocalOnTheVmSide()
    {
        final PortAcl acl = PortAcl.of(AclRule.deny(BOTH).remoteAddress("203.0.113.0/24").build());
        assertFalse(Packet.ip(OUTBOUND, VM, "203.0.113.9", TCP, 1, 2).allowedBy(acl), "remote = destination");
        assertFalse(Packet.ip(INBOUND, "203.0.113.9", VM, TCP, 2, 1).allowedBy(acl), "remote = source");
        assertTrue(Packet.ip(OUTBOUND, "203.0.113.9", VM, TCP, 1, 2).allowedBy(acl), "source is local outbound");
        assertTrue(Packet.ip(INBOUND, VM, "203.0.113.9", TCP, 2, 1).allowedBy(acl), "destination is local inbound");
    }

    @Test
    void localAndRemoteSwapWithTheDirection()
    {
        final PortAcl acl = PortAcl.of(AclRule.deny(BOTH)
            .localAddress("10.0.0.5/32").remoteAddress("198.51.100.0/24")
            .protocol(TCP).localPort(22).remotePorts(1024, 65535).build());
        assertFalse(Packet.ip(OUTBOUND, VM, "198.51.100.1", TCP, 22, 50000).allowedBy(acl));
        assertFalse(Packet.ip(INBOUND, "198.51.100.1", VM, TCP, 50000, 22).allowedBy(acl));
        assertTrue(Packet.ip(OUTBOUND, VM, "198.51.100.1", TCP, 50000, 22).allowedBy(acl), "ports the other way");
        assertTrue(Packet.ip(INBOUND, VM, "198.51.100.1", TCP, 22, 50000).allowedBy(acl), "addresses the other way");
    }

    @Test
    void allowOverridesALowerWeightDeny()
    {
        final PortAcl acl = PortAcl.of(
            AclRule.deny(OUTBOUND).weight(1).build(),
            AclRule.allow(OUTBOUND).remoteAddress("10.0.0.0/8").weight(10).build());
        assertTrue(Packet.ip(OUTBOUND, VM, "10.9.9.9", UDP, 1, 2).allowedBy(acl));
        assertFalse(Packet.ip(OUTBOUND, VM, "8.8.8.8", UDP, 1, 2).allowedBy(acl));
        assertFalse(Packet.nonIp(OUTBOUND, VM_MAC, PEER_MAC).allowedBy(acl), "a rule without conditions matches every frame");
        assertTrue(Packet.ip(INBOUND, "8.8.8.8", VM, UDP, 2, 1).allowedBy(acl));
    }

    @Test
    void higherWeightIsEvaluatedFirstWhateverTheGivenOrder()
    {
        final AclRule low = AclRule.allow(OUTBOUND).remoteAddress("10.1.0.0/16").weight(5).build();
        final AclRule high = AclRule.deny(OUTBOUND).remoteAddress("10.0.0.0/8").weight(500).build();
        final PortAcl acl = PortAcl.of(low, high);
        assertEquals(List.of(high, low), acl.rules());
        assertFalse(Packet.ip(OUTBOUND, VM, "10.1.2.3", TCP, 1, 2).allowedBy(acl), "the /8 deny weighs more than the /16 allow");
    }

    @Test
    void equalWeightsPutTheMoreSpecificRuleFirstThenDenyThenTheGivenOrder()
    {
        final AclRule broad = AclRule.deny(OUTBOUND).remoteAddress("10.0.0.0/8").build();
        final AclRule narrow = AclRule.allow(OUTBOUND).remoteAddress("10.1.0.0/16").build();
        final AclRule sameAsNarrowAllow = AclRule.allow(OUTBOUND).remoteAddress("10.2.0.0/16").build();
        final AclRule sameAsNarrowDeny = AclRule.deny(OUTBOUND).remoteAddress("10.2.0.0/16").build();
        final AclRule withProtocol = AclRule.allow(OUTBOUND).remoteAddress("10.0.0.0/8").protocol(UDP).build();
        final PortAcl acl = PortAcl.of(broad, narrow, sameAsNarrowAllow, sameAsNarrowDeny, withProtocol);
        assertEquals(List.of(sameAsNarrowDeny, narrow, sameAsNarrowAllow, withProtocol, broad), acl.rules());
        assertTrue(Packet.ip(OUTBOUND, VM, "10.1.2.3", TCP, 1, 2).allowedBy(acl), "/16 allow before /8 deny");
        assertFalse(Packet.ip(OUTBOUND, VM, "10.2.2.3", TCP, 1, 2).allowedBy(acl), "deny before allow on a tie");
        assertTrue(Packet.ip(OUTBOUND, VM, "10.3.2.3", UDP, 1, 2).allowedBy(acl), "/8 + UDP before /8");
        assertFalse(Packet.ip(OUTBOUND, VM, "10.3.2.3", TCP, 1, 2).allowedBy(acl));
    }

    @Test
    void identicalRulesKeepTheGivenOrder()
    {
        final AclRule first = AclRule.allow(OUTBOUND).protocol(TCP).build();
        final AclRule second = AclRule.allow(OUTBOUND).protocol(TCP).build();
        final PortAcl acl = PortAcl.of(first, second);
        assertSame(first, acl.rule(0));
        assertSame(second, acl.rule(1));
    }

    @Test
    void ipv4PrefixLengths()
    {
        assertMatches("0.0.0.0/0", "255.255.255.255", true);
        assertMatches("0.0.0.0/0", "0.0.0.0", true);
        assertMatches("192.0.2.7/32", "192.0.2.7", true);
        assertMatches("192.0.2.7/32", "192.0.2.6", false);
        assertMatches("172.16.0.0/13", "172.23.255.255", true); // 172.16.0.0 - 172.23.255.255
        assertMatches("172.16.0.0/13", "172.24.0.0", false);
        assertMatches("172.16.0.0/13", "172.15.255.255", false);
        assertMatches("128.0.0.0/1", "200.1.1.1", true);
        assertMatches("128.0.0.0/1", "127.255.255.255", false);
        assertMatches("10.1.2.3/8", "10.200.0.1", true); // host bits of the rule are dropped
    }

    @Test
    void ipv6PrefixLengths()
    {
        assertMatches("::/0", "ffff::1", true);
        assertMatches("2001:db8::5/128", "2001:db8::5", true);
        assertMatches("2001:db8::5/128", "2001:db8::4", false);
        assertMatches("2001:db8::/32", "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", true);
        assertMatches("2001:db8::/32", "2001:db9::", false);
        assertMatches("2001:db8:0:0:8000::/65", "2001:db8::8000:0:0:1", true);
        assertMatches("2001:db8:0:0:8000::/65", "2001:db8::7fff:0:0:1", false);
        // /77: the high word whole, then 13 bits of the low word: 2001:db8:0:1:fff8::/77
        assertMatches("2001:db8:0:1:fff8::/77", "2001:db8:0:1:fff8:ffff:ffff:ffff", true);
        assertMatches("2001:db8:0:1:fff8::/77", "2001:db8:0:1:fff0::", false);
        assertMatches("2001:db8:0:1:fff8::/77", "2001:db8:0:2:fff8::", false);
        assertMatches("2001:db8::/64", "2001:db8::ffff:ffff:ffff:ffff", true);
        assertMatches("2001:db8::/64", "2001:db8:0:1::", false);
        assertMatches("2001:db8::/63", "2001:db8:0:1::", true);
    }

    @Test
    void anAddressConditionNeedsThatIpVersion()
    {
        final PortAcl v4 = PortAcl.of(AclRule.deny(OUTBOUND).remoteAddress("0.0.0.0/0").build());
        assertFalse(Packet.ip(OUTBOUND, VM, "1.2.3.4", UDP, 1, 2).allowedBy(v4));
        assertTrue(Packet.ip(OUTBOUND, VM6, "2001:db8::9", UDP, 1, 2).allowedBy(v4), "IPv6 is not in 0.0.0.0/0");
        assertTrue(Packet.nonIp(OUTBOUND, VM_MAC, PEER_MAC).allowedBy(v4), "nor is ARP");
        final PortAcl v6 = PortAcl.of(AclRule.deny(OUTBOUND).remoteAddress("::/0").build());
        assertTrue(Packet.ip(OUTBOUND, VM, "1.2.3.4", UDP, 1, 2).allowedBy(v6));
        assertFalse(Packet.ip(OUTBOUND, VM6, "2001:db8::9", UDP, 1, 2).allowedBy(v6));
        // an IPv4 address whose value equals the low word of an IPv6 address is still another address
        final PortAcl low = PortAcl.of(AclRule.deny(OUTBOUND).remoteAddress("::1.2.3.4/128").build());
        assertTrue(Packet.ip(OUTBOUND, VM, "1.2.3.4", UDP, 1, 2).allowedBy(low));
    }

    @Test
    void portRanges()
    {
        final PortAcl acl = PortAcl.of(AclRule.deny(INBOUND).protocol(TCP).localPorts(1000, 1999).build());
        assertFalse(Packet.ip(INBOUND, "1.1.1.1", VM, TCP, 5, 1000).allowedBy(acl));
        assertFalse(Packet.ip(INBOUND, "1.1.1.1", VM, TCP, 5, 1999).allowedBy(acl));
        assertTrue(Packet.ip(INBOUND, "1.1.1.1", VM, TCP, 5, 999).allowedBy(acl));
        assertTrue(Packet.ip(INBOUND, "1.1.1.1", VM, TCP, 5, 2000).allowedBy(acl));
        assertTrue(Packet.ip(INBOUND, "1.1.1.1", VM, TCP, 1500, 5).allowedBy(acl), "the remote port is not the local one");
        assertTrue(Packet.ip(INBOUND, "1.1.1.1", VM, UDP, 5, 1500).allowedBy(acl), "another protocol");
        assertTrue(Packet.ip(INBOUND, "1.1.1.1", VM, TCP, -1, -1).allowedBy(acl), "a fragment without ports does not match");
        final PortAcl edges = PortAcl.of(AclRule.deny(INBOUND).protocol(UDP).remotePorts(0, 0).build(),
            AclRule.deny(INBOUND).protocol(UDP).remotePort(65535).build());
        assertFalse(Packet.ip(INBOUND, "1.1.1.1", VM, UDP, 0, 7).allowedBy(edges));
        assertFalse(Packet.ip(INBOUND, "1.1.1.1", VM, UDP, 65535, 7).allowedBy(edges));
        assertTrue(Packet.ip(INBOUND, "1.1.1.1", VM, UDP, 1, 7).allowedBy(edges));
    }

    @Test
    void protocolAnyAndSpecificProtocols()
    {
        final PortAcl any = PortAcl.of(AclRule.deny(OUTBOUND).remoteAddress("10.0.0.0/8").build());
        for (final int protocol : new int[]{ICMP, TCP, UDP, 47, 0, 255})
        {
            assertFalse(Packet.ip(OUTBOUND, VM, "10.0.0.1", protocol, -1, -1).allowedBy(any), "protocol " + protocol);
        }
        final PortAcl icmp = PortAcl.of(AclRule.deny(BOTH).protocol(ICMP).build(), AclRule.deny(BOTH).protocol(ICMPV6).build());
        assertFalse(Packet.ip(INBOUND, "10.0.0.1", VM, ICMP, -1, -1).allowedBy(icmp));
        assertFalse(Packet.ip(INBOUND, "2001:db8::1", VM6, ICMPV6, -1, -1).allowedBy(icmp));
        assertTrue(Packet.ip(INBOUND, "10.0.0.1", VM, TCP, 1, 2).allowedBy(icmp));
        assertTrue(Packet.nonIp(INBOUND, PEER_MAC, VM_MAC).allowedBy(icmp), "not IP: no protocol");
    }

    @Test
    void macConditions()
    {
        final long gateway = 0x00_00_5E_00_01_01L;
        final PortAcl acl = PortAcl.of(
            AclRule.allow(OUTBOUND).localMac(VM_MAC).weight(10).build(),
            AclRule.deny(OUTBOUND).build(),
            AclRule.deny(INBOUND).remoteMac("00:00:5e:00:01:01").build());
        assertTrue(Packet.nonIp(OUTBOUND, VM_MAC, 0xFFFF_FFFF_FFFFL).allowedBy(acl));
        assertFalse(Packet.nonIp(OUTBOUND, VM_MAC + 1, PEER_MAC).allowedBy(acl), "a spoofed source MAC");
        assertFalse(Packet.ip(INBOUND, "1.1.1.1", VM, UDP, 1, 2).macs(gateway, VM_MAC).allowedBy(acl));
        assertTrue(Packet.ip(INBOUND, "1.1.1.1", VM, UDP, 1, 2).macs(PEER_MAC, VM_MAC).allowedBy(acl));
        assertTrue(Packet.ip(INBOUND, "1.1.1.1", VM, UDP, 1, 2).macs(VM_MAC, gateway).allowedBy(acl),
            "inbound: the gateway as destination is the local side, not the remote one");
    }

    @Test
    void evaluateReturnsTheIndexInEvaluationOrderAndCountsHits()
    {
        final AclRule dns = AclRule.allow(OUTBOUND).protocol(UDP).remotePort(53).weight(20).build();
        final AclRule block = AclRule.deny(OUTBOUND).remoteAddress("0.0.0.0/0").weight(10).build();
        final PortAcl acl = PortAcl.of(block, dns);
        final Packet query = Packet.ip(OUTBOUND, VM, "8.8.8.8", UDP, 5353, 53);
        final Packet web = Packet.ip(OUTBOUND, VM, "8.8.8.8", TCP, 5353, 443);
        final Packet in = Packet.ip(INBOUND, "8.8.8.8", VM, UDP, 53, 5353);
        assertEquals(0, query.evaluate(acl));
        assertEquals(1, web.evaluate(acl));
        assertEquals(NO_MATCH, in.evaluate(acl));
        assertTrue(query.allowedBy(acl));
        assertFalse(web.allowedBy(acl));
        assertFalse(web.allowedBy(acl));
        assertEquals(2, acl.hits(0));
        assertEquals(3, acl.hits(1));
        assertEquals(1, acl.noMatchHits());
        assertEquals(0, query.match(acl), "match counts nothing");
        assertEquals(2, acl.hits(0));
        assertThrows(IndexOutOfBoundsException.class, () -> acl.hits(2));
        assertThrows(IndexOutOfBoundsException.class, () -> acl.hits(-1));
        assertEquals("0: Allow Outbound UDP remote 53 weight 20 (hits 2)\n" +
            "1: Deny Outbound remote 0.0.0.0/0 weight 10 (hits 3)\n" +
            "default: Allow (hits 1)", acl.toString());
    }

    @Test
    void eachInstanceHasItsOwnCounters()
    {
        final List<AclRule> rules = List.of(AclRule.deny(BOTH).build());
        final PortAcl a = PortAcl.of(rules);
        final PortAcl b = PortAcl.of(rules);
        Packet.nonIp(INBOUND, PEER_MAC, VM_MAC).evaluate(a);
        assertEquals(1, a.hits(0));
        assertEquals(0, b.hits(0));
    }

    @Test
    void aPacketHasOneDirection()
    {
        final PortAcl acl = PortAcl.of(AclRule.deny(BOTH).build());
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> acl.evaluate(BOTH, 1, 2, 0, 0, 0, 0, 0, -1, -1, -1));
        assertTrue(ex.getMessage().startsWith("direction"), ex.getMessage());
    }

    @Test
    void atMost1024RulesPerPort()
    {
        final List<AclRule> rules = new ArrayList<>(Collections.nCopies(PortAcl.MAX_RULES, AclRule.deny(BOTH).build()));
        assertEquals(1024, PortAcl.of(rules).size());
        rules.add(AclRule.allow(BOTH).build());
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> PortAcl.of(rules));
        assertEquals("rules: at most 1024 per port: 1025", ex.getMessage());
        final List<AclRule> withNull = new ArrayList<>();
        withNull.add(null);
        assertThrows(IllegalArgumentException.class, () -> PortAcl.of(withNull));
    }

    @Test
    void rulesListIsUnmodifiable()
    {
        final PortAcl acl = PortAcl.of(AclRule.deny(BOTH).build());
        assertThrows(UnsupportedOperationException.class, () -> acl.rules().clear());
    }

    private static void assertMatches(final String prefix, final String address, final boolean expected)
    {
        final PortAcl acl = PortAcl.of(AclRule.deny(OUTBOUND).remoteAddress(prefix).build());
        final String local = address.contains(":") ? VM6 : VM;
        assertEquals(expected ? 0 : NO_MATCH, Packet.ip(OUTBOUND, local, address, TCP, 1, 2).match(acl),
            address + " in " + prefix);
        final PortAcl asLocal = PortAcl.of(AclRule.deny(INBOUND).localAddress(prefix).build());
        assertEquals(expected ? 0 : NO_MATCH, Packet.ip(INBOUND, local, address, TCP, 1, 2).match(asLocal),
            address + " in local " + prefix);
    }
}
