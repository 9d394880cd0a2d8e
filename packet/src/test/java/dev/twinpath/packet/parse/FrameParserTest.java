package dev.twinpath.packet.parse;

import dev.twinpath.packet.build.FrameBuilder;
import dev.twinpath.packet.build.FrameTemplate;
import dev.twinpath.packet.codec.Ipv4Header;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FrameParserTest
{
    private final FrameParser parser = new FrameParser();
    private final ParsedFrame frame = new ParsedFrame();

    private static UnsafeBuffer udp4(final int length)
    {
        final FrameBuilder builder = new FrameBuilder(new FrameTemplate().frameLength(length));
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[length]);
        builder.write(buffer, 0, 1, 2, 3);
        return buffer;
    }

    private FrameStatus parse(final UnsafeBuffer buffer)
    {
        return parser.parse(buffer, 0, buffer.capacity(), frame);
    }

    private static void fixIpChecksum(final UnsafeBuffer buffer, final int l3)
    {
        new Ipv4Header().wrap(buffer, l3, 20).updateChecksum();
    }

    @Test
    void wellFormedUdp()
    {
        assertEquals(FrameStatus.OK, parse(udp4(60)));
        assertEquals(0x0800, frame.etherType());
        assertEquals(1024, frame.srcPort());
        assertEquals(5001, frame.dstPort());
        assertEquals(0x0200_0000_0001L, frame.ethSrc());
        assertEquals(14, frame.l3Offset());
        assertEquals(34, frame.l4Offset());
        assertFalse(frame.isFragment());
    }

    @Test
    void eachReasonIsReported()
    {
        final UnsafeBuffer shortFrame = udp4(60);
        shortFrame.putShort(16, (short)28, ByteOrder.BIG_ENDIAN); // IPv4 + UDP header, no payload: 42 bytes
        shortFrame.putShort(38, (short)8, ByteOrder.BIG_ENDIAN);
        fixIpChecksum(shortFrame, 14);
        assertEquals(FrameStatus.RUNT, parser.parse(shortFrame, 0, 42, frame));
        assertEquals(1024, frame.srcPort(), "a runt still parses");
        assertEquals(FrameStatus.OK, new FrameParser(new FrameParser.Context().minFrameLength(0))
            .parse(shortFrame, 0, 42, frame));
        assertEquals(FrameStatus.TRUNCATED_L2, parser.parse(udp4(60), 0, 13, 60, LinkType.ETHERNET, frame));
        assertEquals(FrameStatus.TRUNCATED_L3, parser.parse(udp4(60), 0, 30, 60, LinkType.ETHERNET, frame));
        assertEquals(FrameStatus.TRUNCATED_L4, parser.parse(udp4(60), 0, 40, 60, LinkType.ETHERNET, frame));
        assertEquals(FrameStatus.UNSUPPORTED_LINK_TYPE, parser.parse(udp4(60), 0, 60, 60, 147, frame));

        UnsafeBuffer b = udp4(60);
        b.putByte(14, (byte)0x44);
        assertEquals(FrameStatus.BAD_IHL, parse(b));

        b = udp4(60);
        b.putByte(14, (byte)0x55);
        assertEquals(FrameStatus.BAD_IP_VERSION, parse(b));

        b = udp4(60);
        b.putShort(16, (short)19, ByteOrder.BIG_ENDIAN);
        fixIpChecksum(b, 14);
        assertEquals(FrameStatus.BAD_IP_TOTAL_LENGTH, parse(b));

        b = udp4(60);
        b.putShort(16, (short)47, ByteOrder.BIG_ENDIAN);
        fixIpChecksum(b, 14);
        assertEquals(FrameStatus.IP_LENGTH_BEYOND_FRAME, parse(b));

        b = udp4(60);
        b.putByte(22, (byte)63); // TTL without checksum fix
        assertEquals(FrameStatus.BAD_IP_CHECKSUM, parse(b));
        assertEquals(1024, frame.srcPort(), "a checksum problem still lets the rest parse");

        b = udp4(60);
        b.putShort(20, (short)0x1FFF, ByteOrder.BIG_ENDIAN); // offset 65528 + 26 bytes
        fixIpChecksum(b, 14);
        assertEquals(FrameStatus.BAD_FRAGMENT, parse(b));

        b = udp4(60);
        b.putShort(38, (short)7, ByteOrder.BIG_ENDIAN); // UDP length 7
        assertEquals(FrameStatus.BAD_L4_LENGTH, parse(b));

        b = udp4(60);
        b.putShort(38, (short)27, ByteOrder.BIG_ENDIAN); // UDP length beyond the IP payload (26)
        assertEquals(FrameStatus.BAD_L4_LENGTH, parse(b));

        assertEquals(FrameStatus.OVERSIZE, parser.parse(udp4(60), 0, 60, 9217, LinkType.ETHERNET, frame));
    }

    @Test
    void vlanStacksOuterFirstAndTooManyTags()
    {
        final byte[] bytes = new byte[14 + 4 * 9 + 46];
        final UnsafeBuffer b = new UnsafeBuffer(bytes);
        b.putShort(12, (short)0x88A8, ByteOrder.BIG_ENDIAN);
        b.putShort(14, (short)200, ByteOrder.BIG_ENDIAN);
        b.putShort(16, (short)0x8100, ByteOrder.BIG_ENDIAN);
        b.putShort(18, (short)(0x2000 | 2001), ByteOrder.BIG_ENDIAN);
        b.putShort(20, (short)0x0806, ByteOrder.BIG_ENDIAN);
        assertEquals(FrameStatus.OK, parse(b));
        assertEquals(2, frame.vlanCount());
        assertEquals(200, frame.vlanId(0));
        assertEquals(0x88A8, frame.vlanTpid(0));
        assertEquals(2001, frame.vlanId(1));
        assertEquals(0x0806, frame.etherType());

        for (int i = 0; i < 9; i++)
        {
            b.putShort(12 + 4 * i, (short)0x8100, ByteOrder.BIG_ENDIAN);
        }
        assertEquals(FrameStatus.TOO_MANY_TAGS, parse(b));
    }

    @Test
    void ipv6ExtensionChain()
    {
        final FrameBuilder builder = new FrameBuilder(new FrameTemplate().addresses("2001:db8::1", "2001:db8::2"));
        final int length = builder.frameLength() + 8;
        final UnsafeBuffer b = new UnsafeBuffer(new byte[length]);
        builder.write(b, 0, 1, 2, 3);
        // Insert an 8-byte destination-options header between IPv6 and UDP.
        b.putBytes(62, b, 54, builder.frameLength() - 54);
        b.putByte(54, (byte)17);
        b.putByte(55, (byte)0);
        b.setMemory(56, 6, (byte)0);
        b.putByte(20, (byte)60);
        b.putShort(18, (short)(length - 54), ByteOrder.BIG_ENDIAN);
        assertEquals(FrameStatus.OK, parse(b));
        assertEquals(17, frame.ipProtocol());
        assertEquals(60, frame.ipv6FirstNextHeader());
        assertEquals(48, frame.ipHeaderLength());
        assertEquals(1024, frame.srcPort());

        b.putByte(55, (byte)200); // header longer than the payload
        assertEquals(FrameStatus.BAD_IPV6_EXT_CHAIN, parse(b));

        b.putByte(55, (byte)0);
        b.putByte(54, (byte)0); // hop-by-hop after another header
        assertEquals(FrameStatus.BAD_IPV6_EXT_CHAIN, parse(b));

        b.putByte(54, (byte)17);
        b.putByte(20, (byte)43); // a routing header type 0 with segments left
        b.putByte(56, (byte)0);
        b.putByte(57, (byte)1);
        assertEquals(FrameStatus.IPV6_RH0, parse(b));
        assertEquals(1024, frame.srcPort());
        assertEquals(FrameStatus.OK, new FrameParser(new FrameParser.Context().rejectRoutingHeaderType0(false))
            .parse(b, 0, length, frame));
    }

    @Test
    void contextRefusesBadValuesNamingTheField()
    {
        assertEquals("maxFrameLength must be in 60..262144: 10",
            assertThrows(IllegalArgumentException.class,
                () -> new FrameParser(new FrameParser.Context().maxFrameLength(10))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new FrameParser(new FrameParser.Context().minFrameLength(-1)));
    }

    /**
     * Any bytes, any lengths, any link type: no exception, and the verdict depends only on the bytes
     * inside the window (garbage before and after changes nothing), so nothing outside is read.
     */
    @Property(tries = 3000)
    void anyBytesParseWithoutExceptionOrReadsOutsideTheWindow(
        @ForAll @Size(max = 200) final byte[] data,
        @ForAll @IntRange(max = 300) final int wireExtra,
        @ForAll("linkTypes") final int linkType,
        @ForAll final long seed)
    {
        final Random random = new Random(seed);
        final int pad = 16;
        final byte[] one = new byte[pad + data.length];
        final byte[] two = new byte[pad + data.length];
        random.nextBytes(one);
        random.nextBytes(two);
        System.arraycopy(data, 0, one, pad, data.length);
        System.arraycopy(data, 0, two, pad, data.length);
        // The window ends at the end of the array: a read past it would throw.
        final FrameStatus s1 = parser.parse(new UnsafeBuffer(one), pad, data.length, data.length + wireExtra, linkType, frame);
        final String first = describe(frame);
        final FrameStatus s2 = parser.parse(new UnsafeBuffer(two), pad, data.length, data.length + wireExtra, linkType, frame);
        assertEquals(s1, s2);
        assertEquals(first, describe(frame));
    }

    @Test
    void everySampleKindParsesOk()
    {
        for (final FrameSamples.Sample sample : FrameSamples.all())
        {
            assertEquals(FrameStatus.OK, parser.parse(new UnsafeBuffer(sample.bytes()), 0, sample.bytes().length,
                sample.bytes().length, sample.linkType(), frame), sample.name());
        }
    }

    /**
     * Frames of every kind, with random bytes changed and random captured/wire lengths, in a buffer
     * that ends exactly at the captured bytes (a read past them would throw): never an exception,
     * and the verdict does not depend on the bytes before the window.
     */
    @Property(tries = 5000)
    void mutatedFramesOfEveryKindNeverThrow(
        @ForAll @IntRange(max = 11) final int kind,
        @ForAll @Size(max = 6) final int[] positions,
        @ForAll final byte value,
        @ForAll @IntRange(max = 200) final int cut,
        @ForAll @IntRange(max = 100) final int wireExtra)
    {
        final FrameSamples.Sample sample = FrameSamples.all().get(kind);
        final byte[] bytes = sample.bytes().clone();
        for (final int p : positions)
        {
            bytes[Math.floorMod(p, bytes.length)] = value;
        }
        final int captured = Math.max(0, bytes.length - cut);
        final byte[] one = new byte[8 + captured];
        final byte[] two = new byte[8 + captured];
        Arrays.fill(two, 0, 8, (byte)0x5A);
        System.arraycopy(bytes, 0, one, 8, captured);
        System.arraycopy(bytes, 0, two, 8, captured);
        final FrameStatus s1 = parser.parse(new UnsafeBuffer(one), 8, captured, bytes.length + wireExtra,
            sample.linkType(), frame);
        final String first = describe(frame);
        final FrameStatus s2 = parser.parse(new UnsafeBuffer(two), 8, captured, bytes.length + wireExtra,
            sample.linkType(), frame);
        assertEquals(s1, s2);
        assertEquals(first, describe(frame));
    }

    @Test
    void laterIpv6FragmentsCarryPayloadNotHeaders()
    {
        final byte[] tcp6 = FrameSamples.build(
            new FrameTemplate().addresses("2001:db8::1", "2001:db8::2").protocol(FrameTemplate.TCP));
        for (final int next : new int[]{60, 51, 0, 43, 6})
        {
            final byte[] bytes = FrameSamples.withIpv6Extension(tcp6, 14, 44, FrameSamples.fragmentHeader(1448, true));
            bytes[54] = (byte)next;
            bytes[62] = (byte)0xEE; // payload bytes that would be garbage as a header
            bytes[63] = (byte)0xEE;
            assertEquals(FrameStatus.OK, parser.parse(new UnsafeBuffer(bytes), 0, bytes.length, frame), "next " + next);
            assertEquals(next, frame.ipProtocol());
            assertEquals(48, frame.ipHeaderLength());
            assertEquals(1448, frame.fragmentOffset());
            assertEquals(true, frame.isFragment());
            assertFalse(frame.hasPorts());
        }
    }

    @Test
    void atomicIpv6FragmentIsAWholeDatagram()
    {
        final byte[] tcp6 = FrameSamples.build(
            new FrameTemplate().addresses("2001:db8::1", "2001:db8::2").protocol(FrameTemplate.TCP));
        final byte[] bytes = FrameSamples.withIpv6Extension(tcp6, 14, 44, FrameSamples.fragmentHeader(0, false));
        assertEquals(FrameStatus.OK, parser.parse(new UnsafeBuffer(bytes), 0, bytes.length, frame));
        assertFalse(frame.isFragment(), "RFC 6946 atomic fragment");
        assertEquals(6, frame.ipProtocol());
        assertEquals(1024, frame.srcPort());
    }

    @Test
    void ieee8023LengthIsNotAnEtherType()
    {
        final UnsafeBuffer b = new UnsafeBuffer(new byte[60]);
        b.putShort(12, (short)38, ByteOrder.BIG_ENDIAN); // an STP BPDU: 802.3 length, LLC follows
        b.putInt(14, 0x42420300, ByteOrder.BIG_ENDIAN);
        assertEquals(FrameStatus.OK, parse(b));
        assertEquals(ParsedFrame.NONE, frame.etherType());
        assertEquals(ParsedFrame.NONE, frame.l3Offset());
    }

    @Test
    void offsetOutsideTheBufferIsTruncatedNotAnException()
    {
        final UnsafeBuffer b = udp4(60);
        assertEquals(FrameStatus.TRUNCATED_L2, parser.parse(b, -4, 60, frame));
        assertEquals(FrameStatus.TRUNCATED_L2, parser.parse(b, 61, 60, frame));
        assertEquals(FrameStatus.TRUNCATED_L2, parser.parse(b, 0, -5, 60, LinkType.ETHERNET, frame));
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<Integer> linkTypes()
    {
        return net.jqwik.api.Arbitraries.of(LinkType.ETHERNET, LinkType.LINUX_SLL, LinkType.LINUX_SLL2, LinkType.RAW, 0);
    }

    private static String describe(final ParsedFrame f)
    {
        return Arrays.toString(new long[]{
            f.status().ordinal(), f.l3Offset(), f.l4Offset(), f.ipVersion(), f.ipProtocol(), f.srcPort(), f.dstPort(),
            f.srcHi(), f.srcLo(), f.dstHi(), f.dstLo(), f.vlanCount(), f.etherType(), f.payloadOffset(),
            f.payloadLength(), f.fragmentOffset(), f.ethDst(), f.ethSrc(), f.icmpType(), f.arpOpcode()});
    }
}
