package dev.twinpath.packet.rss;

/**
 * Hex text of RSS secret keys: parsing as {@code ethtool -x} prints keys ({@code 6d:5a:56:...}) or
 * without separators, and formatting. Error messages give positions, never key digits, since the
 * key is a secret.
 * <p>
 * Thread safety: stateless; safe from any thread. Configuration path only: it allocates.
 */
final class KeyHex
{
    private static final char[] HEX_DIGITS = "0123456789abcdef".toCharArray();

    private KeyHex()
    {
    }

    /**
     * Parse hex digits, optionally separated by {@code ':'} between whole bytes, ignoring
     * surrounding whitespace. Error indexes count from the start of {@code keyHex}.
     */
    static byte[] parse(final String keyHex, final int minLength, final int maxLength)
    {
        if (null == keyHex)
        {
            throw new IllegalArgumentException("keyHex must not be null");
        }

        int start = 0;
        int end = keyHex.length();
        while (start < end && Character.isWhitespace(keyHex.charAt(start)))
        {
            start++;
        }
        while (end > start && Character.isWhitespace(keyHex.charAt(end - 1)))
        {
            end--;
        }

        int digitCount = 0;
        for (int i = start; i < end; i++)
        {
            final char c = keyHex.charAt(i);
            if (':' == c)
            {
                final boolean betweenBytes = digitCount > 0 && (digitCount & 1) == 0 &&
                    i + 1 < end && ':' != keyHex.charAt(i - 1);
                if (!betweenBytes)
                {
                    throw new IllegalArgumentException(
                        "keyHex: ':' must separate whole bytes, misplaced at index " + i);
                }
            }
            else if (hexValue(c) < 0)
            {
                throw new IllegalArgumentException(
                    "keyHex: not a hex digit at index " + i + " (char code " + (int)c + ")");
            }
            else
            {
                digitCount++;
            }
        }

        if ((digitCount & 1) != 0)
        {
            throw new IllegalArgumentException("keyHex: odd number of hex digits: " + digitCount);
        }
        checkKeyLength("keyHex", digitCount / 2, minLength, maxLength);

        final byte[] bytes = new byte[digitCount / 2];
        int digit = 0;
        for (int i = start; i < end; i++)
        {
            final int value = hexValue(keyHex.charAt(i));
            if (value >= 0)
            {
                final int byteIndex = digit >> 1;
                bytes[byteIndex] = (byte)((bytes[byteIndex] << 4) | value);
                digit++;
            }
        }

        return bytes;
    }

    /**
     * Lower-case hex without separators.
     */
    static String format(final byte[] key)
    {
        final StringBuilder sb = new StringBuilder(key.length * 2);
        for (final byte b : key)
        {
            sb.append(HEX_DIGITS[(b >> 4) & 0xF]).append(HEX_DIGITS[b & 0xF]);
        }

        return sb.toString();
    }

    static void checkKeyLength(final String name, final int length, final int minLength, final int maxLength)
    {
        if (length < minLength)
        {
            throw new IllegalArgumentException(
                name + " is too short: " + length + " bytes, a key needs at least " + minLength);
        }
        if (length > maxLength)
        {
            throw new IllegalArgumentException(
                name + " is too long: " + length + " bytes, at most " + maxLength + " are supported");
        }
    }

    private static int hexValue(final char c)
    {
        if (c >= '0' && c <= '9')
        {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f')
        {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F')
        {
            return c - 'A' + 10;
        }

        return -1;
    }
}
