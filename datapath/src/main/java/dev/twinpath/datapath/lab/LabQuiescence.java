package dev.twinpath.datapath.lab;

import dev.twinpath.datapath.AdapterCounter;
import dev.twinpath.datapath.AdapterCounters;
import dev.twinpath.vf.nic.NicCounter;
import dev.twinpath.vf.nic.PhysicalFunction;

import dev.twinpath.vf.ring.SpscDescriptorRing;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Tells, from outside a running lab, when everything in flight has arrived: the packet counters of
 * the NIC and the adapters stop moving, and no NIC ring, hold-back buffer or TX stage holds anything.
 * Reads only counters and ring indices that any thread may read.
 * <p>
 * Control thread.
 */
final class LabQuiescence
{
    private LabQuiescence()
    {
    }

    /** @return true once nothing moved for {@code quietNanos} with everything empty; false after {@code timeoutNanos}. */
    static boolean awaitQuiet(
        final List<PhysicalFunction> nics, final List<SpscDescriptorRing> cables, final java.util.function.IntSupplier rack,
        final List<VirtualMachine> vms, final long quietNanos, final long timeoutNanos)
    {
        final long deadline = System.nanoTime() + timeoutNanos;
        long last = -1;
        long quietSince = System.nanoTime();
        while (System.nanoTime() - deadline < 0)
        {
            long progress = 0;
            boolean empty = true;
            for (final PhysicalFunction nic : nics)
            {
                progress += progress(nic, vms);
                empty &= empty(nic, vms);
            }
            for (final SpscDescriptorRing cable : cables)
            {
                progress += cable.consumerPosition();
                empty &= cable.isEmpty();
            }
            empty &= rack.getAsInt() == 0;
            final long now = System.nanoTime();
            if (progress != last || !empty)
            {
                last = progress;
                quietSince = now;
            }
            else if (now - quietSince > quietNanos)
            {
                return true;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        return false;
    }

    private static long progress(final PhysicalFunction nic, final List<VirtualMachine> vms)
    {
        long sum = nic.wireCounters().get(NicCounter.RX_PACKETS) + nic.wireCounters().get(NicCounter.TX_PACKETS) +
            nic.counters().get(NicCounter.RX_PACKETS) + nic.counters().get(NicCounter.TX_PACKETS);
        for (final VirtualMachine vm : vms)
        {
            for (final VmAdapter a : vm.adapters())
            {
                final AdapterCounters c = a.adapter().counters();
                sum += c.get(AdapterCounter.RX_VF) + c.get(AdapterCounter.RX_SYNTHETIC) + c.get(AdapterCounter.TX_VF) +
                    c.get(AdapterCounter.TX_SYNTHETIC) + c.get(AdapterCounter.PATH_SWITCHES) + a.adapter().state().ordinal();
            }
        }
        return sum;
    }

    private static boolean empty(final PhysicalFunction nic, final List<VirtualMachine> vms)
    {
        if (!nic.wireRxRing().isEmpty() || !nic.wireTxRing().isEmpty() || !nic.pfDefaultRing().isEmpty() ||
            !nic.pfTxRing().isEmpty())
        {
            return false;
        }
        for (final VirtualMachine vm : vms)
        {
            for (final VmAdapter a : vm.adapters())
            {
                final AdapterCounters c = a.adapter().counters();
                if (c.get(AdapterCounter.RX_IN_FLIGHT) != 0 || c.get(AdapterCounter.TX_IN_FLIGHT) != 0)
                {
                    return false;
                }
            }
        }
        return true;
    }
}
