package dev.twinpath.packet.rss;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

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
 * {@link FlowKey#writeTo(MutableDirectBuffer, int)} and {@link FlowKey#readFrom(DirectBuffer, int)}
 * encode and decode through {@link #write(FlowKey, MutableDirectBuffer, int)} and
 * {@link #read(DirectBuffer, int, FlowKey)}.
 * <p>
 * Thread safety: constants and stateless codec; safe from any thread.
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

    /**
     * Encode a key at {@code offset}.
     *
     * @param key    to encode.
     * @param buffer to write to.
     * @param offset of the first byte; {@link #LENGTH} bytes are written.
     */
    static void write(final FlowKey key, final MutableDirectBuffer buffer, final int offset)
    {
        buffer.putLong(offset + SRC_HI_OFFSET, key.srcHi(), BYTE_ORDER);
        buffer.putLong(offset + SRC_LO_OFFSET, key.srcLo(), BYTE_ORDER);
        buffer.putLong(offset + DST_HI_OFFSET, key.dstHi(), BYTE_ORDER);
        buffer.putLong(offset + DST_LO_OFFSET, key.dstLo(), BYTE_ORDER);
        buffer.putInt(offset + SRC_PORT_OFFSET, key.srcPort(), BYTE_ORDER);
        buffer.putInt(offset + DST_PORT_OFFSET, key.dstPort(), BYTE_ORDER);
        buffer.putInt(offset + PROTOCOL_OFFSET, key.protocol(), BYTE_ORDER);
        buffer.putShort(offset + VLAN_ID_OFFSET, (short)key.vlanId(), BYTE_ORDER);
        buffer.putByte(offset + IP_VERSION_OFFSET, (byte)key.ipVersion());
        buffer.putByte(offset + FLAGS_OFFSET, (byte)(key.fragment() ? FRAGMENT_FLAG : 0));
    }

    /**
     * Decode a key from {@code offset}. The bytes are trusted to hold a key written by
     * {@link #write(FlowKey, MutableDirectBuffer, int)}; they are not validated.
     *
     * @param buffer to read from.
     * @param offset of the first byte; {@link #LENGTH} bytes are read.
     * @param key    to overwrite with the decoded fields.
     * @return {@code key}.
     */
    static FlowKey read(final DirectBuffer buffer, final int offset, final FlowKey key)
    {
        return key.setUnchecked(
            buffer.getByte(offset + IP_VERSION_OFFSET),
            buffer.getLong(offset + SRC_HI_OFFSET, BYTE_ORDER),
            buffer.getLong(offset + SRC_LO_OFFSET, BYTE_ORDER),
            buffer.getLong(offset + DST_HI_OFFSET, BYTE_ORDER),
            buffer.getLong(offset + DST_LO_OFFSET, BYTE_ORDER),
            buffer.getInt(offset + SRC_PORT_OFFSET, BYTE_ORDER),
            buffer.getInt(offset + DST_PORT_OFFSET, BYTE_ORDER),
            buffer.getInt(offset + PROTOCOL_OFFSET, BYTE_ORDER),
            buffer.getShort(offset + VLAN_ID_OFFSET, BYTE_ORDER),
            (buffer.getByte(offset + FLAGS_OFFSET) & FRAGMENT_FLAG) != 0);
    }
}
