package dev.twinpath.datapath.wire;

import dev.twinpath.packet.pool.PacketPool;
import io.aeron.Aeron;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import org.agrona.CloseHelper;

import java.io.File;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One process's access to Aeron for the wire: an Aeron client, and (by default) the embedded media
 * driver it talks to; {@link #newSender} and {@link #newReceiver} open the two ends of a wire on the
 * context's channel and stream.
 * <p>
 * The embedded driver runs {@link ThreadingMode#SHARED}: conductor, sender and receiver duties on one
 * thread, idling with {@link WireContext#driverIdleStrategy()} (a backoff that parks up to 100 us). On a
 * 2-core machine the wire's own sender and receiver agents already need the two cores; a driver with
 * three busy threads ({@code DEDICATED}) or two ({@code SHARED_NETWORK}) would take cores from them,
 * while over IPC the driver has almost nothing to do per message (the log is shared memory) and over UDP
 * one thread does both directions. Its directory is fresh (under {@code /dev/shm} when present, so the
 * logs are memory), deleted when it starts and when it closes; {@link #close()} stops every thread it
 * started. An external driver ({@link WireContext#aeronDirectory(String)}) is left running.
 * <p>
 * Threading: control path; created and closed by one thread. The senders and receivers it opens belong
 * to the threads that run them.
 */
public final class AeronWire implements AutoCloseable
{
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final WireContext context;
    private final MediaDriver driver;
    private final Aeron aeron;
    private final String aeronDirectory;

    private AeronWire(final WireContext context)
    {
        this.context = context;
        MediaDriver launched = null;
        if (context.embeddedDriver())
        {
            final String directory = uniqueDirectory();
            launched = MediaDriver.launch(new MediaDriver.Context()
                .aeronDirectoryName(directory)
                .dirDeleteOnStart(true)
                .dirDeleteOnShutdown(true)
                .threadingMode(ThreadingMode.SHARED)
                .sharedIdleStrategy(context.driverIdleStrategy())
                .termBufferSparseFile(true)
                .imageLivenessTimeoutNs(context.livenessTimeoutNanos())
                .publicationUnblockTimeoutNs(Math.max(context.livenessTimeoutNanos() * 2,
                    new MediaDriver.Context().publicationUnblockTimeoutNs()))
                .warnIfDirectoryExists(false));
            aeronDirectory = launched.aeronDirectoryName();
        }
        else
        {
            aeronDirectory = context.aeronDirectory();
        }
        driver = launched;
        try
        {
            aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDirectory));
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietClose(driver);
            throw ex;
        }
    }

    /**
     * Conclude the context, start the embedded driver (unless an external one is named) and connect.
     *
     * @param context configuration.
     * @return the wire's Aeron access.
     * @throws WireConfigurationException naming a refused field.
     */
    public static AeronWire launch(final WireContext context)
    {
        context.conclude();
        return new AeronWire(context);
    }

    private static final String DIRECTORY_PREFIX = "twinpath-aeron-";

    private static String uniqueDirectory()
    {
        final File shm = new File("/dev/shm");
        final File base = shm.isDirectory() && shm.canWrite() ? shm : new File(System.getProperty("java.io.tmpdir"));
        return new File(base, DIRECTORY_PREFIX + ProcessHandle.current().pid() + "-" + INSTANCES.incrementAndGet() +
            "-" + Long.toHexString(System.nanoTime())).getAbsolutePath();
    }

    /**
     * Delete the embedded drivers' directories of process {@code pid}, which a process that was killed could not delete
     * itself ({@code twinpath-aeron-<pid>-...} under {@code /dev/shm} or {@code java.io.tmpdir}). Call it only once that
     * process has ended. Control path.
     */
    public static void deleteDirectoriesOf(final long pid)
    {
        for (final String base : new String[] {"/dev/shm", System.getProperty("java.io.tmpdir")})
        {
            final File[] left = new File(base).listFiles((dir, name) -> name.startsWith(DIRECTORY_PREFIX + pid + "-"));
            for (final File dir : left == null ? new File[0] : left)
            {
                org.agrona.IoUtil.delete(dir, true);
            }
        }
    }

    /**
     * Open the sending end: an exclusive publication on the context's channel and stream. Control path.
     *
     * @param pool the pool whose buffers the descriptors name; the sender frees them once sent.
     * @return a sender owned by the thread that will run it.
     */
    public WireSender newSender(final PacketPool pool)
    {
        return new WireSender(aeron.addExclusivePublication(context.publicationChannel(), context.streamId()), pool, context);
    }

    /**
     * Open the receiving end: a subscription on the context's channel and stream. Control path.
     *
     * @param pool    the pool received frames are copied into.
     * @param handler where bursts of descriptors go.
     * @return a receiver owned by the thread that will run it.
     */
    public WireReceiver newReceiver(final PacketPool pool, final WireHandler handler)
    {
        return new WireReceiver(aeron.addSubscription(context.subscriptionChannel(), context.streamId()), pool, handler,
            context);
    }

    /**
     * Open a sending end on another channel and stream of the same driver, with the context's MTU, term length
     * and batching: a process of a lab publishes to several peers through one wire. Control path.
     *
     * @param channel  {@code aeron:ipc} or {@code aeron:udp?endpoint=host:port} (checked as {@link WireContext#channel}).
     * @param streamId the stream, not 0.
     */
    public WireSender newSender(final PacketPool pool, final String channel, final int streamId)
    {
        return new WireSender(aeron.addExclusivePublication(context.publicationChannel(channel), streamId), pool, context);
    }

    /** Open a receiving end on another channel and stream of the same driver (see {@link #newSender(PacketPool, String, int)}). */
    public WireReceiver newReceiver(final PacketPool pool, final WireHandler handler, final String channel, final int streamId)
    {
        context.publicationChannel(channel); // checks the channel's form
        return new WireReceiver(aeron.addSubscription(channel, streamId), pool, handler, context);
    }

    /** @return the Aeron client (for baselines and tools sharing the driver). */
    public Aeron aeron()
    {
        return aeron;
    }

    /** @return the concluded context. */
    public WireContext context()
    {
        return context;
    }

    /** @return the media driver's directory. */
    public String aeronDirectory()
    {
        return aeronDirectory;
    }

    /** @return true when this wire runs its own media driver. */
    public boolean embeddedDriver()
    {
        return driver != null;
    }

    /** Close the client, then the embedded driver (which deletes its directory). Control path. */
    @Override
    public void close()
    {
        CloseHelper.closeAll(aeron, driver);
    }
}
