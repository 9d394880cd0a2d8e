package dev.twinpath.packet.pcap;

import java.util.Arrays;

/**
 * The interfaces described by the Interface Description Blocks of the current pcapng section:
 * link type, snapshot length and timestamp resolution and offset, indexed by interface id.
 * Converts a block's raw 64-bit timestamp to nanoseconds since the epoch for its interface.
 * <p>
 * {@code if_tsresol} is a byte: with the top bit clear the unit is 10^-n seconds, with it set
 * 2^-n seconds (n in the low 7 bits). Supported: 10^0 .. 10^-18 and 2^0 .. 2^-63. The default
 * is 10^-6.
 * <p>
 * Not thread-safe: owned by the thread that reads the file.
 */
final class PcapngInterfaceTable
{
    /**
     * Default {@code if_tsresol}: microseconds.
     */
    static final int DEFAULT_TSRESOL = 6;

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final int POWER_OF_TWO_FLAG = 0x80;
    private static final int MAX_POWER_OF_TEN = 18;
    private static final int MAX_POWER_OF_TWO = 63;
    private static final long[] POWERS_OF_TEN = new long[MAX_POWER_OF_TEN + 1];

    static
    {
        long value = 1;
        for (int i = 0; i <= MAX_POWER_OF_TEN; i++)
        {
            POWERS_OF_TEN[i] = value;
            value *= 10;
        }
    }

    private int count;
    private int[] linkTypes = new int[4];
    private long[] snaplens = new long[4];
    private int[] tsresols = new int[4];
    private long[] offsetNanos = new long[4];

    /**
     * Whether a {@code if_tsresol} value can be converted to nanoseconds.
     *
     * @param tsresol the option byte.
     * @return true if supported.
     */
    static boolean isSupportedTsresol(final int tsresol)
    {
        return 0 == (tsresol & POWER_OF_TWO_FLAG) ?
            tsresol <= MAX_POWER_OF_TEN : (tsresol & ~POWER_OF_TWO_FLAG) <= MAX_POWER_OF_TWO;
    }

    /**
     * Convert a timestamp in units of {@code 1 / tsresol} seconds to nanoseconds.
     *
     * @param units   the timestamp, an unsigned 64-bit count of units.
     * @param tsresol a supported {@code if_tsresol} byte.
     * @return nanoseconds, rounded down.
     * @throws ArithmeticException if the result does not fit in a signed 64-bit value.
     */
    static long toNanos(final long units, final int tsresol)
    {
        if (0 == (tsresol & POWER_OF_TWO_FLAG))
        {
            if (tsresol <= 9)
            {
                final long multiplier = POWERS_OF_TEN[9 - tsresol];
                if (units < 0 || units > Long.MAX_VALUE / multiplier)
                {
                    throw new ArithmeticException("timestamp overflow");
                }
                return units * multiplier;
            }
            return Long.divideUnsigned(units, POWERS_OF_TEN[tsresol - 9]);
        }

        final int exponent = tsresol & ~POWER_OF_TWO_FLAG;
        if (0 == exponent)
        {
            return toNanos(units, 0);
        }

        final long seconds = units >>> exponent;
        final long fraction = units & ((1L << exponent) - 1);
        // fraction * 10^9 as a 128-bit product, shifted right by the exponent: always below 10^9.
        final long fractionNanos =
            (Math.multiplyHigh(fraction, NANOS_PER_SECOND) << (64 - exponent)) |
            ((fraction * NANOS_PER_SECOND) >>> exponent);
        if (seconds > (Long.MAX_VALUE - fractionNanos) / NANOS_PER_SECOND)
        {
            throw new ArithmeticException("timestamp overflow");
        }
        return seconds * NANOS_PER_SECOND + fractionNanos;
    }

    /**
     * Forget all interfaces, at the start of a new section.
     */
    void clear()
    {
        count = 0;
    }

    int count()
    {
        return count;
    }

    /**
     * Describe the next interface.
     *
     * @param linkType      link-layer header type.
     * @param snaplen       snapshot length, 0 for none.
     * @param tsresol       supported {@code if_tsresol} byte.
     * @param offsetSeconds {@code if_tsoffset}, seconds added to every timestamp.
     * @return the interface id.
     * @throws ArithmeticException if the offset does not fit in 64-bit nanoseconds.
     */
    int add(final int linkType, final long snaplen, final int tsresol, final long offsetSeconds)
    {
        final long nanos = Math.multiplyExact(offsetSeconds, NANOS_PER_SECOND);
        if (count == linkTypes.length)
        {
            final int capacity = count * 2;
            linkTypes = Arrays.copyOf(linkTypes, capacity);
            snaplens = Arrays.copyOf(snaplens, capacity);
            tsresols = Arrays.copyOf(tsresols, capacity);
            offsetNanos = Arrays.copyOf(offsetNanos, capacity);
        }

        linkTypes[count] = linkType;
        snaplens[count] = snaplen;
        tsresols[count] = tsresol;
        offsetNanos[count] = nanos;

        return count++;
    }

    int linkType(final int interfaceId)
    {
        return linkTypes[interfaceId];
    }

    long snaplen(final int interfaceId)
    {
        return snaplens[interfaceId];
    }

    int tsresol(final int interfaceId)
    {
        return tsresols[interfaceId];
    }

    /**
     * Convert a raw timestamp of an interface to nanoseconds since the epoch, offset included.
     *
     * @param interfaceId a described interface.
     * @param units       the raw unsigned 64-bit timestamp.
     * @return nanoseconds since the epoch.
     * @throws ArithmeticException if the result does not fit in a signed 64-bit value.
     */
    long timestampNanos(final int interfaceId, final long units)
    {
        return Math.addExact(toNanos(units, tsresols[interfaceId]), offsetNanos[interfaceId]);
    }
}
