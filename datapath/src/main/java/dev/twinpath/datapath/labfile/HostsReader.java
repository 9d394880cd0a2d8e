package dev.twinpath.datapath.labfile;

import org.yaml.snakeyaml.nodes.Node;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.twinpath.datapath.labfile.LabSchema.BIOS_KEYS;
import static dev.twinpath.datapath.labfile.LabSchema.HOST_KEYS;
import static dev.twinpath.datapath.labfile.LabSchema.IO_REMAPPING_KEYS;
import static dev.twinpath.datapath.labfile.LabSchema.MAX_HOSTS;
import static dev.twinpath.datapath.labfile.LabSchema.MAX_QUEUE_PAIRS;
import static dev.twinpath.datapath.labfile.LabSchema.MAX_VFS;
import static dev.twinpath.datapath.labfile.LabSchema.NAME;
import static dev.twinpath.datapath.labfile.LabSchema.NAME_FORM;
import static dev.twinpath.datapath.labfile.LabSchema.NIC_KEYS;
import static dev.twinpath.datapath.labfile.LabSchema.PLATFORM_KEYS;
import static dev.twinpath.datapath.labfile.LabSchema.SWITCH_KEYS;
import static dev.twinpath.datapath.labfile.LabSchema.SWITCH_NAME;
import static dev.twinpath.datapath.labfile.LabSchema.SWITCH_NAME_FORM;

/**
 * Reads the {@code hosts} list of a lab file: names, platforms (a preset, then explicit fields over
 * it) and virtual switches.
 * <p>
 * Used by one reading, on the caller's thread.
 */
final class HostsReader
{
    private HostsReader()
    {
    }

    /**
     * @return the hosts with a valid name, by name in file order.
     */
    static Map<String, HostSpec> read(final Fields root)
    {
        final Problems problems = root.problems();
        final Map<String, HostSpec> hosts = new LinkedHashMap<>();
        final List<Node> items = root.list("hosts", "a list of hosts");
        if (null == items)
        {
            return hosts;
        }
        if (items.isEmpty() || items.size() > MAX_HOSTS)
        {
            final Node node = root.value("hosts");
            problems.add("hosts", null == node ? root.mark() : node.getStartMark(),
                (null == node ? "missing, expected " : "expected ") + "1.." + MAX_HOSTS + " hosts" +
                (null == node ? "" : ", got " + items.size()));
        }
        final Map<String, Node> nameNodes = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++)
        {
            final Fields host = Fields.of(
                items.get(i), root.mark(), "hosts[" + i + "]", "a host (a mapping with name, platform, switch)",
                HOST_KEYS, problems);
            final String name = host.text("name", null, NAME, NAME_FORM);
            final PlatformSpec platform = platform(host.section("platform", "a platform mapping", PLATFORM_KEYS));
            final Fields vSwitch = host.section("switch", "a switch mapping", SWITCH_KEYS);
            final SwitchSpec switchSpec = new SwitchSpec(
                vSwitch.text("name", SwitchSpec.DEFAULT_NAME, SWITCH_NAME, SWITCH_NAME_FORM),
                vSwitch.bool("enableIov", true));
            if (null == name)
            {
                continue;
            }
            final Node first = nameNodes.putIfAbsent(name, host.value("name"));
            if (null != first)
            {
                problems.add(host.child("name"), host.value("name"),
                    "duplicate host name '" + name + "' (first at " + Problems.lineOf(first) + ")");
                continue;
            }
            hosts.put(name, new HostSpec(name, platform, switchSpec));
        }
        return hosts;
    }

    private static PlatformSpec platform(final Fields fields)
    {
        final PlatformPreset preset = fields.choice(
            "preset", PlatformPreset.SRIOV_READY, PlatformPreset.values(), PlatformPreset::key);
        final PlatformSpec base = preset.platform();
        final Fields nic = fields.section("nic", "a NIC mapping", NIC_KEYS);
        final Fields bios = fields.section("bios", "a BIOS mapping", BIOS_KEYS);
        final Fields ioRemapping = fields.section("ioRemapping", "an I/O remapping mapping", IO_REMAPPING_KEYS);
        return new PlatformSpec(
            nic.bool("sriov", base.nicSriov()),
            (int)nic.integer("vfs", 0, MAX_VFS, base.nicVfs()),
            (int)nic.integer("queuePairsPerVf", 1, MAX_QUEUE_PAIRS, base.queuePairsPerVf()),
            bios.bool("sriov", base.biosSriov()),
            bios.bool("osControlsPcie", base.osControlsPcie()),
            ioRemapping.bool("present", base.ioRemapping()),
            ioRemapping.bool("erratum", base.ioRemappingErratum()),
            fields.bool("acs", base.acs()));
    }
}
