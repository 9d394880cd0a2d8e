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
    String srcPort;

    @Option(names = "--dport", paramLabel = "N", description = "Destination port (0..65535).")
    String dstPort;

    @Option(names = "--key", paramLabel = "HEX", description = "Toeplitz key in hex; default the Microsoft key.")
    String key;

    @Option(names = "--queues", paramLabel = "N",
        description = "Also print the RX queue picked by a 128-entry indirection table spread evenly over N queues (1..128).")
    String queues;

    @Override
    public Integer call()
    {
        if ((srcPort == null) != (dstPort == null))
        {
            throw new CliSupport.UsageException("--sport and --dport go together: give both or neither");
        }
        final int sport = srcPort == null ? 0 : CliSupport.intValue(srcPort, "--sport", 0, 0xFFFF);
        final int dport = dstPort == null ? 0 : CliSupport.intValue(dstPort, "--dport", 0, 0xFFFF);
        final int queueCount = queues == null ? 0 :
            CliSupport.intValue(queues, "--queues", 1, 128, " (the indirection table has 128 entries)");
        final ToeplitzHash toeplitz = CliSupport.toeplitz(key, "--key");
        final boolean v6 = AddressFormat.isIpv6(src);
        if (v6 != AddressFormat.isIpv6(dst))
        {
            throw new CliSupport.UsageException("--src and --dst must both be IPv4 or both IPv6: " + src + ", " + dst);
        }
        final int hash;
        if (v6)
        {
            final long[] s = ipv6("--src", src);
            final long[] d = ipv6("--dst", dst);
            hash = srcPort == null ?
                toeplitz.hashIpv6(s[0], s[1], d[0], d[1]) :
                toeplitz.hashIpv6(s[0], s[1], d[0], d[1], sport, dport);
        }
        else
        {
            final int s = ipv4("--src", src);
            final int d = ipv4("--dst", dst);
            hash = srcPort == null ? toeplitz.hashIpv4(s, d) : toeplitz.hashIpv4(s, d, sport, dport);
        }
        final String text = String.format("%08x", hash);
        if (queues == null)
        {
            System.out.println(text);
        }
        else
        {
            final IndirectionTable table;
            try
            {
                table = new IndirectionTable(queueCount);
            }
            catch (final IllegalArgumentException ex)
            {
                throw new CliSupport.UsageException("--queues: " + ex.getMessage());
            }
            System.out.println(text + "\tqueue " + table.queueFor(hash));
        }
        return 0;
    }

    private static int ipv4(final String option, final String text)
    {
        try
        {
            return AddressFormat.parseIpv4(text);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new CliSupport.UsageException(option + ": " + ex.getMessage());
        }
    }

    private static long[] ipv6(final String option, final String text)
    {
        try
        {
            return AddressFormat.parseIpv6(text);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new CliSupport.UsageException(option + ": " + ex.getMessage());
        }
    }
}
