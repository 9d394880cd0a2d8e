package dev.twinpath.datapath.stat;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where live counters files are: by default {@code /dev/shm/twinpath-<user>} (memory, never written to a disk)
 * when {@code /dev/shm} exists, else {@code <java.io.tmpdir>/twinpath-<user>}; one file a process,
 * {@code twinpath-<pid>.dat}. Also tells a live process's file from a dead one's.
 * <p>
 * Stateless; any thread.
 */
public final class LiveCountersDirectory
{
    private static final Pattern FILE_NAME = Pattern.compile("twinpath-(\\d{1,18})(?:-\\d{1,9})?\\.dat");
    /** A process that started this much after a file's start time is not the one that wrote it (its pid was reused). */
    private static final long START_SLACK_MS = 2_000;

    private LiveCountersDirectory()
    {
    }

    /** @return {@code /dev/shm/twinpath-<user>} when {@code /dev/shm} is a directory, else {@code <java.io.tmpdir>/twinpath-<user>}. */
    public static Path defaultDirectory()
    {
        final String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9._-]", "_");
        final Path shm = Path.of("/dev/shm");
        final Path base = Files.isDirectory(shm) && Files.isWritable(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir"));
        return base.resolve("twinpath-" + user);
    }

    /**
     * Make {@code directory} when it is missing (owner-only permissions where the file system has them).
     *
     * @throws IOException when it cannot be made, or a file of that name is not a directory.
     */
    public static void ensure(final Path directory) throws IOException
    {
        if (Files.isDirectory(directory))
        {
            return;
        }
        if (Files.exists(directory))
        {
            throw new FileAlreadyExistsException(directory.toString(), null, "a file, not a directory");
        }
        final Path parent = directory.toAbsolutePath().getParent();
        if (parent != null)
        {
            Files.createDirectories(parent);
        }
        try
        {
            if (directory.getFileSystem().supportedFileAttributeViews().contains("posix"))
            {
                Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            else
            {
                Files.createDirectory(directory);
            }
        }
        catch (final FileAlreadyExistsException ex)
        {
            if (!Files.isDirectory(directory))
            {
                throw ex;
            }
        }
    }

    /** @return the live counters files in {@code directory}, by pid; none when it does not exist. */
    public static List<Path> files(final Path directory) throws IOException
    {
        final List<Path> files = new ArrayList<>();
        if (!Files.isDirectory(directory))
        {
            return files;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory))
        {
            for (final Path p : stream)
            {
                if (FILE_NAME.matcher(p.getFileName().toString()).matches() && Files.isRegularFile(p))
                {
                    files.add(p);
                }
            }
        }
        files.sort(Comparator.comparingLong(LiveCountersDirectory::pidOf) // then twinpath-1.dat, twinpath-1-2.dat, -10
            .thenComparingInt(p -> p.getFileName().toString().length()).thenComparing(Path::toString));
        return files;
    }

    /** @return the pid a file's name carries, or -1. */
    public static long pidOf(final Path file)
    {
        final Matcher m = FILE_NAME.matcher(file.getFileName().toString());
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }

    /**
     * @return true when process {@code pid} runs and is the one that started at {@code startEpochMillis} or before
     * (a process started later has only reused the pid).
     */
    public static boolean isAlive(final long pid, final long startEpochMillis)
    {
        final Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !handle.get().isAlive())
        {
            return false;
        }
        final Optional<Instant> started = handle.get().info().startInstant();
        return started.isEmpty() || started.get().toEpochMilli() <= startEpochMillis + START_SLACK_MS;
    }
}
