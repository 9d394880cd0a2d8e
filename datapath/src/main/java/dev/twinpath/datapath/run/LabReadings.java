package dev.twinpath.datapath.run;

import dev.twinpath.datapath.AdapterCounter;
import dev.twinpath.datapath.lab.Lab;
import dev.twinpath.datapath.lab.VirtualMachine;
import dev.twinpath.datapath.traffic.StreamChecker;
import org.HdrHistogram.Histogram;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a running {@link FailoverRun}'s lab and checkers for progress lines and the summary: every
 * figure comes from a counter its writer publishes with a release store (adapter, NIC, switch and
 * checker counters), so the control thread reads them live without stopping anything. The
 * histograms are read only after the lab drained.
 * <p>
 * Used by the control thread.
 */
final class LabReadings
{
    private final Lab lab;
    private final GuestReceiver[] receivers;

    LabReadings(final Lab lab, final GuestReceiver[] receivers)
    {
        this.lab = lab;
        this.receivers = receivers;
    }

    /** @return packets delivered by {@code path} (0 the VF, 1 synthetic) over all VMs. */
    long delivered(final int path)
    {
        long sum = 0;
        for (final GuestReceiver r : receivers)
        {
            sum += r.checker().delivered(path);
        }
        return sum;
    }

    /** @return packets delivered over all VMs and paths. */
    long delivered()
    {
        long sum = 0;
        for (final GuestReceiver r : receivers)
        {
            sum += r.checker().delivered();
        }
        return sum;
    }

    long lost()
    {
        long sum = 0;
        for (final GuestReceiver r : receivers)
        {
            sum += r.checker().lost();
        }
        return sum;
    }

    long reordered()
    {
        long sum = 0;
        for (final GuestReceiver r : receivers)
        {
            sum += r.checker().reordered();
        }
        return sum;
    }

    long duplicates()
    {
        long sum = 0;
        for (final GuestReceiver r : receivers)
        {
            sum += r.checker().duplicates();
        }
        return sum;
    }

    /** @return arrivals older than the checkers' window (late, or duplicates: the checker cannot tell). */
    long tooOld()
    {
        long sum = 0;
        for (final GuestReceiver r : receivers)
        {
            sum += r.checker().tooOld();
        }
        return sum;
    }

    long foreign()
    {
        long sum = 0;
        for (final GuestReceiver r : receivers)
        {
            sum += r.checker().foreign();
        }
        return sum;
    }

    /** @return {@code counter} summed over every VM's adapter. */
    long adapterSum(final AdapterCounter counter)
    {
        long sum = 0;
        for (final VirtualMachine vm : lab.vms())
        {
            for (final dev.twinpath.datapath.lab.VmAdapter a : vm.adapters())
            {
                sum += a.adapter().counters().get(counter);
            }
        }
        return sum;
    }

    /** @return the most packets one adapter held back at once, RX or TX. */
    long heldBackMax()
    {
        long max = 0;
        for (final VirtualMachine vm : lab.vms())
        {
            for (final dev.twinpath.datapath.lab.VmAdapter a : vm.adapters())
            {
                max = Math.max(max, a.adapter().counters().get(AdapterCounter.RX_HELD_HIGH_WATER));
                max = Math.max(max, a.adapter().counters().get(AdapterCounter.TX_HELD_HIGH_WATER));
            }
        }
        return max;
    }

    /** @return the progress {@code dtNanos} after the last report, whose per-path totals {@code previousByPath} holds and receives. */
    RunProgress progress(final long elapsedNanos, final long[] previousByPath, final long dtNanos)
    {
        final long vf = delivered(0);
        final long synthetic = delivered(1);
        final double seconds = Math.max(1, dtNanos) / 1e9;
        final RunProgress progress = new RunProgress(elapsedNanos, (vf - previousByPath[0]) / seconds,
            (synthetic - previousByPath[1]) / seconds, lost(), reordered(), duplicates(), heldBackMax(),
            adapterSum(AdapterCounter.PATH_SWITCHES), lab.pool().inUse());
        previousByPath[0] = vf;
        previousByPath[1] = synthetic;
        return progress;
    }

    /** @return the non-zero drop counters of the NIC (wire port, PF, every VF) and the switch, by cause. */
    Map<String, Long> droppedByCause()
    {
        final Map<String, Long> drops = LabDrops.byCause(lab);
        long capacity = 0;
        for (final GuestReceiver r : receivers)
        {
            capacity += r.capacityDrops();
        }
        put(drops, PathUnderTest.CAPACITY_DROP_CAUSE, capacity);
        return drops;
    }

    static void putNonZero(final Map<String, Long> drops, final String name, final long value)
    {
        put(drops, name, value);
    }

    private static void put(final Map<String, Long> drops, final String name, final long value)
    {
        if (value != 0)
        {
            drops.put(name, value);
        }
    }

    /** @return the latency histogram of {@code path} over all VMs. After the drain only. */
    Histogram latency(final int path)
    {
        final Histogram merged = new Histogram(StreamChecker.DEFAULT_HIGHEST_LATENCY_NANOS, 3);
        for (final GuestReceiver r : receivers)
        {
            merged.add(r.checker().histogram(path));
        }
        return merged;
    }

    /** @return packets delivered per timeline interval over all VMs. After the drain only. */
    long[] timeline()
    {
        final long[] sum = new long[receivers[0].timeline().length];
        for (final GuestReceiver r : receivers)
        {
            final long[] t = r.timeline();
            for (int i = 0; i < sum.length; i++)
            {
                sum[i] += t[i];
            }
        }
        return sum;
    }
}
