package dev.twinpath.vswitch.acl;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import static dev.twinpath.vswitch.acl.AclDirection.BOTH;
import static dev.twinpath.vswitch.acl.AclDirection.INBOUND;
import static dev.twinpath.vswitch.acl.AclDirection.OUTBOUND;
import static dev.twinpath.vswitch.acl.AclRule.ICMP;
import static dev.twinpath.vswitch.acl.AclRule.ICMPV6;
import static dev.twinpath.vswitch.acl.AclRule.TCP;
import static dev.twinpath.vswitch.acl.AclRule.UDP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AclRuleTest
{
    @Test
    void toStringReadsLikeHyperV()
    {
        assertEquals("Deny Outbound remote 10.0.0.0/8 UDP local 53",
            AclRule.deny(OUTBOUND).remoteAddress("10.0.0.0/8").protocol(UDP).localPort(53).build().toString());
        assertEquals("Allow Inbound local 2001:db8::/32 remote fe80::/10 TCP local 80 remote 1024-65535 weight 100",
            AclRule.allow(INBOUND).localAddress("2001:db8::/32").remoteAddress("fe80::/10").protocol(TCP)
                .localPort(80).remotePorts(1024, 65535).weight(100).build().toString());
        assertEquals("Deny Both local 00:15:5d:00:00:01 remote ff:ff:ff:ff:ff:ff",
            AclRule.deny(BOTH).localMac("00-15-5D-00-00-01").remoteMac(0xFFFF_FFFF_FFFFL).build().toString());
        assertEquals("Allow Both any", AclRule.allow(BOTH).build().toString());
        assertEquals("Deny Inbound ICMPv6", AclRule.deny(INBOUND).protocol(ICMPV6).build().toString());
        assertEquals("Deny Inbound ICMP", AclRule.deny(INBOUND).protocol(ICMP).build().toString());
        assertEquals("Deny Inbound protocol 47 weight 65535",
            AclRule.deny(INBOUND).protocol(47).weight(65535).build().toString());
        assertEquals("Allow Outbound remote 10.0.0.1/32", AclRule.allow(OUTBOUND).remoteAddress("10.0.0.1").build().toString());
    }

    @Test
    void builderFillsEveryFieldAndDefaultsToAny()
    {
        final AclRule any = AclRule.allow(OUTBOUND).build();
        assertEquals(AclAction.ALLOW, any.action());
        assertEquals(OUTBOUND, any.direction());
        assertEquals(AclRule.DEFAULT_WEIGHT, any.weight());
        assertEquals(AclRule.ANY_MAC, any.localMac());
        assertEquals(AclRule.ANY_MAC, any.remoteMac());
        assertEquals(IpPrefix.ANY, any.localAddress());
        assertEquals(IpPrefix.ANY, any.remoteAddress());
        assertEquals(AclRule.ANY_PROTOCOL, any.protocol());
        assertEquals(PortRange.ANY, any.localPorts());
        assertEquals(PortRange.ANY, any.remotePorts());
        assertEquals(0, any.ipVersion());
        assertEquals(0, any.specificity());

        final AclRule full = AclRule.deny(INBOUND).weight(7).localMac(1).remoteMac("02:00:00:00:00:02")
            .localAddress("10.0.0.0/24").remoteAddress(IpPrefix.ipv4(0x0A000001, 32)).protocol(TCP)
            .localPorts(1, 2).remotePort(3).build();
        assertEquals(new AclRule(INBOUND, AclAction.DENY, 7, 1, 0x0200_0000_0002L, IpPrefix.parse("10.0.0.0/24"),
            IpPrefix.parse("10.0.0.1"), TCP, new PortRange(1, 2), PortRange.of(3)), full);
        assertEquals(4, full.ipVersion());
        assertEquals(48 + 48 + 24 + 32 + 8 + 15 + 16, full.specificity());
    }

    @Test
    void specificityCountsPinnedBits()
    {
        assertEquals(8, AclRule.deny(BOTH).remoteAddress("10.0.0.0/8").build().specificity());
        assertEquals(128, AclRule.deny(BOTH).localAddress("::1").build().specificity());
        assertEquals(8 + 16, AclRule.deny(BOTH).protocol(UDP).localPort(53).build().specificity());
        assertEquals(8 + 6, AclRule.deny(BOTH).protocol(UDP).localPorts(1000, 1999).build().specificity(), "1000 ports ~ 10 bits");
        assertEquals(8 + 0, AclRule.deny(BOTH).protocol(UDP).localPorts(0, 65535).build().specificity());
    }

    @Test
    void weightMustBeInRange()
    {
        assertMessage("weight must be in 1..65535: 0", () -> AclRule.deny(BOTH).weight(0).build());
        assertMessage("weight must be in 1..65535: 65536", () -> AclRule.deny(BOTH).weight(65536).build());
        AclRule.deny(BOTH).weight(1).build();
        AclRule.deny(BOTH).weight(65535).build();
    }

    @Test
    void protocolMustBeInRange()
    {
        assertMessage("protocol must be in 0..255, or -1 for any: 256", () -> AclRule.deny(BOTH).protocol(256).build());
        assertMessage("protocol must be in 0..255, or -1 for any: -2", () -> AclRule.deny(BOTH).protocol(-2).build());
        AclRule.deny(BOTH).protocol(0).build();
        AclRule.deny(BOTH).protocol(255).build();
    }

    @Test
    void macsMustBe48Bits()
    {
        assertMessage("localMac must be a 48-bit MAC, or -1 for any: 0x1000000000000",
            () -> AclRule.deny(BOTH).localMac(1L << 48).build());
        assertMessage("remoteMac must be a 48-bit MAC, or -1 for any: 0xfffffffffffffffe",
            () -> AclRule.deny(BOTH).remoteMac(-2).build());
        assertMessage("localMac: not a MAC address (want 6 octets like 02:00:00:00:00:01): 00:15:5d",
            () -> AclRule.deny(BOTH).localMac("00:15:5d"));
        assertEquals(0, AclRule.deny(BOTH).localMac(0).build().localMac(), "zero is a MAC like any other here");
    }

    @Test
    void prefixLengthsMustFitTheVersion()
    {
        assertMessage("remoteAddress: prefix length must be in 0..32 for IPv4: 33",
            () -> AclRule.deny(BOTH).remoteAddress("10.0.0.0/33"));
        assertMessage("localAddress: prefix length must be in 0..128 for IPv6: 129",
            () -> AclRule.deny(BOTH).localAddress("2001:db8::/129"));
        assertMessage("localAddress: not a prefix length after '/': 10.0.0.0/-1",
            () -> AclRule.deny(BOTH).localAddress("10.0.0.0/-1"));
        assertMessage("remoteAddress: not a prefix length after '/': 10.0.0.0/",
            () -> AclRule.deny(BOTH).remoteAddress("10.0.0.0/"));
        assertMessage("remoteAddress: not an IPv4 address (octet 256 > 255): 10.0.0.256",
            () -> AclRule.deny(BOTH).remoteAddress("10.0.0.256/8"));
        assertMessage("prefix length must be in 0..32 for IPv4: -1", () -> IpPrefix.ipv4(0, -1));
    }

    @Test
    void localAndRemoteAddressesMustShareAVersion()
    {
        assertMessage("remoteAddress is IPv6 but localAddress is IPv4: a packet cannot match both",
            () -> AclRule.deny(BOTH).localAddress("10.0.0.0/8").remoteAddress("::/0").build());
        assertEquals(6, AclRule.deny(BOTH).localAddress("any").remoteAddress("::/0").build().ipVersion());
    }

    @Test
    void portRangesMustBeOrderedAndInRange()
    {
        assertMessage("localPorts: port range low 2000 > high 1000", () -> AclRule.deny(BOTH).localPorts(2000, 1000));
        assertMessage("remotePorts: ports must be in 0..65535: low -1, high -1", () -> AclRule.deny(BOTH).remotePort(-1));
        assertMessage("remotePorts: ports must be in 0..65535: low 1, high 65536", () -> AclRule.deny(BOTH).remotePorts(1, 65536));
    }

    @Test
    void portRangesNeedTcpOrUdp()
    {
        assertMessage("localPorts need protocol TCP (6) or UDP (17), not any",
            () -> AclRule.deny(BOTH).localPort(53).build());
        assertMessage("remotePorts need protocol TCP (6) or UDP (17), not ICMP",
            () -> AclRule.deny(BOTH).protocol(ICMP).remotePort(53).build());
        AclRule.deny(BOTH).localPorts(0, 65535).build(); // the full range is no condition
    }

    @Test
    void nullsAreRefusedByName()
    {
        final NullPointerException ex = assertThrows(NullPointerException.class,
            () -> new AclRule(BOTH, AclAction.DENY, 1, -1, -1, null, IpPrefix.ANY, -1, PortRange.ANY, PortRange.ANY));
        assertEquals("localAddress", ex.getMessage());
        assertThrows(NullPointerException.class, () -> AclRule.deny(null));
    }

    @Test
    void prefixesDropHostBitsAndParseTheUsualForms()
    {
        final IpPrefix p = IpPrefix.parse("10.1.2.3/8");
        assertEquals(IpPrefix.parse("10.0.0.0/8"), p);
        assertEquals("10.0.0.0/8", p.toString());
        assertEquals(0xFF00_0000L, p.maskLo());
        assertEquals(0, p.maskHi());
        assertEquals("0.0.0.0/0", IpPrefix.parse("192.168.1.1/0").toString());
        assertEquals("2001:db8::/77", IpPrefix.parse("2001:db8::ffff:ffff:ffff/77").toString());
        final IpPrefix v6 = IpPrefix.parse("2001:db8:0:1:fff8::/77");
        assertEquals(-1L, v6.maskHi());
        assertEquals(0xFFF8_0000_0000_0000L, v6.maskLo());
        assertEquals(0xFFFF_FFFF_0000_0000L, IpPrefix.parse("::/32").maskHi());
        assertEquals(-1L, IpPrefix.parse("::1").maskLo());
        assertEquals(IpPrefix.ANY, IpPrefix.parse(" ANY "));
        assertEquals("any", IpPrefix.ANY.toString());
        assertTrue(IpPrefix.ANY.isAny());
        assertFalse(IpPrefix.parse("0.0.0.0/0").isAny());
        assertNotEquals(IpPrefix.parse("0.0.0.0/0"), IpPrefix.parse("::/0"));
        assertEquals(0xC0A8_0101L, IpPrefix.ipv4(0xC0A80101, 32).lo(), "no sign extension");
        assertThrows(IllegalArgumentException.class, () -> new IpPrefix(5, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new IpPrefix(4, 1, 0, 8));
        assertThrows(IllegalArgumentException.class, () -> new IpPrefix(0, 0, 1, 0));
    }

    @Test
    void portRangeText()
    {
        assertEquals("53", PortRange.of(53).toString());
        assertEquals("1024-65535", new PortRange(1024, 65535).toString());
        assertEquals("any", new PortRange(0, 65535).toString());
        assertEquals(16, PortRange.of(0).bits());
        assertEquals(15, new PortRange(0, 1).bits());
        assertEquals(0, PortRange.ANY.bits());
    }

    @Test
    void directionCoverage()
    {
        assertTrue(BOTH.covers(INBOUND));
        assertTrue(BOTH.covers(OUTBOUND));
        assertTrue(INBOUND.covers(INBOUND));
        assertFalse(INBOUND.covers(OUTBOUND));
        assertFalse(OUTBOUND.covers(INBOUND));
        assertFalse(OUTBOUND.covers(BOTH));
        assertEquals("Outbound", OUTBOUND.text());
        assertEquals("Deny", AclAction.DENY.text());
        assertEquals("protocol 47", AclRule.protocolName(47));
    }

    private static void assertMessage(final String message, final Executable call)
    {
        assertEquals(message, assertThrows(IllegalArgumentException.class, call).getMessage());
    }
}
