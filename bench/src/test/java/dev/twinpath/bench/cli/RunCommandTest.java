package dev.twinpath.bench.cli;

import dev.twinpath.datapath.lab.ThreadingMode;
import dev.twinpath.datapath.run.RunContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunCommandTest
{
    @TempDir
    Path dir;

    @Test
    void theDefaultLabForThreeSecondsKeepsEveryPromise() throws Exception
    {
        final Path json = dir.resolve("run.json");
        final Path events = dir.resolve("events.jsonl");
        final RssCommandTest.Run run = RssCommandTest.twinpath("run", "--duration", "3s", "--json", json.toString(),
            "--events", events.toString());

        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("[  1.0 s] vf "), run.out());
        assertTrue(run.out().contains("PASS: no loss, no reordering, no duplicates, no leaked buffer"), run.out());
        final String text = Files.readString(json);
        assertEquals(0, number(text, "lost_packets"), text);
        assertEquals(0, number(text, "reordered_packets"), text);
        assertEquals(0, number(text, "duplicate_packets"), text);
        assertEquals(0, number(text, "leaked_buffers"), text);
        final long offered = number(text, "offered_packets");
        assertTrue(offered > 1_000_000, text);
        assertEquals(offered, number(text, "delivered_packets"), text);
        assertTrue(number(text, "path_switches") > 0, text);
        assertTrue(text.contains("\"dropped_by_cause\": {}"), text);
        assertTrue(text.contains("\"throughput_mpps\": "), text);
        for (final String path : new String[]{"vf", "synthetic"})
        {
            final Matcher m = Pattern.compile("\"" + path + "\": \\{\\s*\"count\": \\d+,\\s*\"p50\": \\d+,\\s*\"p90\": \\d+," +
                "\\s*\"p99\": \\d+,\\s*\"p999\": \\d+,\\s*\"p9999\": \\d+,\\s*\"max\": \\d+\\s*}").matcher(text);
            assertTrue(m.find(), "latency_ns." + path + " in " + text);
        }
        assertTrue(Pattern.compile("\"switch_time_us\": \\{\\s*\"count\": \\d+,\\s*\"p50\": [0-9.]+,\\s*\"p99\": [0-9.]+," +
            "\\s*\"max\": [0-9.]+\\s*}").matcher(text).find(), text);
        assertTrue(text.contains("\"held_back_max\": "), text);
        final java.util.List<String> eventLines = Files.readAllLines(events);
        assertTrue(eventLines.get(0).startsWith("{\"sequence\":"), eventLines.get(0));
        assertTrue(eventLines.stream().anyMatch(line -> line.contains("\"name\":\"VF_OFFERED\"") &&
            line.contains("\"source\":\"host/iov\"")), eventLines.toString());
    }

    @Test
    void optionsBecomeTheRunContext()
    {
        final RunContext c = context("--duration", "500ms", "--rate", "1.5M", "--switch-interval", "250ms",
            "--synthetic-time", "20ms", "--flows", "64", "--frame-size", "128", "--vms", "3", "--vfs", "4",
            "--queue-pairs", "2", "--threading", "per-agent", "--warmup", "0");
        assertEquals(TimeUnit.MILLISECONDS.toNanos(500), c.durationNanos());
        assertEquals(1_500_000, c.ratePps());
        assertEquals(TimeUnit.MILLISECONDS.toNanos(250), c.switchIntervalNanos());
        assertEquals(TimeUnit.MILLISECONDS.toNanos(20), c.syntheticTimeNanos());
        assertEquals(64, c.flows());
        assertEquals(124, c.frameLength());
        assertEquals(3, c.vms());
        assertEquals(4, c.totalVfs());
        assertEquals(2, c.queuePairs());
        assertEquals(ThreadingMode.PER_AGENT, c.threading());
        assertEquals(0, c.warmupNanos());

        final RunContext defaults = context();
        assertEquals(TimeUnit.SECONDS.toNanos(10), defaults.durationNanos());
        assertEquals(1_000_000, defaults.ratePps());
        assertEquals(TimeUnit.SECONDS.toNanos(2), defaults.switchIntervalNanos());
        assertEquals(60, defaults.frameLength());
        assertEquals(1024, defaults.flows());
        assertEquals(ThreadingMode.TWO, defaults.threading());
        assertEquals(0, defaults.guestRatePps());
        assertEquals(100_000, context("--guest-rate", "100k", "--guest-flows", "16").guestRatePps());
        assertEquals(16, context("--guest-rate", "100k", "--guest-flows", "16").guestFlows());
        assertTrue(context("--idle", "yield").idleStrategy().get() instanceof org.agrona.concurrent.YieldingIdleStrategy);
        assertTrue(context("--rate", "max").isMaxRate());
        assertFalse(context("--switch-interval", "0").hasSwitches());
    }

    @Test
    void badValuesNameTheirOption()
    {
        refused("--duration", "--duration", "soon");
        refused("--duration must be at least 10ms", "--duration", "5ms");
        refused("--rate", "--rate", "fast");
        refused("--rate must be at least 1 pps", "--rate", "0");
        refused("--synthetic-time must be shorter than --switch-interval", "--switch-interval", "100ms",
            "--synthetic-time", "100ms");
        refused("--vfs must be 3..256", "--vms", "3", "--vfs", "2");
        refused("--vms must be 1..64", "--vms", "0");
        refused("--idle must be backoff, yield or spin", "--idle", "nope");
        refused("--guest-rate must be a rate or 0, not max", "--guest-rate", "max");
        refused("--guest-flows must be 1..65536", "--guest-flows", "0");
        refused("--flows must be 2..1048576", "--flows", "1");
        refused("--frame-size must be 64..9220", "--frame-size", "63");
        refused("--queue-pairs must be 1..16", "--queue-pairs", "17");
        refused("--threading must be one, two or per-agent", "--threading", "three");
        refused("--warmup", "--warmup", "-1s");
        refused("--json: no such directory", "--json", "/no/such/dir/run.json");

        final RssCommandTest.Run run = RssCommandTest.twinpath("run", "--rate", "lots");
        assertEquals(2, run.exitCode());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertTrue(run.err().startsWith("twinpath run: --rate must be packets per second"), run.err());
    }

    @Test
    void durationsAndRatesReadAsPeopleWriteThem()
    {
        assertEquals(10_000_000_000L, CliSupport.durationNanos("10s", "--d"));
        assertEquals(10_000_000_000L, CliSupport.durationNanos("10", "--d"));
        assertEquals(1_500_000_000L, CliSupport.durationNanos("1.5s", "--d"));
        assertEquals(500_000_000L, CliSupport.durationNanos("500ms", "--d"));
        assertEquals(250_000L, CliSupport.durationNanos("250us", "--d"));
        assertEquals(120_000_000_000L, CliSupport.durationNanos("2m", "--d"));
        assertEquals(3_600_000_000_000L, CliSupport.durationNanos("1h", "--d"));
        assertEquals(0, CliSupport.durationNanos("0", "--d"));
        assertEquals(1_000_000, CliSupport.ratePps("1000000", "--r"));
        assertEquals(1_000_000, CliSupport.ratePps("1,000,000", "--r"));
        assertEquals(500_000, CliSupport.ratePps("500k", "--r"));
        assertEquals(2_500_000, CliSupport.ratePps("2.5Mpps", "--r"));
        assertEquals(RunContext.MAX_RATE, CliSupport.ratePps("max", "--r"));
        assertThrows(CliSupport.UsageException.class, () -> CliSupport.ratePps("1e6", "--r"));
        assertEquals("1.5 s", CliSupport.formatDuration(1_500_000_000L));
        assertEquals("100 ms", CliSupport.formatDuration(100_000_000L));
        assertEquals("10 s", CliSupport.formatDuration(10_000_000_000L));
    }

    private static RunContext context(final String... args)
    {
        final RunCommand command = new RunCommand();
        new CommandLine(command).parseArgs(args);
        return command.context();
    }

    private static void refused(final String message, final String... args)
    {
        final CliSupport.UsageException ex = assertThrows(CliSupport.UsageException.class, () -> context(args));
        assertTrue(ex.getMessage().startsWith(message), ex.getMessage());
    }

    private static long number(final String json, final String key)
    {
        final Matcher m = Pattern.compile("\"" + key + "\": (-?\\d+)").matcher(json);
        assertTrue(m.find(), key + " in " + json);
        return Long.parseLong(m.group(1));
    }
}
