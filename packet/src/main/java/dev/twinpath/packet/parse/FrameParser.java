package dev.twinpath.packet.parse;

import dev.twinpath.packet.codec.EthernetHeader;
import dev.twinpath.packet.codec.Ipv4Header;
import dev.twinpath.packet.codec.Ipv6ExtensionHeader;
import dev.twinpath.packet.codec.Ipv6Header;
import dev.twinpath.packet.codec.VlanTag;
import org.agrona.DirectBuffer;

import java.nio.ByteOrder;

import static dev.twinpath.packet.parse.FrameStatus.*;

/**
 * One-pass frame parser: Ethernet with any stack of 802.1Q/802.1ad tags (up to
 * {@link ParsedFrame#MAX_VLAN_TAGS}), ARP, IPv4 with options and fragments, IPv6 with its
 * extension chain, TCP, UDP, ICMP and ICMPv6. It fills a reusable {@link ParsedFrame} and returns
 * a {@link FrameStatus}.
 * <p>
 * Two lengths matter. The <em>captured</em> length bounds every read: the parser never reads a
 * byte outside {@code [offset, offset + capturedLength)} and never throws, whatever the bytes. The
 * <em>wire</em> length is what length fields are checked against, so a capture cut by its snaplen
 * (wire &gt; captured) is not mistaken for a malformed frame; on the datapath both are equal. A
 * header the parser needs (IP header with options, IPv6 extension headers, the fixed TCP/UDP/ICMP
 * header) must be captured whole; TCP options and payload may be cut.
 * <p>
 * Allocation-free. Not thread-safe: owned by the thread that parses (one parser per agent).
 */
public final class FrameParser
{
    private static final ByteOrder NETWORK = ByteOrder.BIG_ENDIAN;
    private static final int MAX_IPV6_EXTENSION_HEADERS = 8;
    private static final int MAX_IP_DATAGRAM = 65_535;
    /** Values below this in the EtherType position are IEEE 802.3 lengths. */
    private static final int ETHER_TYPE_MIN = 0x0600;
    private static final int PROTO_ICMP = 1;
    private static final int PROTO_ICMPV6 = 58;

    /**
     * Parser settings. Fluent setters; {@link #conclude()} validates and is called by the parser.
     * Not thread-safe: configure, then hand to one parser.
     */
    public static final class Context
    {
        /** Longest frame accepted by default: jumbo frames of 9,216 bytes. */
        public static final int DEFAULT_MAX_FRAME_LENGTH = 9216;

        private int minFrameLength = EthernetHeader.MIN_FRAME_LENGTH;
        private int maxFrameLength = DEFAULT_MAX_FRAME_LENGTH;
        private boolean verifyIpv4Checksum = true;
        private boolean rejectRoutingHeaderType0 = true;

        /** Shortest Ethernet frame (wire length, no FCS) accepted; 60 by default, 0 disables. */
        public Context minFrameLength(final int length)
        {
            minFrameLength = length;
            return this;
        }

        public int minFrameLength()
        {
            return minFrameLength;
        }

        /** Longest frame (wire length) accepted; 9,216 by default. */
        public Context maxFrameLength(final int length)
        {
            maxFrameLength = length;
            return this;
        }

        public int maxFrameLength()
        {
            return maxFrameLength;
        }

        /** Whether a bad IPv4 header checksum rejects the frame (default true). */
        public Context verifyIpv4Checksum(final boolean verify)
        {
            verifyIpv4Checksum = verify;
            return this;
        }

        public boolean verifyIpv4Checksum()
        {
            return verifyIpv4Checksum;
        }

        /**
         * Whether an IPv6 routing header of type 0 with segments left rejects the frame (default
         * true: RFC 5095 deprecates it, and Linux drops it by default).
         */
        public Context rejectRoutingHeaderType0(final boolean reject)
        {
            rejectRoutingHeaderType0 = reject;
            return this;
        }

        public boolean rejectRoutingHeaderType0()
        {
            return rejectRoutingHeaderType0;
        }

        /**
         * Validate the settings.
         *
         * @return this.
         * @throws IllegalArgumentException naming the field when a value is out of range.
         */
        public Context conclude()
        {
            if (minFrameLength < 0 || minFrameLength > 1514)
            {
                throw new IllegalArgumentException("minFrameLength must be in 0..1514: " + minFrameLength);
            }
            if (maxFrameLength < Math.max(minFrameLength, EthernetHeader.LENGTH) || maxFrameLength > 262_144)
            {
                throw new IllegalArgumentException(
                    "maxFrameLength must be in " + Math.max(minFrameLength, EthernetHeader.LENGTH) + "..262144: " +
                    maxFrameLength);
            }
            return this;
        }
    }

    private final int minFrameLength;
    private final int maxFrameLength;
    private final boolean verifyIpv4Checksum;
    private final boolean rejectRoutingHeaderType0;
    private final Ipv4Header ipv4 = new Ipv4Header();
    private final Ipv6ExtensionHeader extension = new Ipv6ExtensionHeader();

    private DirectBuffer buffer;
    private int end;
    private int wireEnd;
    private ParsedFrame frame;

    /** A parser with the default {@link Context}. */
    public FrameParser()
    {
        this(new Context());
    }

    public FrameParser(final Context context)
    {
        context.conclude();
        minFrameLength = context.minFrameLength();
        maxFrameLength = context.maxFrameLength();
        verifyIpv4Checksum = context.verifyIpv4Checksum();
        rejectRoutingHeaderType0 = context.rejectRoutingHeaderType0();
    }

    /** Parse an Ethernet frame whose captured and wire lengths are equal: the datapath case. */
    public FrameStatus parse(final DirectBuffer buffer, final int offset, final int length, final ParsedFrame frame)
    {
        return parse(buffer, offset, length, length, LinkType.ETHERNET, frame);
    }

    /**
     * Parse a frame.
     *
     * @param buffer         holding the frame.
     * @param offset         of the first byte of the link-layer header.
     * @param capturedLength bytes present from {@code offset}; nothing beyond is read.
     * @param wireLength     length of the frame on the wire; raised to {@code capturedLength} if smaller.
     * @param linkType       a {@link LinkType} value.
     * @param frame          filled with what was found.
     * @return the status, also in {@link ParsedFrame#status()}.
     */
    public FrameStatus parse(
        final DirectBuffer buffer,
        final int offset,
        final int capturedLength,
        final int wireLength,
        final int linkType,
        final ParsedFrame frame)
    {
        final int captured = offset < 0 || offset > buffer.capacity() ?
            0 : Math.max(0, Math.min(capturedLength, buffer.capacity() - offset));
        final int wire = Math.max(wireLength, captured);
        frame.reset(buffer, offset, captured, wire, linkType);
        this.buffer = buffer;
        this.frame = frame;
        this.end = offset + captured;
        this.wireEnd = offset + wire;

        if (wire > maxFrameLength)
        {
            frame.problem(OVERSIZE);
        }

        switch (linkType)
        {
            case LinkType.ETHERNET:
                parseEthernet(offset, wire);
                break;
            case LinkType.LINUX_SLL:
                parseCooked(offset, LinkType.SLL_LENGTH, LinkType.SLL_PROTOCOL_OFFSET);
                break;
            case LinkType.LINUX_SLL2:
                parseCooked(offset, LinkType.SLL2_LENGTH, LinkType.SLL2_PROTOCOL_OFFSET);
                break;
            case LinkType.RAW:
            case LinkType.IPV4:
            case LinkType.IPV6:
                parseRawIp(offset);
                break;
            default:
                frame.problem(UNSUPPORTED_LINK_TYPE);
                break;
        }

        this.buffer = null;
        this.frame = null;
        return frame.status;
    }

    private void parseEthernet(final int offset, final int wire)
    {
        if (wire < minFrameLength)
        {
            frame.problem(RUNT);
        }
        if (end - offset < EthernetHeader.LENGTH)
        {
            frame.problem(TRUNCATED_L2);
            return;
        }
        frame.l2Offset = offset;
        frame.ethDst = u48(offset);
        frame.ethSrc = u48(offset + EthernetHeader.SRC_OFFSET);
        int type = u16(offset + EthernetHeader.ETHER_TYPE_OFFSET);
        int position = offset + EthernetHeader.LENGTH;
        while (VlanTag.isTpid(type))
        {
            if (frame.vlanCount == ParsedFrame.MAX_VLAN_TAGS)
            {
                frame.problem(TOO_MANY_TAGS);
                return;
            }
            if (end - position < VlanTag.LENGTH)
            {
                frame.problem(TRUNCATED_L2);
                return;
            }
            frame.vlanTpids[frame.vlanCount] = type;
            frame.vlanIds[frame.vlanCount] = u16(position) & 0x0FFF;
            frame.vlanCount++;
            type = u16(position + 2);
            position += VlanTag.LENGTH;
        }
        if (type < ETHER_TYPE_MIN)
        {
            return; // IEEE 802.3 length field (LLC/SNAP follows): no EtherType, no IP
        }
        frame.etherType = type;
        parseL3(position, type);
    }

    private void parseCooked(final int offset, final int headerLength, final int protocolOffset)
    {
        if (end - offset < headerLength)
        {
            frame.problem(TRUNCATED_L2);
            return;
        }
        final int type = u16(offset + protocolOffset);
        if (type < ETHER_TYPE_MIN)
        {
            return; // SLL protocol field holding an 802.2 / Novell type, not an EtherType
        }
        frame.etherType = type;
        parseL3(offset + headerLength, type);
    }

    private void parseRawIp(final int offset)
    {
        if (end - offset < 1)
        {
            frame.problem(TRUNCATED_L3);
            return;
        }
        final int version = (buffer.getByte(offset) & 0xF0) >>> 4;
        if (version == 4)
        {
            frame.etherType = EthernetHeader.TYPE_IPV4;
            parseIpv4(offset);
        }
        else if (version == 6)
        {
            frame.etherType = EthernetHeader.TYPE_IPV6;
            parseIpv6(offset);
        }
        else
        {
            frame.problem(BAD_IP_VERSION);
        }
    }

    private void parseL3(final int position, final int etherType)
    {
        switch (etherType)
        {
            case EthernetHeader.TYPE_IPV4:
                parseIpv4(position);
                break;
            case EthernetHeader.TYPE_IPV6:
                parseIpv6(position);
                break;
            case EthernetHeader.TYPE_ARP:
                ArpParser.parse(buffer, end, position, frame);
                break;
            default:
                break;
        }
    }

    private void parseIpv4(final int position)
    {
        frame.l3Offset = position;
        if (end - position < Ipv4Header.MIN_LENGTH)
        {
            frame.problem(TRUNCATED_L3);
            return;
        }
        final Ipv4Header ip = ipv4.wrap(buffer, position, end - position);
        if (ip.version() != 4)
        {
            frame.problem(BAD_IP_VERSION);
            return;
        }
        final int headerLength = ip.headerLength();
        if (headerLength < Ipv4Header.MIN_LENGTH)
        {
            frame.problem(BAD_IHL);
            return;
        }
        frame.ipVersion = 4;
        frame.ipHeaderLength = headerLength;
        final int totalLength = ip.totalLength();
        frame.ipTotalLength = totalLength;
        frame.ipProtocol = ip.protocol();
        frame.ttl = ip.ttl();
        frame.ipId = ip.identification();
        frame.srcLo = ip.src() & 0xFFFF_FFFFL;
        frame.dstLo = ip.dst() & 0xFFFF_FFFFL;
        frame.moreFragments = ip.moreFragments();
        frame.fragmentOffset = ip.fragmentOffset();
        frame.fragment = frame.moreFragments || frame.fragmentOffset != 0;
        if (end - position < headerLength)
        {
            frame.problem(TRUNCATED_L3);
            return;
        }
        if (totalLength < headerLength)
        {
            frame.problem(BAD_IP_TOTAL_LENGTH);
            return;
        }
        if (totalLength > wireEnd - position)
        {
            frame.problem(IP_LENGTH_BEYOND_FRAME);
            return;
        }
        if (verifyIpv4Checksum && !ip.checksumValid())
        {
            frame.problem(BAD_IP_CHECKSUM);
        }
        final int l4Length = totalLength - headerLength;
        if (frame.fragmentOffset + l4Length > MAX_IP_DATAGRAM)
        {
            frame.problem(BAD_FRAGMENT);
            return;
        }
        TransportParser.parse(buffer, end, frame, frame.ipProtocol, position + headerLength, l4Length, PROTO_ICMP);
    }

    private void parseIpv6(final int position)
    {
        frame.l3Offset = position;
        if (end - position < Ipv6Header.LENGTH)
        {
            frame.problem(TRUNCATED_L3);
            return;
        }
        if ((buffer.getByte(position) & 0xF0) != 0x60)
        {
            frame.problem(BAD_IP_VERSION);
            return;
        }
        final int payloadLength = u16(position + 4);
        int next = buffer.getByte(position + 6) & 0xFF;
        frame.ipVersion = 6;
        frame.ipTotalLength = Ipv6Header.LENGTH + payloadLength;
        frame.ipv6FirstNextHeader = next;
        frame.ttl = buffer.getByte(position + 7) & 0xFF;
        frame.srcHi = buffer.getLong(position + Ipv6Header.SRC_OFFSET, NETWORK);
        frame.srcLo = buffer.getLong(position + Ipv6Header.SRC_OFFSET + 8, NETWORK);
        frame.dstHi = buffer.getLong(position + Ipv6Header.DST_OFFSET, NETWORK);
        frame.dstLo = buffer.getLong(position + Ipv6Header.DST_OFFSET + 8, NETWORK);
        if (frame.ipTotalLength > wireEnd - position)
        {
            frame.problem(IP_LENGTH_BEYOND_FRAME);
            return;
        }

        int cursor = position + Ipv6Header.LENGTH;
        int remaining = payloadLength;
        int count = 0;
        while (Ipv6Header.isExtensionHeader(next))
        {
            count++;
            if (count > MAX_IPV6_EXTENSION_HEADERS ||
                (next == Ipv6Header.NEXT_HOP_BY_HOP && count != 1) ||
                remaining < Ipv6ExtensionHeader.MIN_LENGTH)
            {
                frame.problem(BAD_IPV6_EXT_CHAIN);
                return;
            }
            if (end - cursor < Ipv6ExtensionHeader.MIN_LENGTH)
            {
                frame.problem(TRUNCATED_IPV6_EXT);
                return;
            }
            final Ipv6ExtensionHeader ext = extension.wrap(buffer, cursor, end - cursor);
            final int headerLength = ext.headerLength(next);
            if (headerLength > remaining)
            {
                frame.problem(BAD_IPV6_EXT_CHAIN);
                return;
            }
            if (end - cursor < headerLength)
            {
                frame.problem(TRUNCATED_IPV6_EXT);
                return;
            }
            if (next == Ipv6Header.NEXT_ROUTING && rejectRoutingHeaderType0 &&
                ext.routingType() == 0 && ext.segmentsLeft() > 0)
            {
                frame.problem(IPV6_RH0);
            }
            else if (next == Ipv6Header.NEXT_FRAGMENT)
            {
                frame.fragmentOffset = ext.fragmentOffset();
                frame.moreFragments = ext.moreFragments();
                // RFC 6946: an "atomic fragment" (offset 0, M clear) is a whole datagram.
                frame.fragment = frame.fragmentOffset != 0 || frame.moreFragments;
                frame.ipId = ext.fragmentId();
                if (frame.fragmentOffset != 0)
                {
                    // A later fragment: what follows is payload, whatever its next-header says.
                    next = ext.nextHeader();
                    cursor += headerLength;
                    remaining -= headerLength;
                    break;
                }
            }
            next = ext.nextHeader();
            cursor += headerLength;
            remaining -= headerLength;
        }
        frame.ipProtocol = next;
        frame.ipHeaderLength = cursor - position;
        if (frame.fragment && frame.fragmentOffset + remaining > MAX_IP_DATAGRAM)
        {
            frame.problem(BAD_FRAGMENT);
            return;
        }
        TransportParser.parse(buffer, end, frame, next, cursor, remaining, PROTO_ICMPV6);
    }

    private int u16(final int at)
    {
        return buffer.getShort(at, NETWORK) & 0xFFFF;
    }

    private long u48(final int at)
    {
        return ((long)u16(at) << 32) | (buffer.getInt(at + 2, NETWORK) & 0xFFFF_FFFFL);
    }
}
