package dev.twinpath.bench.cli;

import dev.twinpath.datapath.stat.LiveCountersDirectory;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code --counters-dir DIR} and {@code --no-counters} of the commands that run a lab ({@code run}, {@code soak}):
 * where the run publishes its live counters for {@code twinpath stat}. On by default, in
 * {@link LiveCountersDirectory#defaultDirectory()}; a directory given is checked before anything starts. Used on the
 * command's thread.
 */
final class LiveCountersOptions
{
    @Option(names = "--counters-dir", paramLabel = "DIR",
        description = "Publish live counters for twinpath stat in DIR, made when missing (default: /dev/shm/twinpath-<user>, " +
            "or <tmpdir>/twinpath-<user> without /dev/shm).")
    Path directory;

    @Option(names = "--no-counters", description = "Publish no live counters.")
    boolean off;

    /**
     * @param err where a note goes when the default directory cannot be made (the run goes on without live counters).
     * @return the directory to publish in, or null for none.
     * @throws CliSupport.UsageException naming {@code --counters-dir} when the directory given cannot be used.
     */
    Path resolve(final PrintWriter err)
    {
        if (off && directory != null)
        {
            throw new CliSupport.UsageException("--no-counters and --counters-dir exclude each other");
        }
        if (off)
        {
            return null;
        }
        if (directory != null)
        {
            return usable(directory);
        }
        final Path fallback = LiveCountersDirectory.defaultDirectory();
        try
        {
            LiveCountersDirectory.ensure(fallback);
            return Files.isWritable(fallback) ? fallback : null;
        }
        catch (final IOException | SecurityException ex)
        {
            err.println("note: no live counters: cannot create " + fallback + " (" + ex.getMessage() + ")");
            err.flush();
            return null;
        }
    }

    private static Path usable(final Path dir)
    {
        if (Files.exists(dir) && !Files.isDirectory(dir))
        {
            throw new CliSupport.UsageException("--counters-dir is a file, not a directory: " + dir);
        }
        try
        {
            LiveCountersDirectory.ensure(dir);
        }
        catch (final IOException | SecurityException ex)
        {
            throw new CliSupport.UsageException("--counters-dir: cannot create " + dir + " (" + reason(ex) + ")");
        }
        if (!Files.isWritable(dir))
        {
            throw new CliSupport.UsageException("--counters-dir: cannot write in " + dir + " (permission denied)");
        }
        return dir;
    }

    private static String reason(final Exception ex)
    {
        if (ex instanceof java.nio.file.AccessDeniedException)
        {
            return "permission denied";
        }
        if (ex instanceof java.nio.file.FileAlreadyExistsException exists)
        {
            return "a file is in the way: " + exists.getFile();
        }
        if (ex instanceof java.nio.file.NoSuchFileException)
        {
            return "no such file or directory";
        }
        if (ex instanceof java.nio.file.FileSystemException fs && fs.getReason() != null)
        {
            return fs.getReason();
        }
        return ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
    }
}
