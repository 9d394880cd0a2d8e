package dev.twinpath.bench.cli;

import dev.twinpath.datapath.stat.LiveCountersReader;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@code twinpath stat} prints at each interval: a header with the directory and the time, then for each
 * process a line (pid, command, uptime, heartbeat age, flagged {@code (stale)} past
 * {@link StatCommand#STALE_MS}) and its counters as {@code id  type  value  label}; files that cannot be read or whose
 * process is gone get one line each. Used on the command's thread.
 */
final class StatTable
{
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
        .withZone(ZoneId.systemDefault());

    private final String filter;

    StatTable(final String filter)
    {
        this.filter = filter == null || filter.isEmpty() ? null : filter.toLowerCase(Locale.ROOT);
    }

    String format(final Path directory, final List<StatCommand.Found> found, final long nowMillis)
    {
        final StringBuilder sb = new StringBuilder();
        sb.append("twinpath stat: ").append(directory).append("  ").append(TIME.format(Instant.ofEpochMilli(nowMillis)))
            .append(System.lineSeparator());
        for (final StatCommand.Found f : found)
        {
            if (f.reader == null)
            {
                line(sb, f.file.getFileName() + ": cannot be read: " + f.problem);
            }
            else if (!f.alive)
            {
                line(sb, "pid " + f.reader.pid() + "  " + f.reader.command() + "  not running (" + f.file.getFileName() +
                    " left behind: twinpath stat --clean removes it)");
            }
            else
            {
                process(sb, f.reader, nowMillis);
            }
        }
        return sb.toString();
    }

    private void process(final StringBuilder sb, final LiveCountersReader reader, final long nowMillis)
    {
        final long age = Math.max(0, nowMillis - reader.heartbeatMillis());
        final List<LiveCountersReader.Counter> counters = reader.snapshot();
        final List<LiveCountersReader.Counter> shown = new ArrayList<>();
        for (final LiveCountersReader.Counter c : counters)
        {
            if (filter == null || c.label().toLowerCase(Locale.ROOT).contains(filter))
            {
                shown.add(c);
            }
        }
        line(sb, "");
        line(sb, "pid " + reader.pid() + "  " + reader.command() + "  up " + age(nowMillis - reader.startMillis()) +
            "  heartbeat " + age(age) + " ago" + (age > StatCommand.STALE_MS ? " (stale)" : "") + "  " + counters.size() +
            " counters" + (filter == null ? "" : ", " + shown.size() + " matching '" + filter + "'"));
        int idWidth = 2;
        int typeWidth = 4;
        int valueWidth = 5;
        final String[] values = new String[shown.size()];
        for (int i = 0; i < values.length; i++)
        {
            final LiveCountersReader.Counter c = shown.get(i);
            values[i] = c.valueText();
            idWidth = Math.max(idWidth, Integer.toString(c.id()).length());
            typeWidth = Math.max(typeWidth, c.typeText().length());
            valueWidth = Math.max(valueWidth, values[i].length());
        }
        final String format = "%" + idWidth + "s  %-" + typeWidth + "s  %" + valueWidth + "s  %s";
        line(sb, String.format(Locale.ROOT, format, "id", "type", "value", "label"));
        for (int i = 0; i < values.length; i++)
        {
            final LiveCountersReader.Counter c = shown.get(i);
            line(sb, String.format(Locale.ROOT, format, c.id(), c.typeText(), values[i], c.label()));
        }
    }

    /** @return {@code 0.3 s}, {@code 59.9 s}, {@code 2m05s}, {@code 3h04m}. */
    static String age(final long millis)
    {
        if (millis < 60_000)
        {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        final long seconds = millis / 1000;
        if (seconds < 3600)
        {
            return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, seconds / 60 % 60);
    }

    private static void line(final StringBuilder sb, final String text)
    {
        sb.append(text).append(System.lineSeparator());
    }
}
