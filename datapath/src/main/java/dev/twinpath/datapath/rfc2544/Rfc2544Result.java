package dev.twinpath.datapath.rfc2544;

import dev.twinpath.datapath.run.JsonWriter;
import dev.twinpath.datapath.run.Percentiles;

import java.util.List;

/**
 * Everything an {@link Rfc2544Benchmark} measured: its settings and one {@link SizeResult} per path and frame size
 * it got to, in the order it measured them. {@link #toJson()} writes it for programs (the fields are described in
 * {@code docs/rfc2544.md}).
 * <p>
 * Immutable; any thread.
 *
 * @param settings  what was asked.
 * @param results   per path and frame size, in measurement order.
 * @param complete  false when the benchmark was stopped before it measured every path and size.
 */
public record Rfc2544Result(Settings settings, List<SizeResult> results, boolean complete)
{
    public Rfc2544Result
    {
        results = List.copyOf(results);
    }

    /**
     * The settings of a benchmark, as reported.
     *
     * @param paths       the paths asked for.
     * @param frameSizes  the frame sizes asked for.
     * @param trialNanos  trial duration.
     * @param resolution  the search's resolution, a fraction of its upper bound.
     * @param pdrLoss     the PDR's loss threshold, a fraction.
     * @param maxRatePps  the search's upper bound, or 0 when an unpaced trial found it.
     * @param capacityPps the capacity injected on the path under test, or 0.
     * @param vms         VMs receiving the traffic.
     */
    public record Settings(
        List<TestedPath> paths, List<FrameSize> frameSizes, long trialNanos, double resolution, double pdrLoss,
        long maxRatePps, long capacityPps, int vms)
    {
        public Settings
        {
            paths = List.copyOf(paths);
            frameSizes = List.copyOf(frameSizes);
        }

        static Settings of(final Rfc2544Context c)
        {
            return new Settings(c.paths(), c.frameSizes(), c.trialNanos(), c.resolution(), c.pdrLoss(), c.maxRatePps(),
                c.capacityPps(), c.vms());
        }
    }

    /** @return the results of one path, in frame size order (a chart's series). */
    public List<SizeResult> resultsOf(final TestedPath path)
    {
        return results.stream().filter(r -> r.path() == path).toList();
    }

    /** @return the result as a JSON document. */
    public String toJson()
    {
        final JsonWriter json = new JsonWriter().beginObject();
        json.field("test", "rfc2544").key("complete").value(complete);
        json.key("settings").beginObject().key("paths").beginArray();
        settings.paths().forEach(p -> json.value(p.label()));
        json.endArray().key("frame_sizes").beginArray();
        settings.frameSizes().forEach(s -> json.value(s.name()));
        json.endArray().field("trial_s", settings.trialNanos() / 1e9, 3).field("resolution", settings.resolution(), 4)
            .field("pdr_loss", settings.pdrLoss(), 6).field("max_rate_pps", settings.maxRatePps())
            .field("capacity_pps", settings.capacityPps()).field("vms", settings.vms()).endObject();
        json.key("results").beginArray();
        for (final SizeResult r : results)
        {
            json.beginObject().field("path", r.path().label()).field("frame_size", r.size().name())
                .field("mean_wire_bytes", r.size().meanWireLength(), 2)
                .field("ndr_pps", r.ndrPps()).field("ndr_gbps_l1", r.ndrGbps(), 4)
                .field("pdr_pps", r.pdrPps()).field("pdr_gbps_l1", r.pdrGbps(), 4).field("loss_at_pdr", r.lossAtPdr(), 9)
                .key("converged").value(r.converged());
            if (r.note() != null)
            {
                json.field("note", r.note());
            }
            json.key("latency").beginArray();
            for (final LatencyPoint p : r.latency())
            {
                json.beginObject().field("fraction_of_ndr", p.fraction(), 3).field("rate_pps", p.ratePps())
                    .field("loss_ratio", p.lossRatio(), 9).key("valid").value(p.valid());
                latency(json.key("latency_ns"), p.latency());
                p.trial().write(json.key("trial"));
                json.endObject();
            }
            json.endArray().key("trials").beginArray();
            r.trials().forEach(t -> t.write(json));
            json.endArray().endObject();
        }
        return json.endArray().endObject().toString();
    }

    /** Write latency percentiles (nanoseconds) as one object. */
    static JsonWriter latency(final JsonWriter json, final Percentiles p)
    {
        return json.beginObject().field("count", p.count()).field("p50", p.p50()).field("p90", p.p90())
            .field("p99", p.p99()).field("p99_9", p.p999()).field("p99_99", p.p9999()).field("max", p.max()).endObject();
    }
}
