package dev.twinpath.datapath.labfile;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.twinpath.datapath.labfile.LabSchema.ACTION_KEYS;
import static dev.twinpath.datapath.labfile.LabSchema.MAX_IOV_WEIGHT;
import static dev.twinpath.datapath.labfile.LabSchema.NAME;

/**
 * Reads the {@code schedule} list of a lab file: one action per entry, names checked against the
 * hosts and VMs, times before the end of the run; then follows the actions in time order to refuse a
 * migration to the host the VM is on at that moment.
 * <p>
 * Used by one reading, on the caller's thread.
 */
final class ScheduleReader
{
    private record Timed(ScheduleAction action, String path, Node toNode)
    {
    }

    private static final FaultEntries.VmReader VM_READER = new FaultEntries.VmReader()
    {
        @Override
        public VmSpec vm(final Fields entry, final String key, final Map<String, VmSpec> vms)
        {
            return ScheduleReader.vm(entry, key, vms);
        }

        @Override
        public String adapter(final Fields entry, final VmSpec vm)
        {
            return ScheduleReader.adapter(entry, vm);
        }
    };

    private ScheduleReader()
    {
    }

    /**
     * @param durationNanos the run's length, or {@link Quantities#INVALID} when the file's is not valid.
     * @return the valid actions sorted by time, entries at one time in file order.
     */
    static List<ScheduleAction> read(
        final Fields root, final long durationNanos, final Map<String, HostSpec> hosts, final Map<String, VmSpec> vms)
    {
        final List<Node> items = root.list("schedule", "a list of timed actions");
        final List<Timed> timed = new ArrayList<>();
        for (int i = 0; null != items && i < items.size(); i++)
        {
            final Timed entry = entry(root, "schedule[" + i + "]", items.get(i), durationNanos, hosts, vms);
            if (null != entry)
            {
                timed.add(entry);
            }
        }
        timed.sort(Comparator.comparingLong(entry -> entry.action().atNanos()));
        followMigrations(root.problems(), timed, vms);
        final List<ScheduleAction> schedule = new ArrayList<>(timed.size());
        timed.forEach(entry -> schedule.add(entry.action()));
        return schedule;
    }

    private static Timed entry(
        final Fields root, final String path, final Node node, final long durationNanos,
        final Map<String, HostSpec> hosts, final Map<String, VmSpec> vms)
    {
        final Problems problems = root.problems();
        final Set<String> actions = new LinkedHashSet<>();
        if (node instanceof MappingNode)
        {
            for (final NodeTuple tuple : ((MappingNode)node).getValue())
            {
                if (tuple.getKeyNode() instanceof ScalarNode &&
                    ACTION_KEYS.contains(((ScalarNode)tuple.getKeyNode()).getValue()))
                {
                    actions.add(((ScalarNode)tuple.getKeyNode()).getValue());
                }
            }
            if (actions.size() != 1)
            {
                problems.add(path, node, "expected exactly one action key (" + String.join(", ", ACTION_KEYS) +
                    "), got " + (actions.isEmpty() ? "none" : String.join(", ", actions)));
            }
        }
        final List<String> allowed = new ArrayList<>(List.of("at"));
        allowed.addAll(actions.size() == 1 ? LabSchema.scheduleKeys(actions.iterator().next()) : ACTION_KEYS);
        if (actions.size() != 1)
        {
            allowed.addAll(List.of("to", "adapter", "weight"));
        }
        final Fields entry = Fields.of(node, root.mark(), path,
            "a schedule entry (a mapping with at and one action key)", List.copyOf(new LinkedHashSet<>(allowed)),
            problems);
        if (actions.size() != 1)
        {
            return null;
        }
        final String action = actions.iterator().next();
        final long atNanos = at(entry, durationNanos);
        if (LabSchema.FAULT_KEYS.contains(action))
        {
            final ScheduleAction.Fault fault = FaultEntries.read(entry, action, atNanos, hosts, vms, VM_READER);
            return fault == null ? null : new Timed(fault, path, entry.value(action));
        }
        final VmSpec vm = vm(entry, action, vms);
        final Node toNode = entry.value("to");
        final String to = "migrate".equals(action) ? host(entry, hosts) : null;
        final String adapter = "migrate".equals(action) ? null : adapter(entry, vm);
        final long weight =
            "setIovWeight".equals(action) ? entry.integer("weight", 0, MAX_IOV_WEIGHT, Fields.REQUIRED) : 0;
        if (atNanos == Quantities.INVALID || null == vm || ("migrate".equals(action) ? null == to : null == adapter) ||
            weight == Fields.REQUIRED)
        {
            return null;
        }
        final ScheduleAction scheduled;
        switch (action)
        {
            case "migrate":
                scheduled = new ScheduleAction.Migrate(atNanos, vm.name(), to);
                break;
            case "revokeVf":
                scheduled = new ScheduleAction.RevokeVf(atNanos, vm.name(), adapter);
                break;
            case "offerVf":
                scheduled = new ScheduleAction.OfferVf(atNanos, vm.name(), adapter);
                break;
            case "setIovWeight":
                scheduled = new ScheduleAction.SetIovWeight(atNanos, vm.name(), adapter, (int)weight);
                break;
            case "linkDown":
                scheduled = new ScheduleAction.LinkDown(atNanos, vm.name(), adapter);
                break;
            default:
                scheduled = new ScheduleAction.LinkUp(atNanos, vm.name(), adapter);
                break;
        }
        return new Timed(scheduled, path, toNode);
    }

    private static long at(final Fields entry, final long durationNanos)
    {
        if (durationNanos == Quantities.INVALID)
        {
            return entry.duration("at", 0, LabSchema.MAX_DURATION_NANOS, Fields.REQUIRED, "of 0 or more");
        }
        final String range = "in [0s, " + Quantities.formatDuration(durationNanos) + "), before the end of the run";
        return entry.duration("at", 0, durationNanos - 1, Fields.REQUIRED, range);
    }

    private static VmSpec vm(final Fields entry, final String action, final Map<String, VmSpec> vms)
    {
        final String name = entry.text(action, null, NAME, "the name of a VM");
        if (null == name)
        {
            return null;
        }
        final VmSpec vm = vms.get(name);
        if (null == vm)
        {
            entry.problems().add(entry.child(action), entry.value(action), LabSchema.noSuch("VM", name, vms.keySet()));
        }
        return vm;
    }

    private static String host(final Fields entry, final Map<String, HostSpec> hosts)
    {
        final String name = entry.text("to", null, NAME, "the name of a host");
        if (null != name && !hosts.containsKey(name))
        {
            entry.problems().add(entry.child("to"), entry.value("to"), LabSchema.noSuch("host", name, hosts.keySet()));
            return null;
        }
        return name;
    }

    /**
     * @return the named adapter, the VM's first when none is named, or null after a problem.
     */
    private static String adapter(final Fields entry, final VmSpec vm)
    {
        final String name = entry.text("adapter", "", NAME, "the name of one of the VM's adapters");
        if (null == vm || vm.adapters().isEmpty())
        {
            return null;
        }
        if (!entry.has("adapter"))
        {
            return vm.adapters().get(0).name();
        }
        if (null == vm.adapter(name))
        {
            final List<String> names = new ArrayList<>();
            vm.adapters().forEach(adapter -> names.add(adapter.name()));
            entry.problems().add(entry.child("adapter"), entry.value("adapter"),
                "VM '" + vm.name() + "' has no adapter '" + name + "'" + LabSchema.suggestion(name, names) +
                "; its adapters: " + LabSchema.listed(names));
            return null;
        }
        return name;
    }

    private static void followMigrations(final Problems problems, final List<Timed> timed, final Map<String, VmSpec> vms)
    {
        final Map<String, String> hostOf = new HashMap<>();
        final Map<String, Long> arrivedAt = new HashMap<>();
        vms.values().forEach(vm -> hostOf.put(vm.name(), vm.host()));
        final Set<String> down = new java.util.HashSet<>();
        final Set<String> armed = new java.util.HashSet<>(); // down when the next migration to them pauses
        for (final Timed entry : timed)
        {
            if (entry.action() instanceof ScheduleAction.Fault fault && fault.host() != null)
            {
                if ("hostUp".equals(fault.key()))
                {
                    down.remove(fault.host());
                }
                else if (fault.option() != null)
                {
                    armed.add(fault.host());
                }
                else
                {
                    down.add(fault.host());
                }
            }
            if (entry.action() instanceof ScheduleAction.Fault fault && "hostDown".equals(fault.key()) &&
                fault.option() == null && hostOf.containsValue(fault.host()))
            {
                final String vm = hostOf.entrySet().stream().filter(e -> e.getValue().equals(fault.host()))
                    .map(Map.Entry::getKey).sorted().findFirst().orElse("?");
                problems.add(entry.path() + ".hostDown", entry.toNode(), "host '" + fault.host() + "' runs VM '" + vm +
                    "' at " + Quantities.formatDuration(fault.atNanos()) + "; only a host without running VMs can go " +
                    "down (or use during: prepared, forwarding or pausing to take it down during a migration to it)");
            }
            if (entry.action() instanceof ScheduleAction.Migrate m && (down.contains(m.toHost()) || armed.remove(m.toHost())))
            {
                down.add(m.toHost()); // the migration gives up by design: the VM stays where it is
            }
            else if (entry.action() instanceof ScheduleAction.Migrate)
            {
                final ScheduleAction.Migrate migrate = (ScheduleAction.Migrate)entry.action();
                if (migrate.toHost().equals(hostOf.get(migrate.vm())))
                {
                    final Long arrived = arrivedAt.get(migrate.vm());
                    problems.add(entry.path() + ".to", entry.toNode(), "VM '" + migrate.vm() + "' is already on host '" +
                        migrate.toHost() + "' at " + Quantities.formatDuration(migrate.atNanos()) +
                        (null == arrived ? " (it starts there)" :
                        " (it migrates there at " + Quantities.formatDuration(arrived) + ")"));
                }
                hostOf.put(migrate.vm(), migrate.toHost());
                arrivedAt.put(migrate.vm(), migrate.atNanos());
            }
        }
    }
}
