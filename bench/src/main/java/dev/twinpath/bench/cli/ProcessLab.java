package dev.twinpath.bench.cli;

import dev.twinpath.datapath.labfile.LabSpec;
import dev.twinpath.datapath.process.LabAddresses;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import org.agrona.CloseHelper;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * {@code twinpath run --lab FILE --processes}: every part of a lab as a local process, for a demo on one machine:
 * one {@code twinpath tor} and one {@code twinpath host} per host, started with this JVM's class path and flags,
 * their output shown line by line with the process's name in front; the rack process's verdict is the run's. An
 * {@code aeron:ipc} lab gets one media driver here that every process shares.
 * <p>
 * {@code --kill HOST@TIME} kills a host process that long after the traffic starts (the rack detects it and carries
 * on): a fault to watch; {@code --restart HOST@TIME} starts it again (it rejoins the lab, without the VMs it lost). Every process is ended when this one ends, on failure and on Ctrl-C too.
 * <p>
 * Main thread; one thread per child copies its output.
 */
final class ProcessLab
{
    private static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(30);

    private ProcessLab()
    {
    }

    /** @return the lab's addresses. @throws CliSupport.UsageException naming --port-base. */
    static LabAddresses addresses(final LabSpec spec, final String portBase)
    {
        final int base = CliSupport.intValue(portBase, "--port-base", 1024, 65_535);
        try
        {
            return new LabAddresses(spec, base);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new CliSupport.UsageException("--" + ex.getMessage().replaceFirst("^portBase", "port-base"));
        }
    }

    /** @return the directory as text, or null. @throws CliSupport.UsageException when it is not a directory. */
    static String aeronDirectory(final Path dir)
    {
        if (dir == null)
        {
            return null;
        }
        if (!dir.toFile().isDirectory())
        {
            throw new CliSupport.UsageException("--aeron-dir: " + dir + " is not a directory (start the media driver " +
                "first, or leave --aeron-dir out for an embedded one)");
        }
        return dir.toString();
    }

    /** @return what {@code work} gives, an {@link IllegalArgumentException} told as a usage error. */
    static <T> T checked(final Supplier<T> work)
    {
        try
        {
            return work.get();
        }
        catch (final IllegalArgumentException ex)
        {
            throw new CliSupport.UsageException(ex.getMessage());
        }
    }

    /** Build a lab process, a refusal of its settings told as a usage error. */
    static <T> T build(final Supplier<T> work)
    {
        try
        {
            return LabSource.refusedAsUsage(work);
        }
        catch (final IllegalArgumentException ex) // WireConfigurationException among them
        {
            throw new CliSupport.UsageException(ex.getMessage());
        }
        catch (final io.aeron.exceptions.AeronException ex)
        {
            throw new CliSupport.UsageException("the lab's Aeron channels cannot be opened: " + ex.getMessage() +
                " (is another lab running on these ports? see --port-base)");
        }
    }

    /** A host process to kill (or to start again) during the run: which host, how long after the traffic starts. */
    record Kill(String host, long afterNanos)
    {
        static Kill parse(final String text, final LabSpec spec, final String option)
        {
            final int at = text.indexOf('@');
            if (at <= 0)
            {
                throw new CliSupport.UsageException(option + " must be HOST@TIME, e.g. C@3s: " + CliSupport.shown(text));
            }
            final String host = text.substring(0, at);
            if (spec.host(host) == null)
            {
                throw new CliSupport.UsageException(option + ": no host '" + host + "' in the lab; hosts: " +
                    spec.hosts().stream().map(h -> h.name()).toList());
            }
            return new Kill(host, CliSupport.durationNanos(text.substring(at + 1), option));
        }
    }

    /**
     * Start the lab's processes, show their output, wait for the rack process, end every process.
     *
     * @return the rack process's exit code.
     */
    static int run(final PrintWriter out, final Path labFile, final LabSpec spec, final String portBase,
        final List<Kill> kills, final List<Kill> restarts, final Path report, final List<String> countersArgs) throws IOException
    {
        final LabAddresses addresses = addresses(spec, portBase);
        final List<Child> children = new ArrayList<>();
        MediaDriver driver = null;
        try (StopOnInterrupt stop = StopOnInterrupt.install("run --processes", out))
        {
            final List<String> shared = new ArrayList<>(List.of("--lab", labFile.toString(), "--port-base", portBase));
            shared.addAll(countersArgs);
            if (addresses.ipc())
            {
                driver = MediaDriver.launch(new MediaDriver.Context().threadingMode(ThreadingMode.SHARED)
                    .aeronDirectoryName(new File(new File("/dev/shm").isDirectory() ? "/dev/shm" : System.getProperty("java.io.tmpdir"),
                        "twinpath-lab-" + ProcessHandle.current().pid()).getPath())
                    .dirDeleteOnStart(true).dirDeleteOnShutdown(true).termBufferSparseFile(true));
                shared.addAll(List.of("--aeron-dir", driver.aeronDirectoryName()));
            }
            out.printf(Locale.ROOT, "lab %s as processes: the rack at %s, %s%n", spec.name(), addresses.rackChannel(),
                String.join(", ", addresses.hostNames().stream().map(h -> "host " + h + " at " +
                    addresses.hostChannel(addresses.hostIndex(h))).toList()));
            out.flush();
            final List<String> torArgs = new ArrayList<>(List.of("tor"));
            torArgs.addAll(shared);
            if (report != null)
            {
                torArgs.addAll(List.of("--report", report.toString()));
            }
            final Child tor = Child.start("tor", torArgs, out);
            children.add(tor);
            for (final String host : addresses.hostNames())
            {
                final List<String> args = new ArrayList<>(List.of("host", "--name", host));
                args.addAll(shared);
                children.add(Child.start(host, args, out));
            }
            final List<Kill> pending = new ArrayList<>(kills);
            pending.sort(java.util.Comparator.comparingLong(Kill::afterNanos));
            final List<Kill> restartsDue = new ArrayList<>(restarts);
            restartsDue.sort(java.util.Comparator.comparingLong(Kill::afterNanos));
            long trafficStart = 0;
            final long deadline = System.nanoTime() + spec.durationNanos() + TimeUnit.SECONDS.toNanos(180);
            while (tor.process.isAlive())
            {
                if (trafficStart == 0 && tor.sawTrafficStart)
                {
                    trafficStart = System.nanoTime();
                }
                if (trafficStart != 0 && !pending.isEmpty() && System.nanoTime() - trafficStart >= pending.get(0).afterNanos())
                {
                    final Kill kill = pending.remove(0);
                    for (final Child child : children)
                    {
                        if (child.name.equals(kill.host()) && child.process.isAlive())
                        {
                            child.process.destroyForcibly();
                            out.printf(Locale.ROOT, "[run] killed host %s (pid %d) %.1f s into the traffic%n", kill.host(),
                                child.process.pid(), (System.nanoTime() - trafficStart) / 1e9);
                            out.flush();
                        }
                    }
                }
                if (trafficStart != 0 && !restartsDue.isEmpty() &&
                    System.nanoTime() - trafficStart >= restartsDue.get(0).afterNanos())
                {
                    final Kill restart = restartsDue.remove(0);
                    final List<String> args = new ArrayList<>(List.of("host", "--name", restart.host()));
                    args.addAll(shared);
                    children.add(Child.start(restart.host(), args, out));
                    out.printf(Locale.ROOT, "[run] restarted host %s %.1f s into the traffic%n", restart.host(),
                        (System.nanoTime() - trafficStart) / 1e9);
                    out.flush();
                }
                if (stop.requested())
                {
                    tor.process.destroy(); // SIGTERM: the rack stops the run, collects and audits it
                    tor.process.waitFor(GRACE_NANOS, TimeUnit.NANOSECONDS);
                    break;
                }
                if (System.nanoTime() - deadline > 0)
                {
                    out.println("[run] the rack process did not end within the run's duration + 180 s: ending every process");
                    break;
                }
                tor.process.waitFor(50, TimeUnit.MILLISECONDS);
            }
            final long hostsDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5); // told to exit, they are gone in ms
            for (final Child child : children)
            {
                child.process.waitFor(Math.max(0, hostsDeadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
            for (final Child child : children)
            {
                child.drain();
            }
            out.flush();
            return tor.process.isAlive() ? 1 : tor.process.exitValue();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return 1;
        }
        finally
        {
            for (final Child child : children)
            {
                child.end();
            }
            CloseHelper.quietClose(driver);
        }
    }

    /** One child process and the thread that shows its output. */
    private static final class Child
    {
        private final String name;
        private final Process process;
        private final Thread copier;
        private final Path countersDir;
        private volatile boolean sawTrafficStart;

        private Child(final String name, final Process process, final PrintWriter out, final Path countersDir)
        {
            this.name = name;
            this.process = process;
            this.countersDir = countersDir;
            this.copier = new Thread(() -> copy(out), "output-" + name);
            copier.setDaemon(true);
            copier.start();
        }

        static Child start(final String name, final List<String> args, final PrintWriter out) throws IOException
        {
            final int at = args.indexOf("--counters-dir");
            final Path countersDir = at >= 0 ? Path.of(args.get(at + 1)) : null;
            final List<String> command = dev.twinpath.bench.harness.ChildJvm.command(TwinpathCommand.class, "1g", "1g");
            command.addAll(args);
            final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            return new Child(name, process, out, countersDir);
        }

        private void copy(final PrintWriter out)
        {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)))
            {
                String line;
                while ((line = in.readLine()) != null)
                {
                    if (line.startsWith("rack: every host is running"))
                    {
                        sawTrafficStart = true;
                    }
                    synchronized (out)
                    {
                        out.println(String.format(Locale.ROOT, "[%s] %s", name, line));
                        out.flush();
                    }
                }
            }
            catch (final IOException ex)
            {
                // the process ended: its output is closed
            }
        }

        void drain() throws InterruptedException
        {
            copier.join(TimeUnit.SECONDS.toMillis(2));
        }

        void end()
        {
            if (process.isAlive())
            {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
            try
            {
                process.waitFor(5, TimeUnit.SECONDS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
            dev.twinpath.datapath.wire.AeronWire.deleteDirectoriesOf(process.pid()); // a killed one could not
            if (countersDir != null)
            {
                try
                {
                    java.nio.file.Files.deleteIfExists(countersDir.resolve("twinpath-" + process.pid() + ".dat"));
                }
                catch (final IOException ex)
                {
                    // left for twinpath stat --clean
                }
            }
        }
    }
}
