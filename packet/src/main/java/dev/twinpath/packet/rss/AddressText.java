package dev.twinpath.packet.rss;

import dev.twinpath.packet.codec.AddressFormat;

/**
 * Text forms of IP addresses and ports for diagnostics, and of a whole key for
 * {@link FlowKey#toString()}: dotted IPv4, RFC 5952 IPv6, {@code [v6]:port}. Allocation is allowed
 * here; never call it on a data path.
 * <p>
 * Thread safety: stateless; safe from any thread.
 */
final class AddressText
{
    private AddressText()
    {
    }

    static String flowKey(final FlowKey key)
    {
        final int srcPort = key.srcPort();
        final int dstPort = key.dstPort();
        final StringBuilder sb = new StringBuilder(96).append("FlowKey{");
        if (4 == key.ipVersion())
        {
            sb.append("ipv4 ");
            appendIpv4(sb, key.srcIpv4());
            appendPort(sb, srcPort);
            sb.append(" -> ");
            appendIpv4(sb, key.dstIpv4());
            appendPort(sb, dstPort);
        }
        else if (6 == key.ipVersion())
        {
            sb.append("ipv6 ");
            appendIpv6(sb, key.srcHi(), key.srcLo(), srcPort);
            sb.append(" -> ");
            appendIpv6(sb, key.dstHi(), key.dstLo(), dstPort);
        }
        else
        {
            sb.append("no-ip");
            if (key.hasPorts())
            {
                sb.append(" ports ").append(srcPort).append(" -> ").append(dstPort);
            }
        }

        final int protocol = key.protocol();
        final int vlanId = key.vlanId();
        sb.append(" proto=").append(FlowKey.NO_PROTOCOL == protocol ? "none" : Integer.toString(protocol));
        sb.append(" vlan=").append(FlowKey.NO_VLAN == vlanId ? "none" : Integer.toString(vlanId));
        return sb.append(" fragment=").append(key.fragment()).append('}').toString();
    }

    static void appendIpv4(final StringBuilder sb, final int address)
    {
        AddressFormat.appendIpv4(sb, address);
    }

    static void appendPort(final StringBuilder sb, final int port)
    {
        if (FlowKey.NO_PORT != port)
        {
            sb.append(':').append(port);
        }
    }

    static void appendIpv6(final StringBuilder sb, final long hi, final long lo, final int port)
    {
        if (FlowKey.NO_PORT == port)
        {
            appendIpv6(sb, hi, lo);
        }
        else
        {
            sb.append('[');
            appendIpv6(sb, hi, lo);
            sb.append("]:").append(port);
        }
    }

    static void appendIpv6(final StringBuilder sb, final long hi, final long lo)
    {
        AddressFormat.appendIpv6(sb, hi, lo);
    }
}
