package dev.twinpath.bench.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ctrl-C on a long command, for real: a {@code twinpath} JVM of its own gets SIGINT a second into its
 * run, and still audits what it measured and writes every file it was asked for.
 */
class InterruptTest
{
    @TempDir
    Path dir;

    @Test
    void anInterruptedRunStillWritesItsSummaryAndReport() throws Exception
    {
        final Path json = dir.resolve("run.json");
        final Path report = dir.resolve("report");
        final String out = interrupted("run", "--duration", "60s", "--warmup", "0", "--rate", "50k", "--json",
            json.toString(), "--report", report.toString());

        assertTrue(out.contains("twinpath run: interrupted; stopping and writing what was measured"), out);
        assertTrue(out.contains("PASS: no loss, no reordering, no duplicates, no leaked buffer"), out);
        assertTrue(out.contains("stopped early by Ctrl-C"), out);
        assertTrue(Files.readString(json).contains("\"passed\": true"), Files.readString(json));
        assertTrue(Files.readString(report.resolve("report.html")).contains("twinpath-report-data"));
        assertTrue(Files.size(report.resolve("latency.hlog")) > 0);
    }

    @Test
    void anInterruptedSoakStillGivesItsVerdict() throws Exception
    {
        final Path json = dir.resolve("soak.json");
        final String out = interrupted("soak", "--duration", "10m", "--vms", "1", "--json", json.toString());

        assertTrue(out.contains("twinpath soak: interrupted"), out);
        assertTrue(out.contains("stopped early by Ctrl-C: the verdict covers the time until then"), out);
        assertTrue(Files.exists(json), out);
    }

    @Test
    void anInterruptedRfc2544SearchKeepsWhatItMeasured() throws Exception
    {
        final Path json = dir.resolve("rfc2544.json");
        final String out = interrupted("rfc2544", "--path", "synthetic", "--frame-sizes", "64,128,256", "--trial", "300ms",
            "--json", json.toString());

        assertTrue(out.contains("twinpath rfc2544: stopping after the trial under way"), out);
        assertTrue(out.contains("Synthetic path: throughput"), out);
        assertTrue(Files.readString(json).replaceAll("\\s+", "").contains("\"complete\":false"), Files.readString(json));
    }

    /** @return everything the command printed, started in its own JVM and sent SIGINT after its first progress line. */
    private static String interrupted(final String... args) throws Exception
    {
        final String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        final List<String> command = new java.util.ArrayList<>(List.of(java,
            "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
            TwinpathCommand.class.getName()));
        command.addAll(List.of(args));
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        final StringBuilder out = new StringBuilder();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)))
        {
            final Thread timeout = new Thread(() ->
            {
                try
                {
                    if (!process.waitFor(120, TimeUnit.SECONDS))
                    {
                        process.destroyForcibly();
                    }
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                }
            });
            timeout.setDaemon(true);
            timeout.start();
            String line;
            boolean sent = false;
            while ((line = reader.readLine()) != null)
            {
                out.append(line).append('\n');
                if (!sent && line.matches("\\[\\s*\\d+\\.\\d s].*"))
                {
                    // Ctrl-C: SIGINT to the JVM (Process.destroy would close the streams we read)
                    sent = new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor() == 0;
                }
            }
            assertTrue(sent, "no progress line came: " + out);
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), out.toString());
        }
        finally
        {
            process.destroyForcibly();
        }
        return out.toString();
    }
}
