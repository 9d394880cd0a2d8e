package dev.twinpath.datapath.rfc2889;

import dev.twinpath.datapath.run.JsonWriter;

import java.util.List;

/**
 * What RFC 2889 measured of the virtual switch: its address caching capacity (§5.7) and its address learning rate
 * (§5.8), with every trial. {@link #toJson()} writes it (fields in {@code docs/rfc2544.md}, section RFC 2889).
 * <p>
 * Immutable; any thread.
 *
 * @param tableCapacity     the MAC table capacity the switch was configured with.
 * @param addresses         the most addresses tried (the capacity search's upper bound, and the learning trials' count
 *                          when the capacity is larger).
 * @param cachingCapacity   the largest number of addresses the switch learned on one port and then forwarded to
 *                          without flooding.
 * @param capacityAtLeast   true when even {@code addresses} passed: the capacity is at least that.
 * @param cachingTrials     the capacity search's trials, in order.
 * @param learningAddresses addresses offered in each learning-rate trial.
 * @param learningRatePps   the highest rate (frames per second, one new address each) at which every address offered
 *                          was learned; 0 when none was.
 * @param learningTrials    the learning-rate search's trials, in order.
 */
public record Rfc2889Result(
    int tableCapacity, int addresses, int cachingCapacity, boolean capacityAtLeast, List<CachingTrial> cachingTrials,
    int learningAddresses, long learningRatePps, List<LearningTrial> learningTrials)
{
    public Rfc2889Result
    {
        cachingTrials = List.copyOf(cachingTrials);
        learningTrials = List.copyOf(learningTrials);
    }

    /**
     * One address caching trial: {@code addresses} learning frames from distinct sources on the learning port, then
     * as many test frames to them from the test port.
     *
     * @param addresses addresses taught.
     * @param forwarded test frames delivered to the learning port.
     * @param flooded   test frames the monitor port saw (flooded: their address was not in the table).
     * @param passed    every test frame forwarded, none flooded.
     */
    public record CachingTrial(int addresses, long forwarded, long flooded, boolean passed)
    {
    }

    /**
     * One address learning rate trial.
     *
     * @param ratePps     the rate offered, or for an unpaced trial (as fast as the switch takes them) the rate achieved.
     * @param unpaced     true for the unpaced trial that bounds the search.
     * @param achievedPps the rate the learning frames actually went out at.
     * @param refused     learning frames the learning port's full ingress ring refused (their addresses not learned).
     * @param forwarded   test frames then forwarded to the learning port.
     * @param flooded     test frames flooded (to the monitor port).
     * @param passed      every address learned: nothing refused, every test frame forwarded, none flooded.
     */
    public record LearningTrial(
        long ratePps, boolean unpaced, long achievedPps, long refused, long forwarded, long flooded, boolean passed)
    {
    }

    /** @return the result as a JSON document. */
    public String toJson()
    {
        final JsonWriter json = new JsonWriter().beginObject().field("test", "rfc2889")
            .field("table_capacity", tableCapacity).field("addresses", addresses)
            .field("caching_capacity", cachingCapacity).key("capacity_at_least").value(capacityAtLeast)
            .key("caching_trials").beginArray();
        for (final CachingTrial t : cachingTrials)
        {
            json.beginObject().field("addresses", t.addresses()).field("forwarded", t.forwarded())
                .field("flooded", t.flooded()).key("passed").value(t.passed()).endObject();
        }
        json.endArray().field("learning_addresses", learningAddresses).field("learning_rate_fps", learningRatePps)
            .key("learning_trials").beginArray();
        for (final LearningTrial t : learningTrials)
        {
            json.beginObject().field("rate_fps", t.ratePps()).key("unpaced").value(t.unpaced())
                .field("achieved_fps", t.achievedPps()).field("refused", t.refused()).field("forwarded", t.forwarded())
                .field("flooded", t.flooded()).key("passed").value(t.passed()).endObject();
        }
        return json.endArray().endObject().toString();
    }
}
