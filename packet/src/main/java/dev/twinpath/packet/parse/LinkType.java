package dev.twinpath.packet.parse;

/**
 * The link-layer header types (tcpdump.org LINKTYPE_ values, as stored in pcap and pcapng files)
 * that the {@link FrameParser} decodes.
 */
public final class LinkType
{
    /** IEEE 802.3 Ethernet: the link type of every Twinpath port. */
    public static final int ETHERNET = 1;
    /** Raw IP: the packet begins with an IPv4 or IPv6 header. */
    public static final int RAW = 101;
    /** Linux "cooked" capture, version 1 (16-byte header). */
    public static final int LINUX_SLL = 113;
    /** Raw IPv4. */
    public static final int IPV4 = 228;
    /** Raw IPv6. */
    public static final int IPV6 = 229;
    /** Linux "cooked" capture, version 2 (20-byte header). */
    public static final int LINUX_SLL2 = 276;

    static final int SLL_LENGTH = 16;
    static final int SLL_PROTOCOL_OFFSET = 14;
    static final int SLL2_LENGTH = 20;
    static final int SLL2_PROTOCOL_OFFSET = 0;

    private LinkType()
    {
    }

    /** @return a short name for a link type, e.g. {@code EN10MB}, or {@code LINKTYPE_n}. */
    public static String name(final int linkType)
    {
        switch (linkType)
        {
            case ETHERNET: return "EN10MB";
            case RAW: return "RAW";
            case LINUX_SLL: return "LINUX_SLL";
            case IPV4: return "IPV4";
            case IPV6: return "IPV6";
            case LINUX_SLL2: return "LINUX_SLL2";
            default: return "LINKTYPE_" + linkType;
        }
    }
}
