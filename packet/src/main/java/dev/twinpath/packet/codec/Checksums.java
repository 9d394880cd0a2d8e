package dev.twinpath.packet.codec;

import org.agrona.DirectBuffer;

import java.nio.ByteOrder;

/**
 * The Internet checksum (RFC 1071): one's complement sums over buffers, the IPv4 and IPv6
 * pseudo-headers of TCP/UDP/ICMPv6, and the incremental update of RFC 1624 for a rewritten field.
 * <p>
 * A "sum" here is an unfolded accumulator ({@code long}) that may be chained across calls;
 * {@link #fold(long)} reduces it to 16 bits and {@link #finish(long)} gives the value to store
 * in a checksum field. A region verifies when {@code fold(sum) == 0xFFFF}.
 * <p>
 * Stateless and thread-safe; allocation-free.
 */
public final class Checksums
{
    private static final ByteOrder NETWORK = ByteOrder.BIG_ENDIAN;

    private Checksums()
    {
    }

    /**
     * Add the 16-bit big-endian words of {@code [offset, offset + length)} to {@code initial}.
     * An odd last byte is padded with a zero byte, as RFC 1071 says.
     */
    public static long sum(final DirectBuffer buffer, final int offset, final int length, final long initial)
    {
        long sum = initial;
        int i = offset;
        final int end = offset + length;
        while (end - i >= 8)
        {
            final long v = buffer.getLong(i, NETWORK);
            sum += (v >>> 32) + (v & 0xFFFF_FFFFL);
            i += 8;
        }
        if (end - i >= 4)
        {
            sum += buffer.getInt(i, NETWORK) & 0xFFFF_FFFFL;
            i += 4;
        }
        if (end - i >= 2)
        {
            sum += buffer.getShort(i, NETWORK) & 0xFFFF;
            i += 2;
        }
        if (i < end)
        {
            sum += (buffer.getByte(i) & 0xFF) << 8;
        }
        return sum;
    }

    /** Fold a sum to 16 bits with end-around carry. */
    public static int fold(final long sum)
    {
        long s = sum;
        while ((s >>> 16) != 0)
        {
            s = (s & 0xFFFF) + (s >>> 16);
        }
        return (int)s;
    }

    /** @return the checksum field value for a sum: the complement of the folded sum. */
    public static int finish(final long sum)
    {
        return ~fold(sum) & 0xFFFF;
    }

    /** Pseudo-header sum of TCP/UDP over IPv4. */
    public static long pseudoHeaderIpv4(final int src, final int dst, final int protocol, final int l4Length)
    {
        return (src & 0xFFFF_FFFFL) + (dst & 0xFFFF_FFFFL) + protocol + l4Length;
    }

    /** Pseudo-header sum of TCP/UDP/ICMPv6 over IPv6 (RFC 8200 §8.1). */
    public static long pseudoHeaderIpv6(
        final long srcHi, final long srcLo, final long dstHi, final long dstLo, final int nextHeader, final int l4Length)
    {
        return split(srcHi) + split(srcLo) + split(dstHi) + split(dstLo) + nextHeader + (l4Length & 0xFFFF_FFFFL);
    }

    private static long split(final long v)
    {
        return (v >>> 32) + (v & 0xFFFF_FFFFL);
    }

    /**
     * @return the value to store in the checksum field of a TCP/UDP segment over IPv4 of
     * {@code l4Length} bytes whose checksum field currently holds zero.
     */
    public static int l4Ipv4(
        final DirectBuffer buffer, final int l4Offset, final int l4Length, final int src, final int dst, final int protocol)
    {
        return finish(sum(buffer, l4Offset, l4Length, pseudoHeaderIpv4(src, dst, protocol, l4Length)));
    }

    /**
     * @return the value to store in the checksum field of a TCP/UDP/ICMPv6 message over IPv6 whose
     * checksum field currently holds zero.
     */
    public static int l4Ipv6(
        final DirectBuffer buffer,
        final int l4Offset,
        final int l4Length,
        final long srcHi,
        final long srcLo,
        final long dstHi,
        final long dstLo,
        final int nextHeader)
    {
        return finish(sum(buffer, l4Offset, l4Length, pseudoHeaderIpv6(srcHi, srcLo, dstHi, dstLo, nextHeader, l4Length)));
    }

    /** @return true when a TCP/UDP segment over IPv4, checksum field included, verifies. */
    public static boolean verifyL4Ipv4(
        final DirectBuffer buffer, final int l4Offset, final int l4Length, final int src, final int dst, final int protocol)
    {
        return l4Ipv4(buffer, l4Offset, l4Length, src, dst, protocol) == 0; // the sum over a correct message folds to all ones
    }

    /** @return true when a TCP/UDP/ICMPv6 message over IPv6, checksum field included, verifies. */
    public static boolean verifyL4Ipv6(
        final DirectBuffer buffer,
        final int l4Offset,
        final int l4Length,
        final long srcHi,
        final long srcLo,
        final long dstHi,
        final long dstLo,
        final int nextHeader)
    {
        return l4Ipv6(buffer, l4Offset, l4Length, srcHi, srcLo, dstHi, dstLo, nextHeader) == 0;
    }

    /**
     * Incremental update of RFC 1624 (eqn. 3): {@code HC' = ~(~HC + ~m + m')} for one 16-bit field
     * that changed from {@code oldValue} to {@code newValue}.
     *
     * @return the new checksum field value.
     */
    public static int update16(final int checksum, final int oldValue, final int newValue)
    {
        final long sum = (~checksum & 0xFFFF) + (~oldValue & 0xFFFF) + (newValue & 0xFFFF);
        return ~fold(sum) & 0xFFFF;
    }

    /** Incremental update for a 32-bit field (an IPv4 address or a sequence number). */
    public static int update32(final int checksum, final int oldValue, final int newValue)
    {
        final long sum = (~checksum & 0xFFFF) +
            (~(oldValue >>> 16) & 0xFFFF) + (~oldValue & 0xFFFF) +
            ((newValue >>> 16) & 0xFFFF) + (newValue & 0xFFFF);
        return ~fold(sum) & 0xFFFF;
    }
}
