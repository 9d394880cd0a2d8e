package dev.twinpath.packet.rss;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link RssHasher}: the Microsoft hash-type selection rules and the explicit tuple hashes.
 */
class RssHasherTest
{
    private static final ToeplitzHash TOEPLITZ = ToeplitzHash.microsoftDefault();
    private static final int SRC = 0x4209_95BB;
    private static final int DST = 0xA18E_6450;

    private final RssHasher all = new RssHasher(TOEPLITZ);
    private final RssHasher microsoftBase = new RssHasher(TOEPLITZ, RssHashType.MICROSOFT_BASE_MASK);

    @Test
    void tcpUsesTheFourTuple()
    {
        final FlowKey key = new FlowKey().ipv4(SRC, DST).ports(2794, 1766).protocol(FlowKey.PROTOCOL_TCP);
        assertEquals(RssHashType.TCP_IPV4, all.hashType(key));
        assertEquals(TOEPLITZ.hashIpv4(SRC, DST, 2794, 1766), all.hash(key));
        assertEquals(0x51cc_c178, all.hash(key));
    }

    @Test
    void udpUsesPortsOnlyWhenEnabled()
    {
        final FlowKey key = new FlowKey().ipv4(SRC, DST).ports(2794, 1766).protocol(FlowKey.PROTOCOL_UDP);
        assertEquals(RssHashType.UDP_IPV4, all.hashType(key));
        assertEquals(0x51cc_c178, all.hash(key));

        assertEquals(RssHashType.IPV4, microsoftBase.hashType(key));
        assertEquals(0x323e_8fc2, microsoftBase.hash(key));
    }

    @Test
    void fragmentsHashAddressesOnly()
    {
        final FlowKey key = new FlowKey().ipv4(SRC, DST).ports(2794, 1766).protocol(6).fragment(true);
        assertEquals(RssHashType.IPV4, all.hashType(key));
        assertEquals(0x323e_8fc2, all.hash(key));

        key.protocol(FlowKey.PROTOCOL_UDP);
        assertEquals(RssHashType.IPV4, all.hashType(key));

        key.ipv6(1, 2, 3, 4);
        assertEquals(RssHashType.IPV6, all.hashType(key));
        assertEquals(TOEPLITZ.hashIpv6(1, 2, 3, 4), all.hash(key));
    }

    @Test
    void otherProtocolsAndPortlessPacketsHashAddressesOnly()
    {
        final FlowKey icmp = new FlowKey().ipv4(SRC, DST).protocol(1);
        assertEquals(RssHashType.IPV4, all.hashType(icmp));

        final FlowKey sctp = new FlowKey().ipv6(1, 2, 3, 4).ports(1, 2).protocol(132);
        assertEquals(RssHashType.IPV6, all.hashType(sctp));
        assertEquals(TOEPLITZ.hashIpv6(1, 2, 3, 4), all.hash(sctp));

        final FlowKey tcpWithoutPorts = new FlowKey().ipv6(1, 2, 3, 4).protocol(6);
        assertEquals(RssHashType.IPV6, all.hashType(tcpWithoutPorts));
    }

    @Test
    void ipv6TcpAndUdp()
    {
        final FlowKey key = new FlowKey().ipv6(1, 2, 3, 4).ports(10, 20).protocol(6);
        assertEquals(RssHashType.TCP_IPV6, all.hashType(key));
        assertEquals(TOEPLITZ.hashIpv6(1, 2, 3, 4, 10, 20), all.hash(key));

        key.protocol(17);
        assertEquals(RssHashType.UDP_IPV6, all.hashType(key));
        assertEquals(RssHashType.IPV6, microsoftBase.hashType(key));
    }

    @Test
    void noHashWhenNothingApplies()
    {
        final RssHasher tcpOnly = new RssHasher(TOEPLITZ, RssHashType.maskOf(RssHashType.TCP_IPV4));
        final FlowKey udp = new FlowKey().ipv4(SRC, DST).ports(1, 2).protocol(17);
        assertEquals(RssHashType.NONE, tcpOnly.hashType(udp));
        assertEquals(RssHasher.NO_HASH, tcpOnly.hash(udp));
        assertEquals(RssHashType.TCP_IPV4, tcpOnly.hashType(udp.protocol(6)));
        assertEquals(RssHashType.NONE, tcpOnly.hashType(udp.fragment(true)));

        assertEquals(RssHashType.NONE, all.hashType(new FlowKey()));
        assertEquals(RssHashType.NONE, all.hashType(new FlowKey().ports(1, 2).protocol(6)));
        assertEquals(RssHasher.NO_HASH, all.hash(new FlowKey()));

        final RssHasher off = new RssHasher(TOEPLITZ, 0);
        assertEquals(RssHashType.NONE, off.hashType(new FlowKey().ipv4(SRC, DST).ports(1, 2).protocol(6)));
    }

    @Test
    void explicitTuplesIgnoreEnabledTypesButNeedTheirFields()
    {
        final RssHasher off = new RssHasher(TOEPLITZ, 0);
        final FlowKey key = new FlowKey().ipv4(SRC, DST).ports(2794, 1766);
        assertEquals(0x51cc_c178, off.hash4Tuple(key));
        assertEquals(0x323e_8fc2, off.hash2Tuple(key));

        final IllegalArgumentException noPorts = assertThrows(
            IllegalArgumentException.class, () -> all.hash4Tuple(new FlowKey().ipv4(SRC, DST)));
        assertTrue(noPorts.getMessage().contains("no ports"), noPorts.getMessage());
        final IllegalArgumentException noIp = assertThrows(
            IllegalArgumentException.class, () -> all.hash2Tuple(new FlowKey()));
        assertTrue(noIp.getMessage().contains("ipVersion=0"), noIp.getMessage());
        assertThrows(IllegalArgumentException.class, () -> all.hash4Tuple(new FlowKey().ports(1, 2)));
    }

    @Test
    void refusesUnsupportedTypesAndNullHash()
    {
        final IllegalArgumentException ex = assertThrows(
            IllegalArgumentException.class, () -> new RssHasher(TOEPLITZ, 0x800));
        assertTrue(ex.getMessage().contains("enabledTypes has unsupported bits: 0x800"), ex.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new RssHasher(null));
    }

    @Test
    void hashTypeMasksAndLengths()
    {
        assertEquals(0x100, RssHashType.IPV4.mask());
        assertEquals(0x200, RssHashType.TCP_IPV4.mask());
        assertEquals(0x400, RssHashType.IPV6.mask());
        assertEquals(0x1000, RssHashType.TCP_IPV6.mask());
        assertEquals(0x4000, RssHashType.UDP_IPV4.mask());
        assertEquals(0x8000, RssHashType.UDP_IPV6.mask());
        assertEquals(0xD700, RssHashType.ALL_MASK);
        assertEquals(8, RssHashType.IPV4.inputLength());
        assertEquals(12, RssHashType.UDP_IPV4.inputLength());
        assertEquals(32, RssHashType.IPV6.inputLength());
        assertEquals(36, RssHashType.TCP_IPV6.inputLength());
        assertEquals(0, RssHashType.NONE.inputLength());
        assertFalse(RssHashType.NONE.isIn(-1));
        assertTrue(all.isEnabled(RssHashType.UDP_IPV6));
        assertFalse(microsoftBase.isEnabled(RssHashType.UDP_IPV6));
    }
}
