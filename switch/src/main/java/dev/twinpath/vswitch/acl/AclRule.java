package dev.twinpath.vswitch.acl;

import dev.twinpath.packet.codec.AddressFormat;

import java.util.Objects;

/**
 * One port ACL rule as Hyper-V has them ({@code Add-VMNetworkAdapterAcl} and
 * {@code Add-VMNetworkAdapterExtendedAcl}): a {@link AclDirection}, an {@link AclAction}, a weight and
 * conditions on the VM's ("local") and the other ("remote") side: exact MAC, IP prefix, TCP/UDP port
 * range, plus the IP protocol. A condition left at its "any" value ({@link #ANY_MAC},
 * {@link IpPrefix#ANY}, {@link #ANY_PROTOCOL}, {@link PortRange#ANY}) always holds. A packet matches
 * when every condition holds; an address condition needs an IP packet of the prefix's version, a
 * protocol condition an IP packet, a port condition a packet with ports.
 * <p>
 * Built with {@link #allow(AclDirection)}/{@link #deny(AclDirection)} and the fluent {@link Builder};
 * every value is checked when the rule is made, with a message naming the field.
 * <p>
 * Immutable; any thread.
 *
 * @param direction     the traffic the rule applies to.
 * @param action        what a match does.
 * @param weight        1..65535, higher evaluated first ({@link #DEFAULT_WEIGHT} when not given).
 * @param localMac      48-bit MAC of the VM's side, or {@link #ANY_MAC}.
 * @param remoteMac     48-bit MAC of the other side, or {@link #ANY_MAC}.
 * @param localAddress  IP prefix of the VM's side.
 * @param remoteAddress IP prefix of the other side, of the same version when both are given.
 * @param protocol      IP protocol 0..255 (after IPv6 extension headers), or {@link #ANY_PROTOCOL}.
 * @param localPorts    ports of the VM's side; anything but {@link PortRange#ANY} needs TCP or UDP.
 * @param remotePorts   ports of the other side; likewise.
 */
public record AclRule(
    AclDirection direction, AclAction action, int weight, long localMac, long remoteMac,
    IpPrefix localAddress, IpPrefix remoteAddress, int protocol, PortRange localPorts, PortRange remotePorts)
{
    public static final long ANY_MAC = -1;
    public static final int ANY_PROTOCOL = -1;
    public static final int ICMP = 1;
    public static final int TCP = 6;
    public static final int UDP = 17;
    public static final int ICMPV6 = 58;
    /** Weight of a rule built without one: the lowest, as for Hyper-V's basic (weightless) ACLs. */
    public static final int DEFAULT_WEIGHT = 1;
    public static final int MAX_WEIGHT = 65535;

    /** @throws IllegalArgumentException naming the field of a bad value. */
    public AclRule
    {
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(localAddress, "localAddress");
        Objects.requireNonNull(remoteAddress, "remoteAddress");
        Objects.requireNonNull(localPorts, "localPorts");
        Objects.requireNonNull(remotePorts, "remotePorts");
        if (weight < 1 || weight > MAX_WEIGHT)
        {
            throw new IllegalArgumentException("weight must be in 1.." + MAX_WEIGHT + ": " + weight);
        }
        checkMac("localMac", localMac);
        checkMac("remoteMac", remoteMac);
        if (protocol < ANY_PROTOCOL || protocol > 255)
        {
            throw new IllegalArgumentException("protocol must be in 0..255, or -1 for any: " + protocol);
        }
        if (!localAddress.isAny() && !remoteAddress.isAny() && localAddress.version() != remoteAddress.version())
        {
            throw new IllegalArgumentException("remoteAddress is IPv" + remoteAddress.version() +
                " but localAddress is IPv" + localAddress.version() + ": a packet cannot match both");
        }
        checkPorts("localPorts", localPorts, protocol);
        checkPorts("remotePorts", remotePorts, protocol);
    }

    public static Builder allow(final AclDirection direction)
    {
        return new Builder(AclAction.ALLOW, direction);
    }

    public static Builder deny(final AclDirection direction)
    {
        return new Builder(AclAction.DENY, direction);
    }

    /**
     * How much of the packet the rule pins down, in bits: 48 per MAC, the prefix lengths, 8 for a
     * protocol and {@link PortRange#bits()} per port range. Among rules of equal weight the higher
     * specificity is evaluated first (see {@link PortAcl}).
     */
    public int specificity()
    {
        return (localMac == ANY_MAC ? 0 : 48) + (remoteMac == ANY_MAC ? 0 : 48) +
            localAddress.length() + remoteAddress.length() + (protocol == ANY_PROTOCOL ? 0 : 8) +
            localPorts.bits() + remotePorts.bits();
    }

    /** @return the IP version the rule needs: 4, 6, or 0 when it has no address condition. */
    public int ipVersion()
    {
        return localAddress.isAny() ? remoteAddress.version() : localAddress.version();
    }

    /**
     * Hyper-V-like text: action, direction, then the conditions, e.g.
     * {@code Deny Outbound remote 10.0.0.0/8 UDP local 53}, {@code Allow Inbound any weight 10}.
     */
    @Override
    public String toString()
    {
        final StringBuilder sb = new StringBuilder(64).append(action.text()).append(' ').append(direction.text());
        final int conditions = sb.length();
        if (localMac != ANY_MAC)
        {
            AddressFormat.appendMac(sb.append(" local "), localMac);
        }
        if (remoteMac != ANY_MAC)
        {
            AddressFormat.appendMac(sb.append(" remote "), remoteMac);
        }
        if (!localAddress.isAny())
        {
            sb.append(" local ").append(localAddress);
        }
        if (!remoteAddress.isAny())
        {
            sb.append(" remote ").append(remoteAddress);
        }
        if (protocol != ANY_PROTOCOL)
        {
            sb.append(' ').append(protocolName(protocol));
        }
        if (!localPorts.isAny())
        {
            sb.append(" local ").append(localPorts);
        }
        if (!remotePorts.isAny())
        {
            sb.append(" remote ").append(remotePorts);
        }
        if (sb.length() == conditions)
        {
            sb.append(" any");
        }
        return weight == DEFAULT_WEIGHT ? sb.toString() : sb.append(" weight ").append(weight).toString();
    }

    /** @return {@code TCP}, {@code UDP}, {@code ICMP}, {@code ICMPv6} or {@code protocol N}. */
    public static String protocolName(final int protocol)
    {
        switch (protocol)
        {
            case ICMP: return "ICMP";
            case TCP: return "TCP";
            case UDP: return "UDP";
            case ICMPV6: return "ICMPv6";
            default: return "protocol " + protocol;
        }
    }

    private static void checkMac(final String field, final long mac)
    {
        if (mac != ANY_MAC && (mac & ~0xFFFF_FFFF_FFFFL) != 0)
        {
            throw new IllegalArgumentException(field + " must be a 48-bit MAC, or -1 for any: 0x" + Long.toHexString(mac));
        }
    }

    private static void checkPorts(final String field, final PortRange ports, final int protocol)
    {
        if (!ports.isAny() && protocol != TCP && protocol != UDP)
        {
            throw new IllegalArgumentException(field + " need protocol TCP (6) or UDP (17), not " +
                (protocol == ANY_PROTOCOL ? "any" : protocolName(protocol)));
        }
    }

    /**
     * Fluent, reusable builder; text values are parsed on the spot and a bad one is refused with a
     * message naming the field. Single-threaded, like any builder.
     */
    public static final class Builder
    {
        private final AclAction action;
        private final AclDirection direction;
        private int weight = DEFAULT_WEIGHT;
        private long localMac = ANY_MAC;
        private long remoteMac = ANY_MAC;
        private IpPrefix localAddress = IpPrefix.ANY;
        private IpPrefix remoteAddress = IpPrefix.ANY;
        private int protocol = ANY_PROTOCOL;
        private PortRange localPorts = PortRange.ANY;
        private PortRange remotePorts = PortRange.ANY;

        Builder(final AclAction action, final AclDirection direction)
        {
            this.action = Objects.requireNonNull(action, "action");
            this.direction = Objects.requireNonNull(direction, "direction");
        }

        public Builder weight(final int weight)
        {
            this.weight = weight;
            return this;
        }

        public Builder localMac(final long mac)
        {
            localMac = mac;
            return this;
        }

        /** @param mac {@code 00:15:5d:00:00:01} or {@code 00-15-5D-00-00-01}. */
        public Builder localMac(final String mac)
        {
            return localMac(mac("localMac", mac));
        }

        public Builder remoteMac(final long mac)
        {
            remoteMac = mac;
            return this;
        }

        public Builder remoteMac(final String mac)
        {
            return remoteMac(mac("remoteMac", mac));
        }

        public Builder localAddress(final IpPrefix prefix)
        {
            localAddress = prefix;
            return this;
        }

        /** @param prefix as {@link IpPrefix#parse}: {@code 10.0.0.0/8}, {@code fe80::/10}, {@code 10.0.0.1}, {@code any}. */
        public Builder localAddress(final String prefix)
        {
            localAddress = prefix("localAddress", prefix);
            return this;
        }

        public Builder remoteAddress(final IpPrefix prefix)
        {
            remoteAddress = prefix;
            return this;
        }

        public Builder remoteAddress(final String prefix)
        {
            remoteAddress = prefix("remoteAddress", prefix);
            return this;
        }

        /** @param protocol 0..255, e.g. {@link #TCP}, or {@link #ANY_PROTOCOL}. */
        public Builder protocol(final int protocol)
        {
            this.protocol = protocol;
            return this;
        }

        public Builder localPort(final int port)
        {
            return localPorts(port, port);
        }

        public Builder localPorts(final int low, final int high)
        {
            localPorts = ports("localPorts", low, high);
            return this;
        }

        public Builder remotePort(final int port)
        {
            return remotePorts(port, port);
        }

        public Builder remotePorts(final int low, final int high)
        {
            remotePorts = ports("remotePorts", low, high);
            return this;
        }

        /** @throws IllegalArgumentException naming the field of a bad or inconsistent value. */
        public AclRule build()
        {
            return new AclRule(direction, action, weight, localMac, remoteMac, localAddress, remoteAddress,
                protocol, localPorts, remotePorts);
        }

        private static long mac(final String field, final String text)
        {
            try
            {
                return AddressFormat.parseMac(text);
            }
            catch (final IllegalArgumentException ex)
            {
                throw new IllegalArgumentException(field + ": " + ex.getMessage(), ex);
            }
        }

        private static IpPrefix prefix(final String field, final String text)
        {
            try
            {
                return IpPrefix.parse(text);
            }
            catch (final IllegalArgumentException ex)
            {
                throw new IllegalArgumentException(field + ": " + ex.getMessage(), ex);
            }
        }

        private static PortRange ports(final String field, final int low, final int high)
        {
            try
            {
                return new PortRange(low, high);
            }
            catch (final IllegalArgumentException ex)
            {
                throw new IllegalArgumentException(field + ": " + ex.getMessage(), ex);
            }
        }
    }
}
