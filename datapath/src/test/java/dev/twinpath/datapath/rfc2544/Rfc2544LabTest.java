package dev.twinpath.datapath.rfc2544;

import dev.twinpath.datapath.run.PathUnderTest;
import dev.twinpath.datapath.run.RunContext;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * RFC 2544 on a real lab: with a capacity of 100 kpps injected on the path under test (well below what the lab
 * carries on either path, so that its 1,024-frame rings ride out 10 ms of a preempted lab thread), the search's NDR lands within its resolution of that capacity and the PDR is at least the
 * NDR, on the VF path and on the synthetic path; every trial went by the path under test (the synthetic path's
 * VMs were offered no VF). Short trials and a coarse resolution keep it to a few seconds.
 */
class Rfc2544LabTest
{
    private static final long CAPACITY = 100_000;

    @Test
    void theSearchConvergesOnTheInjectedCapacityOfEachPath()
    {
        final Rfc2544Context c = new Rfc2544Context().paths(List.of(TestedPath.VF, TestedPath.SYNTHETIC))
            .frameSizes(List.of(FrameSize.of(64))).trial(300, TimeUnit.MILLISECONDS).resolution(0.05)
            .capacityPps(CAPACITY).latencyFractions(0.5).maxTrials(16).conclude();
        final List<String> lines = new ArrayList<>();
        final Rfc2544Result r = new Rfc2544Benchmark(c, new LabTrialRunner(c.labSettings(), c.capacityPps()))
            .run(new Rfc2544Listener()
            {
                @Override
                public void onTrial(final String phase, final Trial t, final String verdict)
                {
                    lines.add(String.format("%s %s %d pps: sent %d, lost %d of %d, %s, drops %s", t.path().label(), phase,
                        t.ratePps(), t.sent(), t.lost(), t.intended(), verdict, t.drops()));
                }
            });
        assertTrue(r.complete());
        assertEquals(2, r.results().size());
        for (final SizeResult s : r.results())
        {
            final String trials = s.path().label() + ": " + String.join("\n", lines);
            assertNull(s.note(), trials);
            final long width = (long)(c.resolution() * CAPACITY / (1 - c.resolution())) + 1;
            assertTrue(Math.abs(s.ndrPps() - CAPACITY) <= width, "NDR " + s.ndrPps() + " within " + width + " of " +
                CAPACITY + "\n" + trials);
            assertTrue(s.pdrPps() >= s.ndrPps(), trials);
            assertTrue(s.trials().stream().allMatch(Trial::valid), trials);
            assertTrue(s.trials().stream().allMatch(t -> t.otherPath() == 0), "every frame went by " + s.path());
            // Above the capacity by more than its bucket can hold over a trial, the bottleneck drops and counts.
            final double over = CAPACITY + 2.0 * PathUnderTest.BUCKET_PACKETS / (c.trialNanos() / 1e9);
            assertTrue(s.trials().stream().filter(t -> t.ratePps() > over)
                .allMatch(t -> t.drops().getOrDefault(PathUnderTest.CAPACITY_DROP_CAUSE, 0L) > 0),
                "the losses above the capacity are the injected bottleneck's, counted with their cause\n" + trials);
            assertEquals(1, s.latency().size());
            assertTrue(s.latency().get(0).valid() && s.latency().get(0).latency().count() > 0);
        }
    }

    @Test
    void aRunOfOnePathRefusesPlannedSwitches()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> new RunContext()
            .pathUnderTest(new PathUnderTest(PathUnderTest.SYNTHETIC, 0)).conclude());
        assertTrue(ex.getMessage().startsWith("pathUnderTest: "), ex.getMessage());
        new RunContext().pathUnderTest(new PathUnderTest(PathUnderTest.SYNTHETIC, 0)).switchInterval(0, TimeUnit.SECONDS)
            .conclude();
        assertThrows(IllegalArgumentException.class, () -> new PathUnderTest(2, 0));
        assertThrows(IllegalArgumentException.class, () -> new PathUnderTest(PathUnderTest.VF, -1));
    }
}
