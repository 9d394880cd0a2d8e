package dev.twinpath.datapath.team;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random link flaps on a team of three under traffic both ways, members draining at random speeds, the
 * clock jumping across the dwell time, and a re-send bound just large enough for all three members' stages:
 * whatever the schedule, every packet the team accepted arrives exactly once and in order per
 * flow, every packet a member received reaches the application exactly once and in order, and the pool
 * gets every buffer back.
 */
class TeamFlapTest
{
    private static final long DWELL = TimeUnit.MILLISECONDS.toNanos(100);

    @ParameterizedTest(name = "{0} seed {1} resendBound {2} failback {3}")
    @CsvSource({
        "ACTIVE_STANDBY, 1, 65536, true",
        "ACTIVE_STANDBY, 2, 192, true",
        "ACTIVE_STANDBY, 3, 192, false",
        "ADDRESS_HASH, 4, 65536, true",
        "ADDRESS_HASH, 5, 192, true",
        "ADDRESS_HASH, 6, 192, false",
        "ADDRESS_HASH, 7, 65536, false",
        "ACTIVE_STANDBY, 8, 65536, false",
    })
    void randomFlapsLoseReorderAndDuplicateNothing(
        final TeamMode mode, final long seed, final int resendBound, final boolean failback)
    {
        final Random random = new Random(seed);
        try (TeamFixture f = new TeamFixture(mode, 3, 96, c -> c.resendBound(resendBound).failback(failback)))
        {
            f.rxPerStep = 8;
            int changes = 0;
            for (int i = 0; i < 20_000; i++)
            {
                if (random.nextInt(12) == 0)
                {
                    final FakeMember m = f.member(random.nextInt(3));
                    m.link(!m.linkUp());
                    changes++;
                }
                if (random.nextInt(150) == 0)
                {
                    f.now += random.nextBoolean() ? DWELL / 2 : DWELL;
                }
                if (random.nextInt(10) == 0)
                {
                    f.member(random.nextInt(3)).perWork = 1 + random.nextInt(12);
                }
                if (random.nextInt(50) == 0)
                {
                    f.deliverRx(random.nextInt(60)); // a burst the application reads only at the next step
                }
                f.step();
            }
            for (final FakeMember m : f.members)
            {
                m.link(true);
                m.perWork = 16;
            }
            f.steps(10);
            f.now += DWELL;
            f.drain(20_000);

            assertTrue(changes > 100, "links changed " + changes + " times");
            final TeamCounters c = f.team.counters();
            assertTrue(c.get(TeamCounter.FAILOVERS) > 10, c.toString());
            assertTrue(c.get(TeamCounter.RECLAIMED) > 0, c.toString());
            assertEquals(0, c.get(TeamCounter.RECLAIMS_ABANDONED), c.toString());
            NicTeamTest.assertEverythingArrived(f);
            assertEquals(c.get(TeamCounter.FAILOVERS), f.failoverEvents, "one event per failover");
            assertEquals("Up", f.team.status().status());
            f.assertNoLeak();
        }
    }
}
