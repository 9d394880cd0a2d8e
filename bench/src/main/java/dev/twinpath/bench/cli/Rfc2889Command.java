package dev.twinpath.bench.cli;

import dev.twinpath.datapath.rfc2889.Rfc2889Benchmark;
import dev.twinpath.datapath.rfc2889.Rfc2889Result;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code twinpath rfc2889}: the RFC 2889 address caching capacity and address learning rate of the virtual switch.
 * Runs on the main thread (the switch's agent on its own during the learning-rate trials).
 */
@Command(name = "rfc2889", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "RFC 2889 of the virtual switch: its address caching capacity (the most source MACs learned on one port that " +
            "frames are then forwarded to without flooding) and its address learning rate (the highest rate at which " +
            "that many new addresses are offered and all learned).",
        "Each trial builds a fresh Private switch with a learning, a test and a monitor port."},
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {"0:measured", "2:bad arguments"})
final class Rfc2889Command implements Callable<Integer>
{
    /** The virtual switch's own default MAC table capacity. */
    static final int DEFAULT_TABLE_CAPACITY = new dev.twinpath.vswitch.VirtualSwitchContext().macTableCapacity();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--addresses", paramLabel = "N", defaultValue = "16384",
        description = "Most addresses to try, 1..4194304: the capacity search's upper bound (default ${DEFAULT-VALUE}).")
    String addresses;

    @Option(names = "--table-capacity", paramLabel = "N",
        description = "The switch's MAC table capacity, 1..4194304 (default: the switch's own, 8192).")
    String tableCapacity;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the result as JSON (see docs/rfc2544.md).")
    Path json;

    @Override
    public Integer call() throws IOException
    {
        final int n = CliSupport.intValue(addresses, "--addresses", 1, 1 << 22);
        final int capacity = tableCapacity == null ? DEFAULT_TABLE_CAPACITY :
            CliSupport.intValue(tableCapacity, "--table-capacity", 1, 1 << 22);
        CliFiles.writable("--json", json);
        final PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "twinpath rfc2889: MAC table capacity %,d, up to %,d addresses%n", capacity, n);
        out.flush();
        final Rfc2889Result r = new Rfc2889Benchmark(capacity, n, 0.02, 40).run(line ->
        {
            out.println(line);
            out.flush();
        });
        out.printf(Locale.ROOT, "%naddress caching capacity: %s%,d addresses (the table's capacity is %,d)%n",
            r.capacityAtLeast() ? "at least " : "", r.cachingCapacity(), r.tableCapacity());
        out.printf(Locale.ROOT, "address learning rate:    %,d frames/s, one new address each, %,d addresses%n",
            r.learningRatePps(), r.learningAddresses());
        if (json != null)
        {
            CliSupport.writeAtomically(json, r.toJson());
            out.println("json: " + json);
        }
        out.flush();
        return 0;
    }
}
