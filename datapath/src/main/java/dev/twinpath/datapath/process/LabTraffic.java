package dev.twinpath.datapath.process;

import dev.twinpath.datapath.lab.LabContext;
import dev.twinpath.datapath.run.RunContext;
import dev.twinpath.datapath.traffic.TrafficProfile;

/**
 * The traffic of a lab of processes: the rack process's wire peer sends it, each host process checks what its VMs
 * receive. Both build it from the lab file alone, so they agree without exchanging it: flow {@code i} goes to VM
 * {@code i % vms}, from the peer's MAC to the VM's.
 * <p>
 * Stateless; any thread.
 */
final class LabTraffic
{
    private LabTraffic()
    {
    }

    static TrafficProfile profile(final RunContext run, final LabContext lab)
    {
        final long[] macs = new long[lab.vms()];
        for (int i = 0; i < macs.length; i++)
        {
            macs[i] = lab.vmMac(i);
        }
        return new TrafficProfile().flows(run.flows()).frameLengths(run.frameLengths()).ratePps(run.ratePps())
            .srcMac(lab.peerMac()).destinations(macs).conclude();
    }
}
