package dev.twinpath.datapath.team;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bucket table and the active member: what moves, and only that, when links change. */
class TeamAssignmentTest
{
    private static final int ALL3 = 0b111;

    @Test
    void addressHashSpreadsBucketsEvenly()
    {
        final TeamAssignment a = new TeamAssignment(TeamMode.ADDRESS_HASH, 3, 0, true, ALL3);
        assertEquals(ALL3, a.carriers());
        assertEquals(0, a.home());
        final int total = a.share(0) + a.share(1) + a.share(2);
        assertEquals(TeamAssignment.BUCKETS, total);
        for (int m = 0; m < 3; m++)
        {
            assertTrue(Math.abs(a.share(m) - TeamAssignment.BUCKETS / 3) <= 1, "share of " + m + ": " + a.share(m));
        }
    }

    @Test
    void aFailedMemberLosesOnlyItsOwnBucketsAndGetsThemBackBalancedOnlyWhenStable()
    {
        final TeamAssignment a = new TeamAssignment(TeamMode.ADDRESS_HASH, 3, 0, true, ALL3);
        final int[] before = owners(a);
        a.update(0b101, 0b101);
        assertEquals(0b010, a.losers());
        assertEquals(0b101, a.carriers());
        for (int b = 0; b < TeamAssignment.BUCKETS; b++)
        {
            if (before[b] != 1)
            {
                assertEquals(before[b], a.owner(b), "bucket " + b + " of a healthy member stayed");
            }
            else
            {
                assertTrue(a.owner(b) == 0 || a.owner(b) == 2);
            }
        }
        assertEquals(TeamAssignment.BUCKETS / 2, a.share(0));
        assertEquals(TeamAssignment.BUCKETS / 2, a.share(2));

        a.update(ALL3, 0b101); // member 1 up but waiting: nothing moves
        assertEquals(0, a.losers());
        assertEquals(0, a.bucketsMoved());
        assertEquals(0b101, a.carriers());

        a.update(ALL3, ALL3); // stable: it gets a share, from both others
        assertEquals(0b101, a.losers());
        assertEquals(ALL3, a.carriers());
        assertTrue(Math.abs(a.share(1) - TeamAssignment.BUCKETS / 3) <= 1, "share " + a.share(1));
        assertEquals(a.share(1), a.bucketsMoved());
    }

    @Test
    void addressHashHomeLeavesAFailedPrimaryAndReturnsWhenItIsStable()
    {
        final TeamAssignment a = new TeamAssignment(TeamMode.ADDRESS_HASH, 2, 0, false, 0b11);
        a.update(0b10, 0b10);
        assertEquals(1, a.home());
        assertEquals(TeamAssignment.BUCKETS, a.share(1));
        a.update(0b11, 0b10);
        assertEquals(1, a.home(), "waiting primary: home stays");
        a.update(0b11, 0b11);
        assertEquals(0, a.home(), "the primary's MAC is the team's: home returns to it even without failback");
    }

    @Test
    void noMemberUpCarriesNothingAndTheFirstOneUpCarriesAtOnce()
    {
        final TeamAssignment a = new TeamAssignment(TeamMode.ADDRESS_HASH, 2, 0, true, 0b11);
        a.update(0, 0);
        assertEquals(0b11, a.losers(), "what they held is taken back");
        assertEquals(0, a.carriers());
        assertEquals(TeamAssignment.NONE, a.home());
        assertEquals(TeamAssignment.NONE, a.route(12345));
        a.update(0b10, 0);
        assertEquals(0b10, a.carriers(), "waiting, but nothing else is up");
        assertEquals(1, a.route(12345));
    }

    @Test
    void activeStandbyFailsOverAndBackOnlyWhenThePrimaryIsStable()
    {
        final TeamAssignment a = new TeamAssignment(TeamMode.ACTIVE_STANDBY, 3, 0, true, ALL3);
        assertEquals(0, a.active());
        a.update(0b110, 0b110);
        assertEquals(1, a.active(), "the lowest stable standby");
        assertEquals(0b001, a.losers());
        a.update(ALL3, 0b110);
        assertEquals(1, a.active(), "the primary waits for the dwell");
        assertEquals(0, a.losers());
        a.update(ALL3, ALL3);
        assertEquals(0, a.active(), "failback");
        assertEquals(0b010, a.losers());
        assertEquals(TeamAssignment.BUCKETS, a.share(0));
    }

    @Test
    void activeStandbyWithoutFailbackKeepsTheStandby()
    {
        final TeamAssignment a = new TeamAssignment(TeamMode.ACTIVE_STANDBY, 2, 0, false, 0b11);
        a.update(0b10, 0b10);
        a.update(0b11, 0b11);
        assertEquals(1, a.active());
        assertEquals(1, a.home());
    }

    private static int[] owners(final TeamAssignment a)
    {
        final int[] owners = new int[TeamAssignment.BUCKETS];
        for (int b = 0; b < owners.length; b++)
        {
            owners[b] = a.owner(b);
        }
        return owners;
    }
}
