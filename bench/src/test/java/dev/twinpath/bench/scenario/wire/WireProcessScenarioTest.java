package dev.twinpath.bench.scenario.wire;

import dev.twinpath.bench.harness.SummaryRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Suite {@code wire-proc} in its shortest form: every trial really runs three JVMs (A → ToR → B) over UDP, UDP with
 * an 8 KiB MTU and IPC. What must hold whatever the machine's speed: B got every frame A sent, in sequence, and timed
 * each one A stamped in the window; the entries and their baselines are there; the processes and their Aeron
 * directories are gone. No speed is asserted.
 */
class WireProcessScenarioTest
{
    private static final WireProcessScenario.Settings TINY = new WireProcessScenario.Settings(
        TimeUnit.MILLISECONDS.toNanos(300), TimeUnit.MILLISECONDS.toNanos(400), List.of(WireTransport.values()), 50_000,
        0.5, 200_000);

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void threeProcessesCarryEveryFrameInOrderAndTheSuiteReportsEachTransportAgainstRawAeron()
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final WireProcessResult result = new WireProcessScenario(TINY, TINY).run(true,
            new PrintStream(bytes, true, StandardCharsets.UTF_8));
        final String progress = bytes.toString(StandardCharsets.UTF_8);

        assertEquals(List.of(), result.failures(), progress);
        assertEquals(21, result.trials().size(), progress);
        assertTrue(progress.contains("[1/21] wire-proc-udp max") && progress.contains("[3/21] raw-aeron-proc-udp-batch max") &&
            progress.contains("[4/21] wire-proc-udp at 0.050 Mpps") && progress.contains("[21/21] raw-aeron-proc-ipc at "), progress);
        for (final WireTrialResult trial : result.trials())
        {
            assertTrue(trial.sent() > 0 && trial.sentInWindow() > 0, trial.name() + " sent in the window: " + trial);
            assertEquals(trial.sent(), trial.received(), trial.name() + ": B received every unit A sent");
            assertEquals(0, trial.outOfSequence(), trial.name() + ": in sequence");
            assertEquals(trial.sentInWindow(), trial.latencyNanos().count(), trial.name() + ": each stamped unit timed");
            assertTrue(trial.windowReceived() > 0 && trial.windowReceived() <= trial.received(), trial.toString());
            assertEquals(List.of(), trial.violations());
            assertEquals(3, trial.pids().size());
            for (int process = 0; process < 3; process++)
            {
                assertTrue(trial.cores(process) > 0, trial.name() + " process " + process + " used CPU in the window: " +
                    trial.cpuNanos());
            }
        }
        for (final WireTransport t : WireTransport.values())
        {
            assertEquals(TINY.lightRatePps(), result.trial(t, WirePath.WIRE, WireTrialKind.LIGHT).ratePps());
            final WireTrialResult max = result.trial(t, WirePath.WIRE, WireTrialKind.MAX);
            assertEquals(0, max.ratePps());
            final WireTrialResult ceiling = result.trial(t, WirePath.RAW_BATCH, WireTrialKind.MAX);
            assertEquals(t.framesPerBatch(), ceiling.framesPerUnit(), "the ceiling's messages are full batches");
            assertEquals(0, ceiling.ratePps());
            for (final WireTrialKind kind : new WireTrialKind[]{WireTrialKind.LIGHT, WireTrialKind.LOADED})
            {
                final WireTrialResult wirePaced = result.trial(t, WirePath.WIRE, kind);
                final WireTrialResult rawPaced = result.trial(t, WirePath.RAW, kind);
                assertEquals(wirePaced.ratePps(), rawPaced.ratePps(), "both paths at the same rate");
                assertTrue(wirePaced.ratePps() > 0 && wirePaced.ratePps() <= TINY.maxLatencyRatePps(), wirePaced.toString());
                // on a schedule, A sends what the rate allows over warm-up + window, whatever the machine's speed
                final double expected = wirePaced.ratePps() * (TINY.warmupNanos() + TINY.measureNanos()) / 1e9;
                assertEquals(expected, wirePaced.sent(), expected * 0.01 + 2, wirePaced.toString());
                assertEquals(1, rawPaced.framesPerUnit(), "the baseline sends a 64-byte message per frame");
                assertEquals(expected, rawPaced.sent(), expected * 0.01 + 2, rawPaced.toString());
            }
        }
        assertEquals(0, result.invariantBreaks());

        final List<SummaryRow> rows = result.summaryRows("wire-proc");
        final List<String> names = new ArrayList<>();
        for (final WireTransport t : WireTransport.values())
        {
            final String wire = "wire-proc-" + t.label();
            final String raw = "raw-aeron-proc-" + t.label();
            names.addAll(List.of(wire, raw, wire + "-vs-batch", raw + "-batch", wire + "-p50", wire + "-p99",
                wire + "-loaded-p50", wire + "-loaded-p99"));
        }
        names.add("lost+reord+untimed");
        assertEquals(names, rows.stream().map(SummaryRow::name).toList());
        for (final WireTransport t : WireTransport.values())
        {
            final int first = 8 * t.ordinal();
            final SummaryRow wire = rows.get(first);
            assertEquals("raw-aeron-proc-" + t.label(), wire.baseline());
            assertEquals(result.trial(t, WirePath.WIRE, WireTrialKind.MAX).mpps(), wire.value());
            assertEquals(result.trial(t, WirePath.RAW, WireTrialKind.MAX).mpps(), wire.baselineValue());
            assertTrue(rows.get(first + 1).reference());
            final SummaryRow vsBatch = rows.get(first + 2);
            assertEquals("raw-aeron-proc-" + t.label() + "-batch", vsBatch.baseline());
            assertEquals(result.trial(t, WirePath.RAW_BATCH, WireTrialKind.MAX).mpps(), vsBatch.baselineValue());
            assertEquals(SummaryRow.Verdict.NONE, vsBatch.verdict(), "the ceiling has no goal");
            assertTrue(rows.get(first + 3).reference());
            final SummaryRow p99 = rows.get(first + 5);
            assertEquals(result.trial(t, WirePath.WIRE, WireTrialKind.LIGHT).latencyNanos().p99() / 1e3, p99.value());
            assertEquals("raw-aeron-proc-" + t.label() + "-p99", p99.baseline());
            assertEquals(result.trial(t, WirePath.RAW, WireTrialKind.LIGHT).latencyNanos().p99() / 1e3, p99.baselineValue());
            final SummaryRow loaded = rows.get(first + 6);
            assertEquals(result.trial(t, WirePath.WIRE, WireTrialKind.LOADED).latencyNanos().p50() / 1e3, loaded.value());
            assertEquals(result.trial(t, WirePath.RAW, WireTrialKind.LOADED).latencyNanos().p50() / 1e3, loaded.baselineValue());
            final boolean missed = result.goalsMissed().stream().anyMatch(g -> g.startsWith(wire.name() + " "));
            assertEquals(missed, wire.verdict() == SummaryRow.Verdict.MISSED, result.goalsMissed().toString());
        }
        final SummaryRow invariants = rows.get(rows.size() - 1);
        assertEquals(0, invariants.value());
        assertEquals(SummaryRow.Verdict.MET, invariants.verdict());
        for (final String missed : result.goalsMissed())
        {
            assertTrue(missed.matches("wire-proc-[a-z0-9-]+ (is|moved) .*\\(goal >= .*\\)"), "only speed goals: " + missed);
        }
        assertTrue(result.table().contains("wire-proc-udp-mtu8k") && result.table().contains("p99.9"), result.table());
        final String json = result.json("wire-proc", "plan");
        for (final String key : new String[]{"entries", "trials", "goals_missed", "latency_us", "frames_per_message_a"})
        {
            assertTrue(json.contains("\"" + key + "\": "), key + " in " + json);
        }

        for (final WireTrialResult trial : result.trials())
        {
            for (final long pid : trial.pids())
            {
                assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "process " + pid + " ended");
                assertEquals(List.of(), leftovers("twinpath-aeron-" + pid + "-"), "nothing left by process " + pid);
            }
        }
        assertEquals(List.of(), leftovers("twinpath-wire-proc-" + ProcessHandle.current().pid() + "-"),
            "the shared IPC driver's directory is gone");
    }

    private static List<String> leftovers(final String prefix)
    {
        final String[] left = new File("/dev/shm").list((dir, name) -> name.startsWith(prefix));
        return left == null ? List.of() : Arrays.asList(left);
    }
}
