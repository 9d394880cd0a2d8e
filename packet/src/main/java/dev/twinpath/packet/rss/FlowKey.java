package dev.twinpath.packet.rss;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * The identity of a flow, packed into primitives so that one instance can be reused for every
 * packet: IP version, source and destination addresses, ports, IP protocol, VLAN id and whether
 * the packet is a fragment.
 * <p>
 * Addresses are big-endian numbers in two longs each: an IPv6 address is its high and low 64
 * bits; an IPv4 address lives in the low 32 bits of {@code srcLo}/{@code dstLo} with the high
 * long 0. Absent parts use documented sentinels: {@link #IP_VERSION_NONE}, {@link #NO_PORT}
 * (source and destination ports are present or absent together, see {@link #hasPorts()}),
 * {@link #NO_PROTOCOL} and {@link #NO_VLAN}. A fresh or {@link #reset()} key holds only
 * sentinels and zero addresses.
 * <p>
 * Setters are fluent and validate their arguments. Nothing but {@link #toString()} allocates:
 * {@link #equals(Object)}, {@link #hashCode()} and {@link #hash64()} are allocation-free, and
 * {@link #writeTo(MutableDirectBuffer, int)}/{@link #readFrom(DirectBuffer, int)} use the layout
 * of {@link FlowKeyDescriptor}. {@link #hash64()} is a mixing hash for hash tables, not the RSS
 * Toeplitz hash (see {@link RssHasher}).
 * <p>
 * Thread safety: not thread-safe; a key is owned by the one thread (agent) that fills it. To hand
 * a key to another thread, write it to a buffer or {@link #copyFrom(FlowKey)} into that thread's
 * own key through a properly published channel.
 */
public final class FlowKey
{
    /**
     * IP version of a key that holds no IP addresses.
     */
    public static final int IP_VERSION_NONE = 0;

    /**
     * Port value of a key without ports (not TCP/UDP, or ports not parsed).
     */
    public static final int NO_PORT = -1;

    /**
     * Protocol value when the IP protocol is unknown.
     */
    public static final int NO_PROTOCOL = -1;

    /**
     * VLAN id of an untagged packet.
     */
    public static final int NO_VLAN = -1;

    /**
     * IP protocol number of TCP.
     */
    public static final int PROTOCOL_TCP = 6;

    /**
     * IP protocol number of UDP.
     */
    public static final int PROTOCOL_UDP = 17;

    private static final long IPV4_MASK = 0xFFFF_FFFFL;

    private int ipVersion = IP_VERSION_NONE;
    private long srcHi;
    private long srcLo;
    private long dstHi;
    private long dstLo;
    private int srcPort = NO_PORT;
    private int dstPort = NO_PORT;
    private int protocol = NO_PROTOCOL;
    private int vlanId = NO_VLAN;
    private boolean fragment;

    /**
     * Clear every field to its "absent" value.
     *
     * @return this key.
     */
    public FlowKey reset()
    {
        ipVersion = IP_VERSION_NONE;
        srcHi = 0;
        srcLo = 0;
        dstHi = 0;
        dstLo = 0;
        srcPort = NO_PORT;
        dstPort = NO_PORT;
        protocol = NO_PROTOCOL;
        vlanId = NO_VLAN;
        fragment = false;
        return this;
    }

    /**
     * Set IPv4 addresses; the IP version becomes 4.
     *
     * @param srcIp source address, big-endian ({@code 192.168.1.2} is {@code 0xC0A80102}).
     * @param dstIp destination address, big-endian.
     * @return this key.
     */
    public FlowKey ipv4(final int srcIp, final int dstIp)
    {
        ipVersion = 4;
        srcHi = 0;
        srcLo = srcIp & IPV4_MASK;
        dstHi = 0;
        dstLo = dstIp & IPV4_MASK;
        return this;
    }

    /**
     * Set IPv6 addresses; the IP version becomes 6.
     *
     * @param srcHi high 64 bits of the source address (its first 8 bytes, big-endian).
     * @param srcLo low 64 bits of the source address.
     * @param dstHi high 64 bits of the destination address.
     * @param dstLo low 64 bits of the destination address.
     * @return this key.
     */
    public FlowKey ipv6(final long srcHi, final long srcLo, final long dstHi, final long dstLo)
    {
        ipVersion = 6;
        this.srcHi = srcHi;
        this.srcLo = srcLo;
        this.dstHi = dstHi;
        this.dstLo = dstLo;
        return this;
    }

    /**
     * Set both transport ports.
     *
     * @param srcPort source port, 0 to 65535.
     * @param dstPort destination port, 0 to 65535.
     * @return this key.
     * @throws IllegalArgumentException if a port is out of range.
     */
    public FlowKey ports(final int srcPort, final int dstPort)
    {
        checkPort("srcPort", srcPort);
        checkPort("dstPort", dstPort);
        this.srcPort = srcPort;
        this.dstPort = dstPort;
        return this;
    }

    /**
     * Remove the ports: both become {@link #NO_PORT}.
     *
     * @return this key.
     */
    public FlowKey noPorts()
    {
        srcPort = NO_PORT;
        dstPort = NO_PORT;
        return this;
    }

    /**
     * Set the IP protocol (IPv4 protocol or IPv6 upper-layer next header).
     *
     * @param protocol 0 to 255, or {@link #NO_PROTOCOL}.
     * @return this key.
     * @throws IllegalArgumentException if out of range.
     */
    public FlowKey protocol(final int protocol)
    {
        if (protocol < NO_PROTOCOL || protocol > 255)
        {
            throw new IllegalArgumentException("protocol must be in [0, 255] or -1 (none): " + protocol);
        }
        this.protocol = protocol;
        return this;
    }

    /**
     * Set the VLAN id.
     *
     * @param vlanId 0 to 4095, or {@link #NO_VLAN}.
     * @return this key.
     * @throws IllegalArgumentException if out of range.
     */
    public FlowKey vlan(final int vlanId)
    {
        if (vlanId < NO_VLAN || vlanId > 4095)
        {
            throw new IllegalArgumentException("vlanId must be in [0, 4095] or -1 (none): " + vlanId);
        }
        this.vlanId = vlanId;
        return this;
    }

    /**
     * Mark the packet as an IP fragment (any fragment, including the first): RSS then hashes
     * the addresses only.
     *
     * @param fragment true for a fragment.
     * @return this key.
     */
    public FlowKey fragment(final boolean fragment)
    {
        this.fragment = fragment;
        return this;
    }

    /**
     * Copy every field of another key.
     *
     * @param other key to copy.
     * @return this key.
     */
    public FlowKey copyFrom(final FlowKey other)
    {
        return setUnchecked(
            other.ipVersion, other.srcHi, other.srcLo, other.dstHi, other.dstLo,
            other.srcPort, other.dstPort, other.protocol, other.vlanId, other.fragment);
    }

    /**
     * Set every field as given, without the checks of the public setters: for
     * {@link #copyFrom(FlowKey)} and for {@link FlowKeyDescriptor#read(DirectBuffer, int, FlowKey)},
     * which trusts its bytes.
     */
    FlowKey setUnchecked(
        final int ipVersion, final long srcHi, final long srcLo, final long dstHi, final long dstLo,
        final int srcPort, final int dstPort, final int protocol, final int vlanId, final boolean fragment)
    {
        this.ipVersion = ipVersion;
        this.srcHi = srcHi;
        this.srcLo = srcLo;
        this.dstHi = dstHi;
        this.dstLo = dstLo;
        this.srcPort = srcPort;
        this.dstPort = dstPort;
        this.protocol = protocol;
        this.vlanId = vlanId;
        this.fragment = fragment;
        return this;
    }

    /**
     * @return 4, 6, or {@link #IP_VERSION_NONE}.
     */
    public int ipVersion()
    {
        return ipVersion;
    }

    /**
     * @return high 64 bits of the source address; 0 for IPv4.
     */
    public long srcHi()
    {
        return srcHi;
    }

    /**
     * @return low 64 bits of the source address; the IPv4 address in the low 32 bits for IPv4.
     */
    public long srcLo()
    {
        return srcLo;
    }

    /**
     * @return high 64 bits of the destination address; 0 for IPv4.
     */
    public long dstHi()
    {
        return dstHi;
    }

    /**
     * @return low 64 bits of the destination address; the IPv4 address in the low 32 bits for IPv4.
     */
    public long dstLo()
    {
        return dstLo;
    }

    /**
     * @return the source IPv4 address as a big-endian int, meaningful when {@link #ipVersion()} is 4.
     */
    public int srcIpv4()
    {
        return (int)srcLo;
    }

    /**
     * @return the destination IPv4 address as a big-endian int, meaningful when {@link #ipVersion()} is 4.
     */
    public int dstIpv4()
    {
        return (int)dstLo;
    }

    /**
     * @return 0 to 65535, or {@link #NO_PORT}.
     */
    public int srcPort()
    {
        return srcPort;
    }

    /**
     * @return 0 to 65535, or {@link #NO_PORT}.
     */
    public int dstPort()
    {
        return dstPort;
    }

    /**
     * @return true if the key has transport ports; only then is a 4-tuple defined.
     */
    public boolean hasPorts()
    {
        return srcPort != NO_PORT;
    }

    /**
     * @return 0 to 255, or {@link #NO_PROTOCOL}.
     */
    public int protocol()
    {
        return protocol;
    }

    /**
     * @return 0 to 4095, or {@link #NO_VLAN}.
     */
    public int vlanId()
    {
        return vlanId;
    }

    /**
     * @return true if the packet is an IP fragment.
     */
    public boolean fragment()
    {
        return fragment;
    }

    /**
     * Encode this key at {@code offset} in the layout of {@link FlowKeyDescriptor}.
     *
     * @param buffer to write to.
     * @param offset of the first byte; {@link FlowKeyDescriptor#LENGTH} bytes are written.
     */
    public void writeTo(final MutableDirectBuffer buffer, final int offset)
    {
        FlowKeyDescriptor.write(this, buffer, offset);
    }

    /**
     * Load this key from {@code offset}, in the layout of {@link FlowKeyDescriptor}. The bytes
     * are trusted to hold a key written by {@link #writeTo(MutableDirectBuffer, int)}; they are
     * not validated.
     *
     * @param buffer to read from.
     * @param offset of the first byte; {@link FlowKeyDescriptor#LENGTH} bytes are read.
     * @return this key.
     */
    public FlowKey readFrom(final DirectBuffer buffer, final int offset)
    {
        return FlowKeyDescriptor.read(buffer, offset, this);
    }

    /**
     * 64-bit mixing hash of every field, for hash tables. Not the RSS hash; stable across runs.
     *
     * @return the hash.
     */
    public long hash64()
    {
        return hash64(0);
    }

    /**
     * 64-bit mixing hash of every field with a seed, so a table can pick a per-instance seed
     * that outside traffic cannot aim collisions at. See {@link FlowHash}.
     *
     * @param seed any value.
     * @return the hash.
     */
    public long hash64(final long seed)
    {
        return FlowHash.hash64(this, seed);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public int hashCode()
    {
        final long h = hash64();
        return (int)(h ^ (h >>> 32));
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public boolean equals(final Object obj)
    {
        if (this == obj)
        {
            return true;
        }
        if (!(obj instanceof FlowKey))
        {
            return false;
        }

        final FlowKey that = (FlowKey)obj;
        return ipVersion == that.ipVersion &&
            srcHi == that.srcHi &&
            srcLo == that.srcLo &&
            dstHi == that.dstHi &&
            dstLo == that.dstLo &&
            srcPort == that.srcPort &&
            dstPort == that.dstPort &&
            protocol == that.protocol &&
            vlanId == that.vlanId &&
            fragment == that.fragment;
    }

    /**
     * Readable form for debugging, e.g.
     * {@code FlowKey{ipv4 10.0.0.1:1234 -> 10.0.0.2:80 proto=6 vlan=none fragment=false}}, IPv6
     * as {@code [2001:db8::1]:1234}.
     * Allocates.
     *
     * @return the key as text.
     */
    @Override
    public String toString()
    {
        return AddressText.flowKey(this);
    }

    private static void checkPort(final String name, final int port)
    {
        if (port < 0 || port > 0xFFFF)
        {
            throw new IllegalArgumentException(name + " must be in [0, 65535]: " + port);
        }
    }
}
