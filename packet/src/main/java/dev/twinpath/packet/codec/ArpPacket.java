package dev.twinpath.packet.codec;

/**
 * ARP for IPv4 over Ethernet (RFC 826), the only form a virtual switch answers or learns from.
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |        Hardware type          |        Protocol type          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  HW len (6)   | Proto len (4) |           Opcode              |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |               Sender hardware address (48)                    |
 * +                               +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                               |  Sender protocol address (32) |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  ...sender protocol address   |  Target hardware address (48) |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+                               +
 * |                                                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                 Target protocol address (32)                  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * Not thread-safe: owned by the thread that wrapped it.
 */
public final class ArpPacket extends HeaderFlyweight<ArpPacket>
{
    public static final int LENGTH = 28;
    public static final int HTYPE_ETHERNET = 1;
    public static final int OP_REQUEST = 1;
    public static final int OP_REPLY = 2;

    public int hardwareType()
    {
        return u16(0);
    }

    public int protocolType()
    {
        return u16(2);
    }

    public int hardwareLength()
    {
        return u8(4);
    }

    public int protocolLength()
    {
        return u8(5);
    }

    public int opcode()
    {
        return u16(6);
    }

    public long senderMac()
    {
        return u48(8);
    }

    public int senderIp()
    {
        return i32(14);
    }

    public long targetMac()
    {
        return u48(18);
    }

    public int targetIp()
    {
        return i32(24);
    }

    /** Write the fixed Ethernet/IPv4 preamble and the opcode. */
    public ArpPacket ethernetIpv4(final int opcode)
    {
        u16(0, HTYPE_ETHERNET);
        u16(2, EthernetHeader.TYPE_IPV4);
        u8(4, 6);
        u8(5, 4);
        u16(6, opcode);
        return this;
    }

    public ArpPacket sender(final long mac, final int ip)
    {
        u48(8, mac);
        i32(14, ip);
        return this;
    }

    public ArpPacket target(final long mac, final int ip)
    {
        u48(18, mac);
        i32(24, ip);
        return this;
    }
}
