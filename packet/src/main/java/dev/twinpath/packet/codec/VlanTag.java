package dev.twinpath.packet.codec;

/**
 * One IEEE 802.1Q / 802.1ad tag as it follows a TPID: the tag control information and the
 * EtherType (or next TPID) behind it. Wrap it at the TCI, i.e. two bytes after the TPID.
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | PCP |D|        VLAN id        |   EtherType / next TPID       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * Not thread-safe: owned by the thread that wrapped it.
 */
public final class VlanTag extends HeaderFlyweight<VlanTag>
{
    /** Bytes a tag adds to a frame: TPID and TCI. */
    public static final int TAG_LENGTH = 4;
    /** Bytes from the TCI to the end of the next EtherType. */
    public static final int LENGTH = 4;

    public static final int TPID_8021Q = 0x8100;
    public static final int TPID_8021AD = 0x88A8;
    public static final int TPID_QINQ_9100 = 0x9100;
    public static final int TPID_QINQ_9200 = 0x9200;

    /** @return true for the TPIDs treated as VLAN tags: 0x8100, 0x88a8, 0x9100 and 0x9200. */
    public static boolean isTpid(final int etherType)
    {
        return etherType == TPID_8021Q || etherType == TPID_8021AD ||
            etherType == TPID_QINQ_9100 || etherType == TPID_QINQ_9200;
    }

    public int tci()
    {
        return u16(0);
    }

    public int pcp()
    {
        return u16(0) >>> 13;
    }

    public boolean dei()
    {
        return (u16(0) & 0x1000) != 0;
    }

    public int vlanId()
    {
        return u16(0) & 0x0FFF;
    }

    public VlanTag tci(final int pcp, final boolean dei, final int vlanId)
    {
        u16(0, (pcp & 0x7) << 13 | (dei ? 0x1000 : 0) | (vlanId & 0x0FFF));
        return this;
    }

    public int etherType()
    {
        return u16(2);
    }

    public VlanTag etherType(final int type)
    {
        u16(2, type);
        return this;
    }
}
