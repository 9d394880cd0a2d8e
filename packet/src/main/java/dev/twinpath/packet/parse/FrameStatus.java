package dev.twinpath.packet.parse;

/**
 * The verdict of the {@link FrameParser} on one frame: {@link #OK} or the reason it is rejected.
 * Each reason has a stable lower-case {@link #code()} used in decode output and counter names.
 * <p>
 * "Structural" reasons stop the parse at the layer that failed; the others ({@link #RUNT},
 * {@link #OVERSIZE}, {@link #BAD_IP_CHECKSUM}, {@link #IPV6_RH0}) are found while the rest of the
 * frame still parses, so every field is filled. The first problem found is the one reported,
 * except that the size-only verdicts ({@link #RUNT}, {@link #OVERSIZE}) give way to a more specific
 * reason found deeper in the frame.
 */
public enum FrameStatus
{
    OK("ok", "frame is well formed"),
    RUNT("runt", "Ethernet frame shorter than 60 bytes on the wire"),
    OVERSIZE("oversize", "frame longer than the maximum frame length"),
    TRUNCATED_L2("truncated_l2", "captured bytes end inside the Ethernet header or a VLAN tag"),
    TOO_MANY_TAGS("too_many_tags", "more VLAN tags than the parser accepts"),
    UNSUPPORTED_LINK_TYPE("unsupported_link_type", "link-layer type the parser does not decode"),
    TRUNCATED_L3("truncated_l3", "captured bytes end inside the IP or ARP header"),
    BAD_IP_VERSION("bad_ip_version", "IP version does not match the EtherType"),
    BAD_IHL("bad_ihl", "IPv4 header length below 20 bytes"),
    BAD_IP_TOTAL_LENGTH("bad_ip_total_length", "IPv4 total length smaller than its header"),
    IP_LENGTH_BEYOND_FRAME("ip_length_beyond_frame", "IP total/payload length runs past the end of the frame"),
    BAD_IP_CHECKSUM("bad_ip_checksum", "IPv4 header checksum does not verify"),
    BAD_FRAGMENT("bad_fragment", "fragment offset plus length beyond 65535 bytes"),
    TRUNCATED_IPV6_EXT("truncated_ipv6_ext", "captured bytes end inside an IPv6 extension header"),
    BAD_IPV6_EXT_CHAIN("bad_ipv6_ext_chain", "IPv6 extension chain too long, misplaced or longer than the payload"),
    IPV6_RH0("ipv6_rh0", "IPv6 routing header type 0 with segments left (deprecated by RFC 5095)"),
    TRUNCATED_L4("truncated_l4", "captured bytes end inside the fixed TCP/UDP/ICMP header"),
    BAD_L4_LENGTH("bad_l4_length", "TCP data offset or UDP length inconsistent with the IP payload");

    private static final FrameStatus[] VALUES = values();

    private final String code;
    private final String description;

    FrameStatus(final String code, final String description)
    {
        this.code = code;
        this.description = description;
    }

    /** @return the stable lower-case code, e.g. {@code truncated_l3}. */
    public String code()
    {
        return code;
    }

    /** @return a sentence saying what is wrong. */
    public String description()
    {
        return description;
    }

    /** @return the status with this {@link #ordinal()}, without allocating. */
    public static FrameStatus of(final int ordinal)
    {
        return VALUES[ordinal];
    }

    /** @return the number of statuses: a counter array indexed by ordinal has this length. */
    public static int count()
    {
        return VALUES.length;
    }
}
