package dev.twinpath.bench.report;

import dev.twinpath.datapath.SwitchTimes;
import dev.twinpath.datapath.event.EventId;
import dev.twinpath.datapath.event.SteeringEvent;
import dev.twinpath.datapath.run.RunRecording;
import dev.twinpath.datapath.run.RunSummary;

import java.util.ArrayList;
import java.util.List;

/**
 * What each path switch of a run cost, one row per switch: when it started, how long it took, the
 * packets its RX side drained from the old path, held back and released (from the adapter's
 * {@code RX_PATH_CLOSED} event inside the window), the sequences that went missing while it ran
 * (timeline intervals of the window, one interval of margin each side) and the blocked time that
 * loss amounts to at the run's offered rate (FD.io CSIT's "effective blocked time": lost / rate).
 * <p>
 * Immutable after construction; any thread.
 */
public final class SwitchCosts
{
    /**
     * One path switch.
     *
     * @param startMs    start, ms since the wire peer started.
     * @param adapter    the adapter, e.g. {@code vm1/eth0}.
     * @param to         the path it switched to: {@code vf} or {@code synthetic}.
     * @param durationMs from the request until both directions ran on the new path with nothing held.
     * @param drained    packets the old path delivered while the new one waited (RX).
     * @param held       packets of the new path held back until the old path's end marker (RX).
     * @param released   held packets released in order.
     * @param lost       sequences missing over the window (0 when nothing was lost).
     * @param blockedMs  lost / offered rate, in ms.
     */
    public record Row(double startMs, String adapter, String to, double durationMs, long drained, long held, long released,
        long lost, double blockedMs)
    {
    }

    private final List<Row> rows;

    /** Rows of the switches {@code recording} saw, with figures from {@code summary}'s events. */
    public SwitchCosts(final RunRecording recording, final RunSummary summary)
    {
        final long origin = recording.originNanos();
        final long interval = recording.timelineIntervalNanos();
        final long[] missing = recording.missing();
        final double ratePerNano = summary.setup().sendNanos() > 0 ?
            (double)summary.traffic().offered() / summary.setup().sendNanos() : 0;
        final List<Row> list = new ArrayList<>();
        for (final SwitchTimes.Window w : recording.switches())
        {
            if (w.endNanos() - origin < 0)
            {
                continue; // settled before the wire peer started (the first offers)
            }
            long drained = 0;
            long held = 0;
            long released = 0;
            for (final SteeringEvent e : summary.events())
            {
                if (e.id() == EventId.RX_PATH_CLOSED && e.adapter().equals(w.adapter()) &&
                    e.timeNanos() - w.startNanos() >= 0 && w.endNanos() - e.timeNanos() >= 0)
                {
                    drained += e.drained();
                    held += e.held();
                    released += e.released();
                }
            }
            long lost = 0;
            if (missing.length > 0)
            {
                final int from = (int)Math.max(0, Math.min(missing.length - 1, (w.startNanos() - origin) / interval - 1));
                final int to = (int)Math.max(0, Math.min(missing.length - 1, (w.endNanos() - origin) / interval + 1));
                lost = Math.max(0, missing[to] - (from == 0 ? 0 : missing[from]));
            }
            list.add(new Row((w.startNanos() - origin) / 1e6, w.adapter(), w.to().name().toLowerCase(java.util.Locale.ROOT),
                w.durationNanos() / 1e6, drained, held, released, lost, ratePerNano > 0 ? lost / ratePerNano / 1e6 : 0));
        }
        this.rows = List.copyOf(list);
    }

    public List<Row> rows()
    {
        return rows;
    }

    /** @return one CSV line a switch, with a header. */
    public String toCsv()
    {
        final StringBuilder sb = new StringBuilder("start_ms,adapter,to,duration_ms,drained,held,released,lost,blocked_ms\n");
        for (final Row r : rows)
        {
            sb.append(String.format(java.util.Locale.ROOT, "%.3f,%s,%s,%.3f,%d,%d,%d,%d,%.3f%n", r.startMs(), r.adapter(), r.to(),
                r.durationMs(), r.drained(), r.held(), r.released(), r.lost(), r.blockedMs()));
        }
        return sb.toString();
    }

    /** @return the rows as a JSON array. */
    public String toJson()
    {
        final StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < rows.size(); i++)
        {
            final Row r = rows.get(i);
            sb.append(i == 0 ? "" : ",").append("{\"start_ms\":").append(Json.number(r.startMs())).append(",\"adapter\":")
                .append(Json.string(r.adapter())).append(",\"to\":").append(Json.string(r.to())).append(",\"duration_ms\":")
                .append(Json.number(r.durationMs())).append(",\"drained\":").append(r.drained()).append(",\"held\":")
                .append(r.held()).append(",\"released\":").append(r.released()).append(",\"lost\":").append(r.lost())
                .append(",\"blocked_ms\":").append(Json.number(r.blockedMs())).append('}');
        }
        return sb.append(']').toString();
    }
}
