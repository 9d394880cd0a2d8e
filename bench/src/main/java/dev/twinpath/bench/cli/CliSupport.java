package dev.twinpath.bench.cli;

import dev.twinpath.packet.rss.ToeplitzHash;

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
}
