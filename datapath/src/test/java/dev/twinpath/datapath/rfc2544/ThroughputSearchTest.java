package dev.twinpath.datapath.rfc2544;

import dev.twinpath.datapath.run.Percentiles;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The NDR/PDR search and the benchmark around it, against a modelled device (no lab, so every case runs in
 * milliseconds): a path that delivers at most {@code capacity} frames per second and a generator that manages
 * {@code machine} frames per second unpaced. The lab itself is searched in {@link Rfc2544LabTest}.
 */
class ThroughputSearchTest
{
    private static final long MACHINE = 3_000_000;

    /** A device of fixed capacity: delivers everything up to it, then exactly the capacity. */
    static final class ModelDevice implements TrialRunner
    {
        final long capacity;
        final List<Long> rates = new ArrayList<>();
        String invalidAbove;
        long invalidRate = Long.MAX_VALUE;

        ModelDevice(final long capacity)
        {
            this.capacity = capacity;
        }

        @Override
        public Trial run(final TestedPath path, final FrameSize size, final long ratePps, final long trialNanos)
        {
            rates.add(ratePps);
            final boolean unpaced = ratePps == UNPACED;
            final long rate = unpaced ? MACHINE : ratePps;
            final long intended = unpaced ? rate * trialNanos / 1_000_000_000L : LabTrialRunner.due(rate, trialNanos);
            final long delivered = rate <= capacity ? intended : capacity * trialNanos / 1_000_000_000L;
            return new Trial(path, size, rate, unpaced, trialNanos, intended, intended, delivered, 0,
                new Percentiles(delivered, 10_000 + rate / 1000, 0, 0, 0, 0, 0), Map.of(),
                rate >= invalidRate ? invalidAbove : null);
        }
    }

    private static Rfc2544Context context()
    {
        return new Rfc2544Context().paths(List.of(TestedPath.VF)).frameSizes(List.of(FrameSize.of(64)))
            .trial(1, TimeUnit.SECONDS).conclude();
    }

    @Test
    void ndrConvergesToTheCapacityWithinTheResolutionAndPdrIsAtLeastNdr()
    {
        final ModelDevice device = new ModelDevice(200_000);
        final Rfc2544Context c = context();
        final ThroughputSearch.Outcome o = new ThroughputSearch(c, device, Rfc2544Listener.NONE, () -> false)
            .search(TestedPath.VF, FrameSize.of(64));
        assertNull(o.note());
        assertTrue(o.ndrPps() <= 200_000 && o.ndrPps() >= 200_000 * (1 - c.resolution()), "NDR " + o.ndrPps());
        assertTrue(o.pdrPps() >= o.ndrPps() && o.pdrPps() <= 200_000 / (1 - c.pdrLoss()), "PDR " + o.pdrPps());
        assertTrue(o.lossAtPdr() <= c.pdrLoss());
        assertEquals(TrialRunner.UNPACED, device.rates.get(0), "the upper bound comes from an unpaced trial");
        assertEquals(200_000, device.rates.get(1), "then the rate the path delivered");
        assertEquals(208_000, device.rates.get(2), "then twice the resolution above it");
        assertTrue(o.trials().size() <= 6, "a handful of trials, not a blind bisection of 3 Mpps: " + device.rates);
    }

    @Test
    void aLooserPdrThresholdFindsAHigherPdr()
    {
        final ModelDevice device = new ModelDevice(500_000);
        final Rfc2544Context c = context().pdrLoss(0.05).resolution(0.01).conclude();
        final ThroughputSearch.Outcome o = new ThroughputSearch(c, device, Rfc2544Listener.NONE, () -> false)
            .search(TestedPath.SYNTHETIC, FrameSize.IMIX);
        assertTrue(o.ndrPps() <= 500_000 && o.ndrPps() >= 495_000, "NDR " + o.ndrPps());
        final double pdrTrue = 500_000 / 0.95;
        assertTrue(o.pdrPps() <= pdrTrue && o.pdrPps() >= pdrTrue * 0.99, "PDR " + o.pdrPps());
        assertTrue(o.lossAtPdr() > 0.03 && o.lossAtPdr() <= 0.05, "loss at PDR " + o.lossAtPdr());
    }

    @Test
    void aGivenMaxRateReplacesTheUnpacedTrialAndAPassingMaxRateIsTheNdr()
    {
        final ModelDevice device = new ModelDevice(200_000);
        final ThroughputSearch.Outcome o = new ThroughputSearch(context().maxRatePps(150_000).conclude(), device,
            Rfc2544Listener.NONE, () -> false).search(TestedPath.VF, FrameSize.of(64));
        assertEquals(List.of(150_000L), device.rates);
        assertEquals(150_000, o.ndrPps());
        assertEquals(150_000, o.pdrPps());
    }

    @Test
    void aPathLosingAtEveryRateHasAnNdrOfZeroAfterFewTrials()
    {
        final ModelDevice device = new ModelDevice(0);
        final ThroughputSearch.Outcome o = new ThroughputSearch(context(), device, Rfc2544Listener.NONE, () -> false)
            .search(TestedPath.VF, FrameSize.of(64));
        assertEquals(0, o.ndrPps());
        assertEquals(0, o.pdrPps());
        assertEquals(1_000, device.rates.get(device.rates.size() - 1), "the floor was tried: " + device.rates);
        assertTrue(device.rates.size() <= 4, "the floor is reached at once when nothing is delivered: " + device.rates);
    }

    @Test
    void aStopRequestEndsTheSearchWithItsBoundsSoFar()
    {
        final ModelDevice device = new ModelDevice(200_000);
        final ThroughputSearch.Outcome o = new ThroughputSearch(context(), device, Rfc2544Listener.NONE,
            () -> device.rates.size() >= 3).search(TestedPath.VF, FrameSize.of(64));
        assertEquals(3, o.trials().size());
        assertEquals("stopped before the search converged", o.note());
        assertTrue(o.ndrPps() > 0 && o.ndrPps() <= 200_000, "NDR so far " + o.ndrPps());
    }

    @Test
    void anInvalidTrialEndsTheSearchAndSaysWhy()
    {
        final ModelDevice device = new ModelDevice(200_000);
        device.invalidRate = 190_000;
        device.invalidAbove = "12 frames went by the synthetic path";
        final List<String> verdicts = new ArrayList<>();
        final ThroughputSearch.Outcome o = new ThroughputSearch(context().maxRatePps(400_000).conclude(), device,
            new Rfc2544Listener()
            {
                @Override
                public void onTrial(final String phase, final Trial trial, final String verdict)
                {
                    verdicts.add(phase + " " + verdict);
                }
            }, () -> false).search(TestedPath.VF, FrameSize.of(64));
        assertEquals("invalid trial: 12 frames went by the synthetic path", o.note());
        assertEquals(List.of("max-rate invalid: 12 frames went by the synthetic path"), verdicts);
        assertEquals(0, o.ndrPps());
    }

    @Test
    void theBenchmarkMeasuresEachPathAndSizeThenLatencyAtFractionsOfNdrAndWritesJson()
    {
        final ModelDevice device = new ModelDevice(400_000);
        final List<String> phases = new ArrayList<>();
        final Rfc2544Context c = new Rfc2544Context().frameSizes(List.of(FrameSize.of(64), FrameSize.IMIX))
            .trial(500, TimeUnit.MILLISECONDS).resolution(0.05);
        final Rfc2544Result r = new Rfc2544Benchmark(c, device).run(new Rfc2544Listener()
        {
            @Override
            public void onTrial(final String phase, final Trial trial, final String verdict)
            {
                phases.add(phase);
            }
        });
        assertTrue(r.complete());
        assertEquals(4, r.results().size());
        assertEquals(List.of(TestedPath.VF, TestedPath.VF, TestedPath.SYNTHETIC, TestedPath.SYNTHETIC),
            r.results().stream().map(SizeResult::path).toList());
        assertEquals(4, phases.stream().filter("warm-up"::equals).count(), "one warm-up per path and size");
        for (final SizeResult s : r.results())
        {
            assertTrue(s.converged());
            assertEquals(3, s.latency().size());
            assertEquals(Math.round(s.ndrPps() * 0.1), s.latency().get(0).ratePps());
            assertEquals(Math.round(s.ndrPps() * 0.9), s.latency().get(2).ratePps());
            assertTrue(s.latency().get(2).latency().p50() > s.latency().get(0).latency().p50());
        }
        final SizeResult imix = r.resultsOf(TestedPath.VF).get(1);
        assertEquals(imix.ndrPps() * (4342 / 12.0 + 20) * 8 / 1e9, imix.ndrGbps(), 1e-9, "L1 rate of the IMIX mean");
        assertEquals(r.results().get(0).ndrPps() * 84 * 8 / 1e9, r.results().get(0).ndrGbps(), 1e-9, "64 B: 84 B on the wire");

        @SuppressWarnings("unchecked") final Map<String, Object> json = (Map<String, Object>)new Yaml().load(r.toJson());
        assertEquals("rfc2544", json.get("test"));
        @SuppressWarnings("unchecked") final List<Map<String, Object>> results = (List<Map<String, Object>>)json.get("results");
        assertEquals(4, results.size());
        assertEquals("imix", results.get(1).get("frame_size"));
        assertEquals(((Number)results.get(0).get("ndr_pps")).longValue(), r.results().get(0).ndrPps());
        assertNotNull(results.get(0).get("trials"));
        assertEquals(3, ((List<?>)results.get(0).get("latency")).size());
    }

    @Test
    void aStoppedBenchmarkKeepsWhatItMeasured()
    {
        final ModelDevice device = new ModelDevice(400_000);
        final Rfc2544Benchmark[] benchmark = new Rfc2544Benchmark[1];
        final TrialRunner stopping = (path, size, rate, nanos) ->
        {
            final Trial t = device.run(path, size, rate, nanos);
            if (path == TestedPath.SYNTHETIC)
            {
                benchmark[0].requestStop();
            }
            return t;
        };
        benchmark[0] = new Rfc2544Benchmark(new Rfc2544Context().frameSizes(List.of(FrameSize.of(64))), stopping);
        final Rfc2544Result r = benchmark[0].run(Rfc2544Listener.NONE);
        assertFalse(r.complete());
        assertEquals(1, r.results().size(), "the VF result, the synthetic warm-up was under way when stopped");
        assertTrue(r.results().get(0).converged());
    }

    @Test
    void badSettingsAreRefusedNamingTheField()
    {
        assertThrows(IllegalArgumentException.class, () -> new Rfc2544Context().resolution(0).conclude());
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> new Rfc2544Context().pdrLoss(0).conclude());
        assertTrue(ex.getMessage().startsWith("pdrLoss"), ex.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Rfc2544Context().paths(List.of()).conclude());
        assertThrows(IllegalArgumentException.class, () -> FrameSize.parse("63"));
        assertThrows(IllegalArgumentException.class, () -> FrameSize.parse("imixx"));
        assertEquals(FrameSize.IMIX, FrameSize.parse("IMIX"));
        assertEquals(361.83, FrameSize.IMIX.meanWireLength(), 0.01);
    }
}
