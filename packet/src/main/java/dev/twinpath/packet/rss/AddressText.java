package dev.twinpath.packet.rss;

import dev.twinpath.packet.codec.AddressFormat;

/**
 * Text forms of IP addresses and ports for diagnostics ({@link FlowKey#toString()}): dotted
 * IPv4, RFC 5952 IPv6, {@code [v6]:port}. Allocation is allowed here; never call it on a data
 * path.
 * <p>
 * Thread safety: stateless; safe from any thread.
 */
final class AddressText
{
    private AddressText()
    {
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
