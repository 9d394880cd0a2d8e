package dev.twinpath.bench.scenario;

import dev.twinpath.bench.harness.SummaryRow;
import dev.twinpath.datapath.lab.ThreadingMode;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FailoverScenarioTest
{
    private static final FailoverScenario.Settings SMALL = new FailoverScenario.Settings(TimeUnit.MILLISECONDS.toNanos(300),
        TimeUnit.MILLISECONDS.toNanos(400), 40, TimeUnit.MILLISECONDS.toNanos(40), TimeUnit.MILLISECONDS.toNanos(10),
        TimeUnit.MILLISECONDS.toNanos(1), 2, ThreadingMode.TWO, TimeUnit.MILLISECONDS.toNanos(10));

    @Test
    void measuresTheMaxRateThenSwitchesAtHalfOfIt()
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final FailoverResult result = new FailoverScenario(SMALL, SMALL).run(true,
            new PrintStream(bytes, true, StandardCharsets.UTF_8));
        final String progress = bytes.toString(StandardCharsets.UTF_8);

        assertTrue(progress.contains("[1/2] VF path at max rate") && progress.contains("[2/2] 40 switches"), progress);
        assertTrue(result.max().throughputMpps() > 0.1, result.table());
        assertEquals(Math.round(result.max().throughputMpps() * 1e6 * FailoverScenario.LOAD_SHARE), result.ratePps());
        assertEquals(0, result.max().switching().planned() - 2, "no switch in the max-rate run");
        assertEquals(40, result.switches(), result.table());
        assertEquals(42, result.steady().switching().pathSwitches(), result.table());
        for (final String missed : result.goalsMissed())
        {
            assertTrue(missed.startsWith("switch time p99"), "only the time goal may be missed on a busy machine: " + missed);
        }
        assertTrue(result.table().contains("switch time ") && result.table().contains("throughput dip "), result.table());
        final java.util.List<SummaryRow> rows = result.summaryRows("failover");
        assertEquals(java.util.List.of("vf-max-rate", "steady-throughput", "dip-min-throughput", "switch-time-p99", "switches",
            "held-back-max", "lost+reord+dup+leak"), rows.stream().map(SummaryRow::name).toList());
        assertEquals(result.steady().throughputMpps(), rows.get(1).value());
        assertEquals(result.max().throughputMpps(), rows.get(1).baselineValue());
        assertEquals(result.steady().switching().timeNanos().p99() / 1e3, rows.get(3).value());
        assertEquals(result.goalsMissed().isEmpty(), rows.get(3).verdict() == SummaryRow.Verdict.MET, result.goalsMissed().toString());
        assertEquals(40, rows.get(4).value());
        assertEquals(SummaryRow.Verdict.MET, rows.get(4).verdict());
        assertEquals(0, rows.get(6).value());
        assertEquals(SummaryRow.Verdict.MET, rows.get(6).verdict());
        final String json = result.json("failover", "plan");
        assertTrue(json.startsWith("{\n  \"suite\": \"failover\",\n  \"plan\": \"plan\""), json);
        for (final String key : new String[]{"vf_max_mpps", "steady_rate_mpps", "switch_time_us", "throughput_dip",
            "held_back_max", "lost_packets", "reordered_packets", "duplicate_packets", "leaked_buffers", "goals_missed",
            "max_rate_run", "steady_run"})
        {
            assertTrue(json.contains("\"" + key + "\": "), key + " in " + json);
        }
    }

    @Test
    void theFullPlanDoesAThousandSwitchesAtAFiveMillisecondCadence()
    {
        final FailoverScenario.Settings full = FailoverScenario.Settings.FULL;
        assertEquals(1000, full.switches());
        // 2 VMs, each revoked every 20 ms and offered 5 ms later: 4 switches per 20 ms, 250 cycles per VM
        assertTrue(full.steadyNanos() >= TimeUnit.MILLISECONDS.toNanos(251 * 20), Long.toString(full.steadyNanos()));
        assertTrue(new FailoverScenario().plan(false).contains("1,000 switches at 50% of it"));
    }
}
