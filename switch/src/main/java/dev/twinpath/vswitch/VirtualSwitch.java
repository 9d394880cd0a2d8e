package dev.twinpath.vswitch;

import dev.twinpath.packet.pool.PacketPool;
import dev.twinpath.vswitch.table.MacTable;
import org.agrona.concurrent.NanoClock;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A Hyper-V virtual switch: External (bound to a physical NIC through its uplink port), Internal or
 * Private, with VM adapter ports (VMBus channels), host virtual NICs, a MAC+VLAN learning table,
 * per-port VLAN, ACL, MAC spoofing guard and bandwidth limit, and counters per port and per drop
 * cause. Whether it uses SR-IOV is decided when it is created ({@code New-VMSwitch -EnableIov}) and
 * can never change; {@link #enableIov(boolean)} refuses, as Hyper-V does.
 * <p>
 * The data path is a {@link SwitchPipeline} run by one agent ({@link #agent()}), or by the caller
 * with {@link #doWork()}. Threading: the control methods may be called from any thread; they are
 * serialised and handed to the switch thread (see {@link SwitchCommands}).
 */
public final class VirtualSwitch implements AutoCloseable
{
    private final String name;
    private final SwitchType type;
    private final boolean iovEnabled;
    private final boolean allowManagementOs;
    private final boolean lossless;
    private final SwitchPort[] ports;
    private final SwitchCounters counters;
    private final MacTable macTable;
    private final SwitchPipeline pipeline;
    private final SwitchCommands commands;
    private final SwitchAgent agent;
    private final PacketPool pool;
    private final NanoClock clock;
    private boolean closed;

    public VirtualSwitch(final VirtualSwitchContext context)
    {
        context.conclude();
        this.name = context.name();
        this.type = context.type();
        this.iovEnabled = context.enableIov();
        this.allowManagementOs = context.allowManagementOs();
        this.lossless = context.lossless();
        this.pool = context.pool();
        this.clock = context.nanoClock();
        this.ports = new SwitchPort[context.maxPorts()];
        this.counters = new SwitchCounters(context.maxPorts());
        this.macTable = new MacTable(context.macTableCapacity(), context.macAgingNanos());
        this.pipeline = new SwitchPipeline(
            ports, pool, macTable, counters, context.nanoClock(), context.ringBursts(), context.maxBurst(),
            context.errorHandler());
        this.commands = new SwitchCommands(context.commandTimeoutNanos());
        this.agent = new SwitchAgent(this);
        if (type.hasUplink())
        {
            final PortSettings uplink = new PortSettings().name(context.uplinkName()).vlan(PortVlan.allVlans());
            attach(PortKind.UPLINK, uplink, context.uplink());
        }
    }

    public String name()
    {
        return name;
    }

    public SwitchType type()
    {
        return type;
    }

    /** @return {@code IovEnabled}: fixed when the switch was created. */
    public boolean iovEnabled()
    {
        return iovEnabled;
    }

    /**
     * SR-IOV cannot be switched on or off on an existing switch.
     *
     * @throws SwitchConfigurationException always, unless {@code enable} is what the switch already has.
     */
    public void enableIov(final boolean enable)
    {
        if (enable != iovEnabled)
        {
            throw new SwitchConfigurationException(VirtualSwitchContext.iovFixedMessage(name));
        }
    }

    /** @return the switch's counters (live; any thread). */
    public SwitchCounters counters()
    {
        return counters;
    }

    /** @return the uplink port of an External switch, or null. */
    public SwitchPort uplink()
    {
        return type.hasUplink() ? ports[0] : null;
    }

    /** Connect a VM network adapter (its VMBus channel, host side). */
    public SwitchPort addVmAdapter(final PortSettings settings, final PortLink link)
    {
        return attach(PortKind.VM_ADAPTER, settings, link);
    }

    /** Connect a host (management OS) virtual NIC; refused on a Private switch, and on an External
     *  switch created without {@code AllowManagementOS}. */
    public SwitchPort addHostVnic(final PortSettings settings, final PortLink link)
    {
        if (!type.allowsHostVnic())
        {
            throw new SwitchConfigurationException(
                "hostVnic: a Private switch connects virtual machines only; '" + name + "' cannot take a host virtual NIC");
        }
        if (type == SwitchType.EXTERNAL && !allowManagementOs)
        {
            throw new SwitchConfigurationException(
                "hostVnic: external switch '" + name + "' was created without AllowManagementOS");
        }
        return attach(PortKind.HOST_VNIC, settings, link);
    }

    private SwitchPort attach(final PortKind kind, final PortSettings settings, final PortLink link)
    {
        if (link == null)
        {
            throw new SwitchConfigurationException("link: port '" + settings.name() + "' needs its rings");
        }
        settings.validate(kind);
        final PortSettings frozen = settings.copy();
        final SwitchPort[] result = new SwitchPort[1];
        commands.execute("add port '" + settings.name() + "'", () ->
        {
            checkOpen();
            int slot = -1;
            for (int i = 0; i < ports.length; i++)
            {
                if (ports[i] != null && !ports[i].removed && ports[i].name.equals(frozen.name()))
                {
                    throw new SwitchConfigurationException("name: switch '" + name + "' already has a port named '" + frozen.name() + "'");
                }
                if (slot < 0 && (ports[i] == null || ports[i].removed))
                {
                    slot = i;
                }
            }
            if (slot < 0)
            {
                throw new SwitchConfigurationException("maxPorts: switch '" + name + "' has all " + ports.length + " ports in use");
            }
            final SwitchPort port = new SwitchPort(slot, kind, link, frozen, new PortPolicy(kind, frozen, lossless));
            configureShaper(port, frozen);
            counters.resetPort(slot);
            ports[slot] = port;
            republish();
            result[0] = port;
        });
        return result[0];
    }

    /** Change a port's settings (VLAN, ACL, spoofing, bandwidth, overflow); its name stays. */
    public void updatePort(final SwitchPort port, final PortSettings settings)
    {
        final PortSettings frozen = settings.copy().name(port.name);
        frozen.validate(port.kind);
        commands.execute("update port '" + port.name + "'", () ->
        {
            checkPort(port);
            port.settings = frozen;
            configureShaper(port, frozen);
            port.policy = new PortPolicy(port.kind, frozen, lossless); // release (P)
            republish();
        });
    }

    /**
     * Disconnect a port: its MAC table entries (learned and static) go, frames still on their way to
     * it, frames it sent that the switch has read but not processed yet, and frames still waiting in
     * its ring towards the switch are dropped and counted ({@link DropCause#PORT_REMOVED}), their
     * buffers back in the pool. What the switch had delivered to it and its guest has not read stays
     * with the channel's owner.
     */
    public void removePort(final SwitchPort port)
    {
        if (port.kind == PortKind.UPLINK)
        {
            throw new SwitchConfigurationException("port: the uplink of external switch '" + name + "' is bound for its life");
        }
        commands.execute("remove port '" + port.name + "'", () ->
        {
            checkPort(port);
            port.removed = true;
            pipeline.drainLeaving(port);
            macTable.removePort(port.id); // static entries too: the slot may be given to another port
            pipeline.flushEgress();
            republish();
        });
    }

    /** Add a static MAC table entry: never aged, never moved by learning. */
    public void addStaticMac(final long mac, final int vlan, final SwitchPort port)
    {
        if (vlan < 0 || vlan > 4094)
        {
            throw new SwitchConfigurationException("vlan: must be 0..4094: " + vlan);
        }
        commands.execute("static MAC on '" + port.name + "'", () ->
        {
            checkPort(port);
            macTable.addStatic(mac, vlan, port.id);
        });
    }

    /** @return a listing of the MAC table (mac, vlan, port, static, age), taken on the switch thread. */
    public List<String> macTableEntries()
    {
        final List<String> lines = new ArrayList<>();
        commands.execute("list MAC table", () -> macTable.forEach(clock.nanoTime(), (mac, vlan, port, isStatic, ageNanos) ->
            lines.add(String.format("%012x vlan %d port %d %s", mac, vlan, port, isStatic ? "static" : ageNanos / 1_000_000 + " ms"))));
        return lines;
    }

    /** @return the number of MAC table entries (switch thread's view, read on the switch thread). */
    public int macTableSize()
    {
        final int[] size = new int[1];
        commands.execute("MAC table size", () -> size[0] = macTable.size());
        return size[0];
    }

    /** @return the ports in the switch, in id order. */
    public List<SwitchPort> ports()
    {
        final List<SwitchPort> list = new ArrayList<>();
        for (final SwitchPort p : ports)
        {
            if (p != null && !p.removed)
            {
                list.add(p);
            }
        }
        return list;
    }

    /** @return the agent that runs the data path (roleName {@code vswitch-NAME}). */
    public SwitchAgent agent()
    {
        return agent;
    }

    /** Run the data path once on the caller's thread (when no agent runs it). @return work done. */
    public int doWork()
    {
        return commands.drain() + pipeline.doWork();
    }

    /** @return true while a full lossless port holds the switch. */
    public boolean isBlocked()
    {
        return pipeline.isBlocked();
    }

    SwitchCommands commands()
    {
        return commands;
    }

    private void configureShaper(final SwitchPort port, final PortSettings settings)
    {
        final long bits = settings.maximumBandwidthBitsPerSecond;
        port.shaper.configure(bits / 8, bits == 0 ? 0 : settings.burstBytes, clock.nanoTime());
    }

    private void republish()
    {
        int n = 0;
        boolean anyAcl = false;
        final int[] ids = new int[ports.length];
        for (final SwitchPort p : ports)
        {
            if (p != null && !p.removed)
            {
                ids[n++] = p.id;
                anyAcl |= p.policy.acl != null;
            }
        }
        pipeline.ports(Arrays.copyOf(ids, n), anyAcl);
    }

    private void checkPort(final SwitchPort port)
    {
        checkOpen();
        if (port.id >= ports.length || ports[port.id] != port || port.removed)
        {
            throw new SwitchConfigurationException("port: '" + port.name + "' is not a port of switch '" + name + "'");
        }
    }

    private void checkOpen()
    {
        if (closed)
        {
            throw new SwitchConfigurationException("switch '" + name + "' is closed");
        }
    }

    @Override
    public void close()
    {
        commands.execute("close switch", () ->
        {
            if (!closed)
            {
                closed = true;
                for (final SwitchPort p : ports)
                {
                    if (p != null)
                    {
                        p.removed = true;
                    }
                }
                republish();
                pipeline.close();
            }
        });
    }

    @Override
    public String toString()
    {
        return "VirtualSwitch{" + name + ", " + type + ", IovEnabled=" + iovEnabled + ", ports=" + ports().size() + "}";
    }
}
