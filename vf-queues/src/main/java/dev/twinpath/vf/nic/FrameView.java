package dev.twinpath.vf.nic;

import dev.twinpath.packet.codec.EthernetFrames;
import dev.twinpath.packet.rss.ToeplitzHash;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;

/**
 * The few header reads the embedded switch needs per frame, straight from packet memory: the
 * destination and source MACs, the outer VLAN id (from {@link EthernetFrames}), and the RSS hash input. Lighter than the full
 * {@code FrameParser}: a NIC classifies on L2 and hashes L3/L4 without validating the frame.
 * RSS input: IPv4 or IPv6 (no extension headers) TCP/UDP that is not a fragment hashes the
 * 4-tuple; other IP hashes the addresses; non-IP hashes to 0.
 * <p>
 * Stateless; allocation-free; used on the NIC agent thread.
 */
final class FrameView
{
    static final int UNTAGGED = EthernetFrames.UNTAGGED;
    private static final ByteOrder NETWORK = ByteOrder.BIG_ENDIAN;

    private FrameView()
    {
    }

    static long dstMac(final UnsafeBuffer b, final int at)
    {
        return EthernetFrames.dstMac(b, at);
    }

    static long srcMac(final UnsafeBuffer b, final int at)
    {
        return EthernetFrames.srcMac(b, at);
    }

    static boolean isGroup(final long mac)
    {
        return EthernetFrames.isGroup(mac);
    }

    /** @return the outer VLAN id, or {@link #UNTAGGED}. */
    static int vlan(final UnsafeBuffer b, final int at, final int length)
    {
        return EthernetFrames.outerVlan(b, at, length);
    }

    /**
     * @return the RSS hash of the frame under {@code toeplitz}. The common case (untagged or one tag,
     * IPv4 without options) costs three 8-byte loads; the rest takes the general path.
     */
    static int rssHash(final ToeplitzHash toeplitz, final UnsafeBuffer b, final int at, final int length)
    {
        final int end = at + length;
        int l3 = at + 14;
        int type = b.getShort(at + 12, NETWORK) & 0xFFFF;
        while ((type == 0x8100 || type == 0x88A8) && l3 + 4 <= end)
        {
            type = b.getShort(l3 + 2, NETWORK) & 0xFFFF;
            l3 += 4;
        }
        if (type == 0x0800 && l3 + 24 <= end)
        {
            final long w0 = b.getLong(l3, NETWORK);        // version/IHL, TOS, length, id, flags/fragment
            final long w1 = b.getLong(l3 + 8, NETWORK);    // TTL, protocol, checksum, source
            final long w2 = b.getLong(l3 + 16, NETWORK);   // destination, then the ports when IHL is 5
            final int src = (int)w1;
            final int dst = (int)(w2 >>> 32);
            final int proto = (int)(w1 >>> 48) & 0xFF;
            final boolean fragment = (w0 & 0x3FFF) != 0;
            final int ihl = (int)(w0 >>> 54) & 0x3C;
            if ((proto == 6 || proto == 17) && !fragment)
            {
                if (ihl == 20)
                {
                    final int ports = (int)w2;
                    return toeplitz.hashIpv4(src, dst, ports >>> 16, ports & 0xFFFF);
                }
                if (ihl > 20 && l3 + ihl + 4 <= end)
                {
                    final int ports = b.getInt(l3 + ihl, NETWORK);
                    return toeplitz.hashIpv4(src, dst, ports >>> 16, ports & 0xFFFF);
                }
            }
            return toeplitz.hashIpv4(src, dst);
        }
        if (type == 0x0800 && l3 + 20 <= end)
        {
            return toeplitz.hashIpv4(b.getInt(l3 + 12, NETWORK), b.getInt(l3 + 16, NETWORK));
        }
        if (type == 0x86DD && l3 + 40 <= end)
        {
            final int next = b.getByte(l3 + 6) & 0xFF;
            final long srcHi = b.getLong(l3 + 8, NETWORK);
            final long srcLo = b.getLong(l3 + 16, NETWORK);
            final long dstHi = b.getLong(l3 + 24, NETWORK);
            final long dstLo = b.getLong(l3 + 32, NETWORK);
            if ((next == 6 || next == 17) && l3 + 44 <= end)
            {
                final int ports = b.getInt(l3 + 40, NETWORK);
                return toeplitz.hashIpv6(srcHi, srcLo, dstHi, dstLo, ports >>> 16, ports & 0xFFFF);
            }
            return toeplitz.hashIpv6(srcHi, srcLo, dstHi, dstLo);
        }
        return 0;
    }

    static int stripTag(final UnsafeBuffer b, final int at, final int length)
    {
        return EthernetFrames.stripTag(b, at, length);
    }

    static int insertTag(final UnsafeBuffer b, final int at, final int length, final int vlan)
    {
        return EthernetFrames.insertTag(b, at, length, vlan);
    }
}
