package dev.twinpath.datapath.lab;

import dev.twinpath.vf.nic.PhysicalFunction;
import org.agrona.concurrent.Agent;

import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * One host of a lab running in a process of its own ({@code twinpath host}): the {@link Lab} builds only that
 * host and the VMs placed on it (each keeping its lab-wide index, name, MAC and steering index), no rack switch and
 * no wire peer. The NIC's cable is the process's uplink: {@link #uplink} is given the NIC and returns the agents
 * that carry its wire rings to and from the top-of-rack process (an Aeron wire receiver and sender); they run on
 * the lab's host side. VMs arrive and leave by live migration across processes.
 * <p>
 * Immutable; made on the control thread before the lab.
 *
 * @param hostName the host this process runs, one of the lab's hosts.
 * @param vms      the VMs (0-based lab-wide indexes) the process starts with: those the lab file places on the host,
 *                 or none for a host that rejoins a lab after its process died (its VMs died with it).
 * @param uplink   given the host's NIC and the lab's pool, the agents that join its wire RX and TX rings to the rack.
 */
public record LabProcess(String hostName, java.util.Set<Integer> vms,
    BiFunction<PhysicalFunction, dev.twinpath.packet.pool.PacketPool, List<Agent>> uplink)
{
    public LabProcess
    {
        Objects.requireNonNull(hostName, "hostName");
        vms = java.util.Set.copyOf(vms);
        Objects.requireNonNull(uplink, "uplink");
    }

    /** @throws IllegalArgumentException naming the field: the host must exist and have one NIC; VMs one adapter, no team. */
    void check(final LabContext context)
    {
        final HostConfig host = context.hosts().stream().filter(h -> h.name().equals(hostName)).findFirst()
            .orElseThrow(() -> new IllegalArgumentException("process: no host '" + hostName + "'; hosts: " +
                context.hosts().stream().map(HostConfig::name).toList()));
        if (host.nics() != 1)
        {
            throw new IllegalArgumentException("process: host " + hostName + " has " + host.nics() + " NICs; a host " +
                "process has one (its uplink)");
        }
        for (final int vm : vms)
        {
            if (vm < 0 || vm >= context.vms())
            {
                throw new IllegalArgumentException("process: no VM " + vm + " (vms = " + context.vms() + ")");
            }
        }
        for (int i = 0; i < context.vms(); i++)
        {
            if (context.adapterCount(i) != 1 || context.team(i) != null)
            {
                throw new IllegalArgumentException("process: VM " + (i + 1) + " has " + context.adapterCount(i) +
                    " adapters; a lab of processes runs VMs of one adapter (no NIC team)");
            }
        }
    }
}
