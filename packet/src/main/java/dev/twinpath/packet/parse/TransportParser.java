package dev.twinpath.packet.parse;

import dev.twinpath.packet.codec.IcmpHeader;
import dev.twinpath.packet.codec.Icmpv6Header;
import dev.twinpath.packet.codec.TcpHeader;
import dev.twinpath.packet.codec.UdpHeader;
import org.agrona.DirectBuffer;

import java.nio.ByteOrder;

import static dev.twinpath.packet.parse.FrameStatus.BAD_L4_LENGTH;
import static dev.twinpath.packet.parse.FrameStatus.TRUNCATED_L4;

/**
 * The transport-layer step of the {@link FrameParser}: TCP, UDP, ICMP and ICMPv6 fixed headers,
 * ports and payload bounds. The fixed header must be captured whole; its length fields are checked
 * against the IP payload on the wire (not for fragments, whose lengths describe the whole datagram).
 * <p>
 * Stateless and allocation-free; called on the parsing thread.
 */
final class TransportParser
{
    private static final ByteOrder NETWORK = ByteOrder.BIG_ENDIAN;
    private static final int PROTO_ICMP = 1;
    private static final int PROTO_TCP = 6;
    private static final int PROTO_UDP = 17;

    private TransportParser()
    {
    }

    /**
     * Parse the upper-layer header at {@code l4} into {@code frame}.
     *
     * @param buffer    holding the frame.
     * @param end       end of the captured bytes; nothing at or beyond it is read.
     * @param frame     filled with ports, ICMP type/code, payload offset and length, or a problem.
     * @param protocol  upper-layer protocol.
     * @param l4        offset of the upper-layer header.
     * @param l4Length  bytes of upper layer on the wire, from the IP length fields.
     * @param icmpProto the ICMP flavour of this IP version.
     */
    static void parse(
        final DirectBuffer buffer,
        final int end,
        final ParsedFrame frame,
        final int protocol,
        final int l4,
        final int l4Length,
        final int icmpProto)
    {
        frame.payloadOffset = l4;
        frame.payloadLength = l4Length;
        if (frame.fragmentOffset != 0)
        {
            return; // a non-first fragment carries no upper-layer header
        }
        final boolean fragment = frame.fragment;
        final int captured = end - l4;
        if (protocol == PROTO_TCP)
        {
            if (l4Length < TcpHeader.MIN_LENGTH)
            {
                frame.problem(BAD_L4_LENGTH);
                return;
            }
            if (captured < TcpHeader.MIN_LENGTH)
            {
                frame.problem(TRUNCATED_L4);
                return;
            }
            frame.l4Offset = l4;
            frame.srcPort = u16(buffer, l4);
            frame.dstPort = u16(buffer, l4 + 2);
            frame.tcpFlags = buffer.getByte(l4 + 13) & 0xFF;
            final int dataOffset = ((buffer.getByte(l4 + 12) & 0xF0) >>> 4) << 2;
            if (dataOffset < TcpHeader.MIN_LENGTH || dataOffset > l4Length)
            {
                frame.problem(BAD_L4_LENGTH);
                return;
            }
            frame.payloadOffset = l4 + dataOffset;
            frame.payloadLength = l4Length - dataOffset;
        }
        else if (protocol == PROTO_UDP)
        {
            if (l4Length < UdpHeader.LENGTH)
            {
                frame.problem(BAD_L4_LENGTH);
                return;
            }
            if (captured < UdpHeader.LENGTH)
            {
                frame.problem(TRUNCATED_L4);
                return;
            }
            frame.l4Offset = l4;
            frame.srcPort = u16(buffer, l4);
            frame.dstPort = u16(buffer, l4 + 2);
            final int udpLength = u16(buffer, l4 + 4);
            frame.payloadOffset = l4 + UdpHeader.LENGTH;
            if (fragment)
            {
                frame.payloadLength = l4Length - UdpHeader.LENGTH;
                return; // the UDP length covers the whole datagram, not this fragment
            }
            if (udpLength < UdpHeader.LENGTH || udpLength > l4Length)
            {
                frame.problem(BAD_L4_LENGTH);
                return;
            }
            frame.payloadLength = udpLength - UdpHeader.LENGTH;
        }
        else if (protocol == icmpProto)
        {
            final int minimum = protocol == PROTO_ICMP ? IcmpHeader.LENGTH : Icmpv6Header.MIN_LENGTH;
            if (l4Length < minimum)
            {
                frame.problem(BAD_L4_LENGTH);
                return;
            }
            if (captured < minimum)
            {
                frame.problem(TRUNCATED_L4);
                return;
            }
            frame.l4Offset = l4;
            frame.icmpType = buffer.getByte(l4) & 0xFF;
            frame.icmpCode = buffer.getByte(l4 + 1) & 0xFF;
            frame.payloadOffset = l4 + minimum;
            frame.payloadLength = l4Length - minimum;
        }
    }

    private static int u16(final DirectBuffer buffer, final int at)
    {
        return buffer.getShort(at, NETWORK) & 0xFFFF;
    }
}
