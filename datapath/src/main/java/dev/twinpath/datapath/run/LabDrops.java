package dev.twinpath.datapath.run;

import dev.twinpath.datapath.lab.Lab;
import dev.twinpath.vf.nic.FunctionCounters;
import dev.twinpath.vf.nic.NicCounter;
import dev.twinpath.vf.nic.PhysicalFunction;
import dev.twinpath.vswitch.DropCause;
import dev.twinpath.vswitch.SwitchCounters;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The frames a lab dropped and counted, by cause: the NICs' drop counters (wire port, PF, every VF), the frames a
 * reset took back from a VF's rings, and the virtual switches' drops and dropped flood copies. A run with faults
 * passes only when every frame lost is one of these; a lab of processes adds each host's up.
 * <p>
 * Stateless; read at a quiescent point (the lab drained).
 */
public final class LabDrops
{
    private LabDrops()
    {
    }

    /** @return the non-zero drop counters of {@code lab}, by cause ({@code nic.DROP_...}, {@code vswitch....}). */
    public static Map<String, Long> byCause(final Lab lab)
    {
        final Map<String, Long> drops = new LinkedHashMap<>();
        final java.util.List<FunctionCounters> functions = new java.util.ArrayList<>();
        for (final dev.twinpath.datapath.lab.HostNic hostNic : lab.hosts().stream().flatMap(h -> h.nics().stream()).toList())
        {
            final PhysicalFunction nic = hostNic.nic();
            functions.add(nic.wireCounters());
            functions.add(nic.counters());
            for (int i = 0; i < nic.totalVfs(); i++)
            {
                functions.add(nic.vf(i).counters());
            }
        }
        for (final NicCounter c : NicCounter.values())
        {
            if (c.isDrop())
            {
                long sum = 0;
                for (final FunctionCounters f : functions)
                {
                    sum += f.get(c);
                }
                LabReadings.putNonZero(drops, "nic." + c.name(), sum);
            }
        }
        long reclaimed = 0; // frames a reset took back from a VF's RX rings: delivered to no one
        for (final FunctionCounters f : functions)
        {
            reclaimed += f.get(NicCounter.RX_RECLAIMED);
        }
        LabReadings.putNonZero(drops, "nic." + NicCounter.RX_RECLAIMED.name(), reclaimed);
        for (final DropCause cause : DropCause.values())
        {
            long dropped = 0;
            long copies = 0;
            for (final dev.twinpath.datapath.lab.HostNic nic : lab.hosts().stream().flatMap(h -> h.nics().stream()).toList())
            {
                final SwitchCounters sw = nic.virtualSwitch().counters();
                dropped += sw.dropped(cause);
                copies += sw.copiesDropped(cause);
            }
            LabReadings.putNonZero(drops, "vswitch." + cause.name(), dropped);
            LabReadings.putNonZero(drops, "vswitch.flood_copy." + cause.name(), copies);
        }
        return drops;
    }
}
