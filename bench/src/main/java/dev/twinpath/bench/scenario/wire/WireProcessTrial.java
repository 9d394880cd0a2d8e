package dev.twinpath.bench.scenario.wire;

import dev.twinpath.datapath.run.Percentiles;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import org.agrona.CloseHelper;
import org.agrona.concurrent.BackoffIdleStrategy;

import java.io.File;
import java.io.IOException;
import java.net.DatagramSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One trial of suite {@code wire-proc}: three fresh JVMs, A → ToR → B, over one transport, the wire or a raw
 * baseline, as fast as it goes or at a fixed rate. Over loopback UDP each process embeds its own media driver; over
 * IPC this process launches one driver ({@code SHARED}, backoff idle) that the three share, and closes it after.
 * <p>
 * The sequence: start B, the ToR and A; wait until each says {@code READY} (connected); send each the start time
 * (200 ms ahead); wait for A's {@code SENT} (after warm-up + window), tell B how many to expect, wait for its
 * {@code RESULT}; then {@code exit} each (B, the ToR, A) and read its {@code STATS}: its counters and its CPU time
 * over the window. Every process is ended in {@code finally} and by a
 * shutdown hook on Ctrl-C ({@link WireProcessChild#end()}: exit, SIGTERM, SIGKILL, then its {@code /dev/shm} leftovers).
 * <p>
 * Runs on the calling thread.
 */
final class WireProcessTrial
{
    private static final long READY_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final long START_AHEAD_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    private static final long SLACK_NANOS = TimeUnit.SECONDS.toNanos(30);

    /** Set by a trial's shutdown hook: the JVM is ending (Ctrl-C), so no further trial starts. */
    private static volatile boolean shuttingDown;

    private final WireTransport transport;
    private final WirePath path;
    private final WireTrialKind kind;
    private final long ratePps;
    private final long warmupNanos;
    private final long measureNanos;

    WireProcessTrial(final WireTransport transport, final WirePath path, final WireTrialKind kind, final long ratePps,
        final long warmupNanos, final long measureNanos)
    {
        this.transport = transport;
        this.path = path;
        this.kind = kind;
        this.ratePps = kind == WireTrialKind.MAX ? 0 : ratePps;
        this.warmupNanos = warmupNanos;
        this.measureNanos = measureNanos;
    }

    /**
     * Run the trial.
     *
     * @return what B measured, with A's and the ToR's counts.
     * @throws IllegalStateException when a process fails, says nothing in time or ends early (its last output told).
     */
    WireTrialResult run() throws IOException, InterruptedException
    {
        final List<WireProcessChild> children = new ArrayList<>();
        final MediaDriver[] driver = new MediaDriver[1];
        if (shuttingDown)
        {
            throw new IllegalStateException("interrupted");
        }
        final Thread hook = new Thread(() ->
        {
            shuttingDown = true; // volatile write: the scenario's thread starts no further trial
            endAll(children, driver);
        }, "wire-proc-trial-end");
        Runtime.getRuntime().addShutdownHook(hook);
        try
        {
            final String aToTor;
            final String torToB;
            String aeronDirectory = null;
            if (transport.ipc())
            {
                driver[0] = launchDriver();
                aeronDirectory = driver[0].aeronDirectoryName();
                aToTor = "aeron:ipc";
                torToB = "aeron:ipc";
            }
            else
            {
                aToTor = "aeron:udp?endpoint=127.0.0.1:" + freeUdpPort();
                torToB = "aeron:udp?endpoint=127.0.0.1:" + freeUdpPort();
            }
            final long lifetime = warmupNanos + measureNanos + READY_TIMEOUT_NANOS + 4 * SLACK_NANOS;
            final WireProcessChild b = start(children, "B", new WireRoleOptions(WireRoleOptions.Role.B, path, ratePps,
                transport, torToB, null, aeronDirectory, warmupNanos, measureNanos, lifetime));
            start(children, "ToR", new WireRoleOptions(WireRoleOptions.Role.TOR, path, ratePps,
                transport, aToTor, torToB, aeronDirectory, warmupNanos, measureNanos, lifetime));
            final WireProcessChild a = start(children, "A", new WireRoleOptions(WireRoleOptions.Role.A, path, ratePps,
                transport, null, aToTor, aeronDirectory, warmupNanos, measureNanos, lifetime));
            for (final WireProcessChild child : children)
            {
                child.await("READY", READY_TIMEOUT_NANOS);
            }
            final long startNanos = System.nanoTime() + START_AHEAD_NANOS;
            for (final WireProcessChild child : children)
            {
                child.command("go " + startNanos);
            }
            final long sendNanos = START_AHEAD_NANOS + warmupNanos + measureNanos;
            final Map<String, Long> sent;
            final Map<String, Long> result;
            try
            {
                sent = values(a.await("SENT", sendNanos + SLACK_NANOS));
                b.command("expect " + sent.get("sent"));
                result = values(b.await("RESULT", SLACK_NANOS));
            }
            catch (final IllegalStateException ex)
            {
                throw new IllegalStateException(ex.getMessage() + "\n    how far each process got: " + stateOf(children), ex);
            }
            final List<Map<String, Long>> stats = new ArrayList<>();
            final List<Long> pids = new ArrayList<>();
            final List<Long> cpu = new ArrayList<>();
            for (final WireProcessChild child : children) // B, ToR, A: each sends its STATS as it ends
            {
                child.command("exit");
                final Map<String, Long> s = values(child.await("STATS", SLACK_NANOS));
                stats.add(s);
                pids.add(child.pid());
                cpu.add(s.getOrDefault("windowCpuNanos", -1L));
            }
            final Map<String, Long> relay = stats.get(1);
            return new WireTrialResult(transport, path, kind, ratePps, measureNanos, sent.get("sent"), sent.get("window"),
                sent.get("messages"), result.get("received"), result.get("outOfSequence"), result.get("window"),
                relay.getOrDefault("messagesOut", relay.getOrDefault("relayed", 0L)),
                new Percentiles(result.get("latencyCount"), result.get("p50"), result.get("p90"), result.get("p99"),
                    result.get("p999"), result.get("p9999"), result.get("max")), List.copyOf(pids), List.copyOf(cpu));
        }
        finally
        {
            endAll(children, driver);
            try
            {
                Runtime.getRuntime().removeShutdownHook(hook);
            }
            catch (final IllegalStateException ex)
            {
                // shutting down: the hook ends them
            }
        }
    }

    /** @return true once a trial's shutdown hook ran: the JVM is ending. */
    static boolean shuttingDown()
    {
        return shuttingDown;
    }

    private static WireProcessChild start(final List<WireProcessChild> children, final String name,
        final WireRoleOptions options) throws IOException
    {
        final WireProcessChild child = WireProcessChild.start(name, options);
        children.add(child);
        return child;
    }

    /** End every child (A first, so nothing is sent to a gone receiver), then the shared driver. Never throws. */
    private static synchronized void endAll(final List<WireProcessChild> children, final MediaDriver[] driver)
    {
        for (int i = children.size() - 1; i >= 0; i--)
        {
            children.get(i).end();
        }
        CloseHelper.quietClose(driver[0]);
        driver[0] = null;
    }

    /** @return each process's {@code STATS} (or last output) after a trial failed mid-way: where it stalled. */
    private static String stateOf(final List<WireProcessChild> children)
    {
        final StringBuilder sb = new StringBuilder();
        for (final WireProcessChild child : children)
        {
            sb.append("\n    ").append(child.statsOnFailure());
        }
        return sb.toString();
    }

    /** @return the {@code key=value} pairs of a protocol line, as numbers. */
    static Map<String, Long> values(final String line)
    {
        final Map<String, Long> values = new HashMap<>();
        final String[] words = line.split(" ");
        for (int i = 1; i < words.length; i++)
        {
            final int eq = words[i].indexOf('=');
            values.put(words[i].substring(0, eq), Long.parseLong(words[i].substring(eq + 1)));
        }
        return values;
    }

    private static MediaDriver launchDriver()
    {
        final File shm = new File("/dev/shm");
        final File base = shm.isDirectory() ? shm : new File(System.getProperty("java.io.tmpdir"));
        return MediaDriver.launch(new MediaDriver.Context()
            .aeronDirectoryName(new File(base, "twinpath-wire-proc-" + ProcessHandle.current().pid() + "-" +
                Long.toHexString(System.nanoTime())).getPath())
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(new BackoffIdleStrategy(64, 64, 1_000, 100_000))
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true)
            .termBufferSparseFile(true)
            .warnIfDirectoryExists(false));
    }

    private static int freeUdpPort() throws IOException
    {
        try (DatagramSocket socket = new DatagramSocket(0))
        {
            return socket.getLocalPort();
        }
    }
}
