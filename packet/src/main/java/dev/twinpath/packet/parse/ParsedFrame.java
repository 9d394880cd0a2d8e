package dev.twinpath.packet.parse;

import dev.twinpath.packet.rss.FlowKey;
import org.agrona.DirectBuffer;

/**
 * What one pass of the {@link FrameParser} learnt about a frame: layer offsets (absolute offsets
 * in the parsed buffer, {@code -1} when a layer is absent), VLAN ids outer first, addresses,
 * protocol, ports, fragment fields and the {@link FrameStatus}. Reused for every frame: the parser
 * resets it, so reading it allocates nothing.
 * <p>
 * Addresses: IPv4 in the low 32 bits of {@link #srcLo()}/{@link #dstLo()} (hi 0); IPv6 as
 * high/low 64-bit halves in network order. MACs as 48-bit values.
 * <p>
 * Not thread-safe: owned by the thread that runs the parser.
 */
public final class ParsedFrame
{
    /** Most VLAN tags a frame may carry; more is {@link FrameStatus#TOO_MANY_TAGS}. */
    public static final int MAX_VLAN_TAGS = 8;
    /** Value of a port, VLAN, protocol or type field that the frame does not have. */
    public static final int NONE = -1;

    DirectBuffer buffer;
    FrameStatus status = FrameStatus.OK;
    int linkType;
    int frameOffset;
    int capturedLength;
    int wireLength;

    int l2Offset = NONE;
    long ethDst;
    long ethSrc;
    final int[] vlanIds = new int[MAX_VLAN_TAGS];
    final int[] vlanTpids = new int[MAX_VLAN_TAGS];
    int vlanCount;
    int etherType = NONE;

    int l3Offset = NONE;
    int ipVersion;
    int ipHeaderLength;
    int ipTotalLength;
    int ipProtocol = NONE;
    int ipv6FirstNextHeader = NONE;
    int ttl;
    int ipId;
    long srcHi;
    long srcLo;
    long dstHi;
    long dstLo;
    boolean fragment;
    boolean moreFragments;
    int fragmentOffset;
    int arpOpcode = NONE;
    int arpSenderIp;
    int arpTargetIp;

    int l4Offset = NONE;
    int srcPort = NONE;
    int dstPort = NONE;
    int tcpFlags;
    int icmpType = NONE;
    int icmpCode = NONE;
    int payloadOffset = NONE;
    int payloadLength;

    void reset(final DirectBuffer buffer, final int offset, final int capturedLength, final int wireLength, final int linkType)
    {
        this.buffer = buffer;
        this.status = FrameStatus.OK;
        this.linkType = linkType;
        this.frameOffset = offset;
        this.capturedLength = capturedLength;
        this.wireLength = wireLength;
        l2Offset = NONE;
        ethDst = 0;
        ethSrc = 0;
        vlanCount = 0;
        etherType = NONE;
        l3Offset = NONE;
        ipVersion = 0;
        ipHeaderLength = 0;
        ipTotalLength = 0;
        ipProtocol = NONE;
        ipv6FirstNextHeader = NONE;
        ttl = 0;
        ipId = 0;
        srcHi = 0;
        srcLo = 0;
        dstHi = 0;
        dstLo = 0;
        fragment = false;
        moreFragments = false;
        fragmentOffset = 0;
        arpOpcode = NONE;
        arpSenderIp = 0;
        arpTargetIp = 0;
        l4Offset = NONE;
        srcPort = NONE;
        dstPort = NONE;
        tcpFlags = 0;
        icmpType = NONE;
        icmpCode = NONE;
        payloadOffset = NONE;
        payloadLength = 0;
    }

    /**
     * Record a problem. The first one found is kept, except that the size-only verdicts
     * ({@link FrameStatus#RUNT}, {@link FrameStatus#OVERSIZE}) give way to a more specific reason
     * found deeper in the frame.
     */
    void problem(final FrameStatus problem)
    {
        if (status == FrameStatus.OK || status == FrameStatus.RUNT || status == FrameStatus.OVERSIZE)
        {
            status = problem;
        }
    }

    /** @return the buffer the frame was parsed from. */
    public DirectBuffer buffer()
    {
        return buffer;
    }

    /** @return {@link FrameStatus#OK} or the first problem found. */
    public FrameStatus status()
    {
        return status;
    }

    /** @return true when {@link #status()} is {@link FrameStatus#OK}. */
    public boolean isOk()
    {
        return status == FrameStatus.OK;
    }

    /** @return the link-layer type the frame was parsed as (pcap LINKTYPE_ value). */
    public int linkType()
    {
        return linkType;
    }

    public int frameOffset()
    {
        return frameOffset;
    }

    /** @return bytes present in the buffer. */
    public int capturedLength()
    {
        return capturedLength;
    }

    /** @return length of the frame on the wire (greater than captured when a capture cut it). */
    public int wireLength()
    {
        return wireLength;
    }

    /** @return offset of the Ethernet header, or {@link #NONE} for a link type without one. */
    public int l2Offset()
    {
        return l2Offset;
    }

    public long ethDst()
    {
        return ethDst;
    }

    public long ethSrc()
    {
        return ethSrc;
    }

    /** @return number of VLAN tags, outer first in {@link #vlanId(int)}. */
    public int vlanCount()
    {
        return vlanCount;
    }

    /** @return VLAN id of tag {@code index}, 0 the outermost. */
    public int vlanId(final int index)
    {
        return vlanIds[index];
    }

    /** @return TPID of tag {@code index} (0x8100, 0x88a8, ...). */
    public int vlanTpid(final int index)
    {
        return vlanTpids[index];
    }

    /**
     * @return the innermost EtherType (after all tags), or {@link #NONE} when there is none, e.g. an
     * IEEE 802.3 frame whose type position holds a length (below 0x0600).
     */
    public int etherType()
    {
        return etherType;
    }

    /** @return offset of the IP or ARP header, or {@link #NONE}. */
    public int l3Offset()
    {
        return l3Offset;
    }

    /** @return 4, 6, or 0 without IP. */
    public int ipVersion()
    {
        return ipVersion;
    }

    /** @return IPv4 header length with options, or 40 plus the extension headers for IPv6. */
    public int ipHeaderLength()
    {
        return ipHeaderLength;
    }

    /** @return IPv4 total length, or 40 + payload length for IPv6. */
    public int ipTotalLength()
    {
        return ipTotalLength;
    }

    /** @return the upper-layer protocol (after IPv6 extension headers), or {@link #NONE}. */
    public int ipProtocol()
    {
        return ipProtocol;
    }

    /** @return the next-header field of the IPv6 fixed header, or {@link #NONE}. */
    public int ipv6FirstNextHeader()
    {
        return ipv6FirstNextHeader;
    }

    /** @return IPv4 TTL or IPv6 hop limit. */
    public int ttl()
    {
        return ttl;
    }

    /** @return IPv4 identification or IPv6 fragment identification. */
    public int ipId()
    {
        return ipId;
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

    /** @return IPv4 source address (valid when {@link #ipVersion()} is 4). */
    public int ipv4Src()
    {
        return (int)srcLo;
    }

    /** @return IPv4 destination address (valid when {@link #ipVersion()} is 4). */
    public int ipv4Dst()
    {
        return (int)dstLo;
    }

    /** @return true for any fragment: MF set or a non-zero offset (IPv4), or a fragment header (IPv6). */
    public boolean isFragment()
    {
        return fragment;
    }

    public boolean moreFragments()
    {
        return moreFragments;
    }

    /** @return fragment offset in bytes. */
    public int fragmentOffset()
    {
        return fragmentOffset;
    }

    /** @return ARP opcode, or {@link #NONE} when the frame is not ARP. */
    public int arpOpcode()
    {
        return arpOpcode;
    }

    /** @return ARP sender protocol (IPv4) address, valid when {@link #arpOpcode()} is not {@link #NONE}. */
    public int arpSenderIp()
    {
        return arpSenderIp;
    }

    /** @return ARP target protocol (IPv4) address, valid when {@link #arpOpcode()} is not {@link #NONE}. */
    public int arpTargetIp()
    {
        return arpTargetIp;
    }

    /** @return offset of the TCP/UDP/ICMP header, or {@link #NONE}. */
    public int l4Offset()
    {
        return l4Offset;
    }

    /** @return true when the frame carries TCP or UDP ports (not on non-first fragments). */
    public boolean hasPorts()
    {
        return srcPort != NONE;
    }

    public int srcPort()
    {
        return srcPort;
    }

    public int dstPort()
    {
        return dstPort;
    }

    public int tcpFlags()
    {
        return tcpFlags;
    }

    public int icmpType()
    {
        return icmpType;
    }

    public int icmpCode()
    {
        return icmpCode;
    }

    /** @return offset of the L4 payload, or {@link #NONE}. */
    public int payloadOffset()
    {
        return payloadOffset;
    }

    /** @return bytes of L4 payload on the wire (some may lie past the captured bytes). */
    public int payloadLength()
    {
        return payloadLength;
    }

    /**
     * Fill a flow key from this frame: addresses, ports (only on a frame that has them), protocol,
     * outermost VLAN id and the fragment flag; a frame without IP gets a reset key.
     *
     * @param key to fill; allocation-free.
     * @return the key.
     */
    public FlowKey flowKey(final FlowKey key)
    {
        key.reset();
        if (ipVersion == 4)
        {
            key.ipv4((int)srcLo, (int)dstLo);
        }
        else if (ipVersion == 6)
        {
            key.ipv6(srcHi, srcLo, dstHi, dstLo);
        }
        else
        {
            return key;
        }
        if (ipProtocol != NONE)
        {
            key.protocol(ipProtocol);
        }
        if (hasPorts())
        {
            key.ports(srcPort, dstPort);
        }
        if (vlanCount > 0)
        {
            key.vlan(vlanIds[0]);
        }
        return key.fragment(fragment);
    }
}
