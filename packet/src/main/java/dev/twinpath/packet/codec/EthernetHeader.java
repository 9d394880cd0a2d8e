package dev.twinpath.packet.codec;

/**
 * Ethernet II header flyweight. MAC addresses are 48-bit values in the low bits of a {@code long},
 * first octet most significant ({@code 02:00:00:00:00:01} is {@code 0x0200_0000_0001L}).
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    Destination MAC (48)                       |
 * +                               +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                               |                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+                               +
 * |                      Source MAC (48)                          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |      EtherType / TPID         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * Not thread-safe: owned by the thread that wrapped it.
 */
public final class EthernetHeader extends HeaderFlyweight<EthernetHeader>
{
    public static final int LENGTH = 14;
    public static final int DST_OFFSET = 0;
    public static final int SRC_OFFSET = 6;
    public static final int ETHER_TYPE_OFFSET = 12;
    /** Shortest frame on the wire without FCS; shorter ones are runts. */
    public static final int MIN_FRAME_LENGTH = 60;
    public static final long BROADCAST = 0xFFFF_FFFF_FFFFL;

    public static final int TYPE_IPV4 = 0x0800;
    public static final int TYPE_ARP = 0x0806;
    public static final int TYPE_IPV6 = 0x86DD;

    public long dst()
    {
        return u48(DST_OFFSET);
    }

    public EthernetHeader dst(final long mac)
    {
        u48(DST_OFFSET, mac);
        return this;
    }

    public long src()
    {
        return u48(SRC_OFFSET);
    }

    public EthernetHeader src(final long mac)
    {
        u48(SRC_OFFSET, mac);
        return this;
    }

    public int etherType()
    {
        return u16(ETHER_TYPE_OFFSET);
    }

    public EthernetHeader etherType(final int type)
    {
        u16(ETHER_TYPE_OFFSET, type);
        return this;
    }

    /** @return true for a group (multicast or broadcast) address: the I/G bit of the first octet. */
    public static boolean isMulticast(final long mac)
    {
        return (mac & 0x0100_0000_0000L) != 0;
    }
}
