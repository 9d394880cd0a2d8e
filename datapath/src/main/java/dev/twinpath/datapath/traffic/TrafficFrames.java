package dev.twinpath.datapath.traffic;

import dev.twinpath.packet.build.PayloadHeader;
import dev.twinpath.packet.codec.EthernetHeader;
import dev.twinpath.packet.codec.Ipv4Header;
import dev.twinpath.packet.codec.UdpHeader;
import dev.twinpath.packet.codec.VlanTag;
import org.agrona.DirectBuffer;

import java.nio.ByteOrder;

/**
 * Finds the {@link PayloadHeader} of a generated frame in a few loads, without the full parser:
 * Ethernet, at most one VLAN tag (802.1Q or 802.1ad), IPv4 (any header length, not a later
 * fragment), UDP whose length covers the payload header. Anything else is not a traffic frame.
 * <p>
 * Threading: stateless, any thread; never reads outside {@code [offset, offset + length)}.
 */
public final class TrafficFrames
{
    /** Returned by {@link #payloadHeaderOffset(DirectBuffer, int, int)} for a frame that is not ours. */
    public static final int NOT_TRAFFIC = -1;

    private static final ByteOrder NETWORK = ByteOrder.BIG_ENDIAN;
    private static final int PROTOCOL_UDP = 17;
    private static final int IPV4_PROTOCOL_OFFSET = 9;
    private static final int IPV4_FRAGMENT_OFFSET = 6;
    private static final int UDP_LENGTH_OFFSET = 4;

    private TrafficFrames()
    {
    }

    /**
     * @param buffer where the frame is.
     * @param offset start of the frame (its Ethernet header).
     * @param length frame length; only these bytes are read.
     * @return the absolute offset in {@code buffer} of the payload header, whose 18 bytes lie inside
     * the frame, or {@link #NOT_TRAFFIC}.
     */
    public static int payloadHeaderOffset(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < TrafficProfile.MIN_FRAME_LENGTH)
        {
            return NOT_TRAFFIC;
        }
        final int end = offset + length;
        int l3 = offset + EthernetHeader.LENGTH;
        int etherType = buffer.getShort(offset + EthernetHeader.ETHER_TYPE_OFFSET, NETWORK) & 0xFFFF;
        if (etherType == VlanTag.TPID_8021Q || etherType == VlanTag.TPID_8021AD)
        {
            etherType = buffer.getShort(l3 + 2, NETWORK) & 0xFFFF;
            l3 += VlanTag.TAG_LENGTH;
            if (end - l3 < Ipv4Header.MIN_LENGTH + UdpHeader.LENGTH + PayloadHeader.LENGTH)
            {
                return NOT_TRAFFIC;
            }
        }
        if (etherType != EthernetHeader.TYPE_IPV4)
        {
            return NOT_TRAFFIC;
        }

        final int versionAndLength = buffer.getByte(l3) & 0xFF;
        final int ipHeaderLength = (versionAndLength & 0x0F) << 2;
        if ((versionAndLength >>> 4) != 4 || ipHeaderLength < Ipv4Header.MIN_LENGTH ||
            (buffer.getByte(l3 + IPV4_PROTOCOL_OFFSET) & 0xFF) != PROTOCOL_UDP ||
            (buffer.getShort(l3 + IPV4_FRAGMENT_OFFSET, NETWORK) & Ipv4Header.FRAGMENT_OFFSET_MASK) != 0)
        {
            return NOT_TRAFFIC;
        }

        final int l4 = l3 + ipHeaderLength;
        final int header = l4 + UdpHeader.LENGTH;
        if (header + PayloadHeader.LENGTH > end ||
            (buffer.getShort(l4 + UDP_LENGTH_OFFSET, NETWORK) & 0xFFFF) < UdpHeader.LENGTH + PayloadHeader.LENGTH)
        {
            return NOT_TRAFFIC;
        }

        return header;
    }
}
