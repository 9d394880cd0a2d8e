package dev.twinpath.bench.scenario.wire;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One child process of a trial of suite {@code wire-proc}, seen from the parent: started as {@code ProcessLab}
 * starts a lab's processes (this JVM's {@code java}, class path and Agrona's {@code --add-exports}, a serial GC), main
 * class {@link WireProcessRole}; its protocol lines ({@code READY}, {@code SENT}, {@code RESULT}, {@code STATS},
 * {@code FAILED}) queued for {@link #await}, its other output kept (the last lines) to explain a failure.
 * {@link #end()} stops it for sure: {@code exit}, then SIGTERM, then SIGKILL, then removes what an Aeron driver it
 * embedded left in {@code /dev/shm} had it been killed.
 * <p>
 * Threads: created, driven and ended by the trial's thread; one daemon thread reads its output.
 */
final class WireProcessChild
{
    private static final int TAIL_LINES = 30;
    private static final String FAILED = "FAILED";

    private final String name;
    private final Process process;
    private final OutputStream commands;
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Deque<String> tail = new ArrayDeque<>();

    private WireProcessChild(final String name, final Process process)
    {
        this.name = name;
        this.process = process;
        this.commands = process.getOutputStream();
        final Thread reader = new Thread(this::read, "wire-proc-output-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    /** Start a child with these options. Control path. */
    static WireProcessChild start(final String name, final WireRoleOptions options) throws IOException
    {
        final List<String> command = dev.twinpath.bench.harness.ChildJvm.command(WireProcessRole.class, "256m", "512m");
        command.addAll(options.toArgs());
        return new WireProcessChild(name, new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    private void read()
    {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)))
        {
            String line;
            while ((line = in.readLine()) != null)
            {
                if (line.equals("READY") || line.startsWith("SENT ") || line.startsWith("RESULT ") ||
                    line.startsWith("STATS ") || line.startsWith(FAILED))
                {
                    lines.add(line);
                }
                synchronized (tail)
                {
                    tail.addLast(line);
                    if (tail.size() > TAIL_LINES)
                    {
                        tail.removeFirst();
                    }
                }
            }
        }
        catch (final IOException ex)
        {
            // the process ended
        }
    }

    /** @return the process's name in the trial (A, ToR, B). */
    String name()
    {
        return name;
    }

    /** @return the process id. */
    long pid()
    {
        return process.pid();
    }

    /** @return true while the process runs. */
    boolean isAlive()
    {
        return process.isAlive();
    }

    /** Send one command line. @throws IllegalStateException when the process no longer reads them. */
    void command(final String line)
    {
        try
        {
            commands.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
            commands.flush();
        }
        catch (final IOException ex)
        {
            throw failure("cannot be sent '" + line + "' (" + ex.getMessage() + ")");
        }
    }

    /**
     * @return the next protocol line starting with {@code word}.
     * @throws IllegalStateException when the process says it failed, ends, or stays silent for {@code timeoutNanos}.
     */
    String await(final String word, final long timeoutNanos) throws InterruptedException
    {
        final long deadline = System.nanoTime() + timeoutNanos;
        while (true)
        {
            final String line = lines.poll(50, TimeUnit.MILLISECONDS);
            if (line != null && line.startsWith(word))
            {
                return line;
            }
            if (line != null && line.startsWith(FAILED))
            {
                throw failure("failed: " + line.substring(FAILED.length()).trim());
            }
            if (line == null && !process.isAlive() && lines.isEmpty())
            {
                process.waitFor(1, TimeUnit.SECONDS);
                throw failure("ended (exit " + process.exitValue() + ") before saying " + word);
            }
            if (System.nanoTime() - deadline > 0)
            {
                throw failure("said no " + word + " within " + TimeUnit.NANOSECONDS.toSeconds(timeoutNanos) + " s");
            }
        }
    }

    private IllegalStateException failure(final String what)
    {
        final String output = tail();
        return new IllegalStateException("process " + name + " (pid " + process.pid() + ") " + what +
            (output.isEmpty() ? "" : "; its last output:\n    " + output));
    }

    /** @return its last lines of output, joined and indented for a failure message. */
    String tail()
    {
        synchronized (tail)
        {
            return String.join("\n    ", tail);
        }
    }

    /**
     * After a failure: tell the process to end and wait briefly for its {@code STATS} (how far it got). Never throws.
     *
     * @return a line naming the process and its {@code STATS}, or its last output when it said none.
     */
    String statsOnFailure()
    {
        String stats = null;
        try
        {
            if (process.isAlive())
            {
                command("exit");
                stats = await("STATS", TimeUnit.SECONDS.toNanos(5));
            }
        }
        catch (final IllegalStateException ex)
        {
            // no STATS: its last output below
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        return name + " (pid " + process.pid() + "): " + (stats != null ? stats : "no STATS; last output:\n    " + tail());
    }

    /**
     * End the process for sure: {@code exit} and a few seconds to close its Aeron ends, then SIGTERM (its shutdown hook
     * closes them), then SIGKILL; then delete any directory its embedded driver left. Control path; never throws.
     */
    void end()
    {
        try
        {
            if (process.isAlive())
            {
                try
                {
                    command("exit");
                }
                catch (final IllegalStateException ex)
                {
                    // not reading any more: the signals below
                }
                if (!process.waitFor(5, TimeUnit.SECONDS))
                {
                    process.destroy();
                    if (!process.waitFor(5, TimeUnit.SECONDS))
                    {
                        process.destroyForcibly();
                        process.waitFor(10, TimeUnit.SECONDS);
                    }
                }
            }
        }
        catch (final InterruptedException ex)
        {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        finally
        {
            try
            {
                commands.close();
            }
            catch (final IOException ex)
            {
                // gone with the process
            }
            if (!process.isAlive())
            {
                dev.twinpath.datapath.wire.AeronWire.deleteDirectoriesOf(process.pid());
            }
        }
    }
}
