package dev.twinpath.packet.codec;

/**
 * A generic IPv6 extension header (RFC 8200 §4): hop-by-hop, routing, fragment, destination
 * options, AH and the like. The fields specific to routing and fragment headers are offered
 * here too, since a parser walks the chain with one flyweight.
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Next Header  |  Hdr Ext Len  |  (type specific)              |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * Routing:   | Next | Len | Routing Type | Segments Left | data ...
 * Fragment:  | Next | Reserved | Fragment Offset (13) |Res|M| Identification (32) |
 * </pre>
 * Not thread-safe: owned by the thread that wrapped it.
 */
public final class Ipv6ExtensionHeader extends HeaderFlyweight<Ipv6ExtensionHeader>
{
    /** Smallest extension header, and the fixed size of the fragment header. */
    public static final int MIN_LENGTH = 8;
    public static final int FRAGMENT_LENGTH = 8;

    public int nextHeader()
    {
        return u8(0);
    }

    public Ipv6ExtensionHeader nextHeader(final int next)
    {
        u8(0, next);
        return this;
    }

    /**
     * @param type the next-header value that named this header.
     * @return length of this header in bytes: 8 for a fragment header, (len + 2) * 4 for AH,
     * (len + 1) * 8 for the others.
     */
    public int headerLength(final int type)
    {
        if (type == Ipv6Header.NEXT_FRAGMENT)
        {
            return FRAGMENT_LENGTH;
        }
        if (type == Ipv6Header.NEXT_AH)
        {
            return (u8(1) + 2) << 2;
        }
        return (u8(1) + 1) << 3;
    }

    /** Set the Hdr Ext Len field (units of 8 bytes beyond the first 8, 4 bytes beyond the first 8 for AH). */
    public Ipv6ExtensionHeader headerLengthField(final int value)
    {
        u8(1, value);
        return this;
    }

    /** Write the fixed part of a routing header. */
    public Ipv6ExtensionHeader routing(final int next, final int lengthField, final int routingType, final int segmentsLeft)
    {
        u8(0, next);
        u8(1, lengthField);
        u8(2, routingType);
        u8(3, segmentsLeft);
        return this;
    }

    /** Routing header: the routing type (0 is deprecated by RFC 5095). */
    public int routingType()
    {
        return u8(2);
    }

    /** Routing header: the segments left. */
    public int segmentsLeft()
    {
        return u8(3);
    }

    /** Fragment header: offset in bytes. */
    public int fragmentOffset()
    {
        return u16(2) & 0xFFF8;
    }

    /** Fragment header: the M flag. */
    public boolean moreFragments()
    {
        return (u16(2) & 1) != 0;
    }

    /** Fragment header: identification. */
    public int fragmentId()
    {
        return i32(4);
    }

    /** Write a fragment header. */
    public Ipv6ExtensionHeader fragment(final int next, final int offsetBytes, final boolean more, final int id)
    {
        u8(0, next);
        u8(1, 0);
        u16(2, (offsetBytes & 0xFFF8) | (more ? 1 : 0));
        i32(4, id);
        return this;
    }
}
