package dev.twinpath.datapath.lab;

import dev.twinpath.datapath.event.EventId;
import dev.twinpath.datapath.event.EventLevel;
import dev.twinpath.datapath.event.EventLog;
import dev.twinpath.datapath.host.IovHostAgent;
import dev.twinpath.datapath.host.IovPortController;
import dev.twinpath.datapath.host.NicUplinkLink;
import dev.twinpath.datapath.host.VfDirectory;
import dev.twinpath.datapath.migrate.ForwardingChannel;
import dev.twinpath.datapath.migrate.VmPortLink;
import dev.twinpath.packet.pool.PacketPool;
import dev.twinpath.vf.nic.NicContext;
import dev.twinpath.vf.nic.PhysicalFunction;
import dev.twinpath.vf.ring.OverflowMode;
import dev.twinpath.vmbus.VmBusChannel;
import dev.twinpath.vswitch.PortSettings;
import dev.twinpath.vswitch.SwitchPort;
import dev.twinpath.vswitch.SwitchType;
import dev.twinpath.vswitch.VirtualSwitch;
import dev.twinpath.vswitch.VirtualSwitchContext;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.NanoClock;

import java.util.List;
import java.util.function.Consumer;

/**
 * One Hyper-V host of a {@link Lab}: an SR-IOV NIC (its PF, VF pool and wire), the External virtual
 * switch bound to it (IOV chosen at creation), the IOV service that offers and revokes VFs
 * ({@link IovHostAgent}), and the VM adapters attached to it. A VM that live-migrates is detached
 * from one host and attached to another.
 * <p>
 * Threads: built, attached and detached from the lab's control thread; its agents ({@link #agents()})
 * run on the host side of the lab's threading mode.
 */
public final class Host
{
    private final HostConfig config;
    private final LabContext lab;
    private final PacketPool pool;
    private final PhysicalFunction nic;
    private final NicUplinkLink uplink;
    private final VirtualSwitch vSwitch;
    private final VfDirectory directory = new VfDirectory();
    private final IovHostAgent iovService;
    private final EventLog iovEvents;

    Host(final HostConfig config, final LabContext lab, final PacketPool pool, final EventLog events,
        final Consumer<Throwable> onError)
    {
        this.config = config.conclude();
        this.lab = lab;
        this.pool = pool;
        final NanoClock clock = lab.clock();
        this.nic = new PhysicalFunction(new NicContext().name(config.name() + "/nic0").pool(pool)
            .totalVfs(Math.max(1, config.totalVfs())).maxQueuePairs(config.queuePairsPerVf())
            .ringCapacity(lab.ringCapacity()).burst(lab.burst()).overflowMode(OverflowMode.BACKPRESSURE).clock(clock));
        this.uplink = new NicUplinkLink(nic);
        this.vSwitch = new VirtualSwitch(new VirtualSwitchContext().name(config.switchName()).type(SwitchType.EXTERNAL)
            .enableIov(config.enableIov()).pool(pool).uplink(uplink).uplinkName(nic.name()).lossless(true)
            .nanoClock(clock).errorHandler(onError::accept));
        this.iovService = new IovHostAgent(clock);
        this.iovEvents = events.forSource(config.name() + "/iov");
        if (!iovUsable())
        {
            iovEvents.record(EventId.IOV_SUPPORT, EventLevel.WARNING, config.switchName(),
                "IovEnabled " + config.enableIov() + ", IovSupport False: " + String.join(" ", iovUnusableReasons()));
        }
    }

    public String name()
    {
        return config.name();
    }

    public HostConfig config()
    {
        return config;
    }

    public PhysicalFunction nic()
    {
        return nic;
    }

    public NicUplinkLink uplink()
    {
        return uplink;
    }

    public VirtualSwitch virtualSwitch()
    {
        return vSwitch;
    }

    public VfDirectory directory()
    {
        return directory;
    }

    public IovHostAgent iovService()
    {
        return iovService;
    }

    /** @return true when an adapter on this host can be given a VF: the platform supports SR-IOV, the switch was created with IOV, the NIC has VFs. */
    public boolean iovUsable()
    {
        return config.iovSupported() && config.enableIov() && config.totalVfs() > 0;
    }

    /** @return why no adapter on this host can have a VF (empty when {@link #iovUsable()}). */
    public List<String> iovUnusableReasons()
    {
        final java.util.ArrayList<String> reasons = new java.util.ArrayList<>();
        if (!config.iovSupported())
        {
            reasons.addAll(config.iovSupportReasons());
        }
        if (!config.enableIov())
        {
            reasons.add("The virtual switch '" + config.switchName() + "' was not created with SR-IOV enabled; " +
                "IOV can only be chosen when a switch is created.");
        }
        if (config.iovSupported() && config.totalVfs() == 0)
        {
            reasons.add("The network adapter has no virtual functions configured.");
        }
        return reasons;
    }

    /** @return the agents of this host: NIC, switch, IOV service. */
    List<Agent> agents()
    {
        return List.of(nic.agent(), vSwitch.agent(), iovService);
    }

    /**
     * Give a VM adapter a port on this host: a VMBus channel, a switch port with the VM's MAC, and the
     * host side of its SR-IOV. {@code inbound} is the forwarded stream of a VM arriving by live
     * migration (null otherwise). Control thread.
     */
    Attachment attach(final String vmName, final int index, final long mac, final ForwardingChannel inbound,
        final int queuePairs)
    {
        final VmBusChannel channel = new VmBusChannel(new VmBusChannel.Context().name(name() + "/" + vmName + "/netvsc"));
        final VmPortLink link = new VmPortLink(channel.host(), vSwitch.uplink().id(), inbound, lab.adapterTemplate().holdBound());
        final SwitchPort port = vSwitch.addVmAdapter(new PortSettings().name(vmName).macAddress(mac), link);
        vSwitch.addStaticMac(mac, 0, port);
        final IovPortController controller = new IovPortController(vmName + "/eth0", index, mac,
            Math.min(queuePairs, config.queuePairsPerVf()), nic, pool, directory, channel.host(), port.id(), iovEvents,
            lab.hostTimeoutNanos());
        iovService.add(controller);
        return new Attachment(this, channel, port, link, controller);
    }

    /** Take a VM adapter's port away (after it left). Control thread. */
    void detach(final Attachment attachment)
    {
        iovService.remove(attachment.controller());
        vSwitch.removePort(attachment.port());
    }

    @Override
    public String toString()
    {
        return name() + " (" + nic.name() + ", switch " + vSwitch.name() + (iovUsable() ? ", IOV" : ", no IOV") + ")";
    }

    /** A VM adapter's place on a host. Immutable, any thread. */
    public record Attachment(Host host, VmBusChannel channel, SwitchPort port, VmPortLink link, IovPortController controller)
    {
    }
}
