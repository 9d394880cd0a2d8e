package dev.twinpath.packet.codec;

/**
 * ICMP header flyweight (RFC 792). The last four bytes are type specific (identifier and sequence
 * number for echo). The checksum covers the ICMP message only, no pseudo-header.
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     Type      |     Code      |          Checksum             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     Identifier / unused       |   Sequence Number / unused    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * Not thread-safe: owned by the thread that wrapped it.
 */
public final class IcmpHeader extends IcmpFlyweight<IcmpHeader>
{
    /** Every ICMP message carries at least these 8 bytes. */
    public static final int LENGTH = 8;
    public static final int TYPE_ECHO_REPLY = 0;
    public static final int TYPE_DEST_UNREACHABLE = 3;
    public static final int TYPE_ECHO_REQUEST = 8;
    public static final int TYPE_TIME_EXCEEDED = 11;

    /** @return the checksum a message of {@code length} bytes needs; its checksum field must hold zero. */
    public int computeChecksum(final int length)
    {
        return Checksums.finish(Checksums.sum(buffer, offset, length, 0));
    }
}
