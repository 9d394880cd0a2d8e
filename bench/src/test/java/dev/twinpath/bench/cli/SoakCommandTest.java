package dev.twinpath.bench.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code twinpath soak}: a short soak with faults passes its checks; bad options are refused; the verdict fails when a check does. */
class SoakCommandTest
{
    @TempDir
    Path dir;

    @Test
    void aShortSoakWithFaultsPassesEveryCheck() throws Exception
    {
        final Path json = dir.resolve("soak.json");
        final RssCommandTest.Run run = RssCommandTest.twinpath("soak", "--duration", "20s", "--check-interval", "4s",
            "--vms", "1", "--seed", "11", "--faults", "--json", json.toString());

        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().startsWith("twinpath soak: hosts A B C, 1 VM(s)"), run.out());
        assertTrue(run.out().contains("seed 11"), run.out());
        final Matcher windows = Pattern.compile("(?m)^\\[ *[0-9.]+ s] window [0-9.]+ Mpps").matcher(run.out());
        int count = 0;
        while (windows.find())
        {
            count++;
        }
        assertTrue(count >= 3, "a line per check window: " + run.out());
        assertTrue(run.out().contains("soak verdict: PASS ("), run.out());
        assertTrue(Files.readString(json).contains("\"passed\": true"), Files.readString(json));
        try (var files = Files.list(dir))
        {
            assertEquals(List.of(json), files.toList(), "no temporary file left beside the JSON");
        }
    }

    @Test
    void badOptionsAreRefusedNamingThem()
    {
        for (final String[] args : new String[][]{{"--duration", "5s"}, {"--vms", "9"}, {"--rate", "max"},
            {"--check-interval", "30m"}, {"--rate-tolerance", "0"}, {"--max-heap-growth", "-1"}})
        {
            final RssCommandTest.Run run = RssCommandTest.twinpath(
                java.util.stream.Stream.concat(java.util.stream.Stream.of("soak"), java.util.Arrays.stream(args))
                    .toArray(String[]::new));
            assertEquals(2, run.exitCode(), String.join(" ", args) + ": " + run.out() + run.err());
            assertTrue(run.err().contains(args[0]), args[0] + " named in: " + run.err());
            assertFalse(run.err().contains("Exception"), run.err());
        }
    }

    @Test
    void theVerdictFailsOnAWindowOffTheRateOrAGrowingHeap()
    {
        final StringWriter text = new StringWriter();
        final SoakMonitor monitor = new SoakMonitor(new PrintWriter(text), 1_000_000_000L, 100_000, 10_000_000_000L);
        for (int s = 1; s <= 4; s++)
        {
            monitor.onProgress(new dev.twinpath.datapath.run.RunProgress(s * 1_000_000_000L, s == 3 ? 50_000 : 100_000, 0,
                0, 0, 0, 0, s, 10));
        }
        assertEquals(4, monitor.windows().size(), text.toString());
        final var summary = new dev.twinpath.datapath.run.FailoverRun(new dev.twinpath.datapath.run.RunContext()
            .duration(100, java.util.concurrent.TimeUnit.MILLISECONDS).warmup(0, java.util.concurrent.TimeUnit.SECONDS)
            .ratePps(10_000)).run(dev.twinpath.datapath.run.RunListener.NONE);
        final SoakMonitor.Verdict verdict = monitor.verdict(summary, 0.2, 1L << 40);
        assertFalse(verdict.passed(), verdict.line());
        assertTrue(verdict.line().contains("throughput 0.050 Mpps in the window ending at 3.0 s is more than 20 % off 0.100 Mpps"),
            verdict.line());
    }
}
