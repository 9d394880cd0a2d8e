package dev.twinpath.bench.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code twinpath rfc2544} and {@code twinpath rfc2889} end to end, kept short: one path, one frame size, 150 ms
 * trials against an injected capacity of 100 kpps with a coarse resolution; a small MAC table.
 */
class RfcCommandsTest
{
    @TempDir
    Path dir;

    @Test
    void rfc2544PrintsATrialLinePerTrialAndATableAndWritesJson() throws IOException
    {
        final Path json = dir.resolve("rfc2544.json");
        final RssCommandTest.Run run = RssCommandTest.twinpath("rfc2544", "--path", "synthetic", "--frame-sizes", "64",
            "--trial", "150ms", "--capacity", "100k", "--resolution", "20", "--json", json.toString(), "--chart",
            dir.resolve("rfc2544.svg").toString());
        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("synthetic 64    warm-up"), run.out());
        assertTrue(run.out().contains("synthetic 64    max-rate"), run.out());
        assertTrue(run.out().lines().anyMatch(l -> l.contains(" latency ") && l.contains("NDR pass")), run.out());
        assertTrue(run.out().contains("Synthetic path: throughput"), run.out());
        assertTrue(run.out().contains("Synthetic path: latency"), run.out());
        assertTrue(!run.out().contains("VF path"), "only the path asked for");
        final String text = Files.readString(json).replaceAll("\\s+", "");
        assertTrue(text.startsWith("{\"test\":\"rfc2544\",\"complete\":true"), text);
        assertTrue(text.contains("\"capacity_pps\":100000"), text);
        assertTrue(text.contains("\"run.INJECTED_CAPACITY\":"), "the unpaced trial met the injected capacity");

        final String svg = Files.readString(dir.resolve("rfc2544.svg"));
        assertTrue(run.out().contains("chart: " + dir.resolve("rfc2544.svg")), run.out());
        assertTrue(svg.startsWith("<svg ") && svg.contains("synthetic NDR") && svg.contains(">64</text>"), svg);
        assertEquals(2, svg.split("<polyline").length - 1, "an NDR and a PDR line (one point each): " + svg);
    }

    @Test
    void rfc2889FindsTheTableCapacity() throws IOException
    {
        final Path json = dir.resolve("rfc2889.json");
        final RssCommandTest.Run run = RssCommandTest.twinpath("rfc2889", "--table-capacity", "300", "--addresses", "512",
            "--json", json.toString());
        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("address caching capacity: 300 addresses (the table's capacity is 300)"), run.out());
        assertTrue(Files.readString(json).replaceAll("\\s+", "").contains("\"caching_capacity\":300"));
    }
}
