package dev.twinpath.packet.rss;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows of the Microsoft RSS verification table in the shared corpus ({@code rss_vectors.tsv}).
 * The corpus directory is the system property {@code twinpath.corpus} (set by Surefire), or
 * {@code ../shared/corpus} relative to the project root (the outermost directory holding a
 * {@code pom.xml} above the working directory). Test code; used from the test thread only.
 */
final class RssVectors
{
    static final String FILE_NAME = "rss_vectors.tsv";

    /**
     * One row: addresses as raw network-order bytes (4 or 16), ports, expected hashes.
     */
    record Row(
        String family, byte[] src, byte[] dst, int srcPort, int dstPort, int hashWithPorts, int hashIpOnly)
    {
        boolean isIpv4()
        {
            return "ipv4".equals(family);
        }

        @Override
        public String toString()
        {
            return family + ' ' + format(src) + ':' + srcPort + " -> " + format(dst) + ':' + dstPort;
        }

        private static String format(final byte[] address)
        {
            try
            {
                return InetAddress.getByAddress(address).getHostAddress();
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }
    }

    private RssVectors()
    {
    }

    static Path corpusDirectory()
    {
        final String property = System.getProperty("twinpath.corpus");
        if (null != property && !property.isBlank())
        {
            return Paths.get(property);
        }

        Path projectRoot = null;
        for (Path dir = Paths.get("").toAbsolutePath(); null != dir; dir = dir.getParent())
        {
            if (Files.isRegularFile(dir.resolve("pom.xml")))
            {
                projectRoot = dir;
            }
        }
        if (null == projectRoot)
        {
            throw new IllegalStateException(
                "no twinpath.corpus property and no pom.xml above " + Paths.get("").toAbsolutePath());
        }

        return projectRoot.resolve("../shared/corpus").normalize();
    }

    static List<Row> rows()
    {
        final Path file = corpusDirectory().resolve(FILE_NAME);
        try
        {
            final List<String> lines = Files.readAllLines(file);
            final List<Row> rows = new ArrayList<>();
            for (int i = 1; i < lines.size(); i++)
            {
                final String line = lines.get(i).strip();
                if (line.isEmpty())
                {
                    continue;
                }
                final String[] f = line.split("\t");
                if (7 != f.length)
                {
                    throw new IllegalStateException(file + ":" + (i + 1) + ": expected 7 columns: " + line);
                }
                rows.add(new Row(
                    f[0],
                    InetAddress.getByName(f[1]).getAddress(),
                    InetAddress.getByName(f[2]).getAddress(),
                    Integer.parseInt(f[3]),
                    Integer.parseInt(f[4]),
                    Integer.parseUnsignedInt(f[5], 16),
                    Integer.parseUnsignedInt(f[6], 16)));
            }

            return rows;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read RSS vectors " + file.toAbsolutePath(), ex);
        }
    }
}
