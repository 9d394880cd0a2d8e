package dev.twinpath.datapath.run;

import dev.twinpath.datapath.hyperv.HostPlatform;
import dev.twinpath.datapath.lab.HostConfig;
import dev.twinpath.datapath.lab.ThreadingMode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Found by the soak: a live migration that starts just as the run's periodic schedule offers the VM its
 * VF again (revoked at 2 s, offered 100 ms later, on the host thread). Before, the offer could land after
 * the migration had closed the VF path: the VF came back at the source while it forwarded, the guest's
 * hold-back waited for a marker that went to the destination, and the migration timed out with frames
 * lost and duplicated. Now the migration holds offers from its start and lets an offer under way settle
 * before it revokes.
 */
class MigrationDuringSwitchesTest
{
    @Test
    void aMigrationRacingAScheduledOfferLosesNothing()
    {
        for (final long atMillis : new long[]{2090, 2100, 2110})
        {
            final LabPlan plan = new LabPlan().name("race")
                .host(new HostConfig("A").platform(HostPlatform.sriovReady("A", 4)))
                .host(new HostConfig("B").platform(HostPlatform.withoutSriovNic("B")))
                .place(0, "A").action(LabAction.migrate(TimeUnit.MILLISECONDS.toNanos(atMillis), "vm1", "B"));
            final RunSummary s = new FailoverRun(new RunContext().vms(1).flows(64).ratePps(200_000).guestRatePps(10_000)
                .guestFlows(16).duration(2500, TimeUnit.MILLISECONDS).warmup(0, TimeUnit.SECONDS)
                .switchInterval(2, TimeUnit.SECONDS).syntheticTime(100, TimeUnit.MILLISECONDS)
                .threading(ThreadingMode.TWO).plan(plan)).run(RunListener.NONE);
            final String log = atMillis + " ms: " + String.join("\n", s.schedule());

            assertEquals(List.of(), s.problems(), log);
            assertEquals(1, s.migrations().size(), log);
            assertTrue(s.migrations().get(0).blackoutNanos() < TimeUnit.MILLISECONDS.toNanos(500),
                "no hold-back timeout in the blackout: " + log);
            assertEquals(0, s.switching().releasedOnTimeout(), "no hold-back released on its timeout: " + log);
        }
    }
}
