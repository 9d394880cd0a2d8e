package dev.twinpath.bench.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A lab of real processes on this machine over loopback UDP ({@code twinpath run --lab FILE --processes}): the rack
 * process and three host processes, each its own JVM. vm1 live-migrates from host A's process to host B's with its
 * traffic running, losing nothing; host C's process is killed mid-run: the rack detects it (its uplink's Aeron image
 * goes), says in the event log what was lost with it, and the rest of the lab runs on and passes; C's process is
 * started again and rejoins the lab (with no VM). Bounded in time; every process is gone afterwards, and so are the
 * media driver directories of the killed ones.
 */
class ProcessLabTest
{
    private static final String LAB = """
        name: ci-processes
        duration: 8s
        traffic: { rate: 20k, flows: 16 }
        hosts:
          - { name: A, platform: { preset: sriov-ready } }
          - { name: B, platform: { preset: no-sriov-nic } }
          - { name: C, platform: { preset: sriov-ready } }
        vms:
          - { name: vm1, host: A }
          - { name: vm2, host: C }
        schedule:
          - { at: 1s, migrate: vm1, to: B }
        """;

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void aMigrationAcrossProcessesLosesNothingAndAKilledHostIsDetectedAndReported(@TempDir final Path dir) throws Exception
    {
        final Path lab = dir.resolve("ci-processes.yaml");
        Files.writeString(lab, LAB);
        final Path report = dir.resolve("report");
        final StringWriter out = new StringWriter();
        final var commandLine = TwinpathCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(out, true));
        final Path counters = dir.resolve("counters");
        final java.util.concurrent.atomic.AtomicReference<String> stat = new java.util.concurrent.atomic.AtomicReference<>("");
        final Thread watcher = new Thread(() -> watch(counters, stat), "stat");
        watcher.start();
        final int exit;
        try
        {
            exit = commandLine.execute("run", "--lab", lab.toString(), "--processes", "--port-base", "42300",
                "--kill", "C@2s", "--restart", "C@2500ms", "--report", report.toString(), "--counters-dir", counters.toString());
        }
        finally
        {
            watcher.interrupt();
            watcher.join(10_000);
            assertEquals(List.of(), children(), "every process of the lab is gone:\n" + out);
        }
        final String text = out.toString();
        assertEquals(0, exit, text);
        final Matcher pids = Pattern.compile("host [ABC] joined \\(pid (\\d+)\\)").matcher(text);
        while (pids.find())
        {
            final String pid = pids.group(1);
            try (var left = Files.list(Path.of("/dev/shm")))
            {
                assertEquals(List.of(), left.filter(p -> p.getFileName().toString().startsWith("twinpath-aeron-" + pid + "-"))
                    .toList(), "no media driver directory left by process " + pid);
            }
        }

        assertTrue(text.contains("[tor] rack: host A joined"), text);
        assertTrue(text.contains("[run] killed host C"), text);
        // seen by Aeron liveness (its uplink image goes), or earlier by the hello of its restarted process
        assertTrue(Pattern.compile("HOST_STATE .* host C \\(pid \\d+\\) is down: (its uplink's Aeron image is unavailable|" +
            "a new process \\(pid \\d+\\) said hello for it)").matcher(text).find(), text);
        final Matcher migration = Pattern.compile("migration vm1 A -> B: blackout ([\\d.]+) ms, .*?([\\d,]+) forwarded")
            .matcher(text);
        assertTrue(migration.find(), text);
        final Matcher vm1 = Pattern.compile("vm1 +on B +sent ([\\d,]+) +delivered ([\\d,]+) .*lost 0 +reordered 0 +duplicates 0")
            .matcher(text);
        assertTrue(vm1.find(), text);
        assertEquals(vm1.group(1), vm1.group(2), "vm1 received every frame sent to it, across A and B");
        assertTrue(Pattern.compile("vm2 +on C .*host C down: [\\d,]+ dropped at the peer").matcher(text).find(), text);
        assertTrue(text.contains("[run] restarted host C"), text);
        assertTrue(Pattern.compile("HOST_STATE .* host C is back \\(pid \\d+, was \\d+\\): it rejoins the lab with no VM")
            .matcher(text).find(), text);
        assertTrue(text.contains("[C] host C: started with 0 VMs []"), text);
        assertTrue(text.contains("[tor] PASS"), text);

        final String seen = stat.get();
        assertTrue(seen.contains("twinpath tor tor1 (lab ci-processes)") && seen.contains("twinpath host A (lab ci-processes)") &&
            seen.contains("twinpath host B (lab ci-processes)"), "stat --lab shows every process of the lab:\n" + seen);
        assertTrue(Pattern.compile("[1-9][\\d,]* +rack port A frames_out").matcher(seen).find(), seen);
        assertTrue(Pattern.compile("[1-9][\\d,]* +vm vm1 received on A").matcher(seen).find(), seen);

        final String json = Files.readString(report.resolve("summary.json"));
        assertTrue(json.contains("\"passed\": true"), json);
        assertTrue(json.contains("\"vm\": \"vm2\", \"host\": \"C\""), json);
        assertTrue(json.contains("\"hostDown\": true"), json);
        assertTrue(Files.readString(report.resolve("latency.hgrm")).contains("#[Mean"), "merged histogram written");
    }

    /** Run {@code twinpath stat --once --lab ci-processes} until it shows the rack and two hosts with traffic. */
    private static void watch(final Path counters, final java.util.concurrent.atomic.AtomicReference<String> seen)
    {
        try
        {
            while (!Thread.currentThread().isInterrupted())
            {
                Thread.sleep(500);
                final StringWriter text = new StringWriter();
                final var stat = TwinpathCommand.commandLine();
                stat.setOut(new PrintWriter(text, true));
                stat.setErr(new PrintWriter(new StringWriter(), true));
                stat.execute("stat", "--once", "--lab", "ci-processes", "--dir", counters.toString());
                final String shown = text.toString();
                if (shown.contains("twinpath host B") && Pattern.compile("[1-9][\\d,]* +vm vm1 received on A").matcher(shown).find())
                {
                    seen.set(shown);
                    return;
                }
                seen.set(shown);
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    /** @return the processes this JVM started that still run. */
    private static List<ProcessHandle> children()
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        List<ProcessHandle> alive;
        do
        {
            alive = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList();
        }
        while (!alive.isEmpty() && System.nanoTime() < deadline);
        return alive;
    }
}
