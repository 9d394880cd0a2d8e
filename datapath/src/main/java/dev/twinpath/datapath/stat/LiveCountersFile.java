package dev.twinpath.datapath.stat;

import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersManager;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The writer's side of a live counters file ({@link LiveCountersDescriptor}): one file a process,
 * {@code twinpath-<pid>.dat} in a directory ({@link LiveCountersDirectory}), memory-mapped, holding an Agrona
 * {@link CountersManager} that another process reads while this one runs. The file is built under a hidden
 * temporary name and moved into place whole, so a reader never finds half a header; it is deleted by
 * {@link #close()} and, should the process end without closing it, by a shutdown hook (a process killed
 * hard leaves it behind: {@code twinpath stat} reports it as not running and {@code --clean} removes it).
 * <p>
 * Owned by one thread (the control thread of a run): {@link #counters()} is written and {@link #heartbeat} called
 * only there; the shutdown hook only deletes the file.
 */
public final class LiveCountersFile implements AutoCloseable
{
    /** File names: {@code twinpath-<pid>.dat}, or {@code twinpath-<pid>-<n>.dat} for a second file of one process. */
    public static final String PREFIX = "twinpath-";
    public static final String SUFFIX = ".dat";

    /** The files this process has open, so two publishers of one process pick two names. */
    private static final Set<Path> OPEN = ConcurrentHashMap.newKeySet();

    private final Path path;
    private final MappedByteBuffer mapped;
    private final UnsafeBuffer header;
    private final CountersManager counters;
    private final Thread shutdownHook;
    private boolean closed;

    private LiveCountersFile(final Path path, final MappedByteBuffer mapped, final UnsafeBuffer header,
        final CountersManager counters)
    {
        this.path = path;
        this.mapped = mapped;
        this.header = header;
        this.counters = counters;
        this.shutdownHook = new Thread(this::deleteFile, "twinpath-counters-cleanup");
    }

    /**
     * Create the file of this process in {@code directory} (made when missing, readable by its owner only), with
     * room for {@code counters} counters.
     *
     * @param command what runs, shown by {@code twinpath stat}: {@code twinpath run}; cut to 92 bytes.
     * @throws IOException when the directory or the file cannot be made.
     */
    public static LiveCountersFile create(final Path directory, final String command, final int counters) throws IOException
    {
        LiveCountersDirectory.ensure(directory);
        final long pid = ProcessHandle.current().pid();
        final Path path = claimName(directory, pid);
        final Path temp = directory.resolve("." + path.getFileName() + ".part");
        Files.deleteIfExists(temp);
        final int values = LiveCountersDescriptor.valuesLength(counters);
        final int metadata = LiveCountersDescriptor.metadataLength(values);
        final long length = LiveCountersDescriptor.fileLength(metadata, values);
        MappedByteBuffer mapped = null;
        try
        {
            mapped = IoUtil.mapNewFile(temp.toFile(), length, false);
            final UnsafeBuffer header = new UnsafeBuffer(mapped, 0, LiveCountersDescriptor.HEADER_LENGTH);
            header.putInt(LiveCountersDescriptor.LAYOUT_VERSION_OFFSET, LiveCountersDescriptor.LAYOUT_VERSION);
            header.putInt(LiveCountersDescriptor.METADATA_LENGTH_OFFSET, metadata);
            header.putInt(LiveCountersDescriptor.VALUES_LENGTH_OFFSET, values);
            header.putLong(LiveCountersDescriptor.PID_OFFSET, pid);
            final long now = System.currentTimeMillis();
            header.putLong(LiveCountersDescriptor.START_TIME_OFFSET, now);
            final byte[] text = commandBytes(command);
            header.putInt(LiveCountersDescriptor.COMMAND_LENGTH_OFFSET, text.length);
            header.putBytes(LiveCountersDescriptor.COMMAND_OFFSET, text);
            header.putLong(LiveCountersDescriptor.HEARTBEAT_OFFSET, now);
            final CountersManager manager = new CountersManager(
                new UnsafeBuffer(mapped, LiveCountersDescriptor.metadataOffset(), metadata),
                new UnsafeBuffer(mapped, (int)LiveCountersDescriptor.valuesOffset(metadata), values), StandardCharsets.UTF_8);
            header.putIntRelease(LiveCountersDescriptor.MAGIC_OFFSET, LiveCountersDescriptor.MAGIC); // release: pairs with validate()
            Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            final LiveCountersFile file = new LiveCountersFile(path, mapped, header, manager);
            Runtime.getRuntime().addShutdownHook(file.shutdownHook);
            return file;
        }
        catch (final IOException | RuntimeException ex)
        {
            OPEN.remove(path);
            if (mapped != null)
            {
                IoUtil.unmap(mapped);
            }
            Files.deleteIfExists(temp);
            throw ex;
        }
    }

    /** @return {@code twinpath-<pid>.dat}, or the first {@code twinpath-<pid>-<n>.dat} this process has not open. */
    private static Path claimName(final Path directory, final long pid)
    {
        for (int n = 1; ; n++)
        {
            final Path candidate = directory.resolve(PREFIX + pid + (n == 1 ? "" : "-" + n) + SUFFIX)
                .toAbsolutePath().normalize();
            if (OPEN.add(candidate))
            {
                return candidate; // an existing file of that name is a dead process's with our pid: replaced
            }
        }
    }

    private static byte[] commandBytes(final String command)
    {
        final String text = command == null ? "" : command;
        final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= LiveCountersDescriptor.MAX_COMMAND_LENGTH)
        {
            return bytes;
        }
        int end = LiveCountersDescriptor.MAX_COMMAND_LENGTH;
        while (end > 0 && (bytes[end] & 0xC0) == 0x80)
        {
            end--; // not in the middle of a character
        }
        return java.util.Arrays.copyOf(bytes, end);
    }

    /** @return the file's path. */
    public Path path()
    {
        return path;
    }

    /** @return the counters: allocate them, then set their values. Owner thread. */
    public CountersManager counters()
    {
        return counters;
    }

    /**
     * Say the values are fresh: count a refresh and store {@code epochMillis} as the heartbeat. Owner thread; no
     * allocation.
     */
    public void heartbeat(final long epochMillis)
    {
        header.putLongRelease(LiveCountersDescriptor.REFRESHES_OFFSET,
            header.getLong(LiveCountersDescriptor.REFRESHES_OFFSET) + 1); // release (L): pairs with LiveCountersReader.refreshes()
        header.putLongRelease(LiveCountersDescriptor.HEARTBEAT_OFFSET, epochMillis); // release (L): pairs with heartbeatMillis()
    }

    /** Unmap and delete the file. Owner thread; idempotent. */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        try
        {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        }
        catch (final IllegalStateException ex)
        {
            // the JVM is shutting down: the hook deletes the file
        }
        deleteFile();
        IoUtil.unmap(mapped);
        OPEN.remove(path);
    }

    private void deleteFile()
    {
        try
        {
            Files.deleteIfExists(path);
        }
        catch (final IOException ex)
        {
            // left behind: stat reports it as not running once this process is gone, and --clean removes it
        }
    }

    @Override
    public String toString()
    {
        return "LiveCountersFile{" + path + '}';
    }
}
