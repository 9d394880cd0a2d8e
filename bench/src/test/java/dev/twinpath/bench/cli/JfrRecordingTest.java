package dev.twinpath.bench.cli;

import dev.twinpath.datapath.jfr.TwinpathEvents;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --jfr FILE}: a recording JDK Mission Control and {@code jfr print} read, with the JDK's and Twinpath's events. */
class JfrRecordingTest
{
    @TempDir
    Path dir;

    @Test
    void runWritesARecordingWithEveryPathSwitchAndTheJdksDefaultEvents() throws IOException
    {
        final Path jfr = dir.resolve("run.jfr");
        final Path json = dir.resolve("run.json");
        final RssCommandTest.Run run = RssCommandTest.twinpath("run", "--duration", "800ms", "--warmup", "0", "--rate", "50k",
            "--vms", "1", "--vfs", "2", "--flows", "16", "--switch-interval", "250ms", "--synthetic-time", "50ms",
            "--json", json.toString(), "--jfr", jfr.toString());

        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("jfr: " + jfr), run.out());
        final List<RecordedEvent> events = RecordingFile.readAllEvents(jfr);
        final long switches = count(events, TwinpathEvents.PATH_SWITCH);
        final Matcher m = Pattern.compile("\"path_switches\": (\\d+)").matcher(Files.readString(json));
        assertTrue(m.find());
        assertEquals(Long.parseLong(m.group(1)), switches, "one PathSwitch event per switch the run counted");
        assertTrue(switches >= 3, "the first offer, then revokes and offers: " + switches);
        assertTrue(count(events, "jdk.ExecutionSample") > 0, "the JDK's default settings sample the threads");
        assertTrue(count(events, "jdk.GCHeapSummary") + count(events, "jdk.CPULoad") > 0, "the JDK's default events");
        assertEquals(List.of(), Files.list(dir).filter(p -> p.getFileName().toString().endsWith(".part")).toList(),
            "no temporary file left");
    }

    @Test
    void vmMigrateRecordsTheMigration() throws IOException
    {
        final Path jfr = dir.resolve("migrate.jfr");
        final RssCommandTest.Run run = RssCommandTest.twinpath("vm", "migrate", "--to", "C", "--at", "400ms", "--duration",
            "1200ms", "--jfr", jfr.toString());

        assertEquals(0, run.exitCode(), run.out() + run.err());
        final List<RecordedEvent> migrations = RecordingFile.readAllEvents(jfr).stream()
            .filter(e -> e.getEventType().getName().equals(TwinpathEvents.MIGRATION)).toList();
        assertEquals(1, migrations.size(), migrations.toString());
        final RecordedEvent e = migrations.get(0);
        assertEquals("vm1", e.getString("vm"));
        assertEquals("A", e.getString("sourceHost"));
        assertEquals("C", e.getString("destinationHost"));
        assertEquals("completed", e.getString("outcome"));
        assertTrue(e.getLong("blackout") > 0 && e.getDuration().toNanos() > 0, e.toString());
        assertTrue(e.getBoolean("vfOffered"), e.toString());
    }

    @Test
    void aFailingRunStillWritesTheRecordingAndKeepsItsException() throws IOException
    {
        final Path jfr = dir.resolve("failed.jfr");
        final StringWriter out = new StringWriter();
        final IllegalStateException failure = new IllegalStateException("the lab failed");
        final IllegalStateException thrown = assertThrows(IllegalStateException.class,
            () -> JfrRecording.around(jfr, new PrintWriter(out), () ->
            {
                throw failure;
            }));

        assertSame(failure, thrown);
        assertTrue(out.toString().contains("jfr: " + jfr), out.toString());
        assertTrue(count(RecordingFile.readAllEvents(jfr), "jdk.ActiveRecording") > 0, "a readable recording");
        assertEquals(7, JfrRecording.around(null, new PrintWriter(out), () -> 7), "no file, no recording");
    }

    private static long count(final List<RecordedEvent> events, final String name)
    {
        return events.stream().filter(e -> e.getEventType().getName().equals(name)).count();
    }
}
