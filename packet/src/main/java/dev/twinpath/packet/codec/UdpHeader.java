package dev.twinpath.packet.codec;

/**
 * UDP header flyweight (RFC 768).
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          Source Port          |       Destination Port        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |            Length             |           Checksum            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * Not thread-safe: owned by the thread that wrapped it.
 */
public final class UdpHeader extends HeaderFlyweight<UdpHeader>
{
    public static final int LENGTH = 8;
    public static final int CHECKSUM_OFFSET = 6;

    public int srcPort()
    {
        return u16(0);
    }

    public UdpHeader srcPort(final int port)
    {
        u16(0, port);
        return this;
    }

    public int dstPort()
    {
        return u16(2);
    }

    public UdpHeader dstPort(final int port)
    {
        u16(2, port);
        return this;
    }

    /** @return the UDP length field: header plus payload. */
    public int udpLength()
    {
        return u16(4);
    }

    public UdpHeader udpLength(final int length)
    {
        u16(4, length);
        return this;
    }

    public int checksum()
    {
        return u16(CHECKSUM_OFFSET);
    }

    public UdpHeader checksum(final int checksum)
    {
        u16(CHECKSUM_OFFSET, checksum);
        return this;
    }
}
