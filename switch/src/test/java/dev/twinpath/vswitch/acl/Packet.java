package dev.twinpath.vswitch.acl;

import dev.twinpath.packet.codec.AddressFormat;

/**
 * A packet as the ACL sees it, built from text for readable tests: the arguments of
 * {@link PortAcl#evaluate} in one value.
 */
record Packet(
    AclDirection direction, long srcMac, long dstMac, int ipVersion,
    long srcHi, long srcLo, long dstHi, long dstLo, int protocol, int srcPort, int dstPort)
{
    static final long VM_MAC = 0x00_15_5D_00_00_01L;
    static final long PEER_MAC = 0x00_15_5D_00_00_02L;

    /** An IP packet between two addresses of one version, with MACs from the VM's side of {@code direction}. */
    static Packet ip(
        final AclDirection direction, final String src, final String dst, final int protocol, final int srcPort, final int dstPort)
    {
        final boolean v6 = AddressFormat.isIpv6(src);
        final long[] s = v6 ? AddressFormat.parseIpv6(src) : new long[]{0, AddressFormat.parseIpv4(src) & 0xFFFF_FFFFL};
        final long[] d = v6 ? AddressFormat.parseIpv6(dst) : new long[]{0, AddressFormat.parseIpv4(dst) & 0xFFFF_FFFFL};
        final boolean out = direction == AclDirection.OUTBOUND;
        return new Packet(direction, out ? VM_MAC : PEER_MAC, out ? PEER_MAC : VM_MAC, v6 ? 6 : 4,
            s[0], s[1], d[0], d[1], protocol, srcPort, dstPort);
    }

    /** A frame that is not IP (ARP, say): no addresses, protocol or ports. */
    static Packet nonIp(final AclDirection direction, final long srcMac, final long dstMac)
    {
        return new Packet(direction, srcMac, dstMac, 0, 0, 0, 0, 0, -1, -1, -1);
    }

    Packet macs(final long src, final long dst)
    {
        return new Packet(direction, src, dst, ipVersion, srcHi, srcLo, dstHi, dstLo, protocol, srcPort, dstPort);
    }

    int evaluate(final PortAcl acl)
    {
        return acl.evaluate(direction, srcMac, dstMac, ipVersion, srcHi, srcLo, dstHi, dstLo, protocol, srcPort, dstPort);
    }

    int match(final PortAcl acl)
    {
        return acl.match(direction, srcMac, dstMac, ipVersion, srcHi, srcLo, dstHi, dstLo, protocol, srcPort, dstPort);
    }

    boolean allowedBy(final PortAcl acl)
    {
        return acl.allows(direction, srcMac, dstMac, ipVersion, srcHi, srcLo, dstHi, dstLo, protocol, srcPort, dstPort);
    }
}
