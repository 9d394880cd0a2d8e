package dev.twinpath.packet.pcap;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random corruption of valid pcap and pcapng files (an optional cut, then overwritten bytes)
 * is either read or refused with a {@link CaptureFormatException} whose offset lies within the
 * file; no other exception escapes the reader.
 */
class PcapCorruptionTest
{
    private static final byte[] DATA = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13 };

    @Property(tries = 400)
    void corruptedPcapngIsReadOrRefused(
        @ForAll("corruptions") final List<Tuple2<Integer, Byte>> corruptions,
        @ForAll("cuts") final int cut) throws IOException
    {
        final byte[] file = new PcapngFileBuilder()
            .section(ByteOrder.LITTLE_ENDIAN)
            .interfaceDescription(1, 0, 9, 0)
            .interfaceDescription(113, 64, 0x80 | 20, 7)
            .enhancedPacket(0, 1_000, DATA, 60, "comment")
            .block(0x0BAD, new byte[8])
            .simplePacket(13, DATA)
            .enhancedPacket(1, 1L << 20, DATA, 13, null)
            .section(ByteOrder.BIG_ENDIAN)
            .interfaceDescription(1, 0, 6, 0)
            .packet(0, 5, DATA, 13)
            .bytes();
        readOrRefuse(corrupt(file, corruptions, cut), ".pcapng");
    }

    @Property(tries = 300)
    void corruptedPcapIsReadOrRefused(
        @ForAll("corruptions") final List<Tuple2<Integer, Byte>> corruptions,
        @ForAll("cuts") final int cut) throws IOException
    {
        final Path pcap = PcapTestSupport.corpus().resolve("pcaps/zeek_q-in-q.pcap");
        readOrRefuse(corrupt(Files.readAllBytes(pcap), corruptions, cut), ".pcap");
    }

    @Provide
    Arbitrary<List<Tuple2<Integer, Byte>>> corruptions()
    {
        final Arbitrary<Byte> values = Arbitraries.oneOf(
            Arbitraries.bytes(), Arbitraries.of((byte)0, (byte)0xFF, (byte)0x7F, (byte)0x80, (byte)1, (byte)4));
        return Arbitraries.integers().between(0, 1_000).flatMap(
            (position) -> values.map((value) -> Tuple.of(position, value))).list().ofMinSize(1).ofMaxSize(6);
    }

    @Provide
    Arbitrary<Integer> cuts()
    {
        return Arbitraries.oneOf(Arbitraries.just(Integer.MAX_VALUE), Arbitraries.integers().between(0, 1_000));
    }

    private static byte[] corrupt(final byte[] file, final List<Tuple2<Integer, Byte>> corruptions, final int cut)
    {
        final byte[] bytes = Arrays.copyOf(file, Math.min(file.length, cut));
        for (final Tuple2<Integer, Byte> corruption : corruptions)
        {
            if (bytes.length > 0)
            {
                bytes[corruption.get1() % bytes.length] = corruption.get2();
            }
        }
        return bytes;
    }

    private static void readOrRefuse(final byte[] bytes, final String suffix) throws IOException
    {
        final Path file = Files.createTempFile("corrupt", suffix);
        try
        {
            Files.write(file, bytes);
            PcapTestSupport.readAll(file);
        }
        catch (final CaptureFormatException ex)
        {
            assertTrue(ex.offset() >= 0 && ex.offset() < Math.max(1, bytes.length), ex.getMessage());
            assertTrue(ex.getMessage().startsWith(file + ": offset " + ex.offset() + ": "), ex.getMessage());
        }
        finally
        {
            Files.deleteIfExists(file);
        }
    }
}
