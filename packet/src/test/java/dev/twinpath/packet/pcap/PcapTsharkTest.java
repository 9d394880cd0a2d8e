package dev.twinpath.packet.pcap;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Files written by {@link PcapWriter} and {@link PcapngWriter} open in tshark without a word on
 * stderr, and tshark sees the frame numbers, interfaces, lengths, timestamps, comments and
 * Ethernet/IPv4/UDP headers that were written. Skipped when tshark is not installed.
 */
class PcapTsharkTest
{
    /**
     * The one stderr line tshark prints when run as root; it says nothing about the file.
     */
    private static final String ROOT_WARNING = "Running as user \"root\" and group \"root\". This could be dangerous.";
    private static final long BASE_NANOS = 1_700_000_000_123_456_789L;

    private static Path tshark;

    @TempDir
    Path tempDir;

    @BeforeAll
    static void findTshark()
    {
        for (final String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        {
            final Path candidate = Paths.get(dir, "tshark");
            if (!dir.isEmpty() && Files.isExecutable(candidate))
            {
                tshark = candidate;
                return;
            }
        }
        if ("true".equals(System.getenv("CI")))
        {
            Assertions.fail("tshark not found on PATH under CI: .ci/run installs it (apt-get install tshark)");
        }
        Assumptions.assumeTrue(false, "tshark not installed (apt-get install tshark): skipping; not found on PATH " +
            System.getenv("PATH"));
    }

    @Test
    void tsharkReadsPcapWithNanosecondTimestamps() throws Exception
    {
        final Path file = tempDir.resolve("udp.pcap");
        final byte[][] frames = frames();
        try (PcapWriter writer = new PcapWriter(file))
        {
            for (int i = 0; i < frames.length; i++)
            {
                final int wireLength = frames[i].length + (3 == i ? 100 : 0);
                writer.write(new UnsafeBuffer(frames[i]), 0, frames[i].length, wireLength, BASE_NANOS + i * 1_001L);
            }
        }

        final List<String[]> rows = tshark(
            file, "frame.number", "frame.len", "frame.cap_len", "frame.time_epoch", "ip.src", "ip.dst",
            "udp.srcport", "udp.dstport", "ip.checksum.status", "frame.protocols");

        assertEquals(frames.length, rows.size());
        for (int i = 0; i < frames.length; i++)
        {
            final String[] row = rows.get(i);
            assertEquals(String.valueOf(i + 1), row[0]);
            assertEquals(String.valueOf(frames[i].length + (3 == i ? 100 : 0)), row[1]);
            assertEquals(String.valueOf(frames[i].length), row[2]);
            assertEquals(BASE_NANOS + i * 1_001L, epochNanos(row[3]));
            assertEquals("10.0.0." + (1 + i % 2), row[4]);
            assertEquals("10.0.0." + (2 - i % 2), row[5]);
            assertEquals(String.valueOf(40_000 + i), row[6]);
            assertEquals("4789", row[7]);
            assertEquals("1", row[8], "IPv4 checksum good");
            assertTrue(row[9].startsWith("eth:ethertype:ip:udp"), row[9]);
        }
    }

    @Test
    void tsharkReadsPcapngWithInterfacesAndComments() throws Exception
    {
        final Path file = tempDir.resolve("udp.pcapng");
        final byte[][] frames = frames();
        final String[] comments = { "moved to VF", null, "marker, epoch 2", "held back \u00e9" };
        final int[] interfaces = { 0, 1, 1, 2 };
        try (PcapngWriter writer = new PcapngWriter(file))
        {
            writer.addInterface("vf0", 1, 0);
            writer.addInterface("vmbus0", 1, 0);
            for (int i = 0; i < frames.length; i++)
            {
                if (2 == interfaces[i] && writer.interfaceCount() < 3)
                {
                    writer.addInterface("late0", 1, 0);
                }
                writer.write(
                    interfaces[i], new UnsafeBuffer(frames[i]), 0, frames[i].length, frames[i].length,
                    BASE_NANOS + i, comments[i]);
            }
        }

        final List<String[]> rows = tshark(
            file, "frame.number", "frame.interface_id", "frame.len", "frame.comment", "frame.interface_name",
            "frame.time_epoch", "udp.srcport");

        final String[] names = { "vf0", "vmbus0", "late0" };
        assertEquals(frames.length, rows.size());
        for (int i = 0; i < frames.length; i++)
        {
            final String[] row = rows.get(i);
            assertEquals(String.valueOf(i + 1), row[0]);
            assertEquals(String.valueOf(interfaces[i]), row[1]);
            assertEquals(String.valueOf(frames[i].length), row[2]);
            assertEquals(null == comments[i] ? "" : comments[i], row[3]);
            assertEquals(names[interfaces[i]], row[4]);
            assertEquals(BASE_NANOS + i, epochNanos(row[5]));
            assertEquals(String.valueOf(40_000 + i), row[6]);
        }
    }

    private static byte[][] frames()
    {
        return new byte[][]
        {
            PcapTestSupport.udpFrame(1, 2, 40_000, 4789, 18),
            PcapTestSupport.udpFrame(2, 1, 40_001, 4789, 100),
            PcapTestSupport.udpFrame(1, 2, 40_002, 4789, 1_472),
            PcapTestSupport.udpFrame(2, 1, 40_003, 4789, 0),
        };
    }

    private static long epochNanos(final String epoch)
    {
        return new BigDecimal(epoch).movePointRight(9).longValueExact();
    }

    /**
     * Run {@code tshark -r file -T fields} with one {@code -e} per field and IPv4 checksum
     * validation on; assert it succeeds
     * with nothing on stderr but the root warning, and return the tab-separated rows.
     */
    private List<String[]> tshark(final Path file, final String... fields) throws Exception
    {
        final List<String> command = new ArrayList<>(List.of(
            tshark.toString(), "-n", "-o", "ip.check_checksum:TRUE", "-r", file.toString(), "-T", "fields"));
        for (final String field : fields)
        {
            command.add("-e");
            command.add(field);
        }

        final Path out = tempDir.resolve("tshark.out");
        final Path err = tempDir.resolve("tshark.err");
        final ProcessBuilder builder = new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
        builder.environment().put("LC_ALL", "C.UTF-8");
        final Process process = builder.start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "tshark timed out");

        final List<String> stderr = new ArrayList<>(Files.readAllLines(err, StandardCharsets.UTF_8));
        stderr.removeIf(ROOT_WARNING::equals);
        assertEquals(List.of(), stderr, "tshark stderr for " + command);
        assertEquals(0, process.exitValue(), "tshark exit code");

        final List<String[]> rows = new ArrayList<>();
        for (final String line : Files.readAllLines(out, StandardCharsets.UTF_8))
        {
            rows.add(line.split("\t", -1));
        }
        return rows;
    }
}
