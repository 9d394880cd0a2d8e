package dev.twinpath.packet.rss;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Properties: the table-driven hash equals the bit-by-bit definition on random keys (40 and 52
 * bytes) and inputs of every allowed length, through byte arrays and direct buffers at any
 * offset; the primitive fast paths equal the byte path.
 */
class ToeplitzPropertiesTest
{
    /**
     * A key, and an input placed at {@code offset} inside {@code buffer} with junk around it.
     */
    record Case(byte[] key, byte[] buffer, int offset, int length)
    {
        @Override
        public String toString()
        {
            return "Case{key=" + Arrays.toString(key) + ", input=" +
                Arrays.toString(Arrays.copyOfRange(buffer, offset, offset + length)) + ", offset=" + offset + '}';
        }
    }

    @Property(tries = 500)
    void tableDrivenEqualsReference(@ForAll("cases") final Case c)
    {
        final ToeplitzHash hash = new ToeplitzHash(c.key());
        final int expected = ToeplitzReference.hash(c.key(), c.buffer(), c.offset(), c.length());

        assertEquals(expected, hash.hash(c.buffer(), c.offset(), c.length()), "byte[] path");

        final UnsafeBuffer direct = new UnsafeBuffer(ByteBuffer.allocateDirect(c.buffer().length));
        direct.putBytes(0, c.buffer());
        assertEquals(expected, hash.hash(direct, c.offset(), c.length()), "DirectBuffer path");
        assertEquals(expected, hash.hash(new UnsafeBuffer(c.buffer()), c.offset(), c.length()), "heap UnsafeBuffer");
    }

    @Property(tries = 300)
    void ipv4FastPathsEqualBytePath(
        @ForAll("keys") final byte[] key,
        @ForAll final int src,
        @ForAll final int dst,
        @ForAll @IntRange(max = 0xFFFF) final int srcPort,
        @ForAll @IntRange(max = 0xFFFF) final int dstPort)
    {
        final ToeplitzHash hash = new ToeplitzHash(key);
        final byte[] input = ByteBuffer.allocate(12)
            .putInt(src).putInt(dst).putShort((short)srcPort).putShort((short)dstPort).array();

        assertEquals(hash.hash(input, 0, 12), hash.hashIpv4(src, dst, srcPort, dstPort));
        assertEquals(hash.hash(input, 0, 8), hash.hashIpv4(src, dst));
        assertEquals(ToeplitzReference.hash(key, input), hash.hashIpv4(src, dst, srcPort, dstPort));
    }

    @Property(tries = 300)
    void ipv6FastPathsEqualBytePath(
        @ForAll("keys") final byte[] key,
        @ForAll final long srcHi,
        @ForAll final long srcLo,
        @ForAll final long dstHi,
        @ForAll final long dstLo,
        @ForAll @IntRange(max = 0xFFFF) final int srcPort,
        @ForAll @IntRange(max = 0xFFFF) final int dstPort)
    {
        final ToeplitzHash hash = new ToeplitzHash(key);
        final byte[] input = ByteBuffer.allocate(36)
            .putLong(srcHi).putLong(srcLo).putLong(dstHi).putLong(dstLo)
            .putShort((short)srcPort).putShort((short)dstPort).array();

        assertEquals(hash.hash(input, 0, 36), hash.hashIpv6(srcHi, srcLo, dstHi, dstLo, srcPort, dstPort));
        assertEquals(hash.hash(input, 0, 32), hash.hashIpv6(srcHi, srcLo, dstHi, dstLo));
        assertEquals(ToeplitzReference.hash(key, input), hash.hashIpv6(srcHi, srcLo, dstHi, dstLo, srcPort, dstPort));
    }

    @Property(tries = 200)
    void portsUseOnlyTheLow16Bits(
        @ForAll final int src,
        @ForAll final int dst,
        @ForAll final int srcPort,
        @ForAll final int dstPort)
    {
        final ToeplitzHash hash = ToeplitzHash.microsoftDefault();
        assertEquals(
            hash.hashIpv4(src, dst, srcPort & 0xFFFF, dstPort & 0xFFFF),
            hash.hashIpv4(src, dst, srcPort, dstPort));
        assertEquals(
            hash.hashIpv6(0, src, 0, dst, srcPort & 0xFFFF, dstPort & 0xFFFF),
            hash.hashIpv6(0, src, 0, dst, srcPort, dstPort));
    }

    @Provide
    Arbitrary<byte[]> keys()
    {
        return Arbitraries.of(40, 52).flatMap(n -> Arbitraries.bytes().array(byte[].class).ofSize(n));
    }

    @Provide
    Arbitrary<Case> cases()
    {
        return Arbitraries.of(40, 52).flatMap(keyLength -> Combinators.combine(
            Arbitraries.bytes().array(byte[].class).ofSize(keyLength),
            Arbitraries.bytes().array(byte[].class).ofMinSize(0).ofMaxSize(keyLength - 4),
            Arbitraries.integers().between(0, 9),
            Arbitraries.integers().between(0, 9),
            Arbitraries.bytes())
            .as((key, input, before, after, fill) ->
            {
                final byte[] buffer = new byte[before + input.length + after];
                Arrays.fill(buffer, fill);
                System.arraycopy(input, 0, buffer, before, input.length);
                return new Case(key, buffer, before, input.length);
            }));
    }
}
