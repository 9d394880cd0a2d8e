package dev.twinpath.bench.cli;

import dev.twinpath.packet.codec.AddressFormat;
import dev.twinpath.packet.rss.IndirectionTable;
import dev.twinpath.packet.rss.ToeplitzHash;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/**
 * {@code twinpath rss}: the Toeplitz RSS hash of one flow, with Microsoft's input rules
 * (src|dst, then sport|dport when both ports are given), and optionally the RX queue a 128-entry
 * indirection table spread over N queues picks. Runs on the main thread.
 */
@Command(name = "rss", mixinStandardHelpOptions = true,
    description = {
        "Print the Toeplitz RSS hash (8 hex digits) of a flow: src|dst, plus sport|dport when both are given.",
        "IPv4 or IPv6 addresses; network byte order as a NIC hashes them."})
final class RssCommand implements Callable<Integer>
{
    @Option(names = "--src", required = true, paramLabel = "IP", description = "Source address.")
    String src;

    @Option(names = "--dst", required = true, paramLabel = "IP", description = "Destination address.")
    String dst;

    @Option(names = "--sport", paramLabel = "N", description = "Source port (0..65535).")
    Integer srcPort;

    @Option(names = "--dport", paramLabel = "N", description = "Destination port (0..65535).")
    Integer dstPort;

    @Option(names = "--key", paramLabel = "HEX", description = "Toeplitz key in hex; default the Microsoft key.")
    String key;

    @Option(names = "--queues", paramLabel = "N",
        description = "Also print the RX queue picked by a 128-entry indirection table spread evenly over N queues.")
    Integer queues;

    @Override
    public Integer call()
    {
        if ((srcPort == null) != (dstPort == null))
        {
            throw new CliSupport.UsageException("--sport and --dport go together: give both or neither");
        }
        checkPort("--sport", srcPort);
        checkPort("--dport", dstPort);
        final ToeplitzHash toeplitz = CliSupport.toeplitz(key, "--key");
        final boolean v6 = AddressFormat.isIpv6(src);
        if (v6 != AddressFormat.isIpv6(dst))
        {
            throw new CliSupport.UsageException("--src and --dst must both be IPv4 or both IPv6: " + src + ", " + dst);
        }
        final int hash;
        try
        {
            if (v6)
            {
                final long[] s = AddressFormat.parseIpv6(src);
                final long[] d = AddressFormat.parseIpv6(dst);
                hash = srcPort == null ?
                    toeplitz.hashIpv6(s[0], s[1], d[0], d[1]) :
                    toeplitz.hashIpv6(s[0], s[1], d[0], d[1], srcPort, dstPort);
            }
            else
            {
                final int s = AddressFormat.parseIpv4(src);
                final int d = AddressFormat.parseIpv4(dst);
                hash = srcPort == null ? toeplitz.hashIpv4(s, d) : toeplitz.hashIpv4(s, d, srcPort, dstPort);
            }
        }
        catch (final IllegalArgumentException ex)
        {
            throw new CliSupport.UsageException("--src/--dst: " + ex.getMessage());
        }
        final String text = String.format("%08x", hash);
        if (queues == null)
        {
            System.out.println(text);
        }
        else
        {
            if (queues < 1 || queues > 128)
            {
                throw new CliSupport.UsageException(
                    "--queues must be 1..128 (the indirection table has 128 entries): " + queues);
            }
            final IndirectionTable table;
            try
            {
                table = new IndirectionTable(queues);
            }
            catch (final IllegalArgumentException ex)
            {
                throw new CliSupport.UsageException("--queues: " + ex.getMessage());
            }
            System.out.println(text + "\tqueue " + table.queueFor(hash));
        }
        return 0;
    }

    private static void checkPort(final String option, final Integer port)
    {
        if (port != null && (port < 0 || port > 0xFFFF))
        {
            throw new CliSupport.UsageException(option + " must be 0..65535: " + port);
        }
    }
}
