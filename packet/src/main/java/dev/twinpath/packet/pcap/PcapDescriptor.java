package dev.twinpath.packet.pcap;

/**
 * Layout of a classic pcap file: a 24-byte file header, then records of a 16-byte header and
 * the captured bytes. All fields are in the byte order the magic reveals.
 * <pre>
 *   file header                                record header
 *   0               2               4          0                               4
 *  +-------------------------------+          +-------------------------------+
 *  |             magic             |  0       |   timestamp, seconds (u32)    |  0
 *  +---------------+---------------+          +-------------------------------+
 *  | major version | minor version |  4       | timestamp, us or ns (u32)     |  4
 *  +---------------+---------------+          +-------------------------------+
 *  |      thiszone (unused, 0)     |  8       |   captured length (u32)       |  8
 *  +-------------------------------+          +-------------------------------+
 *  |      sigfigs (unused, 0)      | 12       |   original (wire) length      | 12
 *  +-------------------------------+          +-------------------------------+
 *  |         snaplen (u32)         | 16       |   captured bytes ...          | 16
 *  +-------------------------------+
 *  | FCS info (4 bits), link type  | 20
 *  +-------------------------------+
 * </pre>
 * Immutable constants: safe to share between threads.
 */
final class PcapDescriptor
{
    /**
     * Magic for microsecond timestamps, as read in the file's byte order.
     */
    static final int MAGIC_MICROS = 0xA1B2C3D4;

    /**
     * Magic for nanosecond timestamps, as read in the file's byte order.
     */
    static final int MAGIC_NANOS = 0xA1B23C4D;

    static final int MAGIC_OFFSET = 0;
    static final int MAJOR_VERSION_OFFSET = 4;
    static final int MINOR_VERSION_OFFSET = 6;
    static final int THISZONE_OFFSET = 8;
    static final int SIGFIGS_OFFSET = 12;
    static final int SNAPLEN_OFFSET = 16;
    static final int LINK_TYPE_OFFSET = 20;
    static final int FILE_HEADER_LENGTH = 24;

    /**
     * The link type proper, without the FCS bits above it (libpcap's {@code LT_LINKTYPE}).
     */
    static final int LINK_TYPE_MASK = 0x03FF_FFFF;

    static final int TIMESTAMP_SECONDS_OFFSET = 0;
    static final int TIMESTAMP_FRACTION_OFFSET = 4;
    static final int CAPTURED_LENGTH_OFFSET = 8;
    static final int WIRE_LENGTH_OFFSET = 12;
    static final int RECORD_HEADER_LENGTH = 16;

    private PcapDescriptor()
    {
    }
}
