package dev.twinpath.bench.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RssCommandTest
{
    record Run(int exitCode, String out, String err)
    {
    }

    static Run twinpath(final String... args)
    {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final var commandLine = TwinpathCommand.commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        final int exit = commandLine.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private static String captureStdout(final Runnable action)
    {
        final java.io.PrintStream saved = System.out;
        final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(bytes, true));
        try
        {
            action.run();
        }
        finally
        {
            System.setOut(saved);
        }
        return bytes.toString().trim();
    }

    @Test
    void everyMicrosoftVectorFromTheCommandLine() throws Exception
    {
        final List<Map<String, String>> vectors =
            Corpus.table(Files.readAllLines(Corpus.root().resolve("rss_vectors.tsv")));
        assertEquals(8, vectors.size());
        for (final Map<String, String> v : vectors)
        {
            final String withPorts = captureStdout(() -> assertEquals(0, twinpath("rss",
                "--src", v.get("src_ip"), "--dst", v.get("dst_ip"),
                "--sport", v.get("src_port"), "--dport", v.get("dst_port")).exitCode()));
            assertEquals(v.get("hash_with_ports_hex"), withPorts, v.toString());
            final String ipOnly = captureStdout(() -> assertEquals(0, twinpath("rss",
                "--src", v.get("src_ip"), "--dst", v.get("dst_ip")).exitCode()));
            assertEquals(v.get("hash_ip_only_hex"), ipOnly, v.toString());
        }
    }

    @Test
    void queueFromTheIndirectionTable()
    {
        // 0x51ccc178 & 127 = 120; 120 % 4 = 0 with an even spread over 4 queues.
        final String out = captureStdout(() -> twinpath("rss", "--src", "66.9.149.187", "--dst", "161.142.100.80",
            "--sport", "2794", "--dport", "1766", "--queues", "4"));
        assertEquals("51ccc178\tqueue 0", out);
    }

    @Test
    void badInputNamesTheOption()
    {
        Run run = twinpath("rss", "--src", "1.2.3.4", "--dst", "1.2.3.400");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith("twinpath rss: --dst: ") && run.err().contains("1.2.3.400"), run.err());
        run = twinpath("rss", "--src", "1.2.3.4", "--dst", "::1");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("must both be IPv4 or both IPv6"), run.err());
        run = twinpath("rss", "--src", "1.2.3.4", "--dst", "1.2.3.5", "--sport", "1");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--sport and --dport go together"), run.err());
        run = twinpath("rss", "--src", "1.2.3.4", "--dst", "1.2.3.5", "--queues", "200");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--queues must be 1..128"), run.err());
        run = twinpath("rss", "--src", "1.2.3.4", "--dst", "1.2.3.5", "--key", "zz");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--key"), run.err());
    }

    @Test
    void everyCommandHasHelp()
    {
        for (final String command : new String[]{"run", "decode", "rss", "bench"})
        {
            final Run run = twinpath(command, "--help");
            assertEquals(0, run.exitCode(), command);
            assertTrue(run.out().contains("Usage: twinpath " + command), run.out());
        }
        final Run top = twinpath("--help");
        assertTrue(top.out().contains("run") && top.out().contains("decode") && top.out().contains("rss") && top.out().contains("bench"), top.out());
    }

    @Test
    void unknownSuiteIsRefused()
    {
        final Run run = twinpath("bench", "nosuch");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("unknown suite 'nosuch'; suites: all, codec, failover, pool, ring, rss"), run.err());
    }
}
