package dev.twinpath.packet.codec;

/**
 * TCP header flyweight (RFC 9293).
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          Source Port          |       Destination Port        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                        Sequence Number                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    Acknowledgment Number                      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Data |       |C|E|U|A|P|R|S|F|                               |
 * | Offset| Rsrvd |W|C|R|C|S|S|Y|I|            Window             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           Checksum            |         Urgent Pointer        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * Not thread-safe: owned by the thread that wrapped it.
 */
public final class TcpHeader extends HeaderFlyweight<TcpHeader>
{
    public static final int MIN_LENGTH = 20;
    public static final int CHECKSUM_OFFSET = 16;
    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int RST = 0x04;
    public static final int PSH = 0x08;
    public static final int ACK = 0x10;

    public int srcPort()
    {
        return u16(0);
    }

    public TcpHeader srcPort(final int port)
    {
        u16(0, port);
        return this;
    }

    public int dstPort()
    {
        return u16(2);
    }

    public TcpHeader dstPort(final int port)
    {
        u16(2, port);
        return this;
    }

    public int sequence()
    {
        return i32(4);
    }

    public TcpHeader sequence(final int seq)
    {
        i32(4, seq);
        return this;
    }

    public int acknowledgment()
    {
        return i32(8);
    }

    public TcpHeader acknowledgment(final int ack)
    {
        i32(8, ack);
        return this;
    }

    /** @return header length in bytes (data offset times 4). */
    public int headerLength()
    {
        return (u8(12) >>> 4) << 2;
    }

    public TcpHeader headerLength(final int bytes)
    {
        u8(12, (bytes >>> 2) << 4);
        return this;
    }

    public int flags()
    {
        return u8(13);
    }

    public TcpHeader flags(final int flags)
    {
        u8(13, flags);
        return this;
    }

    public int window()
    {
        return u16(14);
    }

    public TcpHeader window(final int window)
    {
        u16(14, window);
        return this;
    }

    public int checksum()
    {
        return u16(CHECKSUM_OFFSET);
    }

    public TcpHeader checksum(final int checksum)
    {
        u16(CHECKSUM_OFFSET, checksum);
        return this;
    }

    public int urgentPointer()
    {
        return u16(18);
    }

    public TcpHeader urgentPointer(final int pointer)
    {
        u16(18, pointer);
        return this;
    }
}
