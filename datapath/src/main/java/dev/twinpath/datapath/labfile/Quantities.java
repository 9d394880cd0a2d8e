package dev.twinpath.datapath.labfile;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text forms of a lab file's numbers: integers, durations ({@code 500ms}, {@code 1.5s}, a bare
 * integer is milliseconds), packet rates ({@code 200k}, {@code 1.5M}) and MAC addresses; and the
 * edit distance behind "did you mean".
 * <p>
 * Stateless, any thread.
 */
final class Quantities
{
    /** What a parse returns for text that is not of the expected form. */
    static final long INVALID = Long.MIN_VALUE;

    /** Longer numbers are out of any range here; not parsing them keeps a hostile file cheap. */
    private static final int MAX_DIGITS = 40;
    private static final Pattern INTEGER = Pattern.compile("[-+]?[0-9][0-9_]*");
    private static final Pattern DURATION =
        Pattern.compile("([-+]?[0-9]+(?:\\.[0-9]+)?)\\s*(ns|us|\u00b5s|ms|s|m|h)?");
    private static final Pattern RATE = Pattern.compile("([-+]?[0-9]+(?:\\.[0-9]+)?)\\s*([kKM]?)\\s*(?:pps)?");
    private static final Pattern MAC = Pattern.compile("[0-9A-Fa-f]{2}([:-])[0-9A-Fa-f]{2}(\\1[0-9A-Fa-f]{2}){4}");
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);
    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE + 1);
    private static final long[] UNIT_NANOS = { 3_600_000_000_000L, 60_000_000_000L, 1_000_000_000L, 1_000_000L, 1_000L, 1L };
    private static final String[] UNIT_NAMES = { "h", "m", "s", "ms", "us", "ns" };

    private Quantities()
    {
    }

    /**
     * @param text e.g. {@code 42}, {@code -1}, {@code 65_536}.
     * @return the value, clamped to the long range, or {@link #INVALID}.
     */
    static long parseInteger(final String text)
    {
        final String trimmed = text.trim();
        if (!INTEGER.matcher(trimmed).matches())
        {
            return INVALID;
        }
        if (trimmed.length() > MAX_DIGITS)
        {
            return trimmed.charAt(0) == '-' ? Long.MIN_VALUE + 1 : Long.MAX_VALUE;
        }
        return clamp(new BigDecimal(new BigInteger(trimmed.replace("_", ""))));
    }

    /**
     * @param text e.g. {@code 500ms}, {@code 1.5s}, {@code 250us}, {@code 1m}, {@code 2h}, {@code 300} (ms).
     * @return nanoseconds, rounded to a whole nanosecond and clamped to the long range, or {@link #INVALID}.
     */
    static long parseDurationNanos(final String text)
    {
        if (text.length() > MAX_DIGITS)
        {
            return INVALID;
        }
        final Matcher matcher = DURATION.matcher(text.trim());
        if (!matcher.matches())
        {
            return INVALID;
        }
        final String number = matcher.group(1);
        final String unit = matcher.group(2);
        if (null == unit && number.indexOf('.') >= 0)
        {
            return INVALID;
        }
        final long unitNanos = null == unit ? 1_000_000L : unitNanos(unit);
        return clamp(new BigDecimal(number).multiply(BigDecimal.valueOf(unitNanos)).setScale(0, RoundingMode.HALF_UP));
    }

    /**
     * @param text e.g. {@code 200000}, {@code 200k}, {@code 1.5M}, {@code 50kpps}.
     * @return packets per second, clamped to the long range, or {@link #INVALID} (also for a fraction of a packet).
     */
    static long parseRate(final String text)
    {
        if (text.length() > MAX_DIGITS)
        {
            return INVALID;
        }
        final Matcher matcher = RATE.matcher(text.trim());
        if (!matcher.matches())
        {
            return INVALID;
        }
        final String suffix = matcher.group(2);
        final long multiplier = suffix.isEmpty() ? 1 : "M".equals(suffix) ? 1_000_000 : 1_000;
        final BigDecimal value = new BigDecimal(matcher.group(1)).multiply(BigDecimal.valueOf(multiplier));
        if (value.stripTrailingZeros().scale() > 0)
        {
            return INVALID;
        }
        return clamp(value);
    }

    /**
     * @param text six octets in hex, separated all by {@code :} or all by {@code -}.
     * @return the address in the low 48 bits, or {@link #INVALID}.
     */
    static long parseMac(final String text)
    {
        final String trimmed = text.trim();
        if (!MAC.matcher(trimmed).matches())
        {
            return INVALID;
        }
        return Long.parseLong(trimmed.replace(":", "").replace("-", ""), 16);
    }

    /**
     * @param nanos a duration.
     * @return it in the largest unit that shows it exactly, e.g. {@code 6s}, {@code 1.5s}, {@code 250us}.
     */
    static String formatDuration(final long nanos)
    {
        if (nanos == 0)
        {
            return "0s";
        }
        for (int i = 0; i < UNIT_NANOS.length; i++)
        {
            final long unit = UNIT_NANOS[i];
            final boolean exact = nanos % unit == 0;
            final boolean decimal = unit >= 1_000 && unit <= 1_000_000_000L && Math.abs(nanos) >= unit &&
                nanos % (unit / 1_000) == 0;
            if (exact || decimal)
            {
                final BigDecimal value = BigDecimal.valueOf(nanos).divide(BigDecimal.valueOf(unit));
                return value.stripTrailingZeros().toPlainString() + UNIT_NAMES[i];
            }
        }
        return nanos + "ns";
    }

    /**
     * @param pps a packet rate.
     * @return it the way a lab file would write it, e.g. {@code 200k}, {@code 100M}, {@code 1500}.
     */
    static String formatRate(final long pps)
    {
        if (pps != 0 && pps % 1_000_000 == 0)
        {
            return pps / 1_000_000 + "M";
        }
        return pps != 0 && pps % 1_000 == 0 ? pps / 1_000 + "k" : Long.toString(pps);
    }

    /**
     * @return the edit distance between the two (insertions, deletions, substitutions and swaps of two
     * neighbours, each 1), ignoring case; anything above {@code limit} is {@code limit + 1}.
     */
    static int editDistance(final String a, final String b, final int limit)
    {
        final String x = a.toLowerCase(java.util.Locale.ROOT);
        final String y = b.toLowerCase(java.util.Locale.ROOT);
        if (Math.abs(x.length() - y.length()) > limit)
        {
            return limit + 1;
        }
        final int[][] d = new int[x.length() + 1][y.length() + 1];
        for (int i = 0; i <= x.length(); i++)
        {
            d[i][0] = i;
        }
        for (int j = 0; j <= y.length(); j++)
        {
            d[0][j] = j;
        }
        for (int i = 1; i <= x.length(); i++)
        {
            for (int j = 1; j <= y.length(); j++)
            {
                final int cost = x.charAt(i - 1) == y.charAt(j - 1) ? 0 : 1;
                int best = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && x.charAt(i - 1) == y.charAt(j - 2) && x.charAt(i - 2) == y.charAt(j - 1))
                {
                    best = Math.min(best, d[i - 2][j - 2] + 1);
                }
                d[i][j] = best;
            }
        }
        return Math.min(d[x.length()][y.length()], limit + 1);
    }

    private static long unitNanos(final String unit)
    {
        switch (unit)
        {
            case "h":
                return UNIT_NANOS[0];
            case "m":
                return UNIT_NANOS[1];
            case "s":
                return UNIT_NANOS[2];
            case "ms":
                return UNIT_NANOS[3];
            case "us":
            case "\u00b5s":
                return UNIT_NANOS[4];
            default:
                return UNIT_NANOS[5];
        }
    }

    private static long clamp(final BigDecimal value)
    {
        if (value.compareTo(LONG_MAX) > 0)
        {
            return Long.MAX_VALUE;
        }
        return value.compareTo(LONG_MIN) < 0 ? Long.MIN_VALUE + 1 : value.longValueExact();
    }
}
