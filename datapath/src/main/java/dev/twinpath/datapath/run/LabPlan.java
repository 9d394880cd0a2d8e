package dev.twinpath.datapath.run;

import dev.twinpath.datapath.lab.HostConfig;
import dev.twinpath.datapath.lab.LabContext;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shape of a lab beyond the one-host default, for a {@link FailoverRun}: its name, its hosts (two
 * or more are joined by a top-of-rack switch), where each VM starts, and a schedule of
 * {@link LabAction}s (migrations, VF revokes and offers, IovWeight changes). A lab file reads into one.
 * <p>
 * Control-path object; not thread-safe; treat as immutable once handed to a {@link RunContext}.
 */
public final class LabPlan
{
    private String name = "lab";
    private final List<HostConfig> hosts = new ArrayList<>();
    private final Map<Integer, String> placement = new LinkedHashMap<>();
    private final List<LabAction> actions = new ArrayList<>();
    private final Map<Integer, Integer> adapterCounts = new LinkedHashMap<>();
    private final Map<Integer, int[]> adapterIov = new LinkedHashMap<>();
    private final Map<Integer, Long> vmMacs = new LinkedHashMap<>();
    private final Map<Integer, dev.twinpath.datapath.lab.TeamSetup> teams = new LinkedHashMap<>();

    public LabPlan name(final String name)
    {
        this.name = name;
        return this;
    }

    public String name()
    {
        return name;
    }

    public LabPlan host(final HostConfig host)
    {
        hosts.add(host);
        return this;
    }

    public List<HostConfig> hosts()
    {
        return List.copyOf(hosts);
    }

    /** VM {@code vm} (0-based) starts on {@code host}. */
    public LabPlan place(final int vm, final String host)
    {
        placement.put(vm, host);
        return this;
    }

    public Map<Integer, String> placement()
    {
        return Map.copyOf(placement);
    }

    /** VM {@code vm} has {@code count} adapters (eth0, eth1, ...; two or more need a team). */
    public LabPlan adapters(final int vm, final int count)
    {
        adapterCounts.put(vm, count);
        return this;
    }

    /** VM {@code vm}'s adapter {@code slot}: IovWeight 0..100, IovQueuePairsRequested 1..16. */
    public LabPlan adapterIov(final int vm, final int slot, final int iovWeight, final int queuePairsRequested)
    {
        adapterIov.put(vm * 16 + slot, new int[] {vm, slot, iovWeight, queuePairsRequested});
        return this;
    }

    /** VM {@code vm}'s MAC address. */
    public LabPlan vmMac(final int vm, final long mac)
    {
        vmMacs.put(vm, mac);
        return this;
    }

    /** VM {@code vm}'s guest teams its adapters. */
    public LabPlan team(final int vm, final dev.twinpath.datapath.lab.TeamSetup team)
    {
        teams.put(vm, team);
        return this;
    }

    public LabPlan action(final LabAction action)
    {
        actions.add(action);
        actions.sort(Comparator.comparingLong(LabAction::atNanos));
        return this;
    }

    /** @return the schedule, in time order. */
    public List<LabAction> actions()
    {
        return List.copyOf(actions);
    }

    /** Put the hosts and placement into {@code lab}. */
    void applyTo(final LabContext lab)
    {
        hosts.forEach(lab::addHost);
        placement.forEach(lab::placeVm);
        adapterCounts.forEach(lab::adapterCount);
        adapterIov.values().forEach(set -> lab.adapterIov(set[0], set[1], set[2], set[3]));
        vmMacs.forEach(lab::vmMac);
        teams.forEach(lab::team);
    }

    /** @return a plan with the same hosts and placement and no schedule (a warm-up's). */
    public LabPlan withoutActions()
    {
        final LabPlan c = copy();
        c.actions.clear();
        return c;
    }

    /** @return a plan with the same hosts, placement and schedule. */
    LabPlan copy()
    {
        final LabPlan c = new LabPlan().name(name);
        c.hosts.addAll(hosts);
        c.placement.putAll(placement);
        c.actions.addAll(actions);
        c.adapterCounts.putAll(adapterCounts);
        c.adapterIov.putAll(adapterIov);
        c.vmMacs.putAll(vmMacs);
        c.teams.putAll(teams);
        return c;
    }
}
