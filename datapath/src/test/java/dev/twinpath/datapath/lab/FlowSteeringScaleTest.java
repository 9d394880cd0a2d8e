package dev.twinpath.datapath.lab;

import dev.twinpath.datapath.Path;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A million flows pinned to the synthetic path (NIC flow rules, the guest's tables) while traffic runs:
 * the flows that are pinned arrive on the synthetic path, the others on the VF, and nothing is lost,
 * reordered or duplicated.
 */
class FlowSteeringScaleTest
{
    @Test
    void aMillionPinnedFlowsSteerExactlyAndLoseNothing()
    {
        try (LabHarness h = new LabHarness(2, 2, 2_000_000, 0))
        {
            h.lab.offerVf(h.lab.vm(0));
            h.run(2_000);
            final FlowSteering flows = h.lab.vm(0).flows();
            final int million = 1_000_000;
            final int[] rx = new int[million];
            final int[] tx = new int[million];
            // the first 8 of vm1's wire flows, then synthetic ids up to a million
            for (int i = 0; i < million; i++)
            {
                if (i < 8)
                {
                    rx[i] = flows.rxFlowId(h.wireFlowKey(2 * i));
                    tx[i] = flows.txFlowId(h.wireFlowKey(2 * i));
                }
                else
                {
                    rx[i] = 0x9E37_79B9 * i;
                    tx[i] = 0x7F4A_7C15 * i;
                }
            }
            flows.moveFlowIds(rx, tx, Path.SYNTHETIC);
            h.run(3_000);
            assertEquals(million, h.lab.vm(0).host().pinnedFlowCount());
            final long vfBefore = h.vmCheckers[0].delivered(0);
            final long synBefore = h.vmCheckers[0].delivered(1);
            h.run(2_000);
            final long vf = h.vmCheckers[0].delivered(0) - vfBefore;
            final long syn = h.vmCheckers[0].delivered(1) - synBefore;
            // vm1 has 32 wire flows: 8 pinned (synthetic), 24 on the VF
            assertTrue(syn > 0 && vf > 0, "vf " + vf + " synthetic " + syn);
            assertEquals(3.0, (double)vf / syn, 0.2, "24 flows on the VF for 8 on synthetic");
            h.drain();
            assertEquals(0, h.anomalies[0], h::dump);
            assertEquals(0, h.rxLost(0), h::dump);
            assertEquals(0, h.lab.leakedBuffers());
        }
    }
}
