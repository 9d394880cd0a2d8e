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
        return c;
    }
}
