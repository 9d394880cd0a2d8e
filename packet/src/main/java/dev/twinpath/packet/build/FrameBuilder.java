package dev.twinpath.packet.build;

import dev.twinpath.packet.codec.Checksums;
import dev.twinpath.packet.codec.EthernetHeader;
import dev.twinpath.packet.codec.Ipv4Header;
import dev.twinpath.packet.codec.Ipv6Header;
import dev.twinpath.packet.codec.TcpHeader;
import dev.twinpath.packet.codec.UdpHeader;
import dev.twinpath.packet.codec.VlanTag;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;

/**
 * Builds UDP or TCP frames for the traffic generator from a {@link FrameTemplate}: the headers are
 * laid out and checksummed once, and each packet is a copy of those bytes with its ports and its
 * {@link PayloadHeader} (stream id, sequence, send timestamp) patched in. The L4 checksum is
 * completed incrementally from a precomputed partial sum (RFC 1624 style), so a packet costs one
 * copy and a few stores, and allocates nothing.
 * <p>
 * Not thread-safe: owned by the generator thread (one builder per agent).
 */
public final class FrameBuilder
{
    private final UnsafeBuffer template;
    private final int frameLength;
    private final int l4Offset;
    private final int payloadHeaderOffset;
    private final int checksumOffset;
    private final boolean udp;
    private final long partialSum;
    private final int defaultSrcPort;
    private final int defaultDstPort;

    public FrameBuilder(final FrameTemplate frameTemplate)
    {
        final FrameTemplate t = frameTemplate.conclude();
        frameLength = t.frameLength();
        template = new UnsafeBuffer(new byte[frameLength]);
        udp = t.protocol() == FrameTemplate.UDP;

        final EthernetHeader ethernet = new EthernetHeader().wrap(template, 0, frameLength);
        ethernet.dst(t.dstMac()).src(t.srcMac());
        int l3 = EthernetHeader.LENGTH;
        final int l3Type = t.ipVersion() == 4 ? EthernetHeader.TYPE_IPV4 : EthernetHeader.TYPE_IPV6;
        if (t.vlanId() >= 0)
        {
            ethernet.etherType(VlanTag.TPID_8021Q);
            new VlanTag().wrap(template, l3, frameLength - l3).tci(t.vlanPcp(), false, t.vlanId()).etherType(l3Type);
            l3 += VlanTag.TAG_LENGTH;
        }
        else
        {
            ethernet.etherType(l3Type);
        }

        l4Offset = t.l4Offset();
        final int l4Length = frameLength - l4Offset;
        long sum;
        if (t.ipVersion() == 4)
        {
            new Ipv4Header().wrap(template, l3, frameLength - l3)
                .versionAndHeaderLength(Ipv4Header.MIN_LENGTH)
                .totalLength(frameLength - l3)
                .flagsAndFragment(Ipv4Header.FLAG_DF)
                .ttl(t.ttl())
                .protocol(t.protocol())
                .src((int)t.srcLo())
                .dst((int)t.dstLo())
                .updateChecksum();
            sum = Checksums.pseudoHeaderIpv4((int)t.srcLo(), (int)t.dstLo(), t.protocol(), l4Length);
        }
        else
        {
            new Ipv6Header().wrap(template, l3, frameLength - l3)
                .versionClassLabel(0, 0)
                .payloadLength(l4Length)
                .nextHeader(t.protocol())
                .hopLimit(t.ttl())
                .src(t.srcHi(), t.srcLo())
                .dst(t.dstHi(), t.dstLo());
            sum = Checksums.pseudoHeaderIpv6(t.srcHi(), t.srcLo(), t.dstHi(), t.dstLo(), t.protocol(), l4Length);
        }

        if (udp)
        {
            new UdpHeader().wrap(template, l4Offset, l4Length).udpLength(l4Length);
            checksumOffset = l4Offset + UdpHeader.CHECKSUM_OFFSET;
            payloadHeaderOffset = l4Offset + UdpHeader.LENGTH;
        }
        else
        {
            new TcpHeader().wrap(template, l4Offset, l4Length)
                .headerLength(TcpHeader.MIN_LENGTH)
                .flags(TcpHeader.ACK | TcpHeader.PSH)
                .window(0xFFFF);
            checksumOffset = l4Offset + TcpHeader.CHECKSUM_OFFSET;
            payloadHeaderOffset = l4Offset + TcpHeader.MIN_LENGTH;
        }
        // Ports, checksum and payload header are still zero in the template: they join per packet.
        partialSum = Checksums.sum(template, l4Offset, l4Length, sum);
        defaultSrcPort = t.srcPort();
        defaultDstPort = t.dstPort();
    }

    /** @return length of every frame this builder writes. */
    public int frameLength()
    {
        return frameLength;
    }

    /** @return offset of the {@link PayloadHeader} inside a built frame. */
    public int payloadHeaderOffset()
    {
        return payloadHeaderOffset;
    }

    /** @return offset of the L4 header inside a built frame. */
    public int l4Offset()
    {
        return l4Offset;
    }

    /** Write one frame with the template's ports. */
    public int write(
        final MutableDirectBuffer buffer, final int offset, final int streamId, final long sequence, final long timestamp)
    {
        return write(buffer, offset, defaultSrcPort, defaultDstPort, streamId, sequence, timestamp);
    }

    /**
     * Write one frame.
     *
     * @param buffer    destination, with room for {@link #frameLength()} bytes at {@code offset}.
     * @param offset    where the frame starts.
     * @param srcPort   L4 source port (a generator varies it per flow).
     * @param dstPort   L4 destination port.
     * @param streamId  written in the payload header.
     * @param sequence  written in the payload header (48 bits kept).
     * @param timestamp send time in ns, written in the payload header.
     * @return the frame length.
     */
    public int write(
        final MutableDirectBuffer buffer,
        final int offset,
        final int srcPort,
        final int dstPort,
        final int streamId,
        final long sequence,
        final long timestamp)
    {
        buffer.putBytes(offset, template, 0, frameLength);
        final int l4 = offset + l4Offset;
        buffer.putShort(l4, (short)srcPort, ByteOrder.BIG_ENDIAN);
        buffer.putShort(l4 + 2, (short)dstPort, ByteOrder.BIG_ENDIAN);
        PayloadHeader.write(buffer, offset + payloadHeaderOffset, streamId, sequence & PayloadHeader.SEQUENCE_MASK, timestamp);
        final long sum = partialSum + (srcPort & 0xFFFF) + (dstPort & 0xFFFF) +
            PayloadHeader.checksumWords(streamId, sequence, timestamp);
        int checksum = Checksums.finish(sum);
        if (udp && checksum == 0)
        {
            checksum = 0xFFFF; // RFC 768: a computed zero is sent as all ones
        }
        buffer.putShort(offset + checksumOffset, (short)checksum, ByteOrder.BIG_ENDIAN);
        return frameLength;
    }
}
