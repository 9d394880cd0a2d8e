package dev.twinpath.bench.cli;

import dev.twinpath.datapath.stat.LiveCountersDirectory;
import dev.twinpath.datapath.stat.LiveCountersFormatException;
import dev.twinpath.datapath.stat.LiveCountersReader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code twinpath stat}: attach to running Twinpath processes through their live counters files (as AeronStat does
 * with Aeron's CnC file) and print their counters, {@code id type value label}, every interval until Ctrl-C, or
 * once. Lists each process found (pid, command, age of its heartbeat) and each file left by a process that is gone;
 * {@code --clean} removes those. Runs on the main thread.
 */
@Command(name = "stat", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Show the live counters of running twinpath processes (run, soak) and refresh them every interval, " +
        "like AeronStat: per NIC function, VF and queue, virtual switch and port, adapter (path, state), drop cause, pool.",
        "Each process publishes a file twinpath-<pid>.dat in the directory; a file whose process is gone is shown as " +
            "not running and removed by --clean."},
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {"0:counters shown (--once), the processes ended, or --clean done", "1:no live twinpath process found",
        "2:bad arguments"})
final class StatCommand implements Callable<Integer>
{
    /** A heartbeat older than this is flagged {@code (stale)}. */
    static final long STALE_MS = 5_000;
    /** How long a watch waits for a process to come back (a run's warm-up ending, its measured part starting). */
    private static final long GRACE_MS = 3_000;
    private static final String CLEAR = "\033[H\033[2J";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--dir", paramLabel = "DIR",
        description = "Where the processes publish (default: /dev/shm/twinpath-<user>, or <tmpdir>/twinpath-<user>).")
    Path dir;

    @Option(names = "--pid", paramLabel = "N", description = "Only the process with this pid.")
    String pid;

    @Option(names = "--interval", paramLabel = "TIME", defaultValue = "1s",
        description = "Time between two tables, 100ms..1h (default ${DEFAULT-VALUE}).")
    String interval;

    @Option(names = "--once", description = "Print one table and exit.")
    boolean once;

    @Option(names = "--filter", paramLabel = "TEXT", description = "Only the counters whose label contains TEXT (any case).")
    String filter;

    @Option(names = "--lab", paramLabel = "NAME",
        description = "Only the processes of the lab of processes NAME (twinpath tor and twinpath host of that lab): the " +
            "lab-wide view.")
    String lab;

    @Option(names = "--clean", description = "Remove the files of processes that are no longer running, and exit.")
    boolean clean;

    @Override
    public Integer call() throws IOException, InterruptedException
    {
        final long intervalNanos = CliSupport.durationNanos(interval, "--interval");
        if (intervalNanos < TimeUnit.MILLISECONDS.toNanos(100) || intervalNanos > TimeUnit.HOURS.toNanos(1))
        {
            throw new CliSupport.UsageException("--interval must be 100ms..1h: " + interval);
        }
        final long onlyPid = pid == null ? -1 : CliSupport.intValue(pid, "--pid", 1, Integer.MAX_VALUE);
        if (dir != null && Files.exists(dir) && !Files.isDirectory(dir))
        {
            throw new CliSupport.UsageException("--dir is a file, not a directory: " + dir);
        }
        final Path directory = dir != null ? dir : LiveCountersDirectory.defaultDirectory();
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        if (clean)
        {
            return clean(directory, out);
        }
        final boolean terminal = System.console() != null && !once;
        final StatTable table = new StatTable(filter);
        long lastSeen = System.currentTimeMillis();
        boolean first = true;
        while (true)
        {
            final List<Found> processes = scan(directory, onlyPid, lab);
            final long now = System.currentTimeMillis();
            final boolean anyLive = processes.stream().anyMatch(p -> p.reader != null && p.alive);
            try
            {
                if (anyLive)
                {
                    lastSeen = now;
                    if (terminal)
                    {
                        out.print(CLEAR);
                    }
                    else if (!first)
                    {
                        out.println();
                    }
                    out.print(table.format(directory, processes, now));
                    out.flush();
                    first = false;
                }
                else if (first || now - lastSeen >= GRACE_MS)
                {
                    if (!first)
                    {
                        out.println();
                        out.println("twinpath stat: no live twinpath process" + (onlyPid > 0 ? " " + onlyPid : "") +
                            " in " + directory + " any more");
                        out.flush();
                        return 0;
                    }
                    if (!processes.isEmpty())
                    {
                        out.print(table.format(directory, processes, now)); // the files of processes that are gone
                        out.flush();
                    }
                    err.println("twinpath stat: no live twinpath process" + (onlyPid > 0 ? " with pid " + onlyPid : "") +
                        " in " + directory + (Files.isDirectory(directory) ? "" : " (no such directory)") +
                        "; a run publishes its counters there (see --dir, twinpath run --counters-dir)");
                    err.flush();
                    return 1;
                }
            }
            finally
            {
                processes.forEach(Found::close);
            }
            if (once)
            {
                return 0;
            }
            TimeUnit.NANOSECONDS.sleep(intervalNanos);
        }
    }

    /** One file found: its reader and whether its writer runs, or why it cannot be read. */
    static final class Found implements AutoCloseable
    {
        final Path file;
        final LiveCountersReader reader;
        final boolean alive;
        final String problem;

        Found(final Path file, final LiveCountersReader reader, final boolean alive, final String problem)
        {
            this.file = file;
            this.reader = reader;
            this.alive = alive;
            this.problem = problem;
        }

        @Override
        public void close()
        {
            if (reader != null)
            {
                reader.close();
            }
        }
    }

    /**
     * @return the files in {@code directory} (of {@code onlyPid} when positive, of lab {@code lab}'s processes when not
     * null), each opened or with its problem.
     */
    private static List<Found> scan(final Path directory, final long onlyPid, final String lab) throws IOException
    {
        final List<Found> processes = new ArrayList<>();
        for (final Path file : LiveCountersDirectory.files(directory))
        {
            if (onlyPid > 0 && LiveCountersDirectory.pidOf(file) != onlyPid)
            {
                continue;
            }
            try
            {
                final LiveCountersReader reader = LiveCountersReader.open(file);
                if (lab != null && !reader.command().endsWith("(lab " + lab + ")"))
                {
                    reader.close(); // another lab's process, or not a lab of processes
                    continue;
                }
                processes.add(new Found(file, reader, reader.writerAlive(), null));
            }
            catch (final NoSuchFileException ex)
            {
                // its process ended between the listing and the opening
            }
            catch (final LiveCountersFormatException | IOException ex)
            {
                if (ProcessHandle.of(LiveCountersDirectory.pidOf(file)).map(ProcessHandle::isAlive).orElse(false))
                {
                    continue; // its process is still making it
                }
                processes.add(new Found(file, null, false, ex.getMessage() != null ? ex.getMessage() : ex.toString()));
            }
        }
        return processes;
    }

    private static int clean(final Path directory, final PrintWriter out) throws IOException
    {
        int removed = 0;
        for (final Path file : LiveCountersDirectory.files(directory))
        {
            boolean alive;
            try (LiveCountersReader reader = LiveCountersReader.open(file))
            {
                alive = reader.writerAlive();
            }
            catch (final LiveCountersFormatException | IOException ex)
            {
                alive = ProcessHandle.of(LiveCountersDirectory.pidOf(file)).map(ProcessHandle::isAlive).orElse(false);
            }
            if (!alive && Files.deleteIfExists(file))
            {
                out.println("removed " + file + " (pid " + LiveCountersDirectory.pidOf(file) + " not running)");
                removed++;
            }
        }
        if (removed == 0)
        {
            out.println("nothing to clean in " + directory);
        }
        out.flush();
        return 0;
    }
}
