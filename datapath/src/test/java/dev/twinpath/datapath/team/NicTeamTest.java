package dev.twinpath.datapath.team;

import dev.twinpath.datapath.event.EventId;
import dev.twinpath.datapath.event.SteeringEvent;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A team of fake members (staging rings a link failure leaves reclaimable) between an application and a
 * network that checks every flow: what the team accepted arrives exactly once and in order per flow, both
 * ways, through failovers, failbacks and rebalances.
 */
class NicTeamTest
{
    private static final long DWELL = TimeUnit.MILLISECONDS.toNanos(100);

    static void assertEverythingArrived(final TeamFixture f)
    {
        assertEquals(0, f.txErrors, "TX packets out of order, lost or duplicated at the network");
        assertEquals(f.built(), f.seen(), "every packet built was accepted and arrived");
        assertEquals(0, f.pendingCount, "the application holds nothing");
        assertEquals(f.built(), f.team.counters().get(TeamCounter.TX_ACCEPTED), "accepted");
        assertEquals(0, f.rxErrors, "RX packets out of order, lost or duplicated at the application");
        assertEquals(f.rxDeliveredTotal(), f.rxReceived, "every packet a member received reached the application");
        final TeamCounters c = f.team.counters();
        assertEquals(c.get(TeamCounter.RECLAIMED), c.get(TeamCounter.RESENT), "everything taken back was re-sent");
        long memberTx = 0;
        for (int m = 0; m < f.members.length; m++)
        {
            memberTx += c.get(m, TeamMemberCounter.TX);
        }
        assertEquals(c.get(TeamCounter.TX_ACCEPTED) + c.get(TeamCounter.ANNOUNCEMENTS), memberTx - c.get(TeamCounter.RESENT),
            "accepted + announcements = what members took - re-sends");
    }

    static List<String> events(final TeamFixture f, final String prefix)
    {
        return f.events.events().stream().filter(e -> e.id() == EventId.TEAM_FAILOVER).map(SteeringEvent::reason)
            .filter(r -> r.startsWith(prefix)).collect(Collectors.toList());
    }

    @Test
    void activeStandbySendsEverythingOnTheActiveMember()
    {
        try (TeamFixture f = new TeamFixture(TeamMode.ACTIVE_STANDBY, 2, 64, c -> { }))
        {
            f.rxPerStep = 16;
            f.steps(2_000);
            f.drain(10_000);
            assertTrue(f.built() > 10_000, "traffic flowed: " + f.built());
            assertEverythingArrived(f);
            assertEquals(0, f.member(1).taken, "the standby took nothing");
            assertEquals(f.built(), f.dataOnWire[0]);
            assertEquals(0, f.macMoves);
            final TeamStatus s = f.team.status();
            assertEquals("Up", s.status());
            assertEquals("Active", s.member("nic1").operationalStatus());
            assertEquals("Standby", s.member("nic2").operationalStatus());
            assertEquals("NoFailure", s.member("nic2").failureReason());
            f.assertNoLeak();
        }
    }

    @Test
    void addressHashSpreadsFlowsAndKeepsEachFlowOnOneMember()
    {
        try (TeamFixture f = new TeamFixture(TeamMode.ADDRESS_HASH, 3, 256, c -> { }))
        {
            f.rxPerStep = 16;
            f.steps(3_000);
            f.drain(10_000);
            assertEverythingArrived(f);
            for (int m = 0; m < 3; m++)
            {
                assertTrue(f.dataOnWire[m] > f.built() / 5, "member " + m + " carried its share: " + f.dataOnWire[m] + " of " + f.built());
            }
            for (int flow = 0; flow < f.flows; flow++)
            {
                assertEquals(0, f.txMemberChanges[flow], "flow " + flow + " stayed on one member");
            }
            assertEquals(0, f.macMoves, "non-primary members sent with their own MAC: the team's MAC never moved");
            assertEquals(0, f.member(1).rx.size() + f.member(2).rx.size());
            assertEquals(f.rxDeliveredTotal(), f.team.counters().get(0, TeamMemberCounter.RX), "the primary received everything");
            f.assertNoLeak();
        }
    }

    @Test
    void activeLinkDownFailsOverWithoutLossReorderingOrDuplicates()
    {
        try (TeamFixture f = new TeamFixture(TeamMode.ACTIVE_STANDBY, 2, 64, c -> { }))
        {
            f.rxPerStep = 16;
            f.steps(500);
            f.deliverRx(40); // received by nic1 but not read yet when its link goes
            final int staged = f.member(0).stage.size();
            assertTrue(staged > 0, "nic1 holds packets it has not put on its ring");
            f.member(0).link(false);
            f.steps(500);
            f.drain(10_000);

            assertEverythingArrived(f);
            final TeamCounters c = f.team.counters();
            assertEquals(1, c.get(TeamCounter.FAILOVERS));
            assertEquals(staged, c.get(TeamCounter.RECLAIMED), "all nic1 held was taken back");
            assertEquals(staged, f.member(0).reclaimed);
            assertEquals(1, f.garps[1], "one gratuitous ARP on nic2");
            assertEquals(staged, f.dataBeforeLastGarp[1], "the re-sent packets went first, then the announcement");
            assertEquals(1, f.macMoves, "the network re-learned the team's MAC on nic2");
            assertEquals(1, c.get(TeamCounter.ANNOUNCEMENTS));
            final List<String> failovers = events(f, "failover:");
            assertEquals(1, failovers.size(), failovers.toString());
            assertTrue(failovers.get(0).contains("nic1 PhysicalMediaDisconnected; its traffic moved to nic2; " + staged +
                " packets taken back and re-sent first; team MAC announced on nic2"), failovers.get(0));
            final TeamStatus s = f.team.status();
            assertEquals("Degraded", s.status());
            assertEquals("nic2", s.home());
            assertEquals("Failed", s.member("nic1").operationalStatus());
            assertEquals("PhysicalMediaDisconnected", s.member("nic1").failureReason());
            assertEquals("Active", s.member("nic2").operationalStatus());
            assertEquals("Standby", s.member("nic2").administrativeMode());
            f.assertNoLeak();
        }
    }

    @Test
    void failbackWaitsForTheDwellTimeThenMovesTrafficBackInOrder()
    {
        try (TeamFixture f = new TeamFixture(TeamMode.ACTIVE_STANDBY, 2, 64, c -> { }))
        {
            f.rxPerStep = 16;
            f.steps(300);
            f.member(0).link(false);
            f.steps(300);
            final long takenAtFailure = f.member(0).taken;
            f.member(0).link(true);
            f.steps(300);
            f.now += DWELL / 2;
            f.steps(10);
            f.member(0).link(false); // a flap inside the dwell moves nothing
            f.steps(10);
            f.member(0).link(true);
            f.steps(10);
            f.now += DWELL / 2 + 1;
            f.steps(10);
            assertEquals(0, f.team.counters().get(TeamCounter.FAILBACKS), "not stable for the dwell time yet");
            assertEquals("WaitingForStableConnectivity", f.team.status().member("nic1").failureReason());
            assertEquals("Failed", f.team.status().member("nic1").operationalStatus());
            assertEquals(takenAtFailure, f.member(0).taken, "nic1 carried nothing since its failure");

            f.now += DWELL / 2;
            f.steps(300);
            final TeamCounters c = f.team.counters();
            assertEquals(1, c.get(TeamCounter.FAILBACKS));
            assertEquals(1, c.get(TeamCounter.FAILOVERS));
            assertTrue(c.get(1, TeamMemberCounter.RECLAIMED) > 0, "nic2's staged packets were taken back at the failback");
            assertEquals(1, f.garps[0], "announced on nic1 again");
            assertEquals(2, f.macMoves);
            assertEquals("Up", f.team.status().status());
            assertEquals("Active", f.team.status().member("nic1").operationalStatus());
            assertEquals("Standby", f.team.status().member("nic2").operationalStatus());
            assertEquals(1, events(f, "failback: nic1 stable for 100 ms; traffic moved back from nic2").size());
            f.drain(10_000);
            assertEverythingArrived(f);
            f.assertNoLeak();
        }
    }

    @Test
    void withoutFailbackTheStandbyKeepsTheTraffic()
    {
        try (TeamFixture f = new TeamFixture(TeamMode.ACTIVE_STANDBY, 2, 16, c -> c.failback(false)))
        {
            f.steps(200);
            f.member(0).link(false);
            f.steps(200);
            f.member(0).link(true);
            f.steps(10);
            f.now += DWELL;
            f.steps(200);
            assertEquals(0, f.team.counters().get(TeamCounter.FAILBACKS));
            final TeamStatus s = f.team.status();
            assertEquals("Up", s.status());
            assertEquals("Standby", s.member("nic1").operationalStatus());
            assertEquals("Active", s.member("nic1").administrativeMode());
            assertEquals("Active", s.member("nic2").operationalStatus());
            assertEquals(1, events(f, "member ready: nic1").size());
            f.drain(10_000);
            assertEverythingArrived(f);
            f.assertNoLeak();
        }
    }

    @Test
    void noMemberUpRefusesSendsAndLosesNothing()
    {
        try (TeamFixture f = new TeamFixture(TeamMode.ADDRESS_HASH, 2, 64, c -> { }))
        {
            f.rxPerStep = 8;
            f.steps(300);
            final int staged = f.member(0).stage.size() + f.member(1).stage.size();
            f.member(0).link(false);
            f.member(1).link(false);
            f.steps(5);
            final long refused = f.team.counters().get(TeamCounter.TX_REFUSED);
            final long accepted = f.team.counters().get(TeamCounter.TX_ACCEPTED);
            assertEquals(0, f.offer(), "send takes nothing while no member is up");
            f.steps(100);
            final TeamCounters c = f.team.counters();
            assertEquals(accepted, c.get(TeamCounter.TX_ACCEPTED));
            assertTrue(c.get(TeamCounter.TX_REFUSED) > refused + 100 * 32, "refused, counted");
            assertEquals(staged, c.get(TeamCounter.RESEND_QUEUED), "what the members held waits in the team");
            assertEquals(1, c.get(TeamCounter.TEAM_DOWN));
            assertEquals(2, c.get(TeamCounter.FAILOVERS));
            assertEquals("Down", f.team.status().status());
            assertEquals(1, events(f, "failover: nic1 PhysicalMediaDisconnected; no member is up").size());
            assertEquals(1, events(f, "failover: nic2 PhysicalMediaDisconnected; no member is up").size());

            f.member(1).link(true); // no stable member: the first one up carries at once
            f.steps(300);
            assertEquals(1, events(f, "resumed: traffic on nic2").size());
            assertEquals("Degraded", f.team.status().status());
            f.drain(10_000);
            assertEverythingArrived(f);
            assertEquals(staged, c.get(TeamCounter.RESENT));
            f.assertNoLeak();
        }
    }

    @Test
    void addressHashFailoverMovesOnlyTheFailedMembersFlowsAndRebalancesAfterTheDwell()
    {
        try (TeamFixture f = new TeamFixture(TeamMode.ADDRESS_HASH, 3, 256, c -> { }))
        {
            f.rxPerStep = 16;
            f.steps(1_000);
            final int[] before = f.txMember.clone();
            final int staged = f.member(1).stage.size();
            f.member(1).link(false);
            f.steps(1_000);
            final TeamCounters c = f.team.counters();
            assertEquals(1, c.get(TeamCounter.FAILOVERS));
            assertEquals(staged, c.get(TeamCounter.RECLAIMED));
            assertEquals(0, c.get(TeamCounter.ANNOUNCEMENTS), "the primary still receives: nothing to announce");
            int moved = 0;
            for (int flow = 0; flow < f.flows; flow++)
            {
                if (before[flow] == 1)
                {
                    assertEquals(1, f.txMemberChanges[flow], "flow " + flow + " of the failed member moved once");
                    moved++;
                }
                else
                {
                    assertEquals(0, f.txMemberChanges[flow], "flow " + flow + " of a healthy member stayed");
                }
            }
            assertTrue(moved > 40, "nic2 had flows: " + moved);
            assertEquals(TeamAssignment.BUCKETS / 3, c.get(TeamCounter.BUCKETS_MOVED), 1);
            assertEquals(0, f.macMoves);

            f.member(1).link(true);
            f.steps(10);
            f.now += DWELL;
            f.steps(500);
            assertEquals(1, c.get(TeamCounter.REBALANCES));
            final TeamStatus s = f.team.status();
            assertEquals("Up", s.status());
            for (final TeamStatus.Member m : s.members())
            {
                assertEquals("Active", m.operationalStatus());
                assertTrue(Math.abs(m.buckets() - TeamAssignment.BUCKETS / 3) <= 1, m.toString());
            }
            f.drain(10_000);
            assertEverythingArrived(f);
            assertEquals(1, events(f, "failover:").size());
            assertEquals(1, events(f, "rebalance: nic2 stable for 100 ms").size());
            f.assertNoLeak();
        }
    }

    @Test
    void addressHashPrimaryFailureMovesTheTeamMacAndItComesBack()
    {
        try (TeamFixture f = new TeamFixture(TeamMode.ADDRESS_HASH, 2, 128, c -> { }))
        {
            f.rxPerStep = 16;
            f.steps(500);
            f.deliverRx(50);
            f.member(0).link(false);
            f.steps(500);
            assertEquals(1, f.garps[1]);
            assertEquals(1, f.learned);
            assertEquals("nic2", f.team.status().home());
            assertTrue(f.team.counters().get(1, TeamMemberCounter.RX) > 0, "nic2 receives now");
            f.member(0).link(true);
            f.steps(10);
            f.now += DWELL;
            f.steps(500);
            assertEquals(1, f.garps[0], "the primary announced the team's MAC again");
            assertEquals(0, f.learned);
            assertEquals(2, f.macMoves, "only the two announcements moved the team's MAC");
            assertEquals("nic1", f.team.status().home());
            f.drain(10_000);
            assertEverythingArrived(f);
            f.assertNoLeak();
        }
    }

    @Test
    void aMemberThatCannotGiveBackKeepsWhatItHoldsAndTheTeamLosesNothingItHolds()
    {
        try (TeamFixture f = new TeamFixture(TeamMode.ACTIVE_STANDBY, 2, 16, c -> { }))
        {
            f.member(0).reclaimable = false;
            f.steps(300);
            final int staged = f.member(0).stage.size();
            assertTrue(staged > 0);
            f.member(0).link(false);
            f.steps(300);
            assertEquals(0, f.team.counters().get(TeamCounter.RECLAIMED));
            assertEquals(staged, f.member(0).stage.size(), "still inside nic1, not lost by the team");
            f.member(0).link(true); // its link returns: it sends them on its own path
            f.steps(10);
            f.now += DWELL;
            f.steps(300);
            f.drain(10_000);
            assertEquals(f.built(), f.txArrived, "nothing lost: what nic1 kept left when its link came back");
            assertEquals(1, events(f, "failover: nic1 PhysicalMediaDisconnected; its traffic moved to nic2; 0 packets").size());
            f.assertNoLeak();
        }
    }

    @Test
    void aMemberHoldingMoreThanTheQueueStartsWithIsTakenBackWhole()
    {
        try (TeamFixture f = new TeamFixture(TeamMode.ACTIVE_STANDBY, 2, 64, 4096, c -> { }))
        {
            f.member(0).perWork = 1;
            f.sendBurst = 64;
            f.steps(200);
            final int staged = f.member(0).stage.size();
            assertTrue(staged > NicTeamContext.INITIAL_RESEND_CAPACITY, "staged " + staged);
            f.member(0).link(false);
            f.steps(1);
            assertEquals(staged, f.team.counters().get(TeamCounter.RECLAIMED));
            f.drain(10_000);
            assertEverythingArrived(f);
            f.assertNoLeak();
        }
    }

    @Test
    void whatIsBeyondTheResendBoundStaysWithTheMemberAndIsRecorded()
    {
        try (TeamFixture f = new TeamFixture(TeamMode.ACTIVE_STANDBY, 2, 16, 256, c -> c.resendBound(64)))
        {
            f.member(0).perWork = 1;
            f.steps(300);
            final int staged = f.member(0).stage.size();
            assertTrue(staged > 64, "staged " + staged);
            f.member(0).link(false);
            f.steps(100);
            final TeamCounters c = f.team.counters();
            assertEquals(64, c.get(TeamCounter.RECLAIMED));
            assertEquals(1, c.get(TeamCounter.RECLAIMS_ABANDONED));
            assertEquals(staged - 64, f.member(0).stage.size(), "the rest is still inside nic1");
            assertEquals(1, events(f, "reclaim abandoned: nic1").size());
            f.member(0).link(true);
            f.steps(10);
            f.now += DWELL;
            f.drain(10_000);
            assertEquals(f.built(), f.txArrived, "nothing lost: nic1 sent the rest when its link came back");
            f.assertNoLeak();
        }
    }

    @Test
    void newPacketsWaitUntilWhatWasTakenBackHasBeenResent()
    {
        try (TeamFixture f = new TeamFixture(TeamMode.ADDRESS_HASH, 3, 96, c -> { }))
        {
            f.steps(300);
            for (final FakeMember m : f.members)
            {
                m.perWork = 0; // every stage fills up
            }
            f.steps(10);
            f.sending = false;
            f.discardPending();
            f.member(1).refusing = true; // nic2 takes nothing: what is re-sent to it waits in the team
            f.member(2).perWork = 64;
            f.member(0).link(false);
            f.steps(3);
            final TeamCounters c = f.team.counters();
            assertTrue(c.get(TeamCounter.RECLAIMED) > 0, c.toString());
            assertTrue(c.get(TeamCounter.RESEND_QUEUED) > 0, c.toString());
            int flow = -1;
            for (int candidate = 0; candidate < f.flows && flow < 0; candidate++)
            {
                if (f.txMember[candidate] == 0)
                {
                    if (f.team.memberFor(f.build(candidate)) == 2)
                    {
                        flow = candidate;
                    }
                    else
                    {
                        f.discardPending();
                    }
                }
            }
            assertTrue(flow >= 0, "a flow moved from nic1 to nic3");
            final long accepted = c.get(TeamCounter.TX_ACCEPTED);
            assertEquals(0, f.offer(), "nic3 has room, but older packets of its new flows are still to be re-sent");
            assertEquals(accepted, c.get(TeamCounter.TX_ACCEPTED));
            f.member(1).refusing = false;
            for (final FakeMember m : f.members)
            {
                m.perWork = 8;
            }
            f.sending = true;
            f.steps(200);
            f.drain(10_000);
            assertEverythingArrived(f);
            f.assertNoLeak();
        }
    }
}
