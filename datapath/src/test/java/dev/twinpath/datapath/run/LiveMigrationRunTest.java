package dev.twinpath.datapath.run;

import dev.twinpath.datapath.event.EventId;
import dev.twinpath.datapath.event.EventQuery;
import dev.twinpath.datapath.hyperv.HostPlatform;
import dev.twinpath.datapath.hyperv.IovSupportReason;
import dev.twinpath.datapath.lab.HostConfig;
import dev.twinpath.datapath.lab.MigrationReport;
import dev.twinpath.datapath.lab.ThreadingMode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The migration, as a run with traffic both ways: a VM on its VF at host A (SR-IOV) moves to
 * host B (no SR-IOV: it runs synthetic and says why), then to host C (SR-IOV: a VF again), with zero
 * loss, reordering or duplicates in either direction, and no buffer leaked.
 */
class LiveMigrationRunTest
{
    @Test
    void migrationAtoBtoCUnderLoadLosesNothing()
    {
        final LabPlan plan = new LabPlan().name("a-b-c")
            .host(new HostConfig("A").platform(HostPlatform.sriovReady("A", 4)))
            .host(new HostConfig("B").platform(HostPlatform.withoutSriovNic("B")))
            .host(new HostConfig("C").platform(HostPlatform.sriovReady("C", 4)))
            .place(0, "A")
            .action(LabAction.migrate(TimeUnit.MILLISECONDS.toNanos(700), "vm1", "B"))
            .action(LabAction.migrate(TimeUnit.MILLISECONDS.toNanos(1500), "vm1", "C"));
        final RunContext context = new RunContext().vms(1).flows(64).ratePps(100_000).guestRatePps(20_000).guestFlows(16)
            .duration(2500, TimeUnit.MILLISECONDS).warmup(0, TimeUnit.SECONDS).switchInterval(0, TimeUnit.SECONDS)
            .threading(ThreadingMode.TWO).plan(plan);
        final RunSummary summary = new FailoverRun(context).run(RunListener.NONE);

        assertEquals(List.of(), summary.problems(), () -> String.join("\n", summary.schedule()));
        assertEquals(0, summary.traffic().lost());
        assertEquals(0, summary.traffic().reordered());
        assertEquals(0, summary.traffic().duplicates());
        assertEquals(0, summary.guestTx().lost());
        assertEquals(0, summary.guestTx().reordered());
        assertEquals(0, summary.guestTx().duplicates());
        assertEquals(0, summary.leakedBuffers());
        assertTrue(summary.traffic().deliveredVf() > 0, "traffic on the VF at A and C");
        assertTrue(summary.traffic().deliveredSynthetic() > 0, "traffic on the synthetic path at B");

        final List<MigrationReport> moves = summary.migrations();
        assertEquals(2, moves.size(), () -> String.join("\n", summary.schedule()));
        final MigrationReport toB = moves.get(0);
        assertEquals("B", toB.to());
        assertFalse(toB.vfOfferedAtDestination());
        assertTrue(toB.vfReason().contains(IovSupportReason.NIC_NO_SRIOV.sentence()), toB.vfReason());
        final MigrationReport toC = moves.get(1);
        assertEquals("C", toC.to());
        assertTrue(toC.vfOfferedAtDestination(), toC.format());
        assertTrue(toB.blackoutNanos() > 0 && toC.blackoutNanos() > 0);

        final long macMoves = summary.events().stream().filter(new EventQuery().id(EventId.MAC_MOVED)).count();
        assertEquals(2, macMoves, "the rack re-learned the VM's MAC twice");
        final long phases = summary.events().stream().filter(new EventQuery().source("migration").subject("vm1")).count();
        assertTrue(phases >= 12, "every phase of both migrations is an event: " + phases);
    }
}
