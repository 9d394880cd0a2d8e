package dev.twinpath.packet.rss;

import java.nio.ByteOrder;

/**
 * Off-heap layout of a {@link FlowKey}: 48 bytes, every field big-endian (network order, so a hex
 * dump reads like the headers it came from), no alignment requirement.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                  Source address, high 64 bits                 |  0
 *  +                                                               +
 *  |                                                               |  4
 *  +---------------------------------------------------------------+
 *  |                  Source address, low 64 bits                  |  8
 *  +                (IPv4: high half 0, address low)               +
 *  |                                                               | 12
 *  +---------------------------------------------------------------+
 *  |               Destination address, high 64 bits               | 16
 *  +                                                               +
 *  |                                                               | 20
 *  +---------------------------------------------------------------+
 *  |               Destination address, low 64 bits                | 24
 *  +                                                               +
 *  |                                                               | 28
 *  +---------------------------------------------------------------+
 *  |                Source port (int32, -1 = no ports)             | 32
 *  +---------------------------------------------------------------+
 *  |             Destination port (int32, -1 = no ports)           | 36
 *  +---------------------------------------------------------------+
 *  |               IP protocol (int32, -1 = unknown)               | 40
 *  +-------------------------------+---------------+---------------+
 *  |   VLAN id (int16, -1 = none)  |  IP version   |     Flags     | 44
 *  +-------------------------------+---------------+---------------+
 *                                                    Flags bit 0: fragment
 * </pre>
 * Thread safety: constants only.
 */
public final class FlowKeyDescriptor
{
    /**
     * Byte order of every multi-byte field.
     */
    public static final ByteOrder BYTE_ORDER = ByteOrder.BIG_ENDIAN;

    /**
     * Offset of the high 64 bits of the source address.
     */
    public static final int SRC_HI_OFFSET = 0;

    /**
     * Offset of the low 64 bits of the source address.
     */
    public static final int SRC_LO_OFFSET = 8;

    /**
     * Offset of the high 64 bits of the destination address.
     */
    public static final int DST_HI_OFFSET = 16;

    /**
     * Offset of the low 64 bits of the destination address.
     */
    public static final int DST_LO_OFFSET = 24;

    /**
     * Offset of the source port, an int32.
     */
    public static final int SRC_PORT_OFFSET = 32;

    /**
     * Offset of the destination port, an int32.
     */
    public static final int DST_PORT_OFFSET = 36;

    /**
     * Offset of the IP protocol, an int32.
     */
    public static final int PROTOCOL_OFFSET = 40;

    /**
     * Offset of the VLAN id, an int16.
     */
    public static final int VLAN_ID_OFFSET = 44;

    /**
     * Offset of the IP version, one byte (0, 4 or 6).
     */
    public static final int IP_VERSION_OFFSET = 46;

    /**
     * Offset of the flags byte.
     */
    public static final int FLAGS_OFFSET = 47;

    /**
     * Flags bit set when the packet is an IP fragment.
     */
    public static final int FRAGMENT_FLAG = 0x1;

    /**
     * Length of the encoded key in bytes.
     */
    public static final int LENGTH = 48;

    private FlowKeyDescriptor()
    {
    }
}
