package dev.twinpath.packet.codec;

/**
 * ICMPv6 header flyweight (RFC 4443): the same shape as {@link IcmpHeader}; only the type,
 * code and checksum (4 bytes) are common to every message, the checksum covers the IPv6
 * pseudo-header.
 * <p>
 * Not thread-safe: owned by the thread that wrapped it.
 */
public final class Icmpv6Header extends IcmpHeader
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
