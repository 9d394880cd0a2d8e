package dev.twinpath.packet.rss;

/**
 * Microsoft RSS hashing types: which fields of a packet form the Toeplitz input. The masks are
 * the NDIS {@code NDIS_HASH_*} values, so a configuration written for Windows reads the same.
 * <table>
 *   <caption>Hash inputs (all fields in network byte order)</caption>
 *   <tr><th>Type</th><th>NDIS mask</th><th>Input</th><th>Bytes</th></tr>
 *   <tr><td>{@link #IPV4}</td><td>0x100</td><td>src | dst</td><td>8</td></tr>
 *   <tr><td>{@link #TCP_IPV4}</td><td>0x200</td><td>src | dst | sport | dport</td><td>12</td></tr>
 *   <tr><td>{@link #IPV6}</td><td>0x400</td><td>src | dst</td><td>32</td></tr>
 *   <tr><td>{@link #TCP_IPV6}</td><td>0x1000</td><td>src | dst | sport | dport</td><td>36</td></tr>
 *   <tr><td>{@link #UDP_IPV4}</td><td>0x4000</td><td>src | dst | sport | dport</td><td>12</td></tr>
 *   <tr><td>{@link #UDP_IPV6}</td><td>0x8000</td><td>src | dst | sport | dport</td><td>36</td></tr>
 * </table>
 * The UDP types came late to NDIS (6.80); Linux and DPDK NICs hash UDP ports as well, as an
 * option. The IPv6 extension-header variants ({@code NDIS_HASH_IPV6_EX}, which substitutes the
 * home address / routing-header destination) are not modelled. {@link #NONE} names "no hash":
 * the packet matched no enabled type.
 * <p>
 * Thread safety: immutable enum.
 */
public enum RssHashType
{
    /**
     * No enabled type applies; the packet has no RSS hash.
     */
    NONE(0, FlowKey.IP_VERSION_NONE, false),

    /**
     * NDIS_HASH_IPV4: source and destination IPv4 addresses.
     */
    IPV4(0x0000_0100, 4, false),

    /**
     * NDIS_HASH_TCP_IPV4: IPv4 addresses and TCP ports.
     */
    TCP_IPV4(0x0000_0200, 4, true),

    /**
     * NDIS_HASH_IPV6: source and destination IPv6 addresses.
     */
    IPV6(0x0000_0400, 6, false),

    /**
     * NDIS_HASH_TCP_IPV6: IPv6 addresses and TCP ports.
     */
    TCP_IPV6(0x0000_1000, 6, true),

    /**
     * NDIS_HASH_UDP_IPV4: IPv4 addresses and UDP ports.
     */
    UDP_IPV4(0x0000_4000, 4, true),

    /**
     * NDIS_HASH_UDP_IPV6: IPv6 addresses and UDP ports.
     */
    UDP_IPV6(0x0000_8000, 6, true);

    /**
     * Mask of every type except {@link #NONE}.
     */
    public static final int ALL_MASK =
        IPV4.mask | TCP_IPV4.mask | IPV6.mask | TCP_IPV6.mask | UDP_IPV4.mask | UDP_IPV6.mask;

    /**
     * Mask of the original Microsoft types, without the UDP extension.
     */
    public static final int MICROSOFT_BASE_MASK = IPV4.mask | TCP_IPV4.mask | IPV6.mask | TCP_IPV6.mask;

    private final int mask;
    private final int ipVersion;
    private final boolean includesPorts;

    RssHashType(final int mask, final int ipVersion, final boolean includesPorts)
    {
        this.mask = mask;
        this.ipVersion = ipVersion;
        this.includesPorts = includesPorts;
    }

    /**
     * NDIS mask of this type.
     *
     * @return the {@code NDIS_HASH_*} value, 0 for {@link #NONE}.
     */
    public int mask()
    {
        return mask;
    }

    /**
     * IP version this type applies to.
     *
     * @return 4 or 6, 0 for {@link #NONE}.
     */
    public int ipVersion()
    {
        return ipVersion;
    }

    /**
     * Whether the input includes the transport ports (a 4-tuple).
     *
     * @return true for the TCP and UDP types.
     */
    public boolean includesPorts()
    {
        return includesPorts;
    }

    /**
     * Length of the Toeplitz input for this type.
     *
     * @return 8, 12, 32 or 36 bytes; 0 for {@link #NONE}.
     */
    public int inputLength()
    {
        if (NONE == this)
        {
            return 0;
        }
        final int addressBytes = 4 == ipVersion ? 8 : 32;
        return includesPorts ? addressBytes + 4 : addressBytes;
    }

    /**
     * Whether this type is in a mask of enabled types.
     *
     * @param enabledTypes OR of {@link #mask()} values.
     * @return true if enabled ({@link #NONE} never is).
     */
    public boolean isIn(final int enabledTypes)
    {
        return 0 != (enabledTypes & mask);
    }

    /**
     * OR of the masks of some types; for configuration, allocates the varargs array.
     *
     * @param types to combine.
     * @return the combined mask.
     */
    public static int maskOf(final RssHashType... types)
    {
        int mask = 0;
        for (final RssHashType type : types)
        {
            mask |= type.mask;
        }

        return mask;
    }
}
