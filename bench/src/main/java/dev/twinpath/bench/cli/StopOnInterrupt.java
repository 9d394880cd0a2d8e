package dev.twinpath.bench.cli;

import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C (SIGINT, SIGTERM) for a long command: instead of dying mid-run, the JVM's shutdown hook asks
 * the command to stop ({@link #requested()} turns true), then waits up to {@link #GRACE_SECONDS} (or the grace
 * given) for it
 * to finish what it has (audit, summary, files) and {@link #close()} this. A second Ctrl-C cannot cut it
 * short (the JVM runs shutdown hooks once); {@code kill -9} still can.
 * <pre>{@code
 * try (StopOnInterrupt stop = StopOnInterrupt.install("run", out)) {
 *     ... loop while (!stop.requested()) ...; write files
 * }
 * }</pre>
 * Installed and closed by the command's thread; the hook runs on the JVM's shutdown thread.
 */
final class StopOnInterrupt implements AutoCloseable
{
    /** Longest the hook waits, by default, for the command to write what it has. */
    static final long GRACE_SECONDS = 60;

    private final CountDownLatch done = new CountDownLatch(1);
    private final Thread hook;
    private volatile boolean requested;

    private StopOnInterrupt(final String command, final PrintWriter out, final String message, final long graceNanos,
        final Runnable onRequest)
    {
        hook = new Thread(() ->
        {
            requested = true; // volatile write: the command's thread sees it at its next look
            onRequest.run();
            out.println();
            out.println("twinpath " + command + ": " + message);
            out.flush();
            try
            {
                done.await(graceNanos, TimeUnit.NANOSECONDS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }, "twinpath-" + command + "-interrupt");
    }

    /** Install the hook for {@code command}, telling {@code out} when it fires. */
    static StopOnInterrupt install(final String command, final PrintWriter out)
    {
        return install(command, out, "interrupted; stopping and writing what was measured (up to " + GRACE_SECONDS + " s)",
            TimeUnit.SECONDS.toNanos(GRACE_SECONDS), () ->
            {
            });
    }

    /**
     * Install the hook for {@code command}: when it fires it runs {@code onRequest} (e.g. a benchmark's own stop
     * request), tells {@code out} {@code message}, and waits up to {@code graceNanos} for {@link #close()}.
     */
    static StopOnInterrupt install(final String command, final PrintWriter out, final String message, final long graceNanos,
        final Runnable onRequest)
    {
        final StopOnInterrupt stop = new StopOnInterrupt(command, out, message, graceNanos, onRequest);
        Runtime.getRuntime().addShutdownHook(stop.hook);
        return stop;
    }

    /** @return true once Ctrl-C (or SIGTERM) asked the command to stop. Any thread. */
    boolean requested()
    {
        return requested;
    }

    /** The command is done: let the JVM exit, and remove the hook when it has not fired. */
    @Override
    public void close()
    {
        done.countDown();
        try
        {
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        catch (final IllegalStateException ex)
        {
            // the JVM is shutting down (the hook fired): nothing to remove
        }
    }
}
