package dev.twinpath.datapath.stat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The point of live counters: another JVM ({@link LiveCountersChild}, a lab with traffic) publishes, this one
 * attaches with {@link LiveCountersReader} while it runs and sees the right labels and values that grow; when the
 * other process is killed hard its file stays behind and reads as not running.
 */
class LiveCountersSecondJvmTest
{
    @TempDir
    Path dir;

    /** @return a JVM running {@code mainClass} with this JVM's class path and the flags Agrona needs. */
    static ProcessBuilder javaProcess(final Class<?> mainClass, final String... args)
    {
        final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        final List<String> command = new java.util.ArrayList<>(List.of(java, "-Xmx256m",
            "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED", "-cp",
            System.getProperty("java.class.path") + File.pathSeparator + System.getProperty("surefire.test.class.path", ""),
            mainClass.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aSecondJvmReadsTheCountersOfARunningLabAndTheirValuesGrow() throws Exception
    {
        final Process child = javaProcess(LiveCountersChild.class, dir.toString(), "30000").start();
        try
        {
            final BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            final String line = out.readLine();
            assertTrue(line != null && line.startsWith("published "), "the child said: " + line);
            final Path file = Path.of(line.substring("published ".length()));
            assertEquals(List.of(file), LiveCountersDirectory.files(dir).stream().map(Path::toAbsolutePath).toList());
            assertEquals(child.pid(), LiveCountersDirectory.pidOf(file));

            try (LiveCountersReader reader = LiveCountersReader.open(file))
            {
                assertEquals(child.pid(), reader.pid());
                assertEquals("live counters child", reader.command());
                assertTrue(reader.writerAlive());
                final String nic = "nic " + nicName(reader);
                final String adapter = "adapter vm1/eth0";
                awaitValue(reader, adapter + " state", 2); // VF_ACTIVE
                final long refreshes = reader.refreshes();
                final long offered = reader.value("run offered", -1);
                final long vfRx = reader.value(nic + " vf0 rx_packets", -1);
                final long adapterRx = reader.value(adapter + " rx_vf", -1);
                Thread.sleep(400);
                assertTrue(reader.refreshes() > refreshes, "refreshed: " + refreshes + " -> " + reader.refreshes());
                assertTrue(System.currentTimeMillis() - reader.heartbeatMillis() < 5_000, "fresh heartbeat");
                assertTrue(reader.value("run offered", -1) > offered, "offered grew from " + offered);
                assertTrue(reader.value(nic + " vf0 rx_packets", -1) > vfRx, "VF RX grew from " + vfRx);
                assertTrue(reader.value(adapter + " rx_vf", -1) > adapterRx, "adapter RX on the VF grew from " + adapterRx);
                final LiveCountersReader.Counter state = reader.snapshot().stream()
                    .filter(c -> c.label().equals(adapter + " state")).findFirst().orElseThrow();
                assertEquals(LiveCounterType.ADAPTER_STATE, state.type());
                assertEquals("VF_ACTIVE", state.valueText());
                assertEquals("ACTIVE", reader.snapshot().stream().filter(c -> c.label().equals(nic + " vf0 state"))
                    .findFirst().orElseThrow().valueText());
            }

            child.destroyForcibly();
            assertTrue(child.waitFor(20, TimeUnit.SECONDS), "the child ended");
            assertTrue(Files.exists(file), "killed hard: no shutdown hook ran, the file stays");
            try (LiveCountersReader stale = LiveCountersReader.open(file))
            {
                assertFalse(stale.writerAlive(), "its writer is gone");
            }
        }
        finally
        {
            child.destroyForcibly();
        }
    }

    /** @return the NIC name in the labels ({@code nic <name> wire rx_packets}). */
    private static String nicName(final LiveCountersReader reader)
    {
        for (final LiveCountersReader.Counter c : reader.snapshot())
        {
            if (c.type() == LiveCounterType.NIC_FUNCTION && c.label().endsWith(" wire rx_packets"))
            {
                return c.label().substring("nic ".length(), c.label().length() - " wire rx_packets".length());
            }
        }
        throw new AssertionError("no NIC counters");
    }

    private static void awaitValue(final LiveCountersReader reader, final String label, final long value) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (reader.value(label, -1) != value)
        {
            assertTrue(System.nanoTime() - deadline < 0, label + " is " + reader.value(label, -1) + ", expected " + value);
            Thread.sleep(20);
        }
    }
}
