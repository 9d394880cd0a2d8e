package dev.twinpath.packet.rss;

/**
 * Applies the Microsoft RSS input rules to a {@link FlowKey}: picks the hashing type from the
 * enabled {@link RssHashType}s and the packet, then computes its Toeplitz hash.
 * <p>
 * The rules, per IP version ({@link #hashType(FlowKey)}):
 * <ol>
 *   <li>A TCP packet (protocol 6) with ports that is not a fragment uses the TCP type when it is
 *   enabled; a UDP packet (17) likewise uses the UDP type.</li>
 *   <li>Otherwise the addresses-only type applies when enabled. This covers fragments, including
 *   the first fragment which carries the ports (its later fragments cannot be hashed on ports, and
 *   all fragments of a datagram must reach the same queue), other protocols, and TCP/UDP when
 *   their type is disabled.</li>
 *   <li>Otherwise, or when the key holds no IP addresses, the type is {@link RssHashType#NONE}: the
 *   packet has no hash and goes to the default queue.</li>
 * </ol>
 * Since every 32-bit value is a valid hash, "no hash" is reported by {@link #hashType(FlowKey)},
 * not by a reserved value: {@link #hash(FlowKey)} returns {@link #NO_HASH} (0) then, which a
 * caller that needs to tell the cases apart must not interpret. {@link #hash2Tuple(FlowKey)} and
 * {@link #hash4Tuple(FlowKey)} compute one tuple regardless of the enabled types.
 * <p>
 * Thread safety: immutable; any number of threads may use one instance. Nothing allocates.
 */
public final class RssHasher
{
    /**
     * What {@link #hash(FlowKey)} returns when {@link #hashType(FlowKey)} is
     * {@link RssHashType#NONE}. It is also a valid hash value.
     */
    public static final int NO_HASH = 0;

    private final ToeplitzHash toeplitz;
    private final int enabledTypes;

    /**
     * A hasher with every type enabled, UDP included.
     *
     * @param toeplitz hash with the secret key.
     */
    public RssHasher(final ToeplitzHash toeplitz)
    {
        this(toeplitz, RssHashType.ALL_MASK);
    }

    /**
     * A hasher with the given types enabled.
     *
     * @param toeplitz     hash with the secret key.
     * @param enabledTypes OR of {@link RssHashType#mask()} values, see
     *                     {@link RssHashType#maskOf(RssHashType...)}; may be 0 (hashing off).
     * @throws IllegalArgumentException if {@code toeplitz} is null or the mask has unknown bits.
     */
    public RssHasher(final ToeplitzHash toeplitz, final int enabledTypes)
    {
        if (null == toeplitz)
        {
            throw new IllegalArgumentException("toeplitz must not be null");
        }
        if (0 != (enabledTypes & ~RssHashType.ALL_MASK))
        {
            throw new IllegalArgumentException(
                "enabledTypes has unsupported bits: 0x" + Integer.toHexString(enabledTypes) +
                " (supported: 0x" + Integer.toHexString(RssHashType.ALL_MASK) + ")");
        }

        this.toeplitz = toeplitz;
        this.enabledTypes = enabledTypes;
    }

    /**
     * The Toeplitz hash this hasher uses.
     *
     * @return the hash with the secret key.
     */
    public ToeplitzHash toeplitz()
    {
        return toeplitz;
    }

    /**
     * The enabled types.
     *
     * @return OR of {@link RssHashType#mask()} values.
     */
    public int enabledTypes()
    {
        return enabledTypes;
    }

    /**
     * Whether a type is enabled.
     *
     * @param type to test.
     * @return true if enabled.
     */
    public boolean isEnabled(final RssHashType type)
    {
        return type.isIn(enabledTypes);
    }

    /**
     * The hashing type the Microsoft rules select for a packet.
     *
     * @param key the packet's flow key.
     * @return the type, {@link RssHashType#NONE} if the packet has no hash.
     */
    public RssHashType hashType(final FlowKey key)
    {
        final int ipVersion = key.ipVersion();
        if (4 == ipVersion)
        {
            return select(key, RssHashType.TCP_IPV4, RssHashType.UDP_IPV4, RssHashType.IPV4);
        }
        if (6 == ipVersion)
        {
            return select(key, RssHashType.TCP_IPV6, RssHashType.UDP_IPV6, RssHashType.IPV6);
        }

        return RssHashType.NONE;
    }

    /**
     * Hash of a packet by the type {@link #hashType(FlowKey)} selects.
     *
     * @param key the packet's flow key.
     * @return the hash, or {@link #NO_HASH} when the type is {@link RssHashType#NONE}.
     */
    public int hash(final FlowKey key)
    {
        final RssHashType type = hashType(key);
        if (RssHashType.NONE == type)
        {
            return NO_HASH;
        }

        return type.includesPorts() ? hash4Tuple(key) : hash2Tuple(key);
    }

    /**
     * Hash of the addresses only (NDIS_HASH_IPV4 / NDIS_HASH_IPV6 input), whatever is enabled.
     *
     * @param key a key with IPv4 or IPv6 addresses.
     * @return the hash.
     * @throws IllegalArgumentException if the key has no IP addresses; check
     *                                  {@link FlowKey#ipVersion()} first on a data path.
     */
    public int hash2Tuple(final FlowKey key)
    {
        final int ipVersion = key.ipVersion();
        if (4 == ipVersion)
        {
            return toeplitz.hashIpv4(key.srcIpv4(), key.dstIpv4());
        }
        if (6 == ipVersion)
        {
            return toeplitz.hashIpv6(key.srcHi(), key.srcLo(), key.dstHi(), key.dstLo());
        }

        throw new IllegalArgumentException("key has no IP addresses: ipVersion=" + ipVersion);
    }

    /**
     * Hash of addresses and ports (NDIS_HASH_TCP_* / UDP_* input), whatever is enabled and
     * whatever the protocol.
     *
     * @param key a key with IPv4 or IPv6 addresses and ports.
     * @return the hash.
     * @throws IllegalArgumentException if the key has no IP addresses or no ports; check
     *                                  {@link FlowKey#hasPorts()} first on a data path.
     */
    public int hash4Tuple(final FlowKey key)
    {
        if (!key.hasPorts())
        {
            throw new IllegalArgumentException("key has no ports: srcPort=" + key.srcPort());
        }

        final int ipVersion = key.ipVersion();
        if (4 == ipVersion)
        {
            return toeplitz.hashIpv4(key.srcIpv4(), key.dstIpv4(), key.srcPort(), key.dstPort());
        }
        if (6 == ipVersion)
        {
            return toeplitz.hashIpv6(
                key.srcHi(), key.srcLo(), key.dstHi(), key.dstLo(), key.srcPort(), key.dstPort());
        }

        throw new IllegalArgumentException("key has no IP addresses: ipVersion=" + ipVersion);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public String toString()
    {
        return "RssHasher{enabledTypes=0x" + Integer.toHexString(enabledTypes) + ", " + toeplitz + '}';
    }

    private RssHashType select(
        final FlowKey key, final RssHashType tcp, final RssHashType udp, final RssHashType addressesOnly)
    {
        if (key.hasPorts() && !key.fragment())
        {
            final int protocol = key.protocol();
            if (FlowKey.PROTOCOL_TCP == protocol && tcp.isIn(enabledTypes))
            {
                return tcp;
            }
            if (FlowKey.PROTOCOL_UDP == protocol && udp.isIn(enabledTypes))
            {
                return udp;
            }
        }

        return addressesOnly.isIn(enabledTypes) ? addressesOnly : RssHashType.NONE;
    }
}
