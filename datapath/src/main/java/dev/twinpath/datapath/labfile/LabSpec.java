package dev.twinpath.datapath.labfile;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A whole lab as a lab file describes it: hosts joined by a top-of-rack switch, VMs on them, the
 * traffic, and a schedule of timed actions. Plain data, validated by {@link LabFileReader}; the lab
 * that runs it is built elsewhere.
 * <p>
 * Immutable, any thread.
 *
 * @param name          the lab's name; the file name without extension when the file gives none.
 * @param durationNanos run length, {@code (0, 24h]}.
 * @param warmupNanos   time at the start whose measurements are discarded, {@code [0, duration)}.
 * @param threading     how the agents share threads.
 * @param traffic       the traffic.
 * @param tor           the top-of-rack switch joining the hosts.
 * @param hosts         1..16 hosts with unique names, in file order.
 * @param vms           1..256 VMs with unique names, in file order.
 * @param schedule      the timed actions, sorted by time (entries at one time keep their file order).
 */
public record LabSpec(
    String name,
    long durationNanos,
    long warmupNanos,
    LabThreading threading,
    TrafficSpec traffic,
    TorSpec tor,
    List<HostSpec> hosts,
    List<VmSpec> vms,
    List<ScheduleAction> schedule)
{
    public LabSpec
    {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(threading, "threading");
        Objects.requireNonNull(traffic, "traffic");
        Objects.requireNonNull(tor, "tor");
        hosts = List.copyOf(hosts);
        vms = List.copyOf(vms);
        schedule = List.copyOf(schedule);
    }

    /**
     * The built-in lab, the one {@code examples/labs/migration.yaml} describes: hosts A and C ready for
     * SR-IOV (8 VFs each) and B whose NIC has none; vm1 on A with one adapter; 200k pps over 64 flows
     * for 6 s; vm1 live-migrates to B at 2 s (its VF closes, traffic continues on VMBus) and to C at 4 s
     * (a VF is offered again).
     *
     * @return the default lab.
     */
    public static LabSpec defaultLab()
    {
        return new LabSpec(
            "migration",
            TimeUnit.SECONDS.toNanos(6),
            0,
            LabThreading.TWO,
            TrafficSpec.defaults(),
            TorSpec.defaults(),
            List.of(
                new HostSpec("A", PlatformSpec.sriovReady(), SwitchSpec.defaults()),
                new HostSpec("B", PlatformSpec.noSriovNic(), SwitchSpec.defaults()),
                new HostSpec("C", PlatformSpec.sriovReady(), SwitchSpec.defaults())),
            List.of(new VmSpec("vm1", "A", VmSpec.ASSIGN_MAC, List.of(AdapterSpec.defaults()), null)),
            List.of(
                new ScheduleAction.Migrate(TimeUnit.SECONDS.toNanos(2), "vm1", "B"),
                new ScheduleAction.Migrate(TimeUnit.SECONDS.toNanos(4), "vm1", "C")));
    }

    /**
     * @param hostName a host's name.
     * @return that host, or null when the lab has none of that name.
     */
    public HostSpec host(final String hostName)
    {
        for (final HostSpec host : hosts)
        {
            if (host.name().equals(hostName))
            {
                return host;
            }
        }
        return null;
    }

    /**
     * @param vmName a VM's name.
     * @return its position in {@link #vms()} (the lab-wide VM index).
     * @throws IllegalArgumentException when the lab has none of that name.
     */
    public int vmIndex(final String vmName)
    {
        for (int i = 0; i < vms.size(); i++)
        {
            if (vms.get(i).name().equals(vmName))
            {
                return i;
            }
        }
        throw new IllegalArgumentException("no VM '" + vmName + "'; VMs: " + vms.stream().map(VmSpec::name).toList());
    }

    /**
     * @param vmName a VM's name.
     * @return that VM, or null when the lab has none of that name.
     */
    public VmSpec vm(final String vmName)
    {
        for (final VmSpec vm : vms)
        {
            if (vm.name().equals(vmName))
            {
                return vm;
            }
        }
        return null;
    }
}
