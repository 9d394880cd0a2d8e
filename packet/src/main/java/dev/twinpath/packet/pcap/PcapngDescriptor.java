package dev.twinpath.packet.pcap;

/**
 * Layout of the pcapng blocks Twinpath reads and writes. Offsets are from the start of the
 * block; fields are in the byte order of the section, set by the byte-order magic of its
 * Section Header Block.
 * <pre>
 *   every block                              Section Header Block (SHB)
 *  +-------------------------------+  0      +-------------------------------+  8
 *  |          block type           |         |  byte-order magic 1a2b3c4d    |
 *  +-------------------------------+  4      +---------------+---------------+ 12
 *  |   block total length (u32)    |         | major (1)     | minor (0)     |
 *  +-------------------------------+  8      +---------------+---------------+ 16
 *  /   body, options ...           /         |  section length (s64, -1)     |
 *  +-------------------------------+         +-------------------------------+ 24 options
 *  |   block total length (copy)   |
 *  +-------------------------------+
 *
 *   Interface Description (IDB)              Enhanced Packet (EPB) / obsolete Packet (PB)
 *  +---------------+---------------+  8      +-------------------------------+  8
 *  |  link type    |  reserved     |         | interface id (EPB u32; PB u16 |
 *  +---------------+---------------+ 12      |   then u16 drops count)       |
 *  |        snaplen (u32)          |         +-------------------------------+ 12
 *  +-------------------------------+ 16      |  timestamp, high 32 bits      |
 *  /   options ...                 /         +-------------------------------+ 16
 *                                            |  timestamp, low 32 bits       |
 *   Simple Packet (SPB)                      +-------------------------------+ 20
 *  +-------------------------------+  8      |  captured length (u32)        |
 *  |  original (wire) length       |         +-------------------------------+ 24
 *  +-------------------------------+ 12      |  original (wire) length       |
 *  /  data, padded to 32 bits      /         +-------------------------------+ 28
 *                                            /  data, padded; options ...    /
 *   option: | code (u16) | length (u16) | value, padded to 32 bits |
 * </pre>
 * Immutable constants: safe to share between threads.
 */
final class PcapngDescriptor
{
    static final int SECTION_HEADER_BLOCK = 0x0A0D0D0A;
    static final int INTERFACE_DESCRIPTION_BLOCK = 1;
    static final int PACKET_BLOCK = 2;
    static final int SIMPLE_PACKET_BLOCK = 3;
    static final int ENHANCED_PACKET_BLOCK = 6;

    static final int BLOCK_TYPE_OFFSET = 0;
    static final int BLOCK_TOTAL_LENGTH_OFFSET = 4;
    static final int BLOCK_HEADER_LENGTH = 8;
    static final int BLOCK_TRAILER_LENGTH = 4;
    static final int MIN_BLOCK_LENGTH = BLOCK_HEADER_LENGTH + BLOCK_TRAILER_LENGTH;

    static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    static final int SHB_BYTE_ORDER_MAGIC_OFFSET = 8;
    static final int SHB_MAJOR_VERSION_OFFSET = 12;
    static final int SHB_MINOR_VERSION_OFFSET = 14;
    static final int SHB_SECTION_LENGTH_OFFSET = 16;
    static final int SHB_OPTIONS_OFFSET = 24;
    static final int SHB_MIN_LENGTH = SHB_OPTIONS_OFFSET + BLOCK_TRAILER_LENGTH;

    static final int IDB_LINK_TYPE_OFFSET = 8;
    static final int IDB_RESERVED_OFFSET = 10;
    static final int IDB_SNAPLEN_OFFSET = 12;
    static final int IDB_OPTIONS_OFFSET = 16;
    static final int IDB_MIN_LENGTH = IDB_OPTIONS_OFFSET + BLOCK_TRAILER_LENGTH;

    static final int EPB_INTERFACE_ID_OFFSET = 8;
    static final int PB_DROPS_COUNT_OFFSET = 10;
    static final int EPB_TIMESTAMP_HIGH_OFFSET = 12;
    static final int EPB_TIMESTAMP_LOW_OFFSET = 16;
    static final int EPB_CAPTURED_LENGTH_OFFSET = 20;
    static final int EPB_WIRE_LENGTH_OFFSET = 24;
    static final int EPB_DATA_OFFSET = 28;
    static final int EPB_MIN_LENGTH = EPB_DATA_OFFSET + BLOCK_TRAILER_LENGTH;

    static final int SPB_WIRE_LENGTH_OFFSET = 8;
    static final int SPB_DATA_OFFSET = 12;
    static final int SPB_MIN_LENGTH = SPB_DATA_OFFSET + BLOCK_TRAILER_LENGTH;

    static final int OPTION_CODE_OFFSET = 0;
    static final int OPTION_LENGTH_OFFSET = 2;
    static final int OPTION_HEADER_LENGTH = 4;
    static final int OPTION_MAX_LENGTH = 0xFFFF;

    static final int OPT_ENDOFOPT = 0;
    static final int OPT_COMMENT = 1;
    static final int SHB_USERAPPL = 4;
    static final int IF_NAME = 2;
    static final int IF_TSRESOL = 9;
    static final int IF_TSOFFSET = 14;

    private PcapngDescriptor()
    {
    }
}
