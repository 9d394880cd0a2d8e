package dev.twinpath.bench.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every option and parameter of every command with hostile values (negative, zero, huge, beyond an int, non-numeric,
 * empty, NaN, wrong unit, missing or unreadable files, outputs nowhere to be written): each exits 2 with one line on
 * stderr, {@code twinpath <command>: ...} naming the option and what is allowed, no stack trace, and nothing on stdout
 * (nothing started).
 */
class HostileCliTest
{
    /** Filters that take any text: one matching nothing shows no event, which is an answer, not an error. */
    private static final List<String> FREE_TEXT = List.of("events --source", "events --subject", "stat --filter", "stat --lab");

    @TempDir
    static Path dir;
    static Path lab;
    static Path jumbo;
    static Path regularFile;

    @BeforeAll
    static void files() throws IOException
    {
        final Path example = Path.of("..", "examples", "labs", "migration.yaml");
        lab = dir.resolve("lab.yaml");
        Files.copy(Files.exists(example) ? example : Path.of("examples", "labs", "migration.yaml"), lab);
        final Path teaming = Path.of("..", "examples", "labs", "teaming.yaml");
        Files.copy(Files.exists(teaming) ? teaming : Path.of("examples", "labs", "teaming.yaml"), dir.resolve("teaming.yaml"));
        regularFile = Files.writeString(dir.resolve("plain.txt"), "x\n");
        jumbo = Files.writeString(dir.resolve("jumbo.yaml"), String.join("\n", "name: jumbo", "duration: 2s",
            "traffic: { rate: 100k, flows: 64, frameSize: 9000 }", "hosts:", "  - { name: A }", "vms:",
            "  - { name: vm1, host: A }", "  - { name: vm2, host: A }", "  - { name: vm3, host: A }",
            "  - { name: vm4, host: A }", ""));
    }

    static Stream<Arguments> hostileArguments()
    {
        final List<Arguments> rows = new ArrayList<>();
        for (final String bad : new String[] {"-1", "0", "65", "2147483648", "1000000000000", "abc", "", "NaN", "1.5", "2e3"})
        {
            rows.add(refused("twinpath run: --vms must be 1..64: ", "run", "--vms", bad));
        }
        for (final String bad : new String[] {"1", "257", "-8", "x"})
        {
            rows.add(refused("twinpath run: --vfs must be 2..256 (at least one per VM): ", "run", "--vfs", bad));
        }
        for (final String bad : new String[] {"1", "1048577", "1000000000000", "many", "-1024"})
        {
            rows.add(refused("twinpath run: --flows must be 2..1048576 (at least one per VM): ", "run", "--flows", bad));
        }
        for (final String bad : new String[] {"63", "9221", "NaN", "-64", "2147483648", "64B"})
        {
            rows.add(refused("twinpath run: --frame-size must be 64..9220 (FCS included): ", "run", "--frame-size", bad));
        }
        for (final String bad : new String[] {"0", "17", "x", "-1"})
        {
            rows.add(refused("twinpath run: --queue-pairs must be 1..16: ", "run", "--queue-pairs", bad));
        }
        for (final String bad : new String[] {"0", "65537", "x"})
        {
            rows.add(refused("twinpath run: --guest-flows must be 1..65536: ", "run", "--guest-flows", bad));
        }
        for (final String bad : new String[] {"-1s", "NaN", "10x", "", "ten seconds", "1e3s"})
        {
            rows.add(refused("twinpath run: --duration must be a duration such as 10s, 500ms or 2m: ", "run", "--duration", bad));
        }
        rows.add(refused("twinpath run: --duration must be at least 10ms: 0", "run", "--duration", "0"));
        rows.add(refused("twinpath run: --duration must be at least 10ms: 5ms", "run", "--duration", "5ms"));
        rows.add(refused("twinpath run: --duration must be at most 1 day: 25h", "run", "--duration", "25h"));
        rows.add(refused("twinpath run: --duration is out of range: 99999999999999999999h", "run", "--duration",
            "99999999999999999999h"));
        for (final String bad : new String[] {"-1", "NaN", "1e12", "fast", ""})
        {
            rows.add(refused("twinpath run: --rate must be packets per second (e.g. 1000000, 500k, 1.5M) or max: ", "run",
                "--rate", bad));
        }
        rows.add(refused("twinpath run: --rate must be at least 1 pps, or max: 0", "run", "--rate", "0"));
        rows.add(refused("twinpath run: --rate must be at most 1G pps: 2G", "run", "--rate", "2G"));
        rows.add(refused("twinpath run: --rate is out of range: 99999999999999999999G", "run", "--rate", "99999999999999999999G"));
        rows.add(refused("twinpath run: --guest-rate must be a rate or 0, not max: max", "run", "--guest-rate", "max"));
        rows.add(refused("twinpath run: --guest-rate must be packets per second", "run", "--guest-rate", "-5"));
        rows.add(refused("twinpath run: --switch-interval must be a duration", "run", "--switch-interval", "-1s"));
        rows.add(refused("twinpath run: --switch-interval must be at most 1 day: 2000h", "run", "--switch-interval", "2000h"));
        rows.add(refused("twinpath run: --synthetic-time must be more than 0: 0", "run", "--synthetic-time", "0"));
        rows.add(refused("twinpath run: --synthetic-time must be shorter than --switch-interval: 5s >= 2s", "run",
            "--synthetic-time", "5s"));
        rows.add(refused("twinpath run: --warmup must be a duration", "run", "--warmup", "-1s"));
        rows.add(refused("twinpath run: --warmup must be at most 1 hour: 2h", "run", "--warmup", "2h"));
        rows.add(refused("twinpath run: --warmup must be 0 or at least 10ms: 5ms", "run", "--warmup", "5ms"));
        rows.add(refused("twinpath run: --threading must be one, two or per-agent: three", "run", "--threading", "three"));
        rows.add(refused("twinpath run: --idle must be backoff, yield or spin: nope", "run", "--idle", "nope"));
        rows.add(refused("twinpath run: --vms 64 with --frame-size 9220 need a packet pool of 2,097,152 buffers (18,560 MiB), " +
            "more than a pool may have (1,024 MiB): fewer --vms or a smaller --frame-size", "run", "--vms", "64", "--vfs", "64",
            "--frame-size", "9220"));
        outputs(rows, "run", "--json");
        outputs(rows, "run", "--events");
        rows.add(refused("twinpath run: --report is a file, not a directory: ", "run", "--report", lab.toString()));
        rows.add(refused("twinpath run: --capture is a directory, not a file: ", "run", "--capture", dir.toString()));
        outputs(rows, "run", "--capture");
        rows.add(refused("twinpath run: --capture must be another file than --json: ", "run", "--json",
            dir.resolve("same.pcapng").toString(), "--capture", dir.resolve("same.pcapng").toString()));
        for (final String bad : new String[]{"0", "-1", "abc", "1000000001", ""})
        {
            rows.add(refused("twinpath run: --capture-limit must be 1..1000000000: ", "run", "--capture",
                dir.resolve("c.pcapng").toString(), "--capture-limit", bad));
        }
        for (final String bad : new String[]{"1k", "65G", "-5M", "lots", "1.5T"})
        {
            rows.add(refused("twinpath run: --capture-max-size must be ", "run", "--capture", dir.resolve("c.pcapng").toString(),
                "--capture-max-size", bad));
        }
        outputs(rows, "run", "--jfr");
        rows.add(refused("twinpath run: --jfr must be another file than --json: ", "run", "--json",
            dir.resolve("same.jfr").toString(), "--jfr", dir.resolve("same.jfr").toString()));
        rows.add(refused("twinpath run: --jfr must be another file than --lab: ", "run", "--lab", lab.toString(), "--jfr",
            lab.toString()));
        rows.add(refused("twinpath run: --events must be another file than --json: ", "run", "--json",
            dir.resolve("same.json").toString(), "--events", dir.resolve("same.json").toString()));
        rows.add(refused("twinpath run: --lab: no such file: ", "run", "--lab", dir.resolve("missing.yaml").toString()));
        rows.add(refused("twinpath run: jumbo: 4 VM(s) with traffic.frameSize 9000 need a packet pool of 131,072 buffers " +
            "(1,136 MiB), more than a pool may have (1,024 MiB): fewer VMs, adapters or queuePairs, or a smaller " +
            "traffic.frameSize", "run", "--lab", jumbo.toString()));
        rows.add(refused("twinpath run: --lab is a directory, not a file: ", "run", "--lab", dir.toString()));
        rows.add(refused("twinpath run: --json must be another file than --lab: ", "run", "--lab", lab.toString(), "--json",
            lab.toString()));
        rows.add(refused("twinpath run: --json: no such directory: ", "run", "--lab", lab.toString(), "--json",
            dir.resolve("nowhere/x.json").toString()));
        rows.add(refused("twinpath run: Unknown options: '--vmz', '3'; did you mean --vms?", "run", "--vmz", "3"));
        rows.add(refused("twinpath run: Missing required parameter for option '--vms' (N)", "run", "--vms"));

        rows.add(refused("twinpath switch: Missing required subcommand: show", "switch"));
        rows.add(refused("twinpath switch show: --lab: no such file: ", "switch", "show", "--lab", dir.resolve("x.yaml").toString()));
        rows.add(refused("twinpath switch show: --lab is a directory, not a file: ", "switch", "show", "--lab", dir.toString()));
        rows.add(refused("twinpath switch show: --host: no host 'Z' in lab migration", "switch", "show", "--host", "Z"));

        for (final String bad : new String[] {"-1", "101", "99999999999", "abc", ""})
        {
            rows.add(refused("twinpath adapter set: --iov-weight must be 0..100 (IovWeight; 0 disables SR-IOV for the " +
                "adapter): ", "adapter", "set", "--iov-weight", bad));
        }
        for (final String bad : new String[] {"0", "17", "abc", "-3"})
        {
            rows.add(refused("twinpath adapter set: --queue-pairs must be 1..16 (IovQueuePairsRequested): ", "adapter", "set",
                "--queue-pairs", bad));
        }
        rows.add(refused("twinpath adapter set: give --iov-weight and/or --queue-pairs", "adapter", "set"));
        rows.add(refused("twinpath adapter show: --vm: no VM 'Z'", "adapter", "show", "--vm", "Z"));
        rows.add(refused("twinpath adapter set: --vm: no VM 'Z'", "adapter", "set", "--vm", "Z", "--iov-weight", "1"));
        rows.add(refused("twinpath adapter set: --lab: no such file: ", "adapter", "set", "--iov-weight", "1", "--lab",
            dir.resolve("x").toString()));
        rows.add(refused("twinpath adapter show: --lab: no such file: ", "adapter", "show", "--lab", dir.resolve("x").toString()));

        rows.add(refused("twinpath vm migrate: Missing required option: '--to=HOST'", "vm", "migrate"));
        rows.add(refused("twinpath vm migrate: --to: no host 'Z' in lab migration", "vm", "migrate", "--to", "Z"));
        rows.add(refused("twinpath vm migrate: --vm: no VM 'nope' in lab migration", "vm", "migrate", "--to", "C", "--vm", "nope"));
        rows.add(refused("twinpath vm migrate: --at must be a duration", "vm", "migrate", "--to", "C", "--at", "-1s"));
        rows.add(refused("twinpath vm migrate: --at must be before the end of --duration: 5s >= 3s", "vm", "migrate", "--to",
            "C", "--at", "5s"));
        rows.add(refused("twinpath vm migrate: --duration must be at least 10ms: 1ms", "vm", "migrate", "--to", "C", "--at", "0",
            "--duration", "1ms"));
        rows.add(refused("twinpath vm migrate: --duration must be at most 1 day: 99999h", "vm", "migrate", "--to", "C",
            "--duration", "99999h"));
        rows.add(refused("twinpath vm migrate: --json: no such directory: ", "vm", "migrate", "--to", "C", "--json",
            dir.resolve("nowhere/x.json").toString()));
        rows.add(refused("twinpath vm migrate: --events is a directory, not a file: ", "vm", "migrate", "--to", "C", "--events",
            dir.toString()));
        rows.add(refused("twinpath vm migrate: --jfr: no such directory: ", "vm", "migrate", "--to", "C", "--jfr",
            dir.resolve("nowhere/x.jfr").toString()));
        rows.add(refused("twinpath vm migrate: --jfr must be another file than --events: ", "vm", "migrate", "--to", "C",
            "--events", dir.resolve("e.jfr").toString(), "--jfr", dir.resolve("e.jfr").toString()));
        rows.add(refused("twinpath vm migrate: --lab: no such file: ", "vm", "migrate", "--to", "C", "--lab",
            dir.resolve("x.yaml").toString()));

        for (final String bad : new String[] {"abc", "99999999999", "5", "125", ""})
        {
            rows.add(refused("twinpath events: --id must be 100..124 (an event id): ", "events", "--id", bad));
        }
        rows.add(refused("twinpath events: --level must be information, warning or error: loud", "events", "--level", "loud"));
        rows.add(refused("twinpath events: --since must be a duration", "events", "--since", "-1s"));
        rows.add(refused("twinpath events: --duration must be at least 10ms: 0", "events", "--duration", "0"));
        rows.add(refused("twinpath events: --duration must be at most 1 day: 99999h", "events", "--duration", "99999h"));
        rows.add(refused("twinpath events: --duration must be a duration", "events", "--duration", "NaN"));
        rows.add(refused("twinpath events: --lab is a directory, not a file: ", "events", "--lab", dir.toString()));

        rows.add(refused("twinpath decode: Missing required parameter: 'FILE'", "decode"));
        rows.add(refused("twinpath decode: FILE: no such file: ", "decode", dir.resolve("x.pcap").toString()));
        rows.add(refused("twinpath decode: FILE is a directory, not a file: ", "decode", dir.toString()));
        for (final String bad : new String[] {"-1", "1515", "abc", "2147483648"})
        {
            rows.add(refused("twinpath decode: --min-frame must be 0..1514: ", "decode", "--min-frame", bad, regularFile.toString()));
        }
        for (final String bad : new String[] {"10", "262145", "x", "-9216"})
        {
            rows.add(refused("twinpath decode: --max-frame must be 60..262144", "decode", "--max-frame", bad, regularFile.toString()));
        }
        rows.add(refused("twinpath decode: Invalid value for option '--format': expected one of [tsv, json]", "decode",
            "--format", "xml", regularFile.toString()));
        rows.add(refused("twinpath decode: --rss-key: ", "decode", "--rss-key", "zz", regularFile.toString()));

        rows.add(refused("twinpath rss: Missing required option: '--src=IP'", "rss", "--dst", "1.2.3.4"));
        rows.add(refused("twinpath rss: --src: not an IPv4 address", "rss", "--src", "1.2.3", "--dst", "1.2.3.4"));
        rows.add(refused("twinpath rss: --dst: not an IPv4 address", "rss", "--src", "1.2.3.4", "--dst", "1.2.3.400"));
        rows.add(refused("twinpath rss: --src: ", "rss", "--src", "fe80::1::2", "--dst", "::1"));
        for (final String bad : new String[] {"-1", "65536", "http", "99999999999"})
        {
            rows.add(refused("twinpath rss: --sport must be 0..65535: ", "rss", "--src", "1.2.3.4", "--dst", "1.2.3.5",
                "--sport", bad, "--dport", "80"));
        }
        for (final String bad : new String[] {"0", "129", "1000000000000", "x"})
        {
            rows.add(refused("twinpath rss: --queues must be 1..128 (the indirection table has 128 entries): ", "rss",
                "--src", "1.2.3.4", "--dst", "1.2.3.5", "--queues", bad));
        }
        rows.add(refused("twinpath rss: --dport must be 0..65535: 65536", "rss", "--src", "1.2.3.4", "--dst", "1.2.3.5",
            "--sport", "1", "--dport", "65536"));
        rows.add(refused("twinpath rss: --key: ", "rss", "--src", "1.2.3.4", "--dst", "1.2.3.5", "--key", "00"));

        rows.add(refused("twinpath bench: unknown suite 'nosuch'", "bench", "nosuch"));
        for (final String bad : new String[] {"0", "5", "-1", "2147483648", "x", ""})
        {
            rows.add(refused("twinpath soak: --vms must be 1..4: ", "soak", "--vms", bad));
        }
        for (final String bad : new String[] {"5s", "8d", "soon", "-1m"})
        {
            rows.add(refused("twinpath soak: --duration ", "soak", "--duration", bad));
        }
        for (final String bad : new String[] {"max", "6M", "fast", "-5"})
        {
            rows.add(refused("twinpath soak: --rate ", "soak", "--rate", bad));
        }
        for (final String bad : new String[] {"1.5", "x", "", "99999999999999999999"})
        {
            rows.add(refused("twinpath soak: --seed must be an integer: ", "soak", "--seed", bad));
        }
        for (final String bad : new String[] {"500ms", "3m", "never"})
        {
            rows.add(refused("twinpath soak: --check-interval ", "soak", "--check-interval", bad));
        }
        for (final String bad : new String[] {"0", "101", "NaN"})
        {
            rows.add(refused("twinpath soak: --rate-tolerance must be 1..100: ", "soak", "--rate-tolerance", bad));
        }
        for (final String bad : new String[] {"0", "65537", "lots"})
        {
            rows.add(refused("twinpath soak: --max-heap-growth must be 1..65536: ", "soak", "--max-heap-growth", bad));
        }
        rows.add(refused("twinpath soak: Invalid value for option '--faults': 'yes' is not a boolean", "soak", "--faults=yes"));
        outputs(rows, "soak", "--json");
        outputs(rows, "soak", "--jfr");
        rows.add(refused("twinpath soak: --jfr must be another file than --json: ", "soak", "--json",
            dir.resolve("soak.out").toString(), "--jfr", dir.resolve("soak.out").toString()));
        for (final String bad : new String[] {"", "VF0", "hardware", "vf,synthetic", "-1"})
        {
            rows.add(refused("twinpath rfc2544: --path must be vf, synthetic or both: ", "rfc2544", "--path", bad));
        }
        for (final String bad : new String[] {"", "63", "9221", "64,,128", "64,64", "imx", "-64", "2147483648", "64B", "1e3"})
        {
            rows.add(refused("twinpath rfc2544: --frame-sizes", "rfc2544", "--frame-sizes", bad));
        }
        rows.add(refused("twinpath rfc2544: --frame-sizes must name at most 64 sizes: 65", "rfc2544", "--frame-sizes",
            String.join(",", java.util.stream.IntStream.range(0, 65).mapToObj(i -> Integer.toString(64 + i)).toList())));
        for (final String bad : new String[] {"0", "5ms", "2h", "-1s", "NaN", "", "1e3s"})
        {
            rows.add(refused("twinpath rfc2544: --trial ", "rfc2544", "--trial", bad));
        }
        for (final String bad : new String[] {"0", "0.05", "51", "-2", "NaN", "", "2e1", "abc", "2 pct"})
        {
            rows.add(refused("twinpath rfc2544: --resolution must be a percentage 0.1..50: ", "rfc2544", "--resolution", bad));
        }
        for (final String bad : new String[] {"0", "0.00001", "51", "-0.1", "NaN", "", "1e-3"})
        {
            rows.add(refused("twinpath rfc2544: --pdr-loss must be a percentage 0.0001..50: ", "rfc2544", "--pdr-loss", bad));
        }
        for (final String bad : new String[] {"0", "-1", "x", "", "1000", "2G", "99999999999999999999"})
        {
            rows.add(refused("twinpath rfc2544: --max-rate ", "rfc2544", "--max-rate", bad));
        }
        for (final String bad : new String[] {"0", "max", "-1", "x", "", "2G", "1.5e6"})
        {
            rows.add(refused("twinpath rfc2544: --capacity ", "rfc2544", "--capacity", bad));
        }
        for (final String bad : new String[] {"0", "65", "-1", "x", "", "2147483648"})
        {
            rows.add(refused("twinpath rfc2544: --vms must be 1..64: ", "rfc2544", "--vms", bad));
        }
        outputs(rows, "rfc2544", "--json");
        outputs(rows, "rfc2544", "--chart");
        rows.add(refused("twinpath rfc2544: --chart must be another file than --json: ", "rfc2544", "--json",
            dir.resolve("same.out").toString(), "--chart", dir.resolve("same.out").toString()));
        for (final String bad : new String[] {"0", "-1", "4194305", "2147483648", "x", "", "1e3", "1.5"})
        {
            rows.add(refused("twinpath rfc2889: --addresses must be 1..4194304: ", "rfc2889", "--addresses", bad));
            rows.add(refused("twinpath rfc2889: --table-capacity must be 1..4194304: ", "rfc2889", "--table-capacity", bad));
        }
        outputs(rows, "rfc2889", "--json");
        rows.add(refused("twinpath bench: SUITE is missing; suites: ", "bench"));
        rows.add(refused("twinpath bench: --json: no such directory: ", "bench", "--json", dir.resolve("nowhere/b.json").toString(),
            "failover"));
        rows.add(refused("twinpath bench: --json is a directory, not a file: ", "bench", "--json", dir.toString(), "ring"));

        processRows(rows);
        for (final String command : new String[] {"run", "soak"})
        {
            rows.add(refused("twinpath " + command + ": --counters-dir is a file, not a directory: ", command, "--counters-dir",
                regularFile.toString()));
            rows.add(refused("twinpath " + command + ": --counters-dir: cannot create ", command, "--counters-dir",
                regularFile.resolve("sub").toString()));
            if (Files.isDirectory(Path.of("/proc")))
            {
                rows.add(refused("twinpath " + command + ": --counters-dir: cannot create /proc/twinpath-hostile (", command,
                    "--counters-dir", "/proc/twinpath-hostile"));
            }
            rows.add(refused("twinpath " + command + ": --no-counters and --counters-dir exclude each other", command,
                "--no-counters", "--counters-dir", dir.toString()));
        }
        for (final String bad : new String[] {"0", "50ms", "2h", "-1s"})
        {
            rows.add(refused("twinpath stat: --interval must be ", "stat", "--interval", bad));
        }
        rows.add(refused("twinpath stat: --interval must be 100ms..1h: 99ms", "stat", "--interval", "99ms"));
        rows.add(refused("twinpath stat: --interval must be a duration such as 10s, 500ms or 2m: soon", "stat", "--interval",
            "soon"));
        for (final String bad : new String[] {"0", "-1", "x", "2147483648", ""})
        {
            rows.add(refused("twinpath stat: --pid must be 1..2147483647: ", "stat", "--pid", bad));
        }
        rows.add(refused("twinpath stat: --dir is a file, not a directory: ", "stat", "--dir", regularFile.toString()));
        rows.add(refused("twinpath stat: Missing required parameter for option '--dir' (DIR)", "stat", "--dir"));
        rows.add(refused("twinpath stat: Invalid value for option '--once': 'twice' is not a boolean", "stat", "--once=twice"));
        return rows.stream();
    }

    /** A lab of processes: run --processes, host and tor. */
    private static void processRows(final List<Arguments> rows)
    {
        final String l = lab.toString();
        rows.add(refused("twinpath run: --processes needs --lab FILE", "run", "--processes"));
        rows.add(refused("twinpath run: --kill needs --processes", "run", "--lab", l, "--kill", "C@1s"));
        rows.add(refused("twinpath run: --restart needs --processes", "run", "--lab", l, "--restart", "C@1s"));
        rows.add(refused("twinpath run: --kill must be HOST@TIME, e.g. C@3s: C", "run", "--lab", l, "--processes", "--kill", "C"));
        rows.add(refused("twinpath run: --kill: no host 'Z' in the lab; hosts: [A, B, C]", "run", "--lab", l, "--processes",
            "--kill", "Z@1s"));
        rows.add(refused("twinpath run: --restart must be a duration such as 10s, 500ms or 2m: soon", "run", "--lab", l,
            "--processes", "--restart", "C@soon"));
        rows.add(refused("twinpath run: --json is not available with --processes (use --report DIR)", "run", "--lab", l,
            "--processes", "--json", dir.resolve("s.json").toString()));
        rows.add(refused("twinpath run: --report is a file, not a directory: ", "run", "--lab", l, "--processes", "--report",
            regularFile.toString()));
        for (final String command : new String[] {"run", "host", "tor"})
        {
            final List<String> base = command.equals("run") ? List.of("run", "--lab", l, "--processes") :
                command.equals("host") ? List.of("host", "--lab", l, "--name", "A") : List.of("tor", "--lab", l);
            for (final String bad : new String[] {"80", "65536", "x", ""})
            {
                rows.add(refused("twinpath " + command + ": --port-base must be 1024..65535: ", with(base, "--port-base", bad)));
            }
            rows.add(refused("twinpath " + command + ": --port-base: 65534 must be in [1024, 65531]", with(base, "--port-base",
                "65534")));
        }
        for (final String command : new String[] {"host", "tor"})
        {
            final List<String> base = command.equals("host") ? List.of("host", "--lab", l, "--name", "A") : List.of("tor", "--lab", l);
            rows.add(refused("twinpath " + command + ": --aeron-dir: ", with(base, "--aeron-dir", dir.resolve("none").toString())));
            rows.add(refused("twinpath " + command + ": --lab: no such file: ", with(command.equals("host") ? List.of(command,
                "--name", "A") : List.of(command), "--lab", dir.resolve("x.yaml").toString())));
            rows.add(refused("twinpath " + command + ": --counters-dir is a file, not a directory: ", with(base, "--counters-dir",
                regularFile.toString())));
            rows.add(refused("twinpath " + command + ": --no-counters and --counters-dir exclude each other", with(base,
                "--no-counters", "--counters-dir", dir.toString())));
        }
        rows.add(refused("twinpath host: Missing required option: '--name=HOST'", "host", "--lab", l));
        rows.add(refused("twinpath tor: Missing required option: '--lab=FILE'", "tor"));
        rows.add(refused("twinpath host: --name: no host 'Z' in the lab; hosts: [A, B, C]", "host", "--lab", l, "--name", "Z"));
        final Path teaming = Path.of(lab.getParent().toString(), "teaming.yaml");
        rows.add(refused("twinpath host: process: host A has 2 NICs; a host process has one (its uplink)",
            "host", "--lab", teaming.toString(), "--name", "A"));
        rows.add(refused("twinpath tor: --report is a file, not a directory: ", "tor", "--lab", l, "--report",
            regularFile.toString()));
    }

    private static String[] with(final List<String> base, final String... more)
    {
        final List<String> all = new ArrayList<>(base);
        all.addAll(List.of(more));
        return all.toArray(new String[0]);
    }

    /** The places an output file cannot be written, for {@code option} of {@code command}. */
    private static void outputs(final List<Arguments> rows, final String command, final String option)
    {
        rows.add(refused("twinpath " + command + ": " + option + ": no such directory: ", command, option,
            dir.resolve("nowhere/out.json").toString()));
        rows.add(refused("twinpath " + command + ": " + option + ": no such directory: ", command, option,
            regularFile.resolve("out.json").toString()));
        rows.add(refused("twinpath " + command + ": " + option + " is a directory, not a file: ", command, option, dir.toString()));
        if (Files.isDirectory(Path.of("/proc")))
        {
            rows.add(refused("twinpath " + command + ": " + option + ": cannot write /proc/twinpath-hostile.json (", command, option,
                "/proc/twinpath-hostile.json"));
        }
    }

    private static Arguments refused(final String message, final String... args)
    {
        return Arguments.of(message, args);
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("hostileArguments")
    void refusedOnOneLineNamingTheOptionBeforeAnythingStarts(final String message, final String[] args)
    {
        final RssCommandTest.Run run = RssCommandTest.twinpath(args);
        assertEquals(2, run.exitCode(), run.out() + run.err());
        assertEquals(1, run.err().strip().lines().count(), "one line: " + run.err());
        assertTrue(run.err().startsWith(message), "expected " + message + "\n     got " + run.err());
        assertFalse(run.err().contains("Exception") || run.err().contains("\tat "), "no stack trace: " + run.err());
        assertEquals("", run.out(), "nothing started");
    }

    @Test
    void everyCommandsOptionsAreCoveredAbove()
    {
        final String table = hostileArguments().map(a -> String.join(" ", (String[])a.get()[1])).reduce("", (x, y) -> x + "\n" + y);
        final var root = TwinpathCommand.commandLine();
        final List<String> missing = new ArrayList<>();
        collect(root, table, missing);
        assertEquals(List.of(), missing, "options or parameters without a hostile row");
    }

    private static void collect(final picocli.CommandLine cmd, final String table, final List<String> missing)
    {
        final String name = cmd.getCommandSpec().qualifiedName().replaceFirst("^twinpath ?", "");
        for (final var option : cmd.getCommandSpec().options())
        {
            final String longest = option.longestName();
            final boolean flagOnly = option.arity().max() == 0; // --iov, --json (switch/events), --quick, -h, -V
            final boolean anyText = FREE_TEXT.contains(name + " " + longest);
            if (!flagOnly && !anyText && !name.isEmpty() &&
                table.lines().noneMatch(l -> l.startsWith(name) && l.contains(longest)))
            {
                missing.add(name + " " + longest);
            }
        }
        if (!cmd.getCommandSpec().positionalParameters().isEmpty() && !name.isEmpty() && !name.equals("help") &&
            table.lines().noneMatch(l -> l.startsWith(name + " ") || l.equals(name)))
        {
            missing.add(name + " positional");
        }
        cmd.getSubcommands().values().forEach(sub -> collect(sub, table, missing));
    }
}
