package dev.twinpath.vf.nic;

import dev.twinpath.packet.build.FrameBuilder;
import dev.twinpath.packet.build.FrameTemplate;
import dev.twinpath.packet.codec.Ipv4Header;
import dev.twinpath.packet.parse.FrameParser;
import dev.twinpath.packet.parse.FrameStatus;
import dev.twinpath.packet.parse.ParsedFrame;
import dev.twinpath.packet.rss.FlowKey;
import dev.twinpath.packet.rss.RssHasher;
import dev.twinpath.packet.rss.ToeplitzHash;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The NIC's quick header reads agree with the full parser: MACs, outer VLAN, and the RSS hash
 * (4-tuple for unfragmented TCP/UDP, else the address pair) for IPv4 with and without options,
 * fragments, IPv6, untagged and tagged frames.
 */
class FrameViewTest
{
    private final FrameParser parser = new FrameParser();
    private final ParsedFrame parsed = new ParsedFrame();
    private final FlowKey key = new FlowKey();
    private final ToeplitzHash toeplitz = ToeplitzHash.microsoftDefault();
    private final RssHasher hasher = new RssHasher(toeplitz);

    @Property(tries = 400)
    void quickReadsAgreeWithTheParser(
        @ForAll final boolean ipv6,
        @ForAll final boolean tcp,
        @ForAll @IntRange(min = -1, max = 4094) final int vlan,
        @ForAll final int a,
        @ForAll final int b,
        @ForAll @IntRange(max = 0xFFFF) final int sport,
        @ForAll @IntRange(max = 0xFFFF) final int dport,
        @ForAll @IntRange(max = 2) final int ipv4Variant,
        @ForAll final long srcMac,
        @ForAll final long dstMac)
    {
        final FrameTemplate template = new FrameTemplate().vlan(vlan, 0).ports(sport, dport)
            .protocol(tcp ? FrameTemplate.TCP : FrameTemplate.UDP)
            .srcMac(srcMac & 0xFEFF_FFFF_FFFFL).dstMac(dstMac & 0xFFFF_FFFF_FFFFL);
        if (ipv6)
        {
            template.ipv6(a, b, ~a, ~b);
        }
        else
        {
            template.ipv4(a, b);
        }
        final FrameBuilder builder = new FrameBuilder(template.frameLength(template.minimumFrameLength() + 8));
        final byte[] bytes = new byte[builder.frameLength() + 4];
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        int length = builder.write(buffer, 0, sport, dport, 1, 2, 3);
        final int l3 = vlan >= 0 ? 18 : 14;
        if (!ipv6 && ipv4Variant == 1)
        {
            // Add a 4-byte option (NOP x4): IHL 6, everything behind it moves.
            buffer.putBytes(l3 + 24, buffer, l3 + 20, length - l3 - 20);
            buffer.putInt(l3 + 20, 0x01010101, ByteOrder.BIG_ENDIAN);
            length += 4;
            final Ipv4Header ip = new Ipv4Header().wrap(buffer, l3, length - l3);
            ip.versionAndHeaderLength(24).totalLength(ip.totalLength() + 4).updateChecksum();
        }
        else if (!ipv6 && ipv4Variant == 2)
        {
            new Ipv4Header().wrap(buffer, l3, length - l3).flagsAndFragment(Ipv4Header.FLAG_MF).updateChecksum();
        }
        assertEquals(FrameStatus.OK, parser.parse(buffer, 0, length, parsed));
        parsed.flowKey(key);
        final int expected = key.hasPorts() && !key.fragment() ? hasher.hash4Tuple(key) : hasher.hash2Tuple(key);
        assertEquals(expected, FrameView.rssHash(toeplitz, buffer, 0, length));
        assertEquals(parsed.ethDst(), FrameView.dstMac(buffer, 0));
        assertEquals(parsed.ethSrc(), FrameView.srcMac(buffer, 0));
        assertEquals(parsed.vlanCount() > 0 ? parsed.vlanId(0) : FrameView.UNTAGGED, FrameView.vlan(buffer, 0, length));
    }
}
