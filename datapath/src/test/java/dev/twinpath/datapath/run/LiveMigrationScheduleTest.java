package dev.twinpath.datapath.run;

import dev.twinpath.datapath.hyperv.HostPlatform;
import dev.twinpath.datapath.lab.HostConfig;
import dev.twinpath.datapath.lab.ThreadingMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Two VMs with traffic both ways move around three hosts (two with SR-IOV, one without) while the other
 * keeps running, in every threading mode: no loss, reordering, duplicate or leaked buffer.
 */
class LiveMigrationScheduleTest
{
    @ParameterizedTest
    @EnumSource(ThreadingMode.class)
    void vmsMovingAroundTheRackLoseNothing(final ThreadingMode threading)
    {
        final LabPlan plan = new LabPlan().name("round-trip")
            .host(new HostConfig("A").platform(HostPlatform.sriovReady("A", 2)))
            .host(new HostConfig("B").platform(HostPlatform.withoutSriovNic("B")))
            .host(new HostConfig("C").platform(HostPlatform.sriovReady("C", 2)))
            .place(0, "A").place(1, "C")
            .action(LabAction.migrate(ms(300), "vm1", "B"))
            .action(LabAction.migrate(ms(450), "vm2", "A"))
            .action(LabAction.migrate(ms(600), "vm1", "C"))
            .action(LabAction.migrate(ms(750), "vm2", "B"))
            .action(LabAction.migrate(ms(900), "vm1", "A"))
            .action(LabAction.migrate(ms(1050), "vm2", "C"));
        final RunContext context = new RunContext().vms(2).flows(64).ratePps(60_000).guestRatePps(10_000).guestFlows(8)
            .duration(1300, TimeUnit.MILLISECONDS).warmup(0, TimeUnit.SECONDS).switchInterval(0, TimeUnit.SECONDS)
            .threading(threading).plan(plan);
        final RunSummary summary = new FailoverRun(context).run(RunListener.NONE);
        assertEquals(List.of(), summary.problems(), () -> String.join("\n", summary.schedule()));
        assertEquals(6, summary.migrations().size(), () -> String.join("\n", summary.schedule()));
    }

    private static long ms(final long millis)
    {
        return TimeUnit.MILLISECONDS.toNanos(millis);
    }
}
