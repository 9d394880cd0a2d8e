package dev.twinpath.packet.codec;

/**
 * ICMP (RFC 792) and ICMPv6 (RFC 4443) share this header shape; see {@link Icmpv6Header} for the
 * ICMPv6 type constants and minimum length. The last four bytes are type specific (identifier and
 * sequence number for echo).
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     Type      |     Code      |          Checksum             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     Identifier / unused       |   Sequence Number / unused    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * Not thread-safe: owned by the thread that wrapped it.
 */
public class IcmpHeader extends HeaderFlyweight<IcmpHeader>
{
    /** Every ICMP message carries at least these 8 bytes. */
    public static final int LENGTH = 8;
    public static final int CHECKSUM_OFFSET = 2;
    public static final int TYPE_ECHO_REPLY = 0;
    public static final int TYPE_DEST_UNREACHABLE = 3;
    public static final int TYPE_ECHO_REQUEST = 8;
    public static final int TYPE_TIME_EXCEEDED = 11;

    public int type()
    {
        return u8(0);
    }

    public IcmpHeader type(final int type)
    {
        u8(0, type);
        return this;
    }

    public int code()
    {
        return u8(1);
    }

    public IcmpHeader code(final int code)
    {
        u8(1, code);
        return this;
    }

    public int checksum()
    {
        return u16(CHECKSUM_OFFSET);
    }

    public IcmpHeader checksum(final int checksum)
    {
        u16(CHECKSUM_OFFSET, checksum);
        return this;
    }

    public int identifier()
    {
        return u16(4);
    }

    public IcmpHeader identifier(final int id)
    {
        u16(4, id);
        return this;
    }

    public int sequence()
    {
        return u16(6);
    }

    public IcmpHeader sequence(final int sequence)
    {
        u16(6, sequence);
        return this;
    }
}
