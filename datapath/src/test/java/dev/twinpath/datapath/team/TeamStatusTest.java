package dev.twinpath.datapath.team;

import dev.twinpath.datapath.event.EventLevel;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code Get-NetLbfoTeam | Format-List} and {@code Get-NetLbfoTeamMember | Format-List}; the samples of docs/teaming.md. */
class TeamStatusTest
{
    @Test
    void activeStandbyAfterAFailover()
    {
        try (TeamFixture f = new TeamFixture(TeamMode.ACTIVE_STANDBY, 2, 8, c -> { }))
        {
            assertEquals("Up", f.team.status().status());
            f.steps(20);
            f.member(0).link(false);
            f.steps(20);
            final String text = f.team.status().formatList();
            System.out.println(text);
            f.events.events().forEach(e -> System.out.println(e.format(1_000_000)));
            assertEquals(1, f.events.events().size());
            assertEquals(EventLevel.WARNING, f.events.events().get(0).level());
            assertEquals("""
                Name                   : Team1
                Members                : {nic1, nic2}
                TeamNics               : Team1
                TeamingMode            : SwitchIndependent
                LoadBalancingAlgorithm : None
                StandbyAdapter         : nic2
                Status                 : Degraded

                Name               : nic1
                Team               : Team1
                AdministrativeMode : Active
                OperationalStatus  : Failed
                FailureReason      : PhysicalMediaDisconnected

                Name               : nic2
                Team               : Team1
                AdministrativeMode : Standby
                OperationalStatus  : Active
                FailureReason      : NoFailure
                """, text);
            f.assertNoLeak();
        }
    }

    @Test
    void addressHashWithAMemberWaitingForStableConnectivity()
    {
        try (TeamFixture f = new TeamFixture(TeamMode.ADDRESS_HASH, 3, 8, c -> { }))
        {
            f.steps(20);
            f.member(1).link(false);
            f.steps(20);
            f.member(1).link(true);
            f.steps(20);
            final TeamStatus s = f.team.status();
            System.out.println(s.formatList());
            assertEquals("""
                Name                   : Team1
                Members                : {nic1, nic2, nic3}
                TeamNics               : Team1
                TeamingMode            : SwitchIndependent
                LoadBalancingAlgorithm : TransportPorts
                Status                 : Degraded
                """, s.formatTeam());
            assertEquals("""
                Name               : nic2
                Team               : Team1
                AdministrativeMode : Active
                OperationalStatus  : Failed
                FailureReason      : WaitingForStableConnectivity
                """, s.formatMembers().split("\n\n")[1] + "\n");
            assertEquals(0, s.member("nic2").buckets());
            assertEquals(TeamAssignment.BUCKETS / 2, s.member("nic1").buckets());

            f.now += TimeUnit.MILLISECONDS.toNanos(100);
            f.steps(1);
            assertEquals("Up", f.team.status().status());
            assertEquals("Active", f.team.status().member("nic2").operationalStatus());
            f.assertNoLeak();
        }
    }
}
