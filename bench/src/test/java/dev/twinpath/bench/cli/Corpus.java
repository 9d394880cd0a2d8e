package dev.twinpath.bench.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The shared conformance corpus: its location and its tshark truth tables. */
final class Corpus
{
    private Corpus()
    {
    }

    static Path root()
    {
        final String property = System.getProperty("twinpath.corpus");
        final Path path = property != null ? Paths.get(property) : Paths.get("..", "..", "shared", "corpus");
        return path.toAbsolutePath().normalize();
    }

    static List<Path> pcaps(final String subdirectory)
    {
        final Path dir = subdirectory.isEmpty() ? root().resolve("pcaps") : root().resolve("pcaps").resolve(subdirectory);
        try (Stream<Path> files = Files.list(dir))
        {
            return files.filter(p -> p.getFileName().toString().endsWith(".pcap")).sorted().toList();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /** Rows of a TSV with a header row, as maps from column name to value. */
    static List<Map<String, String>> table(final List<String> lines)
    {
        final String[] header = lines.get(0).split("\t", -1);
        final List<Map<String, String>> rows = new ArrayList<>();
        for (final String line : lines.subList(1, lines.size()))
        {
            if (line.isEmpty())
            {
                continue;
            }
            final String[] values = line.split("\t", -1);
            final Map<String, String> row = new HashMap<>();
            for (int i = 0; i < header.length; i++)
            {
                row.put(header[i], i < values.length ? values[i] : "");
            }
            rows.add(row);
        }
        return rows;
    }

    static List<Map<String, String>> truth(final Path pcap)
    {
        final String name = pcap.getFileName().toString().replace(".pcap", ".truth_ext.tsv");
        try
        {
            return table(Files.readAllLines(pcap.resolveSibling(name)));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /** First of a comma-joined repeated tshark field (the outer header), or "". */
    static String first(final String value)
    {
        final int comma = value.indexOf(',');
        return comma < 0 ? value : value.substring(0, comma);
    }

    static String last(final String value)
    {
        final int comma = value.lastIndexOf(',');
        return comma < 0 ? value : value.substring(comma + 1);
    }
}
