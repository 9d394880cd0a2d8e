package dev.twinpath.bench.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The files a command reads and writes, checked before any work starts: an input must be a readable regular file, an
 * output must be a file this process can create or write in an existing directory, and no two of them may be the same
 * file. So a long run never ends with a failure to write its results, and a run never overwrites its own lab file.
 * Each refusal is a {@link CliSupport.UsageException} naming the option. Stateless; called on the command's thread.
 */
final class CliFiles
{
    private CliFiles()
    {
    }

    /** @throws CliSupport.UsageException unless {@code file} (when given) is a regular file this process can read. */
    static void readable(final String option, final Path file)
    {
        if (file == null)
        {
            return;
        }
        if (!Files.exists(file))
        {
            throw new CliSupport.UsageException(option + ": no such file: " + file);
        }
        if (Files.isDirectory(file))
        {
            throw new CliSupport.UsageException(option + " is a directory, not a file: " + file);
        }
        try
        {
            Files.newByteChannel(file, StandardOpenOption.READ).close();
        }
        catch (final IOException | SecurityException ex)
        {
            throw new CliSupport.UsageException(option + ": cannot read " + file + " (" + reason(ex) + ")");
        }
    }

    /**
     * @throws CliSupport.UsageException unless {@code file} (when given) can be written: its directory exists, it is
     *                                   not a directory, and opening it for writing works (an existing file is opened
     *                                   without truncating it; a new one is created and removed again).
     */
    static void writable(final String option, final Path file)
    {
        if (file == null)
        {
            return;
        }
        final Path parent = file.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent))
        {
            throw new CliSupport.UsageException(option + ": no such directory: " + parent);
        }
        if (Files.isDirectory(file))
        {
            throw new CliSupport.UsageException(option + " is a directory, not a file: " + file);
        }
        try
        {
            if (Files.exists(file))
            {
                Files.newByteChannel(file, StandardOpenOption.WRITE).close();
            }
            else
            {
                Files.createFile(file);
                Files.delete(file);
            }
        }
        catch (final IOException | SecurityException ex)
        {
            throw new CliSupport.UsageException(option + ": cannot write " + file + " (" + reason(ex) + ")");
        }
    }

    /**
     * @throws CliSupport.UsageException unless {@code dir} (when given) is a directory this process can write files in,
     *                                   or does not exist yet below one it can create it in.
     */
    static void reportDir(final String option, final Path dir)
    {
        if (dir == null)
        {
            return;
        }
        if (Files.exists(dir) && !Files.isDirectory(dir))
        {
            throw new CliSupport.UsageException(option + " is a file, not a directory: " + dir);
        }
        Path existing = dir.toAbsolutePath().normalize();
        while (existing != null && !Files.exists(existing))
        {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing))
        {
            throw new CliSupport.UsageException(option + ": no directory to create " + dir + " in");
        }
        try
        {
            Files.delete(Files.createTempFile(existing, ".twinpath-probe", ".tmp"));
        }
        catch (final IOException | SecurityException ex)
        {
            throw new CliSupport.UsageException(option + ": cannot write in " + existing + " (" + reason(ex) + ")");
        }
    }

    /**
     * Check the lab file a command reads and the files it writes, before anything runs.
     *
     * @throws CliSupport.UsageException naming the option of the first file refused, or of an output that is the lab
     *                                   file or the other output.
     */
    static void labAndOutputs(final Path lab, final Path json, final Path events)
    {
        readable("--lab", lab);
        writable("--json", json);
        writable("--events", events);
        distinct("--lab", lab, "--json", json);
        distinct("--lab", lab, "--events", events);
        distinct("--json", json, "--events", events);
    }

    /** @throws CliSupport.UsageException when {@code second} names the same file as {@code first}. */
    static void distinct(final String firstOption, final Path first, final String secondOption, final Path second)
    {
        if (first != null && second != null &&
            first.toAbsolutePath().normalize().equals(second.toAbsolutePath().normalize()))
        {
            throw new CliSupport.UsageException(secondOption + " must be another file than " + firstOption + ": " + second);
        }
    }

    private static String reason(final Exception ex)
    {
        if (ex instanceof AccessDeniedException)
        {
            return "permission denied";
        }
        if (ex instanceof NoSuchFileException)
        {
            return "no such file or directory";
        }
        if (ex instanceof FileSystemException fs && fs.getReason() != null)
        {
            return fs.getReason();
        }
        return ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
    }
}
