package dev.twinpath.packet.pool;

import org.agrona.BitUtil;

/**
 * Layout of one packet slot in a {@link PacketPool} region: 64 bytes of metadata headroom followed
 * by the data room, the whole slot rounded up to a multiple of {@value #SLOT_ALIGNMENT} bytes.
 * <p>
 * The region starts on a 64-byte boundary and every slot length is a multiple of 64, so both the
 * metadata and the first data byte of every slot start a cache line. Slot {@code h} starts at
 * {@code h * slotLength}; its data starts at {@code h * slotLength + DATA_OFFSET}.
 * Multi-byte fields use native byte order (the metadata never leaves the process; frame bytes in
 * the data room are written by codecs in network order).
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                  Handle (slot index, read-only)               |  0
 *  +---------------------------------------------------------------+
 *  |                  Length (frame bytes in data room)            |  4
 *  +-------------------------------+-------------------------------+
 *  |             Port              |             Flags             |  8
 *  +-------------------------------+-------------------------------+
 *  |                  RSS Hash                                     | 12
 *  +---------------------------------------------------------------+
 *  |                  Timestamp (ns)                               | 16
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                  Sequence (generator sequence number)         | 24
 *  |                                                               |
 *  +-------------------------------+-------------------------------+
 *  |           VLAN TCI            |           Reserved            | 32
 *  +-------------------------------+-------------------------------+
 *  |                  Reserved                                     | 36
 *  +---------------------------------------------------------------+
 *  |                  User area (24 bytes)                        ...| 40
 *  +---------------------------------------------------------------+
 *  |                  Data room (dataRoom bytes, 64-byte aligned) ...| 64
 *  +---------------------------------------------------------------+
 *  |                  Tail padding up to a multiple of 64         ...|
 *  +---------------------------------------------------------------+
 * </pre>
 * The pool writes the handle once when it builds the region and never touches a slot again;
 * every other field belongs to whoever holds the handle (see {@link PacketFlyweight}).
 * <p>
 * Threading: constants only, any thread.
 */
public final class PacketSlotDescriptor
{
    /**
     * Alignment of the region, of every slot and of every slot's data room.
     */
    public static final int SLOT_ALIGNMENT = 64;

    /**
     * Bytes of metadata headroom before the data room.
     */
    public static final int METADATA_LENGTH = 64;

    /**
     * Offset of the slot's own handle (int, written once by the pool).
     */
    public static final int HANDLE_OFFSET = 0;

    /**
     * Offset of the frame length in bytes (int).
     */
    public static final int LENGTH_OFFSET = 4;

    /**
     * Offset of the port or queue the frame arrived on (unsigned short).
     */
    public static final int PORT_OFFSET = 8;

    /**
     * Offset of the per-packet flags (unsigned short).
     */
    public static final int FLAGS_OFFSET = 10;

    /**
     * Offset of the RSS hash (int).
     */
    public static final int RSS_HASH_OFFSET = 12;

    /**
     * Offset of the timestamp in nanoseconds (long).
     */
    public static final int TIMESTAMP_OFFSET = 16;

    /**
     * Offset of the generator sequence number (long), used to prove no loss, duplicate or reorder.
     */
    public static final int SEQUENCE_OFFSET = 24;

    /**
     * Offset of the VLAN tag control information (unsigned short).
     */
    public static final int VLAN_TCI_OFFSET = 32;

    /**
     * Offset of the user area.
     */
    public static final int USER_OFFSET = 40;

    /**
     * Length of the user area.
     */
    public static final int USER_LENGTH = METADATA_LENGTH - USER_OFFSET;

    /**
     * Offset of the data room from the start of the slot.
     */
    public static final int DATA_OFFSET = METADATA_LENGTH;

    private PacketSlotDescriptor()
    {
    }

    /**
     * Length of a slot that holds {@code dataRoom} bytes of frame.
     *
     * @param dataRoom bytes of data room.
     * @return metadata plus data room, rounded up to a multiple of {@value #SLOT_ALIGNMENT}.
     */
    public static int slotLength(final int dataRoom)
    {
        return BitUtil.align(METADATA_LENGTH + dataRoom, SLOT_ALIGNMENT);
    }
}
