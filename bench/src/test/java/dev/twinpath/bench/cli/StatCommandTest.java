package dev.twinpath.bench.cli;

import dev.twinpath.datapath.stat.LiveCounterType;
import dev.twinpath.datapath.stat.LiveCountersFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code twinpath stat} against a {@code twinpath run} in a second JVM: it finds the process, prints its counters
 * with the right labels and state names, values grow from one table to the next, the file goes when the run is
 * stopped (SIGTERM: the shutdown hook), a file left behind by a process that is gone is shown as not running and
 * removed by {@code --clean}, and no live process is exit code 1 naming the directory; several live processes are
 * printed in turn, and a heartbeat older than 5 s is flagged {@code (stale)}.
 */
class StatCommandTest
{
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void statReadsTheCountersOfARunInASecondJvm() throws Exception
    {
        final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        final Process child = new ProcessBuilder(List.of(java, "-Xmx512m", "--add-exports",
            "java.base/jdk.internal.misc=ALL-UNNAMED", "-cp",
            System.getProperty("java.class.path") + File.pathSeparator + System.getProperty("surefire.test.class.path", ""),
            TwinpathCommand.class.getName(), "run", "--duration", "60s", "--warmup", "0", "--rate", "200k",
            "--counters-dir", dir.toString()))
            .redirectErrorStream(true).redirectOutput(dir.resolve("run.out").toFile()).start();
        try
        {
            final Path file = dir.resolve("twinpath-" + child.pid() + ".dat");
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
            RssCommandTest.Run first;
            while (true)
            {
                first = RssCommandTest.twinpath("stat", "--once", "--dir", dir.toString());
                if (first.exitCode() == 0 && value(first.out(), "run delivered vf") > 0)
                {
                    break;
                }
                assertTrue(child.isAlive(), "the run ended: " + Files.readString(dir.resolve("run.out")));
                assertTrue(System.nanoTime() - deadline < 0, "no counters in time: " + first.out() + first.err());
                Thread.sleep(100);
            }
            assertTrue(Files.exists(file), file.toString());
            assertTrue(first.out().startsWith("twinpath stat: " + dir + "  "), first.out());
            assertTrue(Pattern.compile("(?m)^pid " + child.pid() + "  twinpath run  up [0-9.]+ s  heartbeat [0-9.]+ s ago  \\d+ counters$")
                .matcher(first.out()).find(), first.out());
            assertTrue(Pattern.compile("(?m)^ +id  type +value  label$").matcher(first.out()).find(), first.out());
            assertTrue(Pattern.compile("(?m)^ *\\d+  adapter_state +(VF_ACTIVE|SYNTHETIC|SWITCHING_TO_VF|SWITCHING_TO_SYNTHETIC|" +
                "DETACHING_VF)  adapter vm1/eth0 state$").matcher(first.out()).find(), first.out());
            assertTrue(Pattern.compile("(?m)^ *\\d+  pool +[0-9,]+  pool capacity$").matcher(first.out()).find(), first.out());
            assertTrue(first.out().contains("  nic host vf0 q0 rx_packets"), first.out());
            assertTrue(first.out().contains("  vswitch host drop RING_FULL"), first.out());
            Thread.sleep(500);
            final RssCommandTest.Run second = RssCommandTest.twinpath("stat", "--once", "--dir", dir.toString(), "--pid",
                Long.toString(child.pid()), "--filter", "RUN ");
            assertEquals(0, second.exitCode(), second.out() + second.err());
            assertTrue(value(second.out(), "run delivered vf") + value(second.out(), "run delivered synthetic") >
                value(first.out(), "run delivered vf") + value(first.out(), "run delivered synthetic"), first.out() + second.out());
            assertTrue(value(second.out(), "run offered") > value(first.out(), "run offered"), second.out());
            assertEquals(0, value(second.out(), "run lost"), second.out());
            assertFalse(second.out().contains("adapter vm1"), "filtered: " + second.out());
            assertTrue(second.out().contains("counters, 6 matching 'run '"), second.out());

            final RssCommandTest.Run other = RssCommandTest.twinpath("stat", "--once", "--dir", dir.toString(), "--pid", "1");
            assertEquals(1, other.exitCode(), other.out() + other.err());
            assertEquals("twinpath stat: no live twinpath process with pid 1 in " + dir + "; a run publishes its counters " +
                "there (see --dir, twinpath run --counters-dir)", other.err().strip());

            final Path copy = Files.copy(file, dir.resolve("twinpath-999999999.dat")); // its header names the run's pid
            child.destroy(); // SIGTERM: the shutdown hook deletes the run's file
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the run ended");
            assertFalse(Files.exists(file), "deleted by the shutdown hook");

            final RssCommandTest.Run gone = RssCommandTest.twinpath("stat", "--once", "--dir", dir.toString());
            assertEquals(1, gone.exitCode(), gone.out() + gone.err());
            assertTrue(gone.out().contains("pid " + child.pid() + "  twinpath run  not running (twinpath-999999999.dat left " +
                "behind: twinpath stat --clean removes it)"), gone.out());
            assertTrue(gone.err().startsWith("twinpath stat: no live twinpath process in " + dir), gone.err());

            final RssCommandTest.Run clean = RssCommandTest.twinpath("stat", "--clean", "--dir", dir.toString());
            assertEquals(0, clean.exitCode(), clean.out() + clean.err());
            assertEquals("removed " + copy + " (pid 999999999 not running)", clean.out().strip());
            assertFalse(Files.exists(copy));
            assertEquals("nothing to clean in " + dir, RssCommandTest.twinpath("stat", "--clean", "--dir", dir.toString())
                .out().strip());
        }
        finally
        {
            child.destroyForcibly();
        }
    }

    @Test
    void noLiveProcessIsExitCodeOneNamingTheDirectory()
    {
        final Path missing = dir.resolve("none");
        final RssCommandTest.Run run = RssCommandTest.twinpath("stat", "--dir", missing.toString());
        assertEquals(1, run.exitCode(), run.out() + run.err());
        assertEquals("", run.out());
        assertEquals("twinpath stat: no live twinpath process in " + missing + " (no such directory); a run publishes its " +
            "counters there (see --dir, twinpath run --counters-dir)", run.err().strip());
    }

    @Test
    void everyLiveProcessGetsItsTableInTurnAndAnOldHeartbeatIsFlaggedStale() throws Exception
    {
        final long pid = ProcessHandle.current().pid();
        try (LiveCountersFile first = LiveCountersFile.create(dir, "first tool", 2);
            LiveCountersFile second = LiveCountersFile.create(dir, "second tool", 2))
        {
            first.counters().setCounterValue(first.counters().allocate("pool in_use", LiveCounterType.POOL.id()), 7_000);
            second.counters().setCounterValue(
                second.counters().allocate("adapter vm9/eth0 state", LiveCounterType.ADAPTER_STATE.id()), 2);
            first.heartbeat(System.currentTimeMillis());
            second.heartbeat(System.currentTimeMillis() - 61_000);

            final RssCommandTest.Run run = RssCommandTest.twinpath("stat", "--once", "--dir", dir.toString());
            assertEquals(0, run.exitCode(), run.out() + run.err());
            final Matcher a = Pattern.compile("(?m)^pid " + pid + "  first tool  up [0-9.]+ s  heartbeat [0-9.]+ s ago  1 " +
                "counters\\Rid  type  value  label\\R 0  pool  7,000  pool in_use$").matcher(run.out());
            assertTrue(a.find(), run.out());
            final Matcher b = Pattern.compile("(?m)^pid " + pid + "  second tool  up [0-9.]+ s  heartbeat 1m0[0-9]s ago \\(stale\\)" +
                "  1 counters\\Rid  type               value  label\\R 0  adapter_state  VF_ACTIVE  adapter vm9/eth0 state$")
                .matcher(run.out());
            assertTrue(b.find(), run.out());
            assertTrue(a.start() < b.start(), "in turn, by file: " + run.out());
        }
    }

    /** @return the value of the counter labelled {@code label} in a table. */
    private static long value(final String table, final String label)
    {
        final Matcher m = Pattern.compile("(?m)^ *\\d+  \\S+ +([0-9,]+)  " + Pattern.quote(label) + "$").matcher(table);
        assertTrue(m.find(), "no '" + label + "' in " + table);
        return Long.parseLong(m.group(1).replace(",", ""));
    }
}
