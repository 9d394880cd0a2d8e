package dev.twinpath.packet.rss;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.ByteBuffer;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every row of the Microsoft RSS verification table, through every path: primitive fast paths,
 * byte array, direct buffer, the bit-by-bit reference, and {@link RssHasher} with a
 * {@link FlowKey}.
 */
class ToeplitzVectorTest
{
    private static final ToeplitzHash HASH = ToeplitzHash.microsoftDefault();
    private static final RssHasher HASHER = new RssHasher(HASH);

    static List<RssVectors.Row> rows()
    {
        return RssVectors.rows();
    }

    @Test
    void corpusHasBothFamilies()
    {
        final List<RssVectors.Row> rows = rows();
        assertTrue(rows.stream().anyMatch(RssVectors.Row::isIpv4), "no IPv4 rows in " + RssVectors.FILE_NAME);
        assertTrue(rows.stream().anyMatch(r -> !r.isIpv4()), "no IPv6 rows in " + RssVectors.FILE_NAME);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void primitiveFastPaths(final RssVectors.Row row)
    {
        if (row.isIpv4())
        {
            final int src = ByteBuffer.wrap(row.src()).getInt();
            final int dst = ByteBuffer.wrap(row.dst()).getInt();
            assertHex(row.hashWithPorts(), HASH.hashIpv4(src, dst, row.srcPort(), row.dstPort()));
            assertHex(row.hashIpOnly(), HASH.hashIpv4(src, dst));
        }
        else
        {
            final ByteBuffer s = ByteBuffer.wrap(row.src());
            final ByteBuffer d = ByteBuffer.wrap(row.dst());
            final long srcHi = s.getLong();
            final long srcLo = s.getLong();
            final long dstHi = d.getLong();
            final long dstLo = d.getLong();
            assertHex(row.hashWithPorts(), HASH.hashIpv6(srcHi, srcLo, dstHi, dstLo, row.srcPort(), row.dstPort()));
            assertHex(row.hashIpOnly(), HASH.hashIpv6(srcHi, srcLo, dstHi, dstLo));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void byteArrayDirectBufferAndReference(final RssVectors.Row row)
    {
        final int addressBytes = row.src().length + row.dst().length;
        final byte[] input = ByteBuffer.allocate(addressBytes + 4)
            .put(row.src()).put(row.dst())
            .putShort((short)row.srcPort()).putShort((short)row.dstPort())
            .array();

        assertHex(row.hashWithPorts(), HASH.hash(input, 0, input.length));
        assertHex(row.hashIpOnly(), HASH.hash(input, 0, addressBytes));

        // Unaligned, inside a larger buffer.
        final int offset = 3;
        final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(input.length + 8));
        buffer.setMemory(0, buffer.capacity(), (byte)0xA5);
        buffer.putBytes(offset, input);
        assertHex(row.hashWithPorts(), HASH.hash(buffer, offset, input.length));
        assertHex(row.hashIpOnly(), HASH.hash(buffer, offset, addressBytes));

        final byte[] key = ToeplitzHash.microsoftDefaultKey();
        assertHex(row.hashWithPorts(), ToeplitzReference.hash(key, input));
        assertHex(row.hashIpOnly(), ToeplitzReference.hash(key, input, 0, addressBytes));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void rssHasherWithFlowKey(final RssVectors.Row row)
    {
        final FlowKey key = flowKey(row).protocol(FlowKey.PROTOCOL_TCP);

        assertEquals(row.isIpv4() ? RssHashType.TCP_IPV4 : RssHashType.TCP_IPV6, HASHER.hashType(key));
        assertHex(row.hashWithPorts(), HASHER.hash(key));
        assertHex(row.hashWithPorts(), HASHER.hash4Tuple(key));
        assertHex(row.hashIpOnly(), HASHER.hash2Tuple(key));

        key.protocol(FlowKey.PROTOCOL_UDP);
        assertEquals(row.isIpv4() ? RssHashType.UDP_IPV4 : RssHashType.UDP_IPV6, HASHER.hashType(key));
        assertHex(row.hashWithPorts(), HASHER.hash(key));

        key.protocol(FlowKey.PROTOCOL_TCP).fragment(true);
        assertEquals(row.isIpv4() ? RssHashType.IPV4 : RssHashType.IPV6, HASHER.hashType(key));
        assertHex(row.hashIpOnly(), HASHER.hash(key));

        key.fragment(false).noPorts();
        assertHex(row.hashIpOnly(), HASHER.hash(key));
    }

    static FlowKey flowKey(final RssVectors.Row row)
    {
        final FlowKey key = new FlowKey();
        if (row.isIpv4())
        {
            key.ipv4(ByteBuffer.wrap(row.src()).getInt(), ByteBuffer.wrap(row.dst()).getInt());
        }
        else
        {
            final ByteBuffer s = ByteBuffer.wrap(row.src());
            final ByteBuffer d = ByteBuffer.wrap(row.dst());
            key.ipv6(s.getLong(), s.getLong(), d.getLong(), d.getLong());
        }

        return key.ports(row.srcPort(), row.dstPort());
    }

    private static void assertHex(final int expected, final int actual)
    {
        assertEquals(String.format("%08x", expected), String.format("%08x", actual));
    }
}
