package dev.twinpath.datapath.lab;

import dev.twinpath.datapath.Path;
import dev.twinpath.packet.rss.FlowKey;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole lab's data path (wire peer, NIC, virtual switch, NetVSC adapters with their hold-back and
 * steering, guest applications) allocates nothing per packet in steady state, on the VF path, on the
 * synthetic path, and with flows pinned to the synthetic path (per-packet flow lookups).
 */
class LabZeroAllocationTest
{
    @Test
    void steadyStateAllocatesNothingOnEitherPath()
    {
        try (LabHarness h = new LabHarness(2, 2, 4_000_000, 1_000_000))
        {
            h.lab.offerVf(h.lab.vm(0)); // vm1 on its VF, vm2 synthetic
            h.run(3_000);
            final FlowKey[] pinned = {h.wireFlowKey(0), h.wireFlowKey(2), h.wireFlowKey(4)};
            h.lab.vm(0).flows().moveFlows(pinned, Path.SYNTHETIC);
            h.run(3_000);
            assertEquals(Path.VF, h.rxPath(0));
            final com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
            final long id = Thread.currentThread().getId();
            long best = Long.MAX_VALUE;
            long packets = 0;
            for (int round = 0; round < 5; round++)
            {
                final long before = threads.getThreadAllocatedBytes(id);
                final long delivered = h.vmCheckers[0].delivered() + h.vmCheckers[1].delivered() + h.wireChecker.delivered();
                h.run(2_000);
                packets = h.vmCheckers[0].delivered() + h.vmCheckers[1].delivered() + h.wireChecker.delivered() - delivered;
                best = Math.min(best, threads.getThreadAllocatedBytes(id) - before);
            }
            assertTrue(packets > 50_000, "traffic flowed: " + packets);
            assertTrue(h.vmCheckers[0].delivered(0) > 0 && h.vmCheckers[0].delivered(1) > 0, "vm1 received on both paths");
            assertEquals(0, best, "bytes allocated over " + packets + " packets");
        }
    }
}
