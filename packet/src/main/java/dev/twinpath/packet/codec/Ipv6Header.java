package dev.twinpath.packet.codec;

/**
 * IPv6 fixed header flyweight (RFC 8200). Addresses are read as two big-endian {@code long}s,
 * high 64 bits first.
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |Version| Traffic Class |           Flow Label                  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |         Payload Length        |  Next Header  |   Hop Limit   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                   Source Address (128)                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                 Destination Address (128)                     |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * Not thread-safe: owned by the thread that wrapped it.
 */
public final class Ipv6Header extends HeaderFlyweight<Ipv6Header>
{
    public static final int LENGTH = 40;
    public static final int SRC_OFFSET = 8;
    public static final int DST_OFFSET = 24;

    public static final int NEXT_HOP_BY_HOP = 0;
    public static final int NEXT_ROUTING = 43;
    public static final int NEXT_FRAGMENT = 44;
    public static final int NEXT_ESP = 50;
    public static final int NEXT_AH = 51;
    public static final int NEXT_NONE = 59;
    public static final int NEXT_DESTINATION_OPTIONS = 60;
    public static final int NEXT_MOBILITY = 135;
    public static final int NEXT_HIP = 139;
    public static final int NEXT_SHIM6 = 140;

    public int version()
    {
        return u8(0) >>> 4;
    }

    public int trafficClass()
    {
        return (i32(0) >>> 20) & 0xFF;
    }

    public int flowLabel()
    {
        return i32(0) & 0xF_FFFF;
    }

    /** Set version 6, traffic class and flow label. */
    public Ipv6Header versionClassLabel(final int trafficClass, final int flowLabel)
    {
        i32(0, 6 << 28 | (trafficClass & 0xFF) << 20 | (flowLabel & 0xF_FFFF));
        return this;
    }

    public int payloadLength()
    {
        return u16(4);
    }

    public Ipv6Header payloadLength(final int length)
    {
        u16(4, length);
        return this;
    }

    public int nextHeader()
    {
        return u8(6);
    }

    public Ipv6Header nextHeader(final int next)
    {
        u8(6, next);
        return this;
    }

    public int hopLimit()
    {
        return u8(7);
    }

    public Ipv6Header hopLimit(final int hopLimit)
    {
        u8(7, hopLimit);
        return this;
    }

    public long srcHi()
    {
        return i64(SRC_OFFSET);
    }

    public long srcLo()
    {
        return i64(SRC_OFFSET + 8);
    }

    public long dstHi()
    {
        return i64(DST_OFFSET);
    }

    public long dstLo()
    {
        return i64(DST_OFFSET + 8);
    }

    public Ipv6Header src(final long hi, final long lo)
    {
        i64(SRC_OFFSET, hi);
        i64(SRC_OFFSET + 8, lo);
        return this;
    }

    public Ipv6Header dst(final long hi, final long lo)
    {
        i64(DST_OFFSET, hi);
        i64(DST_OFFSET + 8, lo);
        return this;
    }

    /**
     * @param nextHeader a next-header value.
     * @return true for the extension headers that share the generic "next header, length" shape
     * or are otherwise walked by the parser (hop-by-hop, routing, fragment, AH, destination options,
     * mobility, HIP, shim6).
     */
    public static boolean isExtensionHeader(final int nextHeader)
    {
        switch (nextHeader)
        {
            case NEXT_HOP_BY_HOP:
            case NEXT_ROUTING:
            case NEXT_FRAGMENT:
            case NEXT_AH:
            case NEXT_DESTINATION_OPTIONS:
            case NEXT_MOBILITY:
            case NEXT_HIP:
            case NEXT_SHIM6:
                return true;
            default:
                return false;
        }
    }
}
