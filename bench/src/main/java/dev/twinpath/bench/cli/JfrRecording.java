package dev.twinpath.bench.cli;

import dev.twinpath.datapath.jfr.TwinpathEvents;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.text.ParseException;

/**
 * {@code --jfr FILE} of {@code run}, {@code soak} and {@code vm migrate}: a JFR recording with the JDK's
 * {@code default} settings plus Twinpath's events (path switches, migrations, control timeouts), started before
 * the lab and written to FILE when the command ends, whether the run passed, failed or threw
 * ({@link #around}). Interrupted (Ctrl-C), the JVM's Flight Recorder writes it on its way out.
 * <p>
 * Owned by the command's thread.
 */
final class JfrRecording implements AutoCloseable
{
    private final Recording recording;
    private final Path file;
    private final PrintWriter out;
    private boolean closed;

    private JfrRecording(final Recording recording, final Path file, final PrintWriter out)
    {
        this.recording = recording;
        this.file = file;
        this.out = out;
    }

    /**
     * @throws CliSupport.UsageException unless {@code jfr} (when given) can be written and is none of the command's
     *                                   other files.
     */
    static void check(final Path jfr, final Path lab, final Path json, final Path events)
    {
        CliFiles.writable("--jfr", jfr);
        CliFiles.distinct("--lab", lab, "--jfr", jfr);
        CliFiles.distinct("--json", json, "--jfr", jfr);
        CliFiles.distinct("--events", events, "--jfr", jfr);
    }

    /** What runs while the recording does. */
    @FunctionalInterface
    interface Body<T>
    {
        T run() throws IOException;
    }

    /**
     * Run {@code body} with a recording to {@code file} (just run it when {@code file} is null); write the file when
     * it returns or throws. @return what {@code body} returned.
     */
    static <T> T around(final Path file, final PrintWriter out, final Body<T> body) throws IOException
    {
        final JfrRecording recording = start(file, out);
        if (recording == null)
        {
            return body.run();
        }
        final T result;
        try
        {
            result = body.run();
        }
        catch (final IOException | RuntimeException | Error ex)
        {
            try
            {
                recording.close();
            }
            catch (final IOException | RuntimeException closing)
            {
                ex.addSuppressed(closing);
            }
            throw ex;
        }
        recording.close();
        return result;
    }

    /** @return a running recording that {@link #close()} writes to {@code file}; null when {@code file} is null. */
    static JfrRecording start(final Path file, final PrintWriter out) throws IOException
    {
        if (file == null)
        {
            return null;
        }
        final Configuration settings;
        try
        {
            settings = Configuration.getConfiguration("default");
        }
        catch (final ParseException ex)
        {
            throw new IOException("the JDK's default JFR settings: " + ex.getMessage(), ex);
        }
        final Recording recording = TwinpathEvents.enableAll(new Recording(settings));
        recording.setName("twinpath");
        recording.setDestination(file.toAbsolutePath()); // only if the JVM exits first: close() writes it otherwise
        recording.setDumpOnExit(true);
        recording.start();
        return new JfrRecording(recording, file, out);
    }

    /** Stop the recording and write it to the file (a temporary file moved in place). */
    @Override
    public void close() throws IOException
    {
        if (closed)
        {
            return;
        }
        closed = true;
        final Path target = file.toAbsolutePath();
        final Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".part");
        try
        {
            recording.setDestination(null);
            recording.setDumpOnExit(false);
            recording.stop();
            recording.dump(temp);
            try
            {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            catch (final AtomicMoveNotSupportedException ex)
            {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        finally
        {
            Files.deleteIfExists(temp);
            recording.close();
        }
        out.println("jfr: " + file);
        out.flush();
    }
}
