package dev.twinpath.datapath.run;

import dev.twinpath.datapath.event.EventId;
import dev.twinpath.datapath.event.EventQuery;
import dev.twinpath.datapath.hyperv.HostPlatform;
import dev.twinpath.datapath.lab.HostConfig;
import dev.twinpath.datapath.lab.TeamSetup;
import dev.twinpath.datapath.lab.ThreadingMode;
import dev.twinpath.datapath.team.TeamMode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Guest NIC teaming in a lab: vm1 teams two SR-IOV adapters on two NICs of host A (each NIC with its
 * own External switch and rack cable); the cable of the active member's NIC is pulled under traffic
 * both ways and plugged back. The team fails over and back; nothing it accepted is lost or duplicated.
 */
class TeamFailoverRunTest
{
    @Test
    void activeStandbyFailsOverWhenTheCableIsPulledAndLosesNothing()
    {
        final RunSummary summary = run(TeamMode.ACTIVE_STANDBY);
        assertEquals(List.of(), summary.problems(), () -> String.join("\n", summary.schedule()));
        // Nothing lost: a sequence the checkers count missing is always matched by an arrival later than their
        // window (frames the pulled cable held until it was plugged back).
        assertTrue(summary.traffic().lostOnlyLate(), summary.traffic().toString());
        assertTrue(summary.guestTx().lostOnlyLate(), summary.guestTx().toString());
        assertEquals(summary.traffic().offered(), summary.traffic().delivered() + summary.traffic().tooOld());
        assertEquals(summary.guestTx().offered(), summary.guestTx().delivered() + summary.guestTx().tooOld());
        assertEquals(0, summary.leakedBuffers());
        assertTrue(summary.traffic().deliveredVf() > 0, "the members carry traffic on their VFs");
        final long failovers = summary.events().stream().filter(new EventQuery().id(EventId.TEAM_FAILOVER)).count();
        assertTrue(failovers >= 2, "a failover and a failback: " + failovers);
        assertEquals(2, summary.events().stream().filter(new EventQuery().id(EventId.LINK_STATE)).count());
    }

    @Test
    void addressHashFailsOverTheFailedMembersFlowsAndLosesNothing()
    {
        final RunSummary summary = run(TeamMode.ADDRESS_HASH);
        assertEquals(List.of(), summary.problems(), () -> String.join("\n", summary.schedule()));
        assertEquals(0, summary.leakedBuffers());
    }

    @Test
    void aMemberThatLosesItsVfKeepsCarryingTheTeamOnTheSyntheticPath()
    {
        final LabPlan plan = new LabPlan().name("team-vf")
            .host(new HostConfig("A").platform(HostPlatform.sriovReady("A", 4)).nics(2))
            .place(0, "A").adapters(0, 2).team(0, new TeamSetup("team0", TeamMode.ACTIVE_STANDBY))
            .action(new LabAction(TimeUnit.MILLISECONDS.toNanos(500), LabAction.Kind.REVOKE_VF, "vm1", "eth0", 0));
        final RunContext context = new RunContext().vms(1).flows(64).ratePps(50_000).guestRatePps(20_000).guestFlows(16)
            .duration(1500, TimeUnit.MILLISECONDS).warmup(0, TimeUnit.SECONDS).switchInterval(0, TimeUnit.SECONDS)
            .threading(ThreadingMode.TWO).plan(plan);
        final RunSummary summary = new FailoverRun(context).run(RunListener.NONE);
        assertEquals(List.of(), summary.problems(), () -> String.join("\n", summary.schedule()));
        assertTrue(summary.traffic().deliveredVf() > 0 && summary.traffic().deliveredSynthetic() > 0,
            "the active member went on from its VF to the synthetic path: " + summary.traffic());
        assertEquals(0, summary.events().stream().filter(new EventQuery().id(EventId.TEAM_FAILOVER)).count(),
            "losing a VF is no link failure: the team stays on its member");
    }

    private static RunSummary run(final TeamMode mode)
    {
        final LabPlan plan = new LabPlan().name("team")
            .host(new HostConfig("A").platform(HostPlatform.sriovReady("A", 4)).nics(2))
            .place(0, "A").adapters(0, 2).team(0, new TeamSetup("team0", mode))
            .action(new LabAction(TimeUnit.MILLISECONDS.toNanos(600), LabAction.Kind.LINK_DOWN, "vm1", "eth0", 0))
            .action(new LabAction(TimeUnit.MILLISECONDS.toNanos(1200), LabAction.Kind.LINK_UP, "vm1", "eth0", 0));
        final RunContext context = new RunContext().vms(1).flows(64).ratePps(50_000).guestRatePps(20_000).guestFlows(16)
            .duration(2000, TimeUnit.MILLISECONDS).warmup(0, TimeUnit.SECONDS).switchInterval(0, TimeUnit.SECONDS)
            .threading(ThreadingMode.TWO).plan(plan);
        return new FailoverRun(context).run(RunListener.NONE);
    }
}
