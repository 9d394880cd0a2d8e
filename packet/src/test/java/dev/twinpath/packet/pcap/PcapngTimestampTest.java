package dev.twinpath.packet.pcap;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.math.BigInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Conversion of pcapng timestamps to nanoseconds for every supported {@code if_tsresol},
 * checked against exact big-integer arithmetic.
 */
class PcapngTimestampTest
{
    private static final BigInteger NANOS_PER_SECOND = BigInteger.valueOf(1_000_000_000L);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    @Property(tries = 2000)
    void convertsLikeExactArithmetic(@ForAll final long units, @ForAll("tsresols") final int tsresol)
    {
        final BigInteger unitsPerSecond = 0 == (tsresol & 0x80) ?
            BigInteger.TEN.pow(tsresol) : BigInteger.TWO.pow(tsresol & 0x7F);
        final BigInteger exact = new BigInteger(Long.toUnsignedString(units))
            .multiply(NANOS_PER_SECOND)
            .divide(unitsPerSecond);

        if (exact.compareTo(LONG_MAX) > 0)
        {
            assertThrows(ArithmeticException.class, () -> PcapngInterfaceTable.toNanos(units, tsresol));
        }
        else
        {
            assertEquals(exact.longValueExact(), PcapngInterfaceTable.toNanos(units, tsresol));
        }
    }

    @Example
    void supportsPowersOfTenToAttosecondsAndPowersOfTwoTo63()
    {
        assertTrue(PcapngInterfaceTable.isSupportedTsresol(0));
        assertTrue(PcapngInterfaceTable.isSupportedTsresol(18));
        assertFalse(PcapngInterfaceTable.isSupportedTsresol(19));
        assertTrue(PcapngInterfaceTable.isSupportedTsresol(0x80 | 63));
        assertFalse(PcapngInterfaceTable.isSupportedTsresol(0x80 | 64));
    }

    @Provide
    Arbitrary<Integer> tsresols()
    {
        return Arbitraries.oneOf(
            Arbitraries.integers().between(0, 18), Arbitraries.integers().between(0x80, 0x80 | 63));
    }
}
