package dev.twinpath.datapath.run;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SwitchScheduleTest
{
    /** A lab stand-in on a hand-driven clock: records what was asked and when, and is ready when told. */
    private static final class FakeLab implements SwitchSchedule.Operations
    {
        final List<String> log = new ArrayList<>();
        final boolean[] onVf;
        long now;
        long notReadyUntil = Long.MIN_VALUE;
        boolean refuseRevoke;

        FakeLab(final int vms)
        {
            onVf = new boolean[vms];
            java.util.Arrays.fill(onVf, true);
        }

        @Override
        public boolean readyForRevoke(final int vm)
        {
            return onVf[vm] && now >= notReadyUntil;
        }

        @Override
        public boolean revoke(final int vm)
        {
            if (refuseRevoke)
            {
                return false;
            }
            log.add(now + " revoke vm" + vm);
            onVf[vm] = false;
            return true;
        }

        @Override
        public boolean readyForOffer(final int vm)
        {
            return !onVf[vm] && now >= notReadyUntil;
        }

        @Override
        public boolean offer(final int vm)
        {
            log.add(now + " offer vm" + vm);
            onVf[vm] = true;
            return true;
        }

        void run(final SwitchSchedule schedule, final long until)
        {
            for (; now <= until; now++)
            {
                schedule.poll(now, this);
            }
        }
    }

    @Test
    void vmsTakeTurnsAndEveryCycleEndsOnTheVfBeforeTheEnd()
    {
        final FakeLab lab = new FakeLab(2);
        final SwitchSchedule schedule = new SwitchSchedule(() -> lab.now, 2, 0, 1000, 100, 30, Long.MAX_VALUE);
        lab.run(schedule, 1200);
        assertEquals(List.of("50 revoke vm0", "80 offer vm0", "100 revoke vm1", "130 offer vm1", "150 revoke vm0"),
            lab.log.subList(0, 5));
        // the last cycle whose offer comes at least one synthetic time before the end: revoke <= 940
        assertEquals("850 revoke vm0", lab.log.get(lab.log.size() - 4));
        assertEquals("930 offer vm1", lab.log.get(lab.log.size() - 1));
        assertEquals(36, schedule.issued());
        assertEquals(0, schedule.refused());
        assertTrue(schedule.finished(lab.now));
        assertTrue(lab.onVf[0] && lab.onVf[1]);
    }

    @Test
    void theBudgetStopsBeforeACycleItCannotFinish()
    {
        final FakeLab lab = new FakeLab(2);
        final SwitchSchedule schedule = new SwitchSchedule(() -> lab.now, 2, 0, 10_000, 100, 30, 5);
        lab.run(schedule, 10_000);
        assertEquals(4, schedule.issued());
        assertEquals(4, lab.log.size());
        assertTrue(schedule.finished(lab.now));
    }

    @Test
    void aLateOfferKeepsTheVfTimeInsteadOfCatchingUp()
    {
        final FakeLab lab = new FakeLab(1);
        final SwitchSchedule schedule = new SwitchSchedule(() -> lab.now, 1, 0, 10_000, 100, 30, Long.MAX_VALUE);
        lab.run(schedule, 99);
        assertEquals(List.of(), lab.log);
        lab.run(schedule, 100);
        assertEquals(List.of("100 revoke vm0"), lab.log);
        lab.notReadyUntil = 450; // the VF comes back to the pool late
        lab.run(schedule, 700);
        assertEquals(List.of("100 revoke vm0", "450 offer vm0", "520 revoke vm0", "550 offer vm0", "620 revoke vm0",
            "650 offer vm0"), lab.log);
    }

    @Test
    void aRevokeWaitsUntilTheVmIsOnItsVf()
    {
        final FakeLab lab = new FakeLab(1);
        lab.onVf[0] = false;
        final SwitchSchedule schedule = new SwitchSchedule(() -> lab.now, 1, 0, 10_000, 100, 30, Long.MAX_VALUE);
        lab.run(schedule, 150);
        assertEquals(List.of(), lab.log);
        assertFalse(schedule.finished(lab.now));
        assertTrue(schedule.nextDueNanos(lab.now) <= lab.now, "overdue");
        lab.onVf[0] = true;
        lab.run(schedule, 200);
        assertEquals(List.of("151 revoke vm0", "181 offer vm0"), lab.log);
    }

    @Test
    void aRefusedRevokeIsCountedAndSkipsItsCycle()
    {
        final FakeLab lab = new FakeLab(1);
        lab.refuseRevoke = true;
        final SwitchSchedule schedule = new SwitchSchedule(() -> lab.now, 1, 0, 300, 100, 30, Long.MAX_VALUE);
        lab.run(schedule, 400);
        assertEquals(2, schedule.refused());
        assertEquals(2, schedule.issued());
        assertEquals(0, schedule.offersWaiting());
        assertTrue(schedule.finished(lab.now));
    }

    @Test
    void noIntervalMeansNoSwitch()
    {
        final FakeLab lab = new FakeLab(2);
        final SwitchSchedule schedule = new SwitchSchedule(() -> lab.now, 2, 0, 1000, 0, 0, Long.MAX_VALUE);
        lab.run(schedule, 1000);
        assertEquals(List.of(), lab.log);
        assertTrue(schedule.finished(0));
        assertEquals(Long.MAX_VALUE, schedule.nextDueNanos(0));
    }
}
