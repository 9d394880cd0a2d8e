package dev.twinpath.bench.scenario.wire;

import dev.twinpath.datapath.wire.AeronWire;
import dev.twinpath.datapath.wire.WireContext;
import dev.twinpath.packet.pool.PacketPool;
import org.agrona.CloseHelper;
import org.agrona.concurrent.IdleStrategy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The main class of a child process of suite {@code wire-proc} (A, ToR or B; {@link WireRoleOptions} on its command
 * line). Not a user command: {@link WireProcessTrial} starts it, with this JVM's class path and flags.
 * <p>
 * Its protocol, one line each way: it prints {@code READY} once its Aeron ends are connected; reads {@code go <nanos>}
 * (the shared start time, {@code System.nanoTime()} of this machine), {@code expect <n>} (B: what A sent) and
 * {@code exit} on standard input; prints its report ({@code SENT ...} from A once the schedule is over and everything
 * is published, {@code RESULT ...} from B once all arrived or 20 s passed) and, when it ends, {@code STATS ...} (with
 * {@code windowCpuNanos}, the CPU time of the whole process, every thread, over the measurement window). It
 * ends on {@code exit}, when its standard input closes (the parent is gone), on SIGTERM/SIGINT (closing its Aeron ends
 * and driver, so nothing is left in {@code /dev/shm}) and at the end of its lifetime.
 * <p>
 * Threads: the main thread runs the role's duty cycle with the wire's backoff idle strategy (spins, yields, parks up
 * to 100 us: three JVMs and their drivers share two cores); a daemon thread reads the commands.
 */
public final class WireProcessRole
{
    private static final long NONE = Long.MIN_VALUE;
    private static final long CONNECT_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final int SLOT_COUNT = 16_384;
    private static final int DATA_ROOM = 2048;

    private final PrintStream out;
    private volatile long goAt = NONE;
    private volatile long expected = NONE;
    private volatile boolean exit;
    private long cpuAtWindowStart = -1;
    private long cpuAtWindowEnd = -1;

    private WireProcessRole(final PrintStream out)
    {
        this.out = out;
    }

    /** @param args {@link WireRoleOptions#toArgs()}. Exit code 0, 1 when it failed, 2 for bad arguments. */
    public static void main(final String[] args)
    {
        final PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        final WireRoleOptions options;
        try
        {
            options = WireRoleOptions.parse(args);
        }
        catch (final IllegalArgumentException ex)
        {
            out.println("FAILED " + ex.getMessage());
            System.exit(2);
            return;
        }
        final int code = new WireProcessRole(out).run(options);
        System.exit(code);
    }

    private int run(final WireRoleOptions options)
    {
        final long born = System.nanoTime();
        final CountDownLatch closed = new CountDownLatch(1);
        final Thread hook = new Thread(() ->
        {
            exit = true; // the main loop sees it, closes everything, counts down
            try
            {
                closed.await(5, TimeUnit.SECONDS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }, "wire-proc-exit");
        Runtime.getRuntime().addShutdownHook(hook);
        final Thread commands = new Thread(this::readCommands, "wire-proc-commands");
        commands.setDaemon(true);
        commands.start();
        final WireContext context = new WireContext().mtu(options.transport().mtu()).burst(options.transport().burst());
        if (options.aeronDirectory() != null)
        {
            context.aeronDirectory(options.aeronDirectory());
        }
        AeronWire wire = null;
        PacketPool pool = null;
        WireBenchRole role = null;
        try
        {
            wire = AeronWire.launch(context);
            pool = new PacketPool(new PacketPool.Context().name("wire-proc-" + options.role()).slotCount(SLOT_COUNT)
                .dataRoom(DATA_ROOM));
            role = switch (options.role())
            {
                case A -> new WireBenchSender(options, wire, pool);
                case TOR -> new WireBenchRelay(options, wire, pool);
                case B -> new WireBenchSink(options, wire, pool);
            };
            while (!role.connected())
            {
                if (exit)
                {
                    out.println("FAILED " + options.role() + " told to end before it was connected");
                    return 1;
                }
                if (System.nanoTime() - born > CONNECT_TIMEOUT_NANOS)
                {
                    out.println("FAILED " + options.role() + " not connected after " +
                        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - born) + " s");
                    return 1;
                }
                Thread.sleep(1);
            }
            out.println("READY");
            loop(options, role, context.idleStrategy(), born);
            out.println("STATS " + role.stats() + " windowCpuNanos=" +
                (cpuAtWindowStart >= 0 && cpuAtWindowEnd >= 0 ? cpuAtWindowEnd - cpuAtWindowStart : -1));
            return 0;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return 1;
        }
        catch (final RuntimeException ex)
        {
            out.println("FAILED " + ex);
            return 1;
        }
        finally
        {
            CloseHelper.quietClose(role);
            CloseHelper.quietClose(wire);
            closed.countDown();
        }
    }

    private void loop(final WireRoleOptions options, final WireBenchRole role, final IdleStrategy idle, final long born)
    {
        boolean started = false;
        boolean expecting = false;
        boolean reported = false;
        while (!exit)
        {
            final long now = System.nanoTime();
            if (now - born > options.lifetimeNanos())
            {
                out.println("FAILED lifetime of " + TimeUnit.NANOSECONDS.toSeconds(options.lifetimeNanos()) + " s over");
                return;
            }
            if (!started && goAt != NONE)
            {
                role.start(goAt);
                started = true;
            }
            if (!expecting && expected != NONE)
            {
                role.expect(expected, now);
                expecting = true;
            }
            if (started)
            {
                sampleCpu(now - goAt - options.warmupNanos(), options.measureNanos());
            }
            final int work = role.doWork();
            if (!reported && role.finished(now))
            {
                out.println(role.report());
                reported = true;
            }
            idle.idle(work);
        }
    }

    /** Note this process's CPU time (every thread: the loop, Aeron's client and driver) as the window opens and closes. */
    private void sampleCpu(final long sinceWindowStart, final long measureNanos)
    {
        if (cpuAtWindowStart < 0 && sinceWindowStart >= 0)
        {
            cpuAtWindowStart = processCpuNanos();
        }
        else if (cpuAtWindowEnd < 0 && cpuAtWindowStart >= 0 && sinceWindowStart - measureNanos >= 0)
        {
            cpuAtWindowEnd = processCpuNanos();
        }
    }

    private static long processCpuNanos()
    {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os ?
            os.getProcessCpuTime() : -1;
    }

    private void readCommands()
    {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)))
        {
            String line;
            while ((line = in.readLine()) != null)
            {
                final String[] words = line.trim().split(" ");
                switch (words[0])
                {
                    case "go" -> goAt = Long.parseLong(words[1]); // volatile write: read by the main loop
                    case "expect" -> expected = Long.parseLong(words[1]); // volatile write: read by the main loop
                    case "exit" ->
                    {
                        exit = true;
                        return;
                    }
                    default -> out.println("FAILED unknown command: " + line);
                }
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            out.println("FAILED reading commands: " + ex);
        }
        exit = true; // volatile write, read by the main loop: standard input closed, the parent is gone
    }
}
