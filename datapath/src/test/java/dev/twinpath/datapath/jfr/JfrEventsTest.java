package dev.twinpath.datapath.jfr;

import dev.twinpath.datapath.event.EventId;
import dev.twinpath.datapath.event.EventQuery;
import dev.twinpath.datapath.hyperv.HostPlatform;
import dev.twinpath.datapath.lab.HostConfig;
import dev.twinpath.datapath.lab.MigrationReport;
import dev.twinpath.datapath.lab.ThreadingMode;
import dev.twinpath.datapath.run.FailoverRun;
import dev.twinpath.datapath.run.LabAction;
import dev.twinpath.datapath.run.LabPlan;
import dev.twinpath.datapath.run.RunContext;
import dev.twinpath.datapath.run.RunListener;
import dev.twinpath.datapath.run.RunSummary;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs under a JFR recording: one PathSwitch event per switch the adapters count, each lasting as long as the
 * switch, with the figures of the event log; one Migration event per live migration with the run's report.
 */
class JfrEventsTest
{
    @TempDir
    Path dir;

    @Test
    void everyPathSwitchOfAFailoverRunIsAnEventAsLongAsTheSwitch() throws IOException
    {
        final RunContext context = new RunContext().duration(1200, TimeUnit.MILLISECONDS).ratePps(100_000).flows(256)
            .switchInterval(300, TimeUnit.MILLISECONDS).syntheticTime(60, TimeUnit.MILLISECONDS)
            .warmup(0, TimeUnit.MILLISECONDS).threading(ThreadingMode.TWO);
        final Recorded recorded = record(() -> new FailoverRun(context).run(RunListener.NONE));
        final RunSummary summary = recorded.summary();
        assertEquals(List.of(), summary.problems(), summary.toJson());

        final List<RecordedEvent> switches = recorded.named(TwinpathEvents.PATH_SWITCH);
        assertEquals(summary.switching().pathSwitches(), switches.size(), "one event per PATH_SWITCHES: " + switches);
        assertEquals(summary.events().stream().filter(new EventQuery().id(EventId.DATA_PATH_SWITCHED)).count(),
            switches.size(), "one event per DATA_PATH_SWITCHED");
        assertTrue(switches.size() >= 8, "first offers, then revokes and offers: " + switches.size());
        long toVf = 0;
        long maxSwitchTime = 0;
        for (final RecordedEvent e : switches)
        {
            assertTrue(e.getDuration().toNanos() > 0, e.toString());
            assertTrue(e.getLong("switchTime") > 0, e.toString());
            assertEquals("host", e.getString("host"), e.toString());
            assertTrue(Set.of("vm1/eth0", "vm2/eth0").contains(e.getString("adapter")), e.toString());
            assertTrue(e.getBoolean("completed"), e.toString());
            assertTrue(e.getInt("vf") >= 0, e.toString());
            final boolean offer = e.getString("toPath").equals("vf");
            toVf += offer ? 1 : 0;
            assertEquals(offer ? "synthetic" : "vf", e.getString("fromPath"), e.toString());
            assertEquals(offer ? "offer" : "revoke", e.getString("trigger"), e.toString());
            assertEquals(offer ? "completed" : "VF drained and released to the host", e.getString("outcome"), e.toString());
            maxSwitchTime = Math.max(maxSwitchTime, e.getLong("switchTime"));
        }
        assertEquals(summary.events().stream().filter(new EventQuery().id(EventId.VF_ASSOCIATED)).count(), toVf);
        // the switch times the run's histogram holds (3 significant digits) are the events' switchTime fields
        assertEquals(summary.switching().timeNanos().count(), switches.size());
        assertEquals(summary.switching().timeNanos().max(), maxSwitchTime, maxSwitchTime / 500.0);
        // what the RX path closes reported: the event log's drained/held figures, summed, are the events'
        assertEquals(sum(summary, EventId.RX_PATH_CLOSED, true), switches.stream().mapToLong(e -> e.getLong("drained")).sum());
        assertEquals(sum(summary, EventId.RX_PATH_CLOSED, false) + sum(summary, EventId.TX_PATH_CLOSED, false),
            switches.stream().mapToLong(e -> e.getLong("held")).sum());
        assertEquals(summary.switching().controlTimeouts(), recorded.named(TwinpathEvents.CONTROL_TIMEOUT).size());
    }

    @Test
    void everyLiveMigrationIsAnEventWithTheRunsReport() throws IOException
    {
        final LabPlan plan = new LabPlan().name("a-b-c")
            .host(new HostConfig("A").platform(HostPlatform.sriovReady("A", 4)))
            .host(new HostConfig("B").platform(HostPlatform.withoutSriovNic("B")))
            .host(new HostConfig("C").platform(HostPlatform.sriovReady("C", 4)))
            .place(0, "A")
            .action(LabAction.migrate(TimeUnit.MILLISECONDS.toNanos(500), "vm1", "B"))
            .action(LabAction.migrate(TimeUnit.MILLISECONDS.toNanos(1100), "vm1", "C"));
        final RunContext context = new RunContext().vms(1).flows(64).ratePps(100_000).guestRatePps(20_000).guestFlows(16)
            .duration(1800, TimeUnit.MILLISECONDS).warmup(0, TimeUnit.SECONDS).switchInterval(0, TimeUnit.SECONDS)
            .threading(ThreadingMode.TWO).plan(plan);
        final Recorded recorded = record(() -> new FailoverRun(context).run(RunListener.NONE));
        final RunSummary summary = recorded.summary();
        assertEquals(List.of(), summary.problems(), () -> String.join("\n", summary.schedule()));

        final List<RecordedEvent> migrations = recorded.named(TwinpathEvents.MIGRATION);
        assertEquals(2, summary.migrations().size());
        assertEquals(summary.migrations().size(), migrations.size(), migrations.toString());
        for (int i = 0; i < migrations.size(); i++)
        {
            final RecordedEvent e = migrations.get(i);
            final MigrationReport report = summary.migrations().get(i);
            assertEquals("completed", e.getString("outcome"), e.toString());
            assertEquals(report.vm(), e.getString("vm"));
            assertEquals(report.from(), e.getString("sourceHost"));
            assertEquals(report.to(), e.getString("destinationHost"));
            assertEquals(report.blackoutNanos(), e.getLong("blackout"), e.toString());
            assertTrue(report.blackoutNanos() > 0);
            assertEquals(report.forwarded(), e.getLong("forwarded"));
            assertEquals(report.heldAtDestination(), e.getLong("held"));
            assertEquals(report.vfOfferedAtDestination(), e.getBoolean("vfOffered"));
            assertEquals(report.vfReason(), e.getString("reason"));
            assertTrue(e.getDuration().toNanos() > report.blackoutNanos() / 2, "the blackout is part of the migration: " + e);
        }
        assertFalse(migrations.get(0).getBoolean("vfOffered"), "B has no SR-IOV");
        assertTrue(migrations.get(1).getBoolean("vfOffered"), "C offers a VF");
        assertTrue(migrations.get(0).getEndTime().isBefore(migrations.get(1).getStartTime()));

        // A: offer; the first migration's revoke at A; C: offer
        final List<RecordedEvent> switches = recorded.named(TwinpathEvents.PATH_SWITCH);
        assertEquals(summary.switching().pathSwitches(), switches.size(), switches.toString());
        assertEquals(List.of("A offer", "A revoke", "C offer"), switches.stream()
            .map(e -> e.getString("host") + " " + e.getString("trigger")).collect(Collectors.toList()));
        final RecordedEvent revoke = switches.get(1);
        assertTrue(revoke.getStartTime().compareTo(migrations.get(0).getStartTime()) >= 0 &&
            revoke.getEndTime().compareTo(migrations.get(0).getEndTime()) <= 0, "the VF path closes within the migration");
    }

    private static long sum(final RunSummary summary, final EventId id, final boolean drained)
    {
        return summary.events().stream().filter(new EventQuery().id(id)).mapToLong(e -> drained ? e.drained() : e.held()).sum();
    }

    private Recorded record(final Supplier<RunSummary> run) throws IOException
    {
        final Path file = dir.resolve("run.jfr");
        final RunSummary summary;
        try (Recording recording = TwinpathEvents.enableAll(new Recording()))
        {
            recording.start();
            summary = run.get();
            recording.stop();
            recording.dump(file);
        }
        return new Recorded(summary, RecordingFile.readAllEvents(file));
    }

    private record Recorded(RunSummary summary, List<RecordedEvent> events)
    {
        List<RecordedEvent> named(final String name)
        {
            return events.stream().filter(e -> e.getEventType().getName().equals(name))
                .sorted((a, b) -> a.getStartTime().compareTo(b.getStartTime())).collect(Collectors.toList());
        }
    }
}
