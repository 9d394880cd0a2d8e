package dev.twinpath.packet.parse;

import dev.twinpath.packet.build.FrameBuilder;
import dev.twinpath.packet.build.FrameTemplate;
import dev.twinpath.packet.codec.ArpPacket;
import dev.twinpath.packet.codec.EthernetHeader;
import dev.twinpath.packet.codec.Ipv6ExtensionHeader;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Well-formed frames of every kind the parser knows, for seeding mutation properties. */
final class FrameSamples
{
    record Sample(String name, byte[] bytes, int linkType)
    {
    }

    private FrameSamples()
    {
    }

    static byte[] build(final FrameTemplate template)
    {
        final FrameBuilder builder = new FrameBuilder(template);
        final byte[] bytes = new byte[builder.frameLength()];
        builder.write(new UnsafeBuffer(bytes), 0, 7, 1, 2);
        return bytes;
    }

    /** Insert {@code extension} (a whole IPv6 extension header naming the old next header) after the fixed header. */
    static byte[] withIpv6Extension(final byte[] frame, final int l3, final int type, final byte[] extension)
    {
        final byte[] out = new byte[frame.length + extension.length];
        final int fixedEnd = l3 + 40;
        System.arraycopy(frame, 0, out, 0, fixedEnd);
        System.arraycopy(extension, 0, out, fixedEnd, extension.length);
        System.arraycopy(frame, fixedEnd, out, fixedEnd + extension.length, frame.length - fixedEnd);
        extension[0] = out[l3 + 6];
        out[fixedEnd] = out[l3 + 6];
        out[l3 + 6] = (byte)type;
        final UnsafeBuffer b = new UnsafeBuffer(out);
        b.putShort(l3 + 4, (short)((b.getShort(l3 + 4, ByteOrder.BIG_ENDIAN) & 0xFFFF) + extension.length),
            ByteOrder.BIG_ENDIAN);
        return out;
    }

    static byte[] fragmentHeader(final int offsetBytes, final boolean more)
    {
        final byte[] bytes = new byte[8];
        new Ipv6ExtensionHeader().wrap(new UnsafeBuffer(bytes), 0, 8).fragment(0, offsetBytes, more, 0x1234);
        return bytes;
    }

    static List<Sample> all()
    {
        final List<Sample> samples = new ArrayList<>();
        samples.add(new Sample("udp4", build(new FrameTemplate().frameLength(90)), LinkType.ETHERNET));
        samples.add(new Sample("tcp4", build(new FrameTemplate().protocol(FrameTemplate.TCP)), LinkType.ETHERNET));
        samples.add(new Sample("udp4-vlan", build(new FrameTemplate().vlan(100, 3)), LinkType.ETHERNET));
        samples.add(new Sample("udp6", build(new FrameTemplate().addresses("2001:db8::1", "2001:db8::2")), LinkType.ETHERNET));
        final byte[] tcp6 = build(new FrameTemplate().addresses("2001:db8::1", "2001:db8::2").protocol(FrameTemplate.TCP));
        samples.add(new Sample("tcp6", tcp6, LinkType.ETHERNET));
        final byte[] destOptions = new byte[8];
        samples.add(new Sample("tcp6-destopts", withIpv6Extension(tcp6, 14, 60, destOptions), LinkType.ETHERNET));
        samples.add(new Sample("tcp6-first-fragment", withIpv6Extension(tcp6, 14, 44, fragmentHeader(0, true)),
            LinkType.ETHERNET));
        samples.add(new Sample("tcp6-later-fragment", withIpv6Extension(tcp6, 14, 44, fragmentHeader(1448, false)),
            LinkType.ETHERNET));

        final byte[] qinq = build(new FrameTemplate().vlan(10, 0));
        final byte[] stacked = new byte[qinq.length + 4];
        System.arraycopy(qinq, 0, stacked, 0, 12);
        System.arraycopy(qinq, 12, stacked, 16, qinq.length - 12);
        final UnsafeBuffer s = new UnsafeBuffer(stacked);
        s.putShort(12, (short)0x88A8, ByteOrder.BIG_ENDIAN);
        s.putShort(14, (short)200, ByteOrder.BIG_ENDIAN);
        samples.add(new Sample("udp4-qinq", stacked, LinkType.ETHERNET));

        final byte[] arp = new byte[60];
        new EthernetHeader().wrap(new UnsafeBuffer(arp), 0, 60).dst(EthernetHeader.BROADCAST).src(2).etherType(0x0806);
        new ArpPacket().wrap(new UnsafeBuffer(arp), 14, 46).ethernetIpv4(ArpPacket.OP_REQUEST).sender(2, 0x0A000001)
            .target(0, 0x0A000002);
        samples.add(new Sample("arp", arp, LinkType.ETHERNET));

        final byte[] udp4 = samples.get(0).bytes();
        final byte[] sll = new byte[udp4.length + 2];
        System.arraycopy(udp4, 14, sll, 16, udp4.length - 14);
        new UnsafeBuffer(sll).putShort(14, (short)0x0800, ByteOrder.BIG_ENDIAN);
        samples.add(new Sample("udp4-sll", sll, LinkType.LINUX_SLL));
        samples.add(new Sample("udp4-raw", Arrays.copyOfRange(udp4, 14, udp4.length), LinkType.RAW));
        return samples;
    }
}
