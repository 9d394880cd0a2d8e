package dev.twinpath.bench.jmh;

import dev.twinpath.packet.build.FrameBuilder;
import dev.twinpath.packet.build.FrameTemplate;
import dev.twinpath.packet.codec.ArpPacket;
import dev.twinpath.packet.codec.EthernetHeader;
import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.util.Random;

/**
 * A realistic mix of frames laid out in off-heap slots of {@link #SLOT} bytes, as they would sit in
 * a packet pool: IPv4/IPv6, UDP/TCP, 802.1Q and QinQ tagged, ARP, sizes from 60 to 1,514 bytes.
 * Built once per benchmark trial (control path). Fixed seed, so every run measures the same frames.
 */
final class FrameMix
{
    static final int SLOT = 2048;
    static final int FRAMES = 256;

    final UnsafeBuffer buffer = new UnsafeBuffer(BufferUtil.allocateDirectAligned(SLOT * FRAMES, 64));
    final int[] lengths = new int[FRAMES];

    FrameMix()
    {
        final Random random = new Random(42);
        final int[] sizes = {60, 64, 128, 256, 512, 1024, 1514};
        for (int i = 0; i < FRAMES; i++)
        {
            final int kind = random.nextInt(100);
            final int offset = i * SLOT;
            if (kind < 5)
            {
                lengths[i] = arp(offset, random.nextInt());
                continue;
            }
            final FrameTemplate t = new FrameTemplate()
                .ports(1024 + random.nextInt(60000), 80 + random.nextInt(1000));
            if (kind < 45)
            {
                t.ipv4(random.nextInt(), random.nextInt());
            }
            else if (kind < 65)
            {
                t.ipv4(random.nextInt(), random.nextInt()).protocol(FrameTemplate.TCP);
            }
            else if (kind < 80)
            {
                t.ipv6(0x2001_0db8_0000_0000L | random.nextInt(), random.nextLong(), 0x2001_0db8_0000_0000L, random.nextLong());
            }
            else if (kind < 85)
            {
                t.ipv6(0x2001_0db8_0000_0000L, random.nextLong(), 0x2001_0db8_0000_0001L, random.nextLong())
                    .protocol(FrameTemplate.TCP);
            }
            else
            {
                t.ipv4(random.nextInt(), random.nextInt()).vlan(1 + random.nextInt(4000), 0);
            }
            final int size = Math.max(sizes[random.nextInt(sizes.length)], t.minimumFrameLength());
            final FrameBuilder builder = new FrameBuilder(t.frameLength(Math.min(size, 1514)));
            lengths[i] = builder.write(buffer, offset, i, i, System.nanoTime());
            if (kind >= 95 && lengths[i] + 4 <= SLOT)
            {
                lengths[i] = addOuterTag(offset, lengths[i]);
            }
        }
    }

    private int arp(final int offset, final int ip)
    {
        new EthernetHeader().wrap(buffer, offset, 60)
            .dst(EthernetHeader.BROADCAST).src(0x0200_0000_0009L).etherType(EthernetHeader.TYPE_ARP);
        new ArpPacket().wrap(buffer, offset + EthernetHeader.LENGTH, 46)
            .ethernetIpv4(ArpPacket.OP_REQUEST).sender(0x0200_0000_0009L, ip).target(0, ip + 1);
        return 60;
    }

    /** Turn a single-tagged frame into QinQ: an 802.1ad outer tag in front of the 802.1Q one. */
    private int addOuterTag(final int offset, final int length)
    {
        buffer.putBytes(offset + 16, buffer, offset + 12, length - 12);
        buffer.putShort(offset + 12, (short)0x88A8, ByteOrder.BIG_ENDIAN);
        buffer.putShort(offset + 14, (short)100, ByteOrder.BIG_ENDIAN);
        return length + 4;
    }
}
