package dev.twinpath.vswitch.acl;

import dev.twinpath.packet.codec.AddressFormat;

/**
 * An IPv4 or IPv6 address prefix in the layout of {@code ParsedFrame}: IPv4 in the low 32 bits of
 * {@code lo} with {@code hi} 0, IPv6 as high and low 64-bit halves in network order. Bits past the
 * prefix length are cleared ({@code 10.1.2.3/8} is {@code 10.0.0.0/8}). {@link #ANY} (version 0)
 * puts no condition on the packet, not even that it is IP; {@code 0.0.0.0/0} matches every IPv4
 * packet and {@code ::/0} every IPv6 one.
 * <p>
 * Immutable; any thread.
 *
 * @param version 4, 6, or 0 for {@link #ANY}.
 * @param hi      high 64 bits of an IPv6 prefix; 0 for IPv4.
 * @param lo      low 64 bits of an IPv6 prefix, or the IPv4 prefix in the low 32 bits.
 * @param length  prefix length: 0..32 for IPv4, 0..128 for IPv6.
 */
public record IpPrefix(int version, long hi, long lo, int length)
{
    /** No address condition. */
    public static final IpPrefix ANY = new IpPrefix(0, 0, 0, 0);

    /**
     * @throws IllegalArgumentException for a version other than 0, 4 or 6, a length outside the
     *                                  version's range, or an IPv4 value wider than 32 bits.
     */
    public IpPrefix
    {
        if (version == 0)
        {
            if (hi != 0 || lo != 0 || length != 0)
            {
                throw new IllegalArgumentException("version 0 (any) takes no address or length");
            }
        }
        else if (version == 4)
        {
            if (length < 0 || length > 32)
            {
                throw new IllegalArgumentException("prefix length must be in 0..32 for IPv4: " + length);
            }
            if (hi != 0 || (lo >>> 32) != 0)
            {
                throw new IllegalArgumentException("an IPv4 address is 32 bits in lo, hi 0: " +
                    Long.toHexString(hi) + ":" + Long.toHexString(lo));
            }
        }
        else if (version == 6)
        {
            if (length < 0 || length > 128)
            {
                throw new IllegalArgumentException("prefix length must be in 0..128 for IPv6: " + length);
            }
        }
        else
        {
            throw new IllegalArgumentException("version must be 4 or 6 (0 for any): " + version);
        }
        hi &= maskHi(version, length);
        lo &= maskLo(version, length);
    }

    public static IpPrefix ipv4(final int address, final int length)
    {
        return new IpPrefix(4, 0, address & 0xFFFF_FFFFL, length);
    }

    public static IpPrefix ipv6(final long hi, final long lo, final int length)
    {
        return new IpPrefix(6, hi, lo, length);
    }

    /**
     * Parse {@code any}, an address ({@code /32} or {@code /128} implied) or {@code address/length},
     * IPv4 dotted quad or IPv6.
     *
     * @throws IllegalArgumentException naming the text when it is none of these.
     */
    public static IpPrefix parse(final String text)
    {
        final String s = text.trim();
        if (s.equalsIgnoreCase("any"))
        {
            return ANY;
        }
        final int slash = s.indexOf('/');
        final String address = slash < 0 ? s : s.substring(0, slash);
        final boolean v6 = AddressFormat.isIpv6(address);
        int length = v6 ? 128 : 32;
        if (slash >= 0)
        {
            final String digits = s.substring(slash + 1);
            if (digits.isEmpty() || digits.length() > 3 || !digits.chars().allMatch(Character::isDigit))
            {
                throw new IllegalArgumentException("not a prefix length after '/': " + text);
            }
            length = Integer.parseInt(digits);
        }
        if (v6)
        {
            final long[] halves = AddressFormat.parseIpv6(address);
            return ipv6(halves[0], halves[1], length);
        }
        return ipv4(AddressFormat.parseIpv4(address), length);
    }

    /** @return the mask of the high half (all of it 0 for IPv4 and {@link #ANY}). */
    public long maskHi()
    {
        return maskHi(version, length);
    }

    /** @return the mask of the low half (the low 32 bits for IPv4). */
    public long maskLo()
    {
        return maskLo(version, length);
    }

    public boolean isAny()
    {
        return version == 0;
    }

    /** @return {@code any}, {@code 10.0.0.0/8} or {@code 2001:db8::/32}. */
    @Override
    public String toString()
    {
        if (version == 0)
        {
            return "any";
        }
        return (version == 4 ? AddressFormat.ipv4((int)lo) : AddressFormat.ipv6(hi, lo)) + "/" + length;
    }

    private static long maskHi(final int version, final int length)
    {
        if (version != 6 || length == 0)
        {
            return 0;
        }
        return length >= 64 ? -1L : -1L << (64 - length);
    }

    private static long maskLo(final int version, final int length)
    {
        if (version == 4)
        {
            return length == 0 ? 0 : (-1L << (32 - length)) & 0xFFFF_FFFFL;
        }
        return version == 6 && length > 64 ? -1L << (128 - length) : 0;
    }
}
