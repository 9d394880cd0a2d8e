package dev.twinpath.datapath.labfile;

import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.twinpath.datapath.labfile.LabSchema.ADAPTER_KEYS;
import static dev.twinpath.datapath.labfile.LabSchema.MAX_ADAPTERS;
import static dev.twinpath.datapath.labfile.LabSchema.MAX_IOV_WEIGHT;
import static dev.twinpath.datapath.labfile.LabSchema.MAX_QUEUE_PAIRS;
import static dev.twinpath.datapath.labfile.LabSchema.MAX_VMS;
import static dev.twinpath.datapath.labfile.LabSchema.NAME;
import static dev.twinpath.datapath.labfile.LabSchema.NAME_FORM;
import static dev.twinpath.datapath.labfile.LabSchema.TEAM_KEYS;
import static dev.twinpath.datapath.labfile.LabSchema.VM_KEYS;

/**
 * Reads the {@code vms} list of a lab file: names, starting hosts, MACs, adapters and guest teams.
 * <p>
 * Used by one reading, on the caller's thread.
 */
final class VmsReader
{
    private static final String MAC_FORM = "a MAC address such as 00:15:5d:00:00:01";

    private VmsReader()
    {
    }

    /**
     * @return the VMs with a valid name, by name in file order. A VM whose host is missing or unknown is
     * kept (with that problem reported) so the schedule's references to it do not pile up more problems.
     */
    static Map<String, VmSpec> read(final Fields root, final Map<String, HostSpec> hosts)
    {
        final Problems problems = root.problems();
        final Map<String, VmSpec> vms = new LinkedHashMap<>();
        final List<Node> items = root.list("vms", "a list of VMs");
        if (null == items)
        {
            return vms;
        }
        if (items.isEmpty() || items.size() > MAX_VMS)
        {
            final Node node = root.value("vms");
            problems.add("vms", null == node ? root.mark() : node.getStartMark(),
                (null == node ? "missing, expected " : "expected ") + "1.." + MAX_VMS + " VMs" +
                (null == node ? "" : ", got " + items.size()));
        }
        final Map<String, Node> nameNodes = new HashMap<>();
        final Map<Long, Node> macNodes = new HashMap<>();
        for (int i = 0; i < items.size(); i++)
        {
            final Fields vm = Fields.of(
                items.get(i), root.mark(), "vms[" + i + "]", "a VM (a mapping with name, host, mac, adapters, team)",
                VM_KEYS, problems);
            final String name = vm.text("name", null, NAME, NAME_FORM);
            final String host = vm.text("host", null, NAME, "the name of a host");
            if (null != host && !hosts.containsKey(host))
            {
                problems.add(vm.child("host"), vm.value("host"), LabSchema.noSuch("host", host, hosts.keySet()));
            }
            final long mac = mac(vm, macNodes);
            final List<AdapterSpec> adapters = adapters(vm);
            final TeamSpec team = vm.has("team") ? team(vm, adapters) : null;
            if (null == name)
            {
                continue;
            }
            final Node first = nameNodes.putIfAbsent(name, vm.value("name"));
            if (null != first)
            {
                problems.add(vm.child("name"), vm.value("name"),
                    "duplicate VM name '" + name + "' (first at " + Problems.lineOf(first) + ")");
                continue;
            }
            vms.put(name, new VmSpec(name, null == host ? "" : host, mac, adapters, team));
        }
        return vms;
    }

    private static long mac(final Fields vm, final Map<Long, Node> macNodes)
    {
        final ScalarNode scalar = vm.scalar("mac", false, MAC_FORM);
        if (null == scalar)
        {
            return VmSpec.ASSIGN_MAC;
        }
        final long mac = Quantities.parseMac(scalar.getValue());
        final String problem;
        if (mac == Quantities.INVALID)
        {
            problem = "expected " + MAC_FORM + ", got " + LabSchema.describe(scalar);
        }
        else if ((mac & 0x0100_0000_0000L) != 0)
        {
            problem = "expected a unicast MAC address (lowest bit of the first octet clear), got " +
                LabSchema.describe(scalar);
        }
        else if (mac == 0)
        {
            problem = "expected a MAC address other than 00:00:00:00:00:00";
        }
        else
        {
            final Node first = macNodes.putIfAbsent(mac, scalar);
            problem = null == first ? null :
                "duplicate MAC address " + LabSchema.describe(scalar) + " (first at " + Problems.lineOf(first) + ")";
        }
        if (null != problem)
        {
            vm.problems().add(vm.child("mac"), scalar, problem);
            return VmSpec.ASSIGN_MAC;
        }
        return mac;
    }

    private static List<AdapterSpec> adapters(final Fields vm)
    {
        final Problems problems = vm.problems();
        final List<AdapterSpec> adapters = new ArrayList<>();
        final List<Node> items = vm.list("adapters", "a list of adapters");
        if (null == items)
        {
            return adapters;
        }
        if (!vm.has("adapters") || LabSchema.isNull(vm.value("adapters")))
        {
            adapters.add(AdapterSpec.defaults());
            return adapters;
        }
        if (items.isEmpty() || items.size() > MAX_ADAPTERS)
        {
            problems.add(vm.child("adapters"), vm.value("adapters"),
                "expected 1.." + MAX_ADAPTERS + " adapters, got " + items.size());
        }
        final Map<String, Node> nameNodes = new HashMap<>();
        for (int i = 0; i < items.size(); i++)
        {
            final Fields adapter = Fields.of(
                items.get(i), vm.mark(), vm.child("adapters") + "[" + i + "]",
                "an adapter (a mapping with name, iovWeight, queuePairs)", ADAPTER_KEYS, problems);
            final String name = adapter.text("name", "eth" + i, NAME, NAME_FORM);
            final int weight =
                (int)adapter.integer("iovWeight", 0, MAX_IOV_WEIGHT, AdapterSpec.DEFAULT_IOV_WEIGHT);
            final int queuePairs =
                (int)adapter.integer("queuePairs", 1, MAX_QUEUE_PAIRS, AdapterSpec.DEFAULT_QUEUE_PAIRS);
            final Node nameNode = null == adapter.value("name") ? items.get(i) : adapter.value("name");
            final Node first = nameNodes.putIfAbsent(name, nameNode);
            if (null != first)
            {
                problems.add(adapter.child("name"), nameNode,
                    "duplicate adapter name '" + name + "' in this VM (first at " + Problems.lineOf(first) + ")");
                continue;
            }
            adapters.add(new AdapterSpec(name, weight, queuePairs));
        }
        return adapters;
    }

    private static TeamSpec team(final Fields vm, final List<AdapterSpec> adapters)
    {
        final Problems problems = vm.problems();
        final Fields team = vm.section("team", "a team (a mapping with name, mode, members)", TEAM_KEYS);
        final String name = team.text("name", TeamSpec.DEFAULT_NAME, NAME, NAME_FORM);
        final TeamMode mode = team.choice("mode", TeamMode.ACTIVE_STANDBY, TeamMode.values(), TeamMode::key);
        final List<Node> items = team.list("members", "a list of adapter names");
        if (null == items)
        {
            return null;
        }
        if (!team.has("members"))
        {
            problems.add(team.child("members"), team.mark(), "missing, expected a list of 2 or more adapter names");
            return null;
        }
        final List<String> adapterNames = new ArrayList<>();
        adapters.forEach(adapter -> adapterNames.add(adapter.name()));
        final List<String> members = new ArrayList<>();
        final Map<String, Node> memberNodes = new HashMap<>();
        for (int i = 0; i < items.size(); i++)
        {
            final Node item = items.get(i);
            final String path = team.child("members") + "[" + i + "]";
            if (!(item instanceof ScalarNode) || LabSchema.isNull(item))
            {
                problems.add(path, item, "expected the name of an adapter, got " + LabSchema.describe(item));
                continue;
            }
            final String member = ((ScalarNode)item).getValue();
            final Node first = memberNodes.putIfAbsent(member, item);
            if (null != first)
            {
                problems.add(path, item,
                    LabSchema.quoted(member) + " is already a member (at " + Problems.lineOf(first) + ")");
            }
            else if (!adapterNames.contains(member))
            {
                problems.add(path, item, "this VM has no adapter " + LabSchema.quoted(member) +
                    LabSchema.suggestion(member, adapterNames) + "; its adapters: " + LabSchema.listed(adapterNames));
            }
            else
            {
                members.add(member);
            }
        }
        if (items.size() < 2)
        {
            problems.add(team.child("members"), team.value("members"),
                "a team needs 2 or more of the VM's adapters, got " + items.size());
        }
        return new TeamSpec(name, mode, members);
    }
}
