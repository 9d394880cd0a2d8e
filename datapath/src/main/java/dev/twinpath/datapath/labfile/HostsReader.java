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
     * @param channelNodes filled with each host's {@code channel} node (or null), by name.
     * @return the hosts with a valid name, by name in file order.
     */
    static Map<String, HostSpec> read(final Fields root, final Map<String, Node> channelNodes)
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
            hosts.put(name, new HostSpec(name, platform, switchSpec, host.channel("channel")));
            channelNodes.put(name, host.value("channel"));
        }
        return hosts;
    }

    /**
     * Channels are all given or all left out (then {@code twinpath run --processes} picks loopback ones), and no
     * two processes listen on one udp endpoint.
     */
    static void checkChannels(final Fields root, final Fields tor, final TorSpec torSpec, final Map<String, HostSpec> hosts,
        final Map<String, Node> channelNodes)
    {
        final Problems problems = root.problems();
        final long given = hosts.values().stream().filter(h -> h.channel() != null).count() + (torSpec.channel() == null ? 0 : 1);
        if (given == 0)
        {
            return;
        }
        if (given != hosts.size() + 1)
        {
            final List<HostSpec> list = List.copyOf(hosts.values());
            int without = 0;
            while (without < list.size() && list.get(without).channel() != null)
            {
                without++;
            }
            final String missing = torSpec.channel() == null ? "tor.channel" : "hosts[" + without + "].channel";
            problems.add(missing, torSpec.channel() == null ? tor.mark() : root.mark(),
                "give a channel to the tor and to every host, or to none (then run --processes picks loopback ones)");
            return;
        }
        final boolean ipc = torSpec.channel().startsWith("aeron:ipc");
        int at = 0;
        for (final HostSpec host : hosts.values())
        {
            if (host.channel().startsWith("aeron:ipc") != ipc)
            {
                problems.add("hosts[" + at + "].channel", channelNodes.get(host.name()), "'" + host.channel() + "' mixes " +
                    "aeron:ipc and aeron:udp: a lab's processes all share one media driver (ipc) or all talk udp");
                return;
            }
            at++;
        }
        final Map<String, String> endpoints = new LinkedHashMap<>();
        endpoints.put(torSpec.channel(), "tor");
        int index = 0;
        for (final HostSpec host : hosts.values())
        {
            final int i = index++;
            final String first = host.channel().startsWith("aeron:udp") ? endpoints.putIfAbsent(host.channel(), host.name()) : null;
            if (first != null)
            {
                problems.add("hosts[" + i + "].channel", channelNodes.get(host.name()),
                    "'" + host.channel() + "' is already where " + ("tor".equals(first) ? "the tor" : "host " + first) +
                    " listens; each process needs an endpoint of its own");
            }
        }
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
