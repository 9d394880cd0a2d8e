package dev.twinpath.datapath.lab;

import dev.twinpath.datapath.event.SteeringEvent;
import dev.twinpath.vf.nic.PhysicalFunction;

/** What a failing lab test prints: the NIC's rings, the first error, the event log and the adapters' counters. */
final class LabDump
{
    private LabDump()
    {
    }

    static String of(final Lab lab)
    {
        final StringBuilder sb = new StringBuilder();
        final PhysicalFunction nic = lab.nic();
        sb.append("rings: wireRx=").append(nic.wireRxRing().size()).append(" wireTx=").append(nic.wireTxRing().size())
            .append(" pfDefault=").append(nic.pfDefaultRing().size()).append(" pfTx=").append(nic.pfTxRing().size())
            .append(" switchBlocked=").append(lab.virtualSwitch().isBlocked()).append(" poolInUse=").append(lab.pool().inUse())
            .append("\nfirstError=").append(lab.firstError()).append('\n');
        final long origin = lab.events().events().isEmpty() ? 0 : lab.events().events().get(0).timeNanos();
        for (final SteeringEvent e : lab.events().events())
        {
            sb.append(e.format(origin)).append('\n');
        }
        for (final VirtualMachine vm : lab.vms())
        {
            sb.append(vm.adapter().counters()).append(" state=").append(vm.adapter().state()).append('\n');
        }
        return sb.toString();
    }
}
