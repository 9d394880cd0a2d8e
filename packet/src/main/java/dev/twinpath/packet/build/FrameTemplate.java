package dev.twinpath.packet.build;

import dev.twinpath.packet.codec.AddressFormat;
import dev.twinpath.packet.codec.EthernetHeader;
import dev.twinpath.packet.codec.Ipv4Header;
import dev.twinpath.packet.codec.Ipv6Header;
import dev.twinpath.packet.codec.TcpHeader;
import dev.twinpath.packet.codec.UdpHeader;

/**
 * What a generated frame looks like: MACs, an optional 802.1Q tag, IPv4 or IPv6 addresses, UDP or
 * TCP ports and the frame length (wire length without FCS). Fluent setters; {@link #conclude()}
 * checks the whole and refuses a bad value with a message naming the field. Defaults: a 60-byte
 * IPv4/UDP frame (the shortest that holds the headers) from 10.0.0.1:1024 to 10.0.0.2:5001, locally administered MACs, no VLAN.
 * <p>
 * Control-path object; not thread-safe.
 */
public final class FrameTemplate
{
    public static final int UDP = 17;
    public static final int TCP = 6;

    private long srcMac = 0x0200_0000_0001L;
    private long dstMac = 0x0200_0000_0002L;
    private int vlanId = -1;
    private int vlanPcp;
    private int ipVersion = 4;
    private long srcHi;
    private long srcLo = 0x0A00_0001L;
    private long dstHi;
    private long dstLo = 0x0A00_0002L;
    private int protocol = UDP;
    private int srcPort = 1024;
    private int dstPort = 5001;
    private int ttl = 64;
    private int frameLength = 0;

    public FrameTemplate srcMac(final long mac)
    {
        srcMac = mac;
        return this;
    }

    public FrameTemplate dstMac(final long mac)
    {
        dstMac = mac;
        return this;
    }

    /** 802.1Q tag with this VLAN id (0..4094), or -1 for none. */
    public FrameTemplate vlan(final int vlanId, final int pcp)
    {
        this.vlanId = vlanId;
        this.vlanPcp = pcp;
        return this;
    }

    public FrameTemplate ipv4(final int src, final int dst)
    {
        ipVersion = 4;
        srcHi = 0;
        srcLo = src & 0xFFFF_FFFFL;
        dstHi = 0;
        dstLo = dst & 0xFFFF_FFFFL;
        return this;
    }

    public FrameTemplate ipv6(final long srcHi, final long srcLo, final long dstHi, final long dstLo)
    {
        ipVersion = 6;
        this.srcHi = srcHi;
        this.srcLo = srcLo;
        this.dstHi = dstHi;
        this.dstLo = dstLo;
        return this;
    }

    /** Addresses from text; IPv4 or IPv6 decided by the text (both must be the same family). */
    public FrameTemplate addresses(final String src, final String dst)
    {
        if (AddressFormat.isIpv6(src) != AddressFormat.isIpv6(dst))
        {
            throw new IllegalArgumentException("src and dst must both be IPv4 or both IPv6: " + src + ", " + dst);
        }
        if (AddressFormat.isIpv6(src))
        {
            final long[] s = AddressFormat.parseIpv6(src);
            final long[] d = AddressFormat.parseIpv6(dst);
            return ipv6(s[0], s[1], d[0], d[1]);
        }
        return ipv4(AddressFormat.parseIpv4(src), AddressFormat.parseIpv4(dst));
    }

    /** {@link #UDP} or {@link #TCP}. */
    public FrameTemplate protocol(final int protocol)
    {
        this.protocol = protocol;
        return this;
    }

    public FrameTemplate ports(final int srcPort, final int dstPort)
    {
        this.srcPort = srcPort;
        this.dstPort = dstPort;
        return this;
    }

    public FrameTemplate ttl(final int ttl)
    {
        this.ttl = ttl;
        return this;
    }

    /**
     * Frame length on the wire without FCS; at least {@link #minimumFrameLength()}. 0 (the default)
     * means that minimum.
     */
    public FrameTemplate frameLength(final int length)
    {
        frameLength = length;
        return this;
    }

    /** @return the shortest frame that holds these headers and the {@link PayloadHeader}. */
    public int minimumFrameLength()
    {
        return Math.max(EthernetHeader.MIN_FRAME_LENGTH, l4Offset() + l4HeaderLength() + PayloadHeader.LENGTH);
    }

    /**
     * Validate.
     *
     * @return this.
     * @throws IllegalArgumentException naming the field that is out of range.
     */
    public FrameTemplate conclude()
    {
        if (vlanId < -1 || vlanId > 4094)
        {
            throw new IllegalArgumentException("vlanId must be -1 (none) or 0..4094: " + vlanId);
        }
        if (vlanPcp < 0 || vlanPcp > 7)
        {
            throw new IllegalArgumentException("vlanPcp must be 0..7: " + vlanPcp);
        }
        if (protocol != UDP && protocol != TCP)
        {
            throw new IllegalArgumentException("protocol must be UDP (17) or TCP (6): " + protocol);
        }
        if (srcPort < 0 || srcPort > 0xFFFF || dstPort < 0 || dstPort > 0xFFFF)
        {
            throw new IllegalArgumentException("ports must be 0..65535: " + srcPort + ", " + dstPort);
        }
        if (ttl < 1 || ttl > 255)
        {
            throw new IllegalArgumentException("ttl must be 1..255: " + ttl);
        }
        if (srcMac < 0 || srcMac > EthernetHeader.BROADCAST || dstMac < 0 || dstMac > EthernetHeader.BROADCAST)
        {
            throw new IllegalArgumentException("MAC addresses must fit 48 bits");
        }
        final int minimum = minimumFrameLength();
        if (frameLength == 0)
        {
            frameLength = minimum;
        }
        final int maximum = l3Offset() + 65_535;
        if (frameLength < minimum || frameLength > Math.min(maximum, 9216))
        {
            throw new IllegalArgumentException(
                "frameLength must be " + minimum + ".." + Math.min(maximum, 9216) + " for these headers: " + frameLength);
        }
        return this;
    }

    int l3Offset()
    {
        return EthernetHeader.LENGTH + (vlanId >= 0 ? 4 : 0);
    }

    int l4Offset()
    {
        return l3Offset() + (ipVersion == 4 ? Ipv4Header.MIN_LENGTH : Ipv6Header.LENGTH);
    }

    int l4HeaderLength()
    {
        return protocol == UDP ? UdpHeader.LENGTH : TcpHeader.MIN_LENGTH;
    }

    public long srcMac()
    {
        return srcMac;
    }

    public long dstMac()
    {
        return dstMac;
    }

    public int vlanId()
    {
        return vlanId;
    }

    public int vlanPcp()
    {
        return vlanPcp;
    }

    public int ipVersion()
    {
        return ipVersion;
    }

    public long srcHi()
    {
        return srcHi;
    }

    public long srcLo()
    {
        return srcLo;
    }

    public long dstHi()
    {
        return dstHi;
    }

    public long dstLo()
    {
        return dstLo;
    }

    public int protocol()
    {
        return protocol;
    }

    public int srcPort()
    {
        return srcPort;
    }

    public int dstPort()
    {
        return dstPort;
    }

    public int ttl()
    {
        return ttl;
    }

    public int frameLength()
    {
        return frameLength;
    }
}
