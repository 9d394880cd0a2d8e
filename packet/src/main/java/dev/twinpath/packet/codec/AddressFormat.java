package dev.twinpath.packet.codec;

/**
 * Text forms of link and network addresses, as tshark prints them: MACs as {@code 00:1b:21:aa:bb:cc},
 * IPv4 dotted quad, IPv6 in the RFC 5952 canonical form (lower case, no leading zeros, the longest
 * run of two or more zero groups as {@code ::}, the first one on a tie; IPv4-mapped addresses as
 * {@code ::ffff:a.b.c.d}). Parsing accepts the usual forms and refuses anything else with an
 * {@link IllegalArgumentException} naming the text.
 * <p>
 * For the control path and tools (it allocates Strings). Stateless and thread-safe.
 */
public final class AddressFormat
{
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private AddressFormat()
    {
    }

    /** Append a 48-bit MAC address. */
    public static StringBuilder appendMac(final StringBuilder sb, final long mac)
    {
        for (int i = 5; i >= 0; i--)
        {
            final int octet = (int)(mac >>> (i * 8)) & 0xFF;
            sb.append(HEX[octet >>> 4]).append(HEX[octet & 0xF]);
            if (i > 0)
            {
                sb.append(':');
            }
        }
        return sb;
    }

    public static String mac(final long mac)
    {
        return appendMac(new StringBuilder(17), mac).toString();
    }

    /** Append an IPv4 address given as a big-endian int. */
    public static StringBuilder appendIpv4(final StringBuilder sb, final int address)
    {
        return sb.append((address >>> 24) & 0xFF).append('.')
            .append((address >>> 16) & 0xFF).append('.')
            .append((address >>> 8) & 0xFF).append('.')
            .append(address & 0xFF);
    }

    public static String ipv4(final int address)
    {
        return appendIpv4(new StringBuilder(15), address).toString();
    }

    /** Append an IPv6 address in RFC 5952 form. */
    public static StringBuilder appendIpv6(final StringBuilder sb, final long hi, final long lo)
    {
        if (hi == 0 && (lo >>> 32) == 0xFFFFL)
        {
            sb.append("::ffff:");
            return appendIpv4(sb, (int)lo);
        }
        final int[] groups = new int[8];
        for (int i = 0; i < 4; i++)
        {
            groups[i] = (int)(hi >>> (48 - 16 * i)) & 0xFFFF;
            groups[i + 4] = (int)(lo >>> (48 - 16 * i)) & 0xFFFF;
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; )
        {
            if (groups[i] == 0)
            {
                int j = i;
                while (j < 8 && groups[j] == 0)
                {
                    j++;
                }
                if (j - i > bestLength)
                {
                    bestStart = i;
                    bestLength = j - i;
                }
                i = j;
            }
            else
            {
                i++;
            }
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
        return sb;
    }

    public static String ipv6(final long hi, final long lo)
    {
        return appendIpv6(new StringBuilder(39), hi, lo).toString();
    }

    /** Parse a MAC address written with {@code :} or {@code -} separators. */
    public static long parseMac(final String text)
    {
        final String[] parts = text.trim().split("[:-]");
        if (parts.length != 6)
        {
            throw new IllegalArgumentException("not a MAC address (want 6 octets like 02:00:00:00:00:01): " + text);
        }
        long mac = 0;
        for (final String part : parts)
        {
            mac = (mac << 8) | parseHexGroup(part, 2, text, "MAC address");
        }
        return mac;
    }

    /** @return true when {@code text} looks like IPv6 (has a colon). */
    public static boolean isIpv6(final String text)
    {
        return text.indexOf(':') >= 0;
    }

    /** Parse a dotted-quad IPv4 address into a big-endian int. */
    public static int parseIpv4(final String text)
    {
        final String[] parts = text.trim().split("\\.", -1);
        if (parts.length != 4)
        {
            throw new IllegalArgumentException("not an IPv4 address (want a.b.c.d): " + text);
        }
        int address = 0;
        for (final String part : parts)
        {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit))
            {
                throw new IllegalArgumentException("not an IPv4 address (bad octet '" + part + "'): " + text);
            }
            final int value = Integer.parseInt(part);
            if (value > 255)
            {
                throw new IllegalArgumentException("not an IPv4 address (octet " + value + " > 255): " + text);
            }
            address = (address << 8) | value;
        }
        return address;
    }

    /**
     * Parse an IPv6 address (with {@code ::} compression and an optional trailing dotted quad).
     *
     * @return {hi, lo}.
     */
    public static long[] parseIpv6(final String text)
    {
        final String s = text.trim();
        final int doubleColon = s.indexOf("::");
        if (doubleColon >= 0 && s.indexOf("::", doubleColon + 1) >= 0)
        {
            throw new IllegalArgumentException("not an IPv6 address (more than one '::'): " + text);
        }
        final int[] head = groups(doubleColon >= 0 ? s.substring(0, doubleColon) : s, text);
        final int[] tail = doubleColon >= 0 ? groups(s.substring(doubleColon + 2), text) : new int[0];
        final int total = head.length + tail.length;
        if ((doubleColon < 0 && total != 8) || (doubleColon >= 0 && total > 7))
        {
            throw new IllegalArgumentException("not an IPv6 address (wrong number of groups): " + text);
        }
        final int[] all = new int[8];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(tail, 0, all, 8 - tail.length, tail.length);
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 4; i++)
        {
            hi = (hi << 16) | all[i];
            lo = (lo << 16) | all[i + 4];
        }
        return new long[]{hi, lo};
    }

    private static int[] groups(final String part, final String text)
    {
        if (part.isEmpty())
        {
            return new int[0];
        }
        final String[] items = part.split(":", -1);
        final boolean dotted = items[items.length - 1].indexOf('.') >= 0;
        final int[] out = new int[items.length + (dotted ? 1 : 0)];
        for (int i = 0; i < items.length; i++)
        {
            if (dotted && i == items.length - 1)
            {
                final int v4 = parseIpv4(items[i]);
                out[i] = v4 >>> 16;
                out[i + 1] = v4 & 0xFFFF;
            }
            else
            {
                out[i] = (int)parseHexGroup(items[i], 4, text, "IPv6 address");
            }
        }
        return out;
    }

    private static long parseHexGroup(final String group, final int maxDigits, final String text, final String what)
    {
        if (group.isEmpty() || group.length() > maxDigits)
        {
            throw new IllegalArgumentException("not a " + what + " (bad group '" + group + "'): " + text);
        }
        long value = 0;
        for (int i = 0; i < group.length(); i++)
        {
            final int digit = Character.digit(group.charAt(i), 16);
            if (digit < 0)
            {
                throw new IllegalArgumentException("not a " + what + " (bad hex digit in '" + group + "'): " + text);
            }
            value = (value << 4) | digit;
        }
        return value;
    }
}
