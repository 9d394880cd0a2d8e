package dev.twinpath.datapath;

import dev.twinpath.datapath.event.EventId;
import dev.twinpath.datapath.jfr.TwinpathEvents;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The switch lifecycles NetVscControl reports, one JFR event each, including the ones a clean run never shows:
 * a refused or overtaken switch to the VF falls back (one event, not completed), a surprise removal, a VF the
 * host took back, a control timeout.
 */
class SwitchTraceTest
{
    private static final long MS = 1_000_000L;

    @TempDir
    java.nio.file.Path dir;

    @Test
    void aRefusedSwitchToTheVfIsOneEventThatFellBack() throws IOException
    {
        final List<RecordedEvent> events = record(t ->
        {
            t.begin(Path.SYNTHETIC, Path.VF, "offer", 3, 0);
            t.fellBack("the host refused the VF");
            t.released("VF drained and released to the host", 5 * MS);
        });
        assertEquals(1, events.size(), events.toString());
        final RecordedEvent e = events.get(0);
        assertEquals("synthetic", e.getString("fromPath"));
        assertEquals("vf", e.getString("toPath"));
        assertEquals("offer", e.getString("trigger"));
        assertEquals(3, e.getInt("vf"));
        assertFalse(e.getBoolean("completed"));
        assertEquals("fell back to synthetic: the host refused the VF; VF drained and released to the host", e.getString("outcome"));
        assertEquals(5 * MS, e.getLong("switchTime"));
    }

    @Test
    void aRevokeOvertakingTheSwitchToTheVfEndsItWhenTheVfIsReleased() throws IOException
    {
        final List<RecordedEvent> events = record(t ->
        {
            t.begin(Path.SYNTHETIC, Path.VF, "offer", 1, 0);
            t.toSynthetic(true, "revoke", 1, 2 * MS);
            t.pathClosed(-1, 4, 7, 7);
            t.released("VF drained and released to the host", 9 * MS);
        });
        assertEquals(1, events.size(), events.toString());
        assertEquals("offer", events.get(0).getString("trigger"));
        assertFalse(events.get(0).getBoolean("completed"));
        assertTrue(events.get(0).getString("outcome").startsWith("fell back to synthetic: revoke"));
        assertEquals(4, events.get(0).getLong("drained"));
        assertEquals(7, events.get(0).getLong("held"));
        assertEquals(9 * MS, events.get(0).getLong("switchTime"));
    }

    @Test
    void aSurpriseRemovalIsItsOwnSwitchUnlessARevokesIsUnderWay() throws IOException
    {
        final List<RecordedEvent> events = record(t ->
        {
            t.begin(Path.SYNTHETIC, Path.VF, "offer", 2, 0);
            t.settled(MS);
            t.surpriseRemoval(false, 2, 11, 5, 10 * MS);
            t.released("VF gone (surprise removal)", 10 * MS);
            t.begin(Path.SYNTHETIC, Path.VF, "offer", 2, 20 * MS);
            t.settled(21 * MS);
            t.toSynthetic(false, "revoke", 2, 30 * MS);
            t.surpriseRemoval(false, 2, 1, 0, 31 * MS);
            t.released("VF gone (surprise removal)", 31 * MS);
        });
        assertEquals(List.of("offer completed", "surprise removal VF gone (surprise removal)", "offer completed",
            "revoke VF gone (surprise removal)"), events.stream().map(e -> e.getString("trigger") + " " + e.getString("outcome"))
            .collect(Collectors.toList()));
        assertEquals(11, events.get(1).getLong("drained"));
        assertEquals(5, events.get(1).getLong("released"));
        assertTrue(events.get(1).getBoolean("completed"));
        assertEquals(1, events.get(3).getLong("drained"));
    }

    @Test
    void aVfTakenBackAndAControlTimeoutAreEventsToo() throws IOException
    {
        final java.nio.file.Path file = dir.resolve("t.jfr");
        try (Recording recording = TwinpathEvents.enableAll(new Recording()))
        {
            recording.start();
            final SwitchTrace t = new SwitchTrace("A", "vm1/eth0", null);
            t.begin(Path.SYNTHETIC, Path.VF, "offer", 0, 0);
            t.settled(MS);
            t.onEvent(EventId.CONTROL_TIMEOUT, 0, "VF vm1 was taken back by the host");
            t.onEvent(EventId.RX_PATH_CLOSED, 0, "not a timeout");
            t.takenBack(0, 2 * MS);
            recording.stop();
            recording.dump(file);
        }
        final List<RecordedEvent> all = RecordingFile.readAllEvents(file);
        final List<RecordedEvent> timeouts = all.stream()
            .filter(e -> e.getEventType().getName().equals(TwinpathEvents.CONTROL_TIMEOUT)).collect(Collectors.toList());
        assertEquals(1, timeouts.size(), all.toString());
        assertEquals("VF vm1 was taken back by the host", timeouts.get(0).getString("what"));
        assertEquals("A", timeouts.get(0).getString("host"));
        final List<RecordedEvent> switches = all.stream()
            .filter(e -> e.getEventType().getName().equals(TwinpathEvents.PATH_SWITCH)).collect(Collectors.toList());
        assertEquals(2, switches.size());
        assertTrue(switches.stream().anyMatch(e -> e.getString("trigger").equals("taken back") &&
            e.getString("outcome").equals("VF taken back by the host without a revoke") && e.getString("toPath").equals("synthetic")));
    }

    @Test
    void switchTimesAreRecordedWithOrWithoutARecording()
    {
        final SwitchTimes times = new SwitchTimes();
        final SwitchTrace t = new SwitchTrace("A", "vm1/eth0", times);
        t.begin(Path.SYNTHETIC, Path.VF, "offer", 0, 0);
        assertTrue(t.timing());
        t.settled(3 * MS);
        assertFalse(t.timing());
        t.toSynthetic(false, "revoke", 0, 10 * MS);
        t.released("VF drained and released to the host", 12 * MS);
        t.begin(Path.SYNTHETIC, Path.VF, "offer", 0, 20 * MS);
        t.settled(21 * MS);
        t.surpriseRemoval(false, 0, 0, 0, 30 * MS);
        t.released("VF gone (surprise removal)", 30 * MS); // a removal is not a timed switch
        assertEquals(3, times.count());
        assertEquals(3 * MS, times.snapshot().getMaxValue(), 3 * MS / 500.0);
        assertEquals(MS, times.snapshot().getMinValue(), MS / 500.0);
    }

    private List<RecordedEvent> record(final Consumer<SwitchTrace> steps) throws IOException
    {
        final java.nio.file.Path file = dir.resolve("switches.jfr");
        try (Recording recording = TwinpathEvents.enableAll(new Recording()))
        {
            recording.start();
            steps.accept(new SwitchTrace("A", "vm1/eth0", new SwitchTimes()));
            recording.stop();
            recording.dump(file);
        }
        return RecordingFile.readAllEvents(file).stream()
            .filter(e -> e.getEventType().getName().equals(TwinpathEvents.PATH_SWITCH))
            .sorted((a, b) -> a.getStartTime().compareTo(b.getStartTime())).collect(Collectors.toList());
    }
}
