package dev.twinpath.bench.harness;

import dev.twinpath.bench.harness.BenchSummary.SuiteOutcome;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The summary of {@code twinpath bench all}, from synthetic results (no JMH run). */
class BenchSummaryTest
{
    @Test
    void aJmhEntrysRowCarriesItsScoreBaselineRatioGoalAndVerdict()
    {
        final BenchSuite ring = BenchSuite.find("ring");
        final SummaryRow met = SummaryRow.of(ring, new BenchResult(ring.entry("twinpath-burst32"), 300, 10, 0.0, 150));
        assertEquals("ring", met.suite());
        assertEquals("Mdesc/s", met.unit());
        assertEquals("jctools-spsc-burst32", met.baseline());
        assertEquals(2.0, met.ratio());
        assertEquals("0 B/op, >= 1.00x", met.goal());
        assertEquals(SummaryRow.Verdict.MET, met.verdict());

        final SummaryRow slow = SummaryRow.of(ring, new BenchResult(ring.entry("twinpath-burst32"), 100, 10, 0.0, 150));
        assertEquals(SummaryRow.Verdict.MISSED, slow.verdict());
        final SummaryRow allocating = SummaryRow.of(ring, new BenchResult(ring.entry("twinpath-burst32"), 300, 10, 16.0, 150));
        assertEquals(SummaryRow.Verdict.MISSED, allocating.verdict());

        final SummaryRow baseline = SummaryRow.of(ring, new BenchResult(ring.entry("jctools-spsc-burst32"), 150, 5, 0.0,
            Double.NaN));
        assertNull(baseline.baseline());
        assertNull(baseline.goal());
        assertEquals(SummaryRow.Verdict.NONE, baseline.verdict());
        assertTrue(Double.isNaN(baseline.ratio()));

        final BenchSuite codec = BenchSuite.find("codec");
        assertEquals("0 B/op", SummaryRow.of(codec, new BenchResult(codec.entries().get(0), 17, 1, 0.0, 68)).goal());
    }

    @Test
    void theTableAndJsonHoldEverySuiteInOrderWithWhatWasMissedAndWhatFailed()
    {
        final BenchSummary summary = new BenchSummary("quick; JMH suites: 1 fork(s)");
        final BenchSuite ring = BenchSuite.find("ring");
        final BenchResult fast = new BenchResult(ring.entry("twinpath-burst1"), 200, 20, 0.0, 100);
        final BenchResult jctools = new BenchResult(ring.entry("jctools-spsc-burst1"), 100, 10, 0.0, Double.NaN);
        final BenchResult slow = new BenchResult(ring.entry("twinpath-burst32"), 120, 20, 0.0, 150);
        summary.add(SuiteOutcome.ran("ring", List.of(SummaryRow.of(ring, fast), SummaryRow.of(ring, jctools),
            SummaryRow.of(ring, slow)), List.of(slow.problem()), BenchReport.json(ring, "plan", List.of(fast, jctools, slow))));
        summary.add(SuiteOutcome.ran("failover", List.of(new SummaryRow("failover", "switch-time-p99", false, 850.5, "us", null,
            Double.NaN, "<= 100.0 us", SummaryRow.Verdict.MISSED, Double.NaN)), List.of("switch time p99 850.5 us"),
            "{\"suite\":\"failover\"}"));
        assertEquals(3, summary.exitCode(), "a goal missed");
        summary.add(SuiteOutcome.failed("vmbus", "JMH ran nothing for VmBusBenchmark.vmbusBurst32"));

        final String table = summary.table();
        final List<String> lines = table.lines().toList();
        assertEquals(6, lines.size(), table);
        assertTrue(lines.get(0).matches("suite\\s+measurement\\s+score\\s+unit\\s+baseline\\s+ratio\\s+goal\\s+met\\s+B/op"),
            lines.get(0));
        assertTrue(lines.get(1).matches("ring\\s+twinpath-burst1\\s+200\\.00 Mdesc/s\\s+jctools-spsc-burst1\\s+2\\.00x\\s+" +
            "0 B/op, >= 1\\.00x\\s+met\\s+0\\.00"), lines.get(1));
        assertTrue(lines.get(2).matches("ring\\s+jctools-spsc-burst1\\s+100\\.00 Mdesc/s\\s+\\(baseline\\)\\s+-\\s+-\\s+-\\s+0\\.00"),
            lines.get(2));
        assertTrue(lines.get(3).matches("ring\\s+twinpath-burst32\\s+120\\.00 Mdesc/s\\s+jctools-spsc-burst32\\s+0\\.80x\\s+" +
            "0 B/op, >= 1\\.00x\\s+MISSED\\s+0\\.00"), lines.get(3));
        // failover's row, then the failed suite
        assertTrue(lines.get(4).matches("failover\\s+switch-time-p99\\s+850\\.50 us\\s+-\\s+-\\s+<= 100\\.0 us\\s+MISSED\\s+-"),
            lines.get(4));
        assertEquals("vmbus     FAILED TO RUN: JMH ran nothing for VmBusBenchmark.vmbusBurst32", lines.get(5));

        assertEquals(List.of("ring: " + slow.problem(), "failover: switch time p99 850.5 us"), summary.goalsMissed());
        assertEquals(List.of("vmbus: JMH ran nothing for VmBusBenchmark.vmbusBurst32"), summary.failed());
        assertEquals(2, summary.exitCode(), "a suite that failed to run wins over a goal missed");

        final String json = summary.json(false);
        assertTrue(json.startsWith("{\"suite\":\"all\",\"plan\":\"quick; JMH suites: 1 fork(s)\",\"complete\":false,"), json);
        assertTrue(json.contains("\"goals_missed\":[\"ring: twinpath-burst32 is 0.80x jctools-spsc-burst32 (goal >= 1.00x)\"," +
            "\"failover: switch time p99 850.5 us\"]"), json);
        assertTrue(json.contains("\"failed\":[{\"suite\":\"vmbus\",\"error\":\"JMH ran nothing for VmBusBenchmark.vmbusBurst32\"}]"),
            json);
        assertTrue(json.contains("{\"suite\":\"ring\",\"name\":\"twinpath-burst1\",\"reference\":false,\"value\":200.0000,\"unit\":\"Mdesc/s\"," +
            "\"baseline\":\"jctools-spsc-burst1\",\"baseline_value\":100.0000,\"ratio\":2.0000,\"goal\":\"0 B/op, >= 1.00x\"," +
            "\"met\":true,\"alloc_bytes_per_op\":0.0000}"), json);
        assertTrue(json.contains("\"name\":\"jctools-spsc-burst1\",\"reference\":true,\"value\":100.0000,\"unit\":\"Mdesc/s\",\"baseline\":null," +
            "\"baseline_value\":null,\"ratio\":null,\"goal\":null,\"met\":null,"), json);
        assertTrue(json.contains("\"goal\":\"<= 100.0 us\",\"met\":false,\"alloc_bytes_per_op\":null}"), json);
        assertTrue(json.contains("{\"suite\":\"ring\",\"status\":\"ok\",\"error\":null,\"result\":{\"suite\":\"ring\",\"plan\":\"plan\""),
            json);
        assertTrue(json.contains("{\"suite\":\"vmbus\",\"status\":\"failed\",\"error\":\"JMH ran nothing for " +
            "VmBusBenchmark.vmbusBurst32\",\"result\":null}"), json);
        assertTrue(json.endsWith("]}\n"), json);

        final BenchSuite vmbus = BenchSuite.find("vmbus");
        final BenchSummary wide = new BenchSummary("quick");
        wide.add(SuiteOutcome.ran("vmbus", List.of(SummaryRow.of(vmbus, new BenchResult(vmbus.entries().get(0), 327.69, 1, 0.0,
            289.95)), SummaryRow.of(vmbus, new BenchResult(vmbus.entry("agrona-message-per-descriptor"), 32.54, 1, 0.0,
            Double.NaN))), List.of(), "{}"));
        final List<String> wideLines = wide.table().lines().toList();
        assertEquals(wideLines.get(0).indexOf("score") + "score".length(), wideLines.get(2).indexOf("32.54") + "32.54".length(),
            "a long name widens its column, the scores stay aligned:\n" + wide.table());
        assertEquals(wideLines.get(1).indexOf("327.69"), wideLines.get(2).indexOf("32.54") - 1, wide.table());
        assertEquals(count(json, '{'), count(json, '}'), "balanced: " + json);
        assertEquals(count(json, '['), count(json, ']'), "balanced: " + json);
    }

    @Test
    void nothingMissedAndNothingFailedExitsZero()
    {
        final BenchSummary summary = new BenchSummary("quick");
        final BenchSuite codec = BenchSuite.find("codec");
        summary.add(SuiteOutcome.ran("codec", List.of(SummaryRow.of(codec, new BenchResult(codec.entries().get(0), 17, 1, 0.0,
            68))), List.of(), "{}"));
        assertEquals(0, summary.exitCode());
        assertTrue(summary.json(true).contains("\"complete\":true"));
        assertTrue(summary.table().contains("0.25x"), summary.table());
    }

    private static long count(final String s, final char c)
    {
        return s.chars().filter(ch -> ch == c).count();
    }
}
