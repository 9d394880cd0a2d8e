package dev.twinpath.datapath.rfc2889;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * RFC 2889 on the virtual switch: the measured address caching capacity is the MAC table's configured capacity (the
 * table refuses a new address when full, so exactly the addresses beyond it are flooded), a search whose upper bound
 * is below the capacity says "at least", and the learning rate search finds a rate at which every address is learned.
 */
class Rfc2889Test
{
    @Test
    void aFullTableRefusesNewAddressesSoExactlyTheOnesBeyondItAreFlooded()
    {
        final Rfc2889Result.CachingTrial full = Rfc2889Benchmark.cachingTrial(64, 64);
        assertTrue(full.passed());
        assertEquals(64, full.forwarded());
        final Rfc2889Result.CachingTrial over = Rfc2889Benchmark.cachingTrial(64, 70);
        assertFalse(over.passed());
        assertEquals(6, over.flooded(), "the 6 addresses beyond the capacity; none of the first 64 was evicted");
        assertEquals(64, over.forwarded());
    }

    @Test
    void theMeasuredCapacityIsTheConfiguredTableCapacity()
    {
        final List<String> lines = new ArrayList<>();
        final Rfc2889Result r = new Rfc2889Benchmark(1000, 2048, 0.25, 8).run(lines::add);
        assertEquals(1000, r.cachingCapacity(), String.join("\n", lines));
        assertFalse(r.capacityAtLeast());
        assertEquals(List.of(2048, 1000, 1001), r.cachingTrials().stream().map(Rfc2889Result.CachingTrial::addresses).toList(),
            "the flood count of the first trial says how many were learned; one more address confirms it");
        assertEquals(1000, r.learningAddresses());
        // the first learning trial is unpaced; whether the switch keeps up at full speed is scheduling on a shared
        // machine, so only the paced rate the search settles on is checked to pass
        assertTrue(r.learningTrials().get(0).unpaced(), String.join("\n", lines));
        assertTrue(r.learningRatePps() > 0, String.join("\n", lines));
        assertTrue(r.learningTrials().stream().anyMatch(t -> !t.unpaced() && t.passed() && t.ratePps() == r.learningRatePps()));
        assertTrue(r.learningTrials().size() <= 8);

        @SuppressWarnings("unchecked") final Map<String, Object> json = (Map<String, Object>)new Yaml().load(r.toJson());
        assertEquals("rfc2889", json.get("test"));
        assertEquals(1000, json.get("caching_capacity"));
        assertEquals(3, ((List<?>)json.get("caching_trials")).size());
    }

    @Test
    void aSearchBelowTheCapacitySaysAtLeast()
    {
        final Rfc2889Result r = new Rfc2889Benchmark(4096, 500, 0.5, 2).run(line -> { });
        assertEquals(500, r.cachingCapacity());
        assertTrue(r.capacityAtLeast());
        assertEquals(1, r.cachingTrials().size());
    }

    @Test
    void badSettingsAreRefusedNamingTheParameter()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> new Rfc2889Benchmark(0, 10, 0.1, 10));
        assertTrue(ex.getMessage().startsWith("tableCapacity"), ex.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Rfc2889Benchmark(10, 0, 0.1, 10));
    }
}
