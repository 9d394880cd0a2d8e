package dev.twinpath.datapath.run;

import dev.twinpath.datapath.lab.ThreadingMode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FailoverRunTest
{
    @Test
    void planned_switches_under_traffic_lose_nothing_and_leak_nothing()
    {
        final List<RunProgress> progress = new ArrayList<>();
        final List<String> notes = new ArrayList<>();
        final RunContext context = new RunContext().duration(1200, TimeUnit.MILLISECONDS).ratePps(200_000).flows(256)
            .switchInterval(300, TimeUnit.MILLISECONDS).syntheticTime(60, TimeUnit.MILLISECONDS)
            .progressInterval(500, TimeUnit.MILLISECONDS).warmup(300, TimeUnit.MILLISECONDS).threading(ThreadingMode.TWO);
        final RunSummary summary = new FailoverRun(context).run(new RunListener()
        {
            @Override
            public void onNote(final String note)
            {
                notes.add(note);
            }

            @Override
            public void onProgress(final RunProgress p)
            {
                progress.add(p);
            }
        });

        assertEquals(List.of(), summary.problems(), summary.toJson());
        final RunSummary.Traffic t = summary.traffic();
        assertTrue(t.offered() > 100_000, summary.toJson());
        assertEquals(t.offered(), t.delivered());
        assertEquals(t.delivered(), t.deliveredVf() + t.deliveredSynthetic());
        assertTrue(t.deliveredVf() > 0 && t.deliveredSynthetic() > 0, "both paths carried traffic");
        assertEquals(0, summary.leakedBuffers());
        // 2 first offers, then VM 0 revokes at 150 ms, 450, 750, 1050 and VM 1 at 300, 600, 900 unless a VM
        // is not back on its VF in time (the exact schedule is SwitchScheduleTest's)
        assertTrue(summary.switching().planned() >= 12, summary.toJson());
        assertEquals(summary.switching().planned(), summary.switching().pathSwitches(), summary.toJson());
        assertEquals(summary.switching().pathSwitches(), summary.switching().timeNanos().count());
        assertTrue(summary.latencyVf().count() > 0 && summary.latencySynthetic().count() > 0);
        assertTrue(summary.latencyVf().p50() <= summary.latencyVf().p99());
        assertEquals(3, progress.size(), "at 0.5 s, 1.0 s and the end: " + progress);
        assertTrue(progress.get(2).elapsedNanos() >= TimeUnit.MILLISECONDS.toNanos(1200), progress.toString());
        assertEquals(summary.switching().pathSwitches(), progress.get(2).pathSwitches());
        assertTrue(notes.get(0).startsWith("warm-up: ") && notes.get(0).contains("pass"), notes.toString());
        assertTrue(summary.warmup().passed());
        assertTrue(summary.warmup().switching().pathSwitches() >= 2);
        assertTrue(summary.toJson().contains("\"warmup\": {"));
    }

    @Test
    void the_guests_own_traffic_moves_with_the_vf_and_is_checked_at_the_wire()
    {
        final RunContext context = new RunContext().duration(1200, TimeUnit.MILLISECONDS).ratePps(200_000).flows(256)
            .guestRatePps(50_000).guestFlows(32).switchInterval(300, TimeUnit.MILLISECONDS)
            .syntheticTime(60, TimeUnit.MILLISECONDS).warmup(300, TimeUnit.MILLISECONDS).threading(ThreadingMode.ONE);
        final RunSummary summary = new FailoverRun(context).run(RunListener.NONE);

        assertEquals(List.of(), summary.problems(), summary.toJson());
        final RunSummary.GuestTx tx = summary.guestTx();
        assertTrue(tx.offered() > 50_000, summary.toJson());
        assertEquals(tx.offered(), tx.delivered());
        assertEquals(0, tx.lost() + tx.reordered() + tx.duplicates() + tx.foreign());
        assertTrue(tx.latency().count() == tx.delivered());
        assertTrue(summary.switching().pathSwitches() >= 6, summary.toJson());
        assertEquals(0, summary.leakedBuffers());
        assertTrue(summary.toJson().contains("\"guest_tx\": {"), summary.toJson());
    }

    @Test
    void aStopRequestEndsTheRunEarlyAndItIsStillAudited()
    {
        final RunContext context = new RunContext().duration(60, TimeUnit.SECONDS).ratePps(50_000).flows(64)
            .switchInterval(200, TimeUnit.MILLISECONDS).syntheticTime(50, TimeUnit.MILLISECONDS)
            .progressInterval(250, TimeUnit.MILLISECONDS).warmup(0, TimeUnit.NANOSECONDS).threading(ThreadingMode.TWO);
        final List<RunProgress> progress = new ArrayList<>();
        final FailoverRun run = new FailoverRun(context).record();
        final long start = System.nanoTime();
        final RunSummary summary = run.run(new RunListener()
        {
            @Override
            public void onProgress(final RunProgress p)
            {
                progress.add(p);
            }

            @Override
            public boolean stopRequested()
            {
                return progress.size() >= 4; // about a second in
            }
        });

        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(30), "stopped well before its 60 s");
        assertEquals(List.of(), summary.problems(), summary.toJson());
        assertTrue(summary.setup().sendNanos() < TimeUnit.SECONDS.toNanos(10), summary.toJson());
        assertEquals(summary.traffic().offered(), summary.traffic().delivered());
        assertTrue(summary.switching().pathSwitches() >= 2, summary.toJson());
        assertEquals(progress, run.recording().progress(), "the recording kept every progress report");
        assertEquals(summary.switching().timeNanos().count(), run.recording().switches().size(), "every switch has its window");
    }
}
