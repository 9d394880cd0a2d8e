package dev.twinpath.bench.cli;

import dev.twinpath.packet.rss.ToeplitzHash;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Small helpers shared by the commands: turning option text into engine objects, refusing bad text
 * with a message that names the option. Stateless.
 */
final class CliSupport
{
    private CliSupport()
    {
    }

    /** A bad option value found after parsing: printed as one line, exit code 2, no stack trace. */
    static final class UsageException extends RuntimeException
    {
        UsageException(final String message)
        {
            super(message);
        }
    }

    /** A Toeplitz hash for the key in {@code keyHex}, or the Microsoft default key when null. */
    static ToeplitzHash toeplitz(final String keyHex, final String optionName)
    {
        if (keyHex == null)
        {
            return ToeplitzHash.microsoftDefault();
        }
        try
        {
            return new ToeplitzHash(ToeplitzHash.parseKeyHex(keyHex));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new UsageException(optionName + ": " + ex.getMessage());
        }
    }

    /**
     * A whole number in {@code min..max}.
     *
     * @param note said after the range, e.g. {@code " (at least one per VM)"}; may be empty.
     * @throws UsageException {@code <option> must be <min>..<max><note>: <text>} when the text is not a whole number
     *                        in range (non-numeric, empty, beyond an {@code int}, or out of range alike).
     */
    static int intValue(final String text, final String optionName, final int min, final int max, final String note)
    {
        final String t = text == null ? "" : text.trim().replace("_", "");
        if (t.matches("[-+]?\\d{1,10}"))
        {
            final long value = Long.parseLong(t);
            if (value >= min && value <= max)
            {
                return (int)value;
            }
        }
        throw new UsageException(optionName + " must be " + min + ".." + max + note + ": " + shown(text));
    }

    /** @see #intValue(String, String, int, int, String) */
    static int intValue(final String text, final String optionName, final int min, final int max)
    {
        return intValue(text, optionName, min, max, "");
    }

    /**
     * How long a lab runs: a duration from 10 ms to one day, the range {@code RunContext} takes.
     *
     * @return nanoseconds.
     */
    static long runDuration(final String text, final String optionName)
    {
        final long nanos = durationNanos(text, optionName);
        if (nanos < TimeUnit.MILLISECONDS.toNanos(10))
        {
            throw new UsageException(optionName + " must be at least 10ms: " + shown(text));
        }
        if (nanos > TimeUnit.DAYS.toNanos(1))
        {
            throw new UsageException(optionName + " must be at most 1 day: " + text);
        }
        return nanos;
    }

    /** @return {@code text} for a message: {@code ''} when empty, so a refusal never ends in nothing. */
    static String shown(final String text)
    {
        return text == null || text.isEmpty() ? "''" : text;
    }

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ns|us|µs|ms|s|m|min|h)?");
    private static final Pattern RATE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kKmMgG]?)(?:pps)?");

    /**
     * A duration such as {@code 10s}, {@code 500ms}, {@code 1.5s}, {@code 2m}, {@code 250us} or
     * {@code 100ns}; a bare number is seconds.
     *
     * @return nanoseconds.
     * @throws UsageException naming {@code optionName} when the text is not a duration.
     */
    static long durationNanos(final String text, final String optionName)
    {
        final Matcher m = DURATION.matcher(text.trim());
        if (!m.matches())
        {
            throw new UsageException(optionName + " must be a duration such as 10s, 500ms or 2m: " + shown(text));
        }
        final String unit = m.group(2) == null ? "s" : m.group(2);
        final long nanosPerUnit = switch (unit)
        {
            case "ns" -> 1L;
            case "us", "µs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m", "min" -> 60_000_000_000L;
            default -> 3_600_000_000_000L;
        };
        return scaled(m.group(1), nanosPerUnit, text, optionName);
    }

    /**
     * A packet rate such as {@code 1000000}, {@code 500k}, {@code 1.5M} or {@code 2Mpps}; {@code max} is 0.
     *
     * @return packets per second, 0 for {@code max}.
     * @throws UsageException naming {@code optionName} when the text is not a rate.
     */
    static long ratePps(final String text, final String optionName)
    {
        final String t = text.trim();
        if (t.equalsIgnoreCase("max"))
        {
            return 0;
        }
        final Matcher m = RATE.matcher(t.replace("_", "").replace(",", ""));
        if (!m.matches())
        {
            throw new UsageException(optionName + " must be packets per second (e.g. 1000000, 500k, 1.5M) or max: " + shown(text));
        }
        final long multiplier = switch (m.group(2).toLowerCase(Locale.ROOT))
        {
            case "k" -> 1_000L;
            case "m" -> 1_000_000L;
            case "g" -> 1_000_000_000L;
            default -> 1L;
        };
        final long pps = scaled(m.group(1), multiplier, text, optionName);
        if (pps < 1)
        {
            throw new UsageException(optionName + " must be at least 1 pps, or max: " + text);
        }
        return pps;
    }

    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kKmMgG]?)(?:i?B)?");

    /**
     * A size in bytes such as {@code 1000000}, {@code 64k}, {@code 256M}, {@code 1G} or {@code 512MiB} (binary units).
     *
     * @return bytes, {@code min..max}.
     * @throws UsageException naming {@code optionName} when the text is not a size or is out of range.
     */
    static long byteSize(final String text, final String optionName, final long min, final long max)
    {
        final Matcher m = SIZE.matcher(text.trim().replace("_", "").replace(",", ""));
        if (!m.matches())
        {
            throw new UsageException(optionName + " must be a size such as 256M, 64k or 1G: " + shown(text));
        }
        final long multiplier = switch (m.group(2).toLowerCase(Locale.ROOT))
        {
            case "k" -> 1L << 10;
            case "m" -> 1L << 20;
            case "g" -> 1L << 30;
            default -> 1L;
        };
        final long bytes = scaled(m.group(1), multiplier, text, optionName);
        if (bytes < min || bytes > max)
        {
            throw new UsageException(optionName + " must be " + min + ".." + max + " bytes: " + shown(text));
        }
        return bytes;
    }

    private static long scaled(final String number, final long multiplier, final String text, final String optionName)
    {
        try
        {
            return new BigDecimal(number).multiply(BigDecimal.valueOf(multiplier)).setScale(0, RoundingMode.HALF_UP)
                .longValueExact();
        }
        catch (final ArithmeticException ex)
        {
            throw new UsageException(optionName + " is out of range: " + text);
        }
    }

    /** @return {@code nanos} for a person: {@code 10 s}, {@code 1.5 s}, {@code 500 ms}, {@code 250 us}. */
    static String formatDuration(final long nanos)
    {
        if (nanos >= 1_000_000_000L)
        {
            return trim(nanos / 1e9) + " s";
        }
        if (nanos >= 1_000_000L)
        {
            return trim(nanos / 1e6) + " ms";
        }
        return trim(nanos / 1e3) + " us";
    }

    private static String trim(final double value)
    {
        final String text = String.format(Locale.ROOT, "%.3f", value);
        return text.replaceAll("\\.?0+$", "");
    }

    /**
     * Write {@code text} to {@code file} through a temporary file in the same directory, moved into place
     * in one step: a reader, or a run stopped half-way (Ctrl-C), sees the old file or the whole new one,
     * never half of it.
     */
    static void writeAtomically(final java.nio.file.Path file, final String text) throws java.io.IOException
    {
        writeAtomically(file, java.util.List.of(text), false);
    }

    /** {@link #writeAtomically(java.nio.file.Path, String)} of lines, each followed by a line separator when {@code lines}. */
    static void writeAtomically(final java.nio.file.Path file, final java.util.List<String> parts, final boolean lines)
        throws java.io.IOException
    {
        final java.nio.file.Path target = file.toAbsolutePath();
        final java.nio.file.Path temp = java.nio.file.Files.createTempFile(target.getParent(),
            "." + target.getFileName(), ".part");
        try
        {
            try (java.io.Writer w = java.nio.file.Files.newBufferedWriter(temp, java.nio.charset.StandardCharsets.UTF_8))
            {
                for (final String part : parts)
                {
                    w.write(part);
                    if (lines)
                    {
                        w.write(System.lineSeparator());
                    }
                }
            }
            try
            {
                java.nio.file.Files.move(temp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            catch (final java.nio.file.AtomicMoveNotSupportedException ex)
            {
                java.nio.file.Files.move(temp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        finally
        {
            java.nio.file.Files.deleteIfExists(temp);
        }
    }
}
