package dev.twinpath.packet.build;

import dev.twinpath.packet.codec.Checksums;
import dev.twinpath.packet.parse.FrameParser;
import dev.twinpath.packet.parse.FrameStatus;
import dev.twinpath.packet.parse.ParsedFrame;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrameBuilderTest
{
    private final FrameParser parser = new FrameParser();
    private final ParsedFrame frame = new ParsedFrame();

    @Property(tries = 500)
    void buildThenParseRoundTrips(
        @ForAll final boolean ipv6,
        @ForAll final boolean tcp,
        @ForAll @IntRange(min = -1, max = 4094) final int vlan,
        @ForAll final int srcIp,
        @ForAll final int dstIp,
        @ForAll final long srcHi,
        @ForAll final long dstLo,
        @ForAll @IntRange(max = 0xFFFF) final int srcPort,
        @ForAll @IntRange(max = 0xFFFF) final int dstPort,
        @ForAll @IntRange(max = 1500) final int extra,
        @ForAll final int streamId,
        @ForAll @LongRange(min = 0, max = PayloadHeader.SEQUENCE_MASK) final long sequence,
        @ForAll final long timestamp)
    {
        final FrameTemplate template = new FrameTemplate()
            .protocol(tcp ? FrameTemplate.TCP : FrameTemplate.UDP)
            .vlan(vlan, 3)
            .ports(1, 2);
        if (ipv6)
        {
            template.ipv6(srcHi, 7, 0x2001_0db8_0000_0000L, dstLo);
        }
        else
        {
            template.ipv4(srcIp, dstIp);
        }
        template.frameLength(template.minimumFrameLength() + extra);
        final FrameBuilder builder = new FrameBuilder(template);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[builder.frameLength() + 16]);
        final int length = builder.write(buffer, 16, srcPort, dstPort, streamId, sequence, timestamp);

        assertEquals(FrameStatus.OK, parser.parse(buffer, 16, length, frame), () -> frame.status().description());
        assertEquals(tcp ? 6 : 17, frame.ipProtocol());
        assertEquals(ipv6 ? 6 : 4, frame.ipVersion());
        assertEquals(vlan >= 0 ? 1 : 0, frame.vlanCount());
        if (vlan >= 0)
        {
            assertEquals(vlan, frame.vlanId(0));
        }
        if (ipv6)
        {
            assertEquals(srcHi, frame.srcHi());
            assertEquals(dstLo, frame.dstLo());
        }
        else
        {
            assertEquals(srcIp, frame.ipv4Src());
            assertEquals(dstIp, frame.ipv4Dst());
        }
        assertEquals(srcPort, frame.srcPort());
        assertEquals(dstPort, frame.dstPort());
        assertEquals(streamId, PayloadHeader.streamId(buffer, frame.payloadOffset()));
        assertEquals(sequence, PayloadHeader.sequence(buffer, frame.payloadOffset()));
        assertEquals(timestamp, PayloadHeader.timestamp(buffer, frame.payloadOffset()));

        final int l4Length = frame.ipTotalLength() - frame.ipHeaderLength();
        final boolean l4Ok = ipv6 ?
            Checksums.verifyL4Ipv6(buffer, frame.l4Offset(), l4Length, frame.srcHi(), frame.srcLo(), frame.dstHi(),
                frame.dstLo(), frame.ipProtocol()) :
            Checksums.verifyL4Ipv4(buffer, frame.l4Offset(), l4Length, frame.ipv4Src(), frame.ipv4Dst(), frame.ipProtocol());
        assertTrue(l4Ok, "L4 checksum must verify");
    }

    @Test
    void minimumUdpIpv4FrameIsSixtyBytes()
    {
        assertEquals(60, new FrameTemplate().minimumFrameLength());
        assertEquals(60, new FrameBuilder(new FrameTemplate()).frameLength());
    }

    @Test
    void badTemplateNamesTheField()
    {
        final IllegalArgumentException e = assertThrows(
            IllegalArgumentException.class, () -> new FrameTemplate().frameLength(59).conclude());
        assertTrue(e.getMessage().startsWith("frameLength"), e.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new FrameTemplate().vlan(4095, 0).conclude())
            .getMessage().startsWith("vlanId"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new FrameTemplate().ports(1, 70000).conclude())
            .getMessage().startsWith("ports"));
    }
}
