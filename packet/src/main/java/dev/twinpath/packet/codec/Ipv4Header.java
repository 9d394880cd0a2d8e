package dev.twinpath.packet.codec;

/**
 * IPv4 header flyweight (RFC 791), options included in {@link #headerLength()}.
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |Version|  IHL  |   DSCP    |ECN|          Total Length         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |         Identification        |R|D|M|    Fragment Offset      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Time to Live |    Protocol   |         Header Checksum       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                       Source Address                          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    Destination Address                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    Options (IHL > 5)                          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * Not thread-safe: owned by the thread that wrapped it.
 */
public final class Ipv4Header extends HeaderFlyweight<Ipv4Header>
{
    public static final int MIN_LENGTH = 20;
    public static final int CHECKSUM_OFFSET = 10;
    public static final int SRC_OFFSET = 12;
    public static final int DST_OFFSET = 16;
    public static final int FLAG_DF = 0x4000;
    public static final int FLAG_MF = 0x2000;
    public static final int FRAGMENT_OFFSET_MASK = 0x1FFF;

    public int version()
    {
        return u8(0) >>> 4;
    }

    /** @return IHL in bytes (IHL field times 4). */
    public int headerLength()
    {
        return (u8(0) & 0x0F) << 2;
    }

    /** Set version 4 and the header length in bytes (multiple of 4, 20..60). */
    public Ipv4Header versionAndHeaderLength(final int headerLengthBytes)
    {
        u8(0, 0x40 | (headerLengthBytes >>> 2));
        return this;
    }

    public int tos()
    {
        return u8(1);
    }

    public Ipv4Header tos(final int tos)
    {
        u8(1, tos);
        return this;
    }

    public int totalLength()
    {
        return u16(2);
    }

    public Ipv4Header totalLength(final int totalLength)
    {
        u16(2, totalLength);
        return this;
    }

    public int identification()
    {
        return u16(4);
    }

    public Ipv4Header identification(final int id)
    {
        u16(4, id);
        return this;
    }

    /** @return flags and fragment offset word. */
    public int flagsAndFragment()
    {
        return u16(6);
    }

    public Ipv4Header flagsAndFragment(final int word)
    {
        u16(6, word);
        return this;
    }

    public boolean dontFragment()
    {
        return (u16(6) & FLAG_DF) != 0;
    }

    public boolean moreFragments()
    {
        return (u16(6) & FLAG_MF) != 0;
    }

    /** @return fragment offset in bytes. */
    public int fragmentOffset()
    {
        return (u16(6) & FRAGMENT_OFFSET_MASK) << 3;
    }

    public int ttl()
    {
        return u8(8);
    }

    public Ipv4Header ttl(final int ttl)
    {
        u8(8, ttl);
        return this;
    }

    public int protocol()
    {
        return u8(9);
    }

    public Ipv4Header protocol(final int protocol)
    {
        u8(9, protocol);
        return this;
    }

    public int checksum()
    {
        return u16(CHECKSUM_OFFSET);
    }

    public Ipv4Header checksum(final int checksum)
    {
        u16(CHECKSUM_OFFSET, checksum);
        return this;
    }

    public int src()
    {
        return i32(SRC_OFFSET);
    }

    public Ipv4Header src(final int address)
    {
        i32(SRC_OFFSET, address);
        return this;
    }

    public int dst()
    {
        return i32(DST_OFFSET);
    }

    public Ipv4Header dst(final int address)
    {
        i32(DST_OFFSET, address);
        return this;
    }

    /** @return true when the header checksum over {@link #headerLength()} bytes verifies. */
    public boolean checksumValid()
    {
        return Checksums.fold(Checksums.sum(buffer, offset, headerLength(), 0)) == 0xFFFF;
    }

    /** Compute and store the header checksum over {@link #headerLength()} bytes. */
    public Ipv4Header updateChecksum()
    {
        checksum(0);
        checksum(~Checksums.fold(Checksums.sum(buffer, offset, headerLength(), 0)) & 0xFFFF);
        return this;
    }
}
