package dev.twinpath.packet.rss;

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
        sb.append(address >>> 24).append('.')
            .append((address >>> 16) & 0xFF).append('.')
            .append((address >>> 8) & 0xFF).append('.')
            .append(address & 0xFF);
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

    /**
     * RFC 5952 text: lower-case hex groups without leading zeros, the longest run of two or more
     * zero groups (the first one on a tie) written as {@code ::}.
     */
    static void appendIpv6(final StringBuilder sb, final long hi, final long lo)
    {
        final int[] groups = new int[8];
        for (int i = 0; i < 8; i++)
        {
            final long half = i < 4 ? hi : lo;
            groups[i] = (int)(half >>> (48 - 16 * (i & 3))) & 0xFFFF;
        }

        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; )
        {
            int end = i;
            while (end < 8 && 0 == groups[end])
            {
                end++;
            }
            if (end - i > bestLength)
            {
                bestStart = i;
                bestLength = end - i;
            }
            i = end == i ? i + 1 : end;
        }

        for (int i = 0; i < 8; i++)
        {
            if (i == bestStart)
            {
                sb.append("::");
                i += bestLength - 1;
                continue;
            }
            if (i > 0 && i != bestStart + bestLength)
            {
                sb.append(':');
            }
            sb.append(Integer.toHexString(groups[i]));
        }
    }
}
