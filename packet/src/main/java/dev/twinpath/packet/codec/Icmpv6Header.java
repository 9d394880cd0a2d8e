package dev.twinpath.packet.codec;

/**
 * ICMPv6 header flyweight (RFC 4443). Only the type, code and checksum (4 bytes) are common to every
 * message; the checksum covers the IPv6 pseudo-header ({@link Checksums#l4Ipv6}).
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     Type      |     Code      |          Checksum             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                      Message body ...                         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * Echo messages carry identifier and sequence number in the first four body bytes.
 * <p>
 * Not thread-safe: owned by the thread that wrapped it.
 */
public final class Icmpv6Header extends IcmpFlyweight<Icmpv6Header>
{
    /** Type, code and checksum: the part every ICMPv6 message has. */
    public static final int MIN_LENGTH = 4;
    public static final int TYPE_DEST_UNREACHABLE = 1;
    public static final int TYPE_PACKET_TOO_BIG = 2;
    public static final int TYPE_ECHO_REQUEST = 128;
    public static final int TYPE_ECHO_REPLY = 129;
    public static final int TYPE_NEIGHBOR_SOLICITATION = 135;
    public static final int TYPE_NEIGHBOR_ADVERTISEMENT = 136;
}
