package dev.twinpath.datapath.lab;

import dev.twinpath.datapath.event.EventId;
import dev.twinpath.datapath.event.EventLevel;
import dev.twinpath.datapath.event.EventLog;
import dev.twinpath.datapath.host.IovHostAgent;
import dev.twinpath.datapath.host.IovPortController;
import dev.twinpath.datapath.host.NicUplinkLink;
import dev.twinpath.datapath.host.VfDirectory;
import dev.twinpath.datapath.hyperv.AdapterIovSettings;
import dev.twinpath.datapath.hyperv.AdapterIovStatus;
import dev.twinpath.datapath.hyperv.IovSupportReason;
import dev.twinpath.datapath.hyperv.VfArbiter;
import dev.twinpath.datapath.hyperv.VfDecision;
import dev.twinpath.datapath.hyperv.VmSwitchIov;
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
 * One physical NIC of a {@link Host} and the External virtual switch bound to it: the PF, its VF pool
 * and its cable to the rack, the switch (IOV chosen at creation), the switch's IOV view and the
 * arbiter of its VFs, and the VM adapters attached to it. The host's IOV service
 * ({@link IovHostAgent}) runs the adapters' controllers.
 * <p>
 * Threads: built, attached and detached from the lab's control thread; arbitration and settings on the
 * IOV service thread (or the caller's, in a lab that is not running); its agents ({@link #agents()}) run
 * on the host side of the lab's threading mode.
 */
public final class HostNic
{
    private final HostConfig config;
    private final Host host;
    private final int index;
    private final String switchName;
    private final LabContext lab;
    private final PacketPool pool;
    private final PhysicalFunction nic;
    private final NicUplinkLink uplink;
    private final VirtualSwitch vSwitch;
    private final VfDirectory directory;
    private final IovHostAgent iovService;
    private final EventLog iovEvents;
    private final VmSwitchIov switchIov;
    private final VfArbiter arbiter;
    private final java.util.Map<String, IovPortController> controllers = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Map<String, AdapterIovSettings> settings = new java.util.concurrent.ConcurrentHashMap<>();

    HostNic(final Host host, final int index, final LabContext lab, final PacketPool pool, final EventLog events,
        final Consumer<Throwable> onError)
    {
        this.host = host;
        this.index = index;
        this.config = host.config();
        this.lab = lab;
        this.pool = pool;
        this.switchName = index == 0 ? config.switchName() : config.switchName() + " " + (index + 1);
        this.directory = host.directory();
        this.iovService = host.iovService();
        final NanoClock clock = lab.clock();
        this.nic = new PhysicalFunction(new NicContext().name(config.name() + "/nic" + index).pool(pool)
            .totalVfs(Math.max(1, config.totalVfs())).maxQueuePairs(config.queuePairsPerVf())
            .ringCapacity(lab.ringCapacity()).burst(lab.burst()).overflowMode(OverflowMode.BACKPRESSURE).clock(clock));
        this.uplink = new NicUplinkLink(nic);
        this.vSwitch = new VirtualSwitch(new VirtualSwitchContext().name(switchName).type(SwitchType.EXTERNAL)
            .enableIov(config.enableIov()).pool(pool).uplink(uplink).uplinkName(nic.name()).lossless(true)
            .nanoClock(clock).errorHandler(onError::accept));
        this.iovEvents = events.forSource(config.name() + "/iov");
        this.switchIov = VmSwitchIov.create(switchName, config.platform(), config.enableIov());
        this.arbiter = VfArbiter.forSwitch(switchIov);
        if (!iovUsable())
        {
            iovEvents.record(EventId.IOV_SUPPORT, EventLevel.WARNING, switchName,
                "IovEnabled " + (config.enableIov() ? "True" : "False") + ", IovSupport False: " +
                String.join(" ", iovUnusableReasons()));
        }
        else
        {
            iovEvents.record(EventId.IOV_SUPPORT, switchName, "IovEnabled True, IovSupport True: " +
                config.totalVfs() + " VFs of up to " + config.queuePairsPerVf() + " queue pairs");
        }
    }

    /** @return the host this NIC is in. */
    public Host host()
    {
        return host;
    }

    /** @return the NIC's index in its host (0 for the first). */
    public int index()
    {
        return index;
    }

    /** @return {@code A} for a host's first NIC, {@code A/nic1} for its second: the name of its rack port. */
    public String name()
    {
        return index == 0 ? config.name() : config.name() + "/nic" + index;
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

    /** @return true when an adapter on this host can be given a VF: platform, NIC and switch support SR-IOV. */
    public boolean iovUsable()
    {
        return switchIov.iovSupport();
    }

    /** @return the sentences of the switch's IovSupportReasons (empty when {@link #iovUsable()}). */
    public List<String> iovUnusableReasons()
    {
        return switchIov.iovSupportReasons().stream().map(IovSupportReason::sentence).toList();
    }

    /**
     * Try to change whether the switch uses IOV after it was created: always refused, as Hyper-V refuses it
     * (IOV is chosen by {@code New-VMSwitch -EnableIov}); the refusal is an event naming the setting.
     *
     * @throws dev.twinpath.datapath.hyperv.IovSettingException naming EnableIov.
     */
    public void enableIov(final boolean enable)
    {
        try
        {
            switchIov.setEnableIov(enable);
        }
        catch (final dev.twinpath.datapath.hyperv.IovSettingException ex)
        {
            iovEvents.record(EventId.SETTING_REFUSED, switchName, ex.getMessage());
            throw ex;
        }
    }

    /** @return the switch's IOV view ({@code Get-VMSwitch | Format-List iov*}) with the VFs in use now. */
    public VmSwitchIov switchIov()
    {
        final VmSwitchIov view = VmSwitchIov.create(switchName, config.platform(), config.enableIov());
        if (view.iovSupport())
        {
            for (int i = 0; i < nic.totalVfs(); i++)
            {
                final dev.twinpath.vf.nic.VirtualFunction vf = nic.vf(i);
                if (vf.state() != dev.twinpath.vf.nic.VfState.FREE)
                {
                    view.onVfAssigned(vf.queuePairCount());
                }
            }
        }
        return view;
    }

    /** @return true when the adapter {@code adapterName} is attached to this NIC's switch. */
    boolean hasAdapter(final String adapterName)
    {
        return controllers.containsKey(adapterName);
    }

    /** @return the status of an attached adapter ({@code Get-VMNetworkAdapter | Format-List}). Any thread (a snapshot). */
    public synchronized AdapterIovStatus adapterStatus(final String vmName, final String adapterName)
    {
        final IovPortController controller = controllers.get(adapterName);
        final dev.twinpath.vf.nic.VirtualFunction vf = controller == null ? null : controller.vf();
        return AdapterIovStatus.of(vmName, adapterName, switchIov, settings.get(adapterName), arbiter,
            vf == null ? "" : vf.name());
    }

    /**
     * Ask for a VF for an attached adapter: the arbiter decides by IovWeight over the finite pool; when
     * granted the VF is offered, otherwise the adapter stays synthetic and the event says why. IOV
     * service thread (or a lab that is not running).
     *
     * @return true when a VF was offered.
     */
    public synchronized boolean requestVf(final IovPortController controller, final long nowNanos)
    {
        reconcile(nowNanos);
        final String name = controller.adapterName();
        if (controller.state() != dev.twinpath.datapath.host.HostVfState.NO_VF)
        {
            return controller.state() == dev.twinpath.datapath.host.HostVfState.OFFERED; // reconcile may have offered it
        }
        final VfDecision decision = arbiter.request(name);
        if (!decision.granted())
        {
            iovEvents.record(EventId.VF_NOT_OFFERED, name, decision.outcome() + ": " + decision.reason().code() + ": " +
                decision.reason().sentence());
            return false;
        }
        final AdapterIovSettings s = settings.get(name);
        final AdapterIovSettings.Grant grant = s.grant(config.queuePairsPerVf());
        controller.queuePairs(grant.granted());
        iovEvents.record(EventId.VF_ARBITRATION, name, "granted a VF (IovWeight " + s.iovWeight() + ", " +
            grant.describe() + "); " + arbiter.freeVfs() + " of " + arbiter.totalVfs() + " VFs left");
        if (!controller.offer(nowNanos))
        {
            offerTo(arbiter.release(name), nowNanos);
            return false;
        }
        return true;
    }

    /** Release, in the arbiter, the VFs of adapters that no longer hold one, and offer them to who waits. */
    private void reconcile(final long nowNanos)
    {
        for (final String holder : arbiter.holders())
        {
            final IovPortController c = controllers.get(holder);
            if (c == null || (c.state() == dev.twinpath.datapath.host.HostVfState.NO_VF && c.vf() == null))
            {
                offerTo(arbiter.release(holder), nowNanos);
            }
        }
    }

    /**
     * Offer a VF to each adapter the arbiter just granted one (a VF was freed, a weight changed, an adapter
     * left); an offer the NIC refuses gives the grant back, and whoever that serves is offered in turn.
     */
    private void offerTo(final List<String> granted, final long nowNanos)
    {
        final java.util.ArrayDeque<String> next = new java.util.ArrayDeque<>(granted);
        int rounds = 0;
        while (!next.isEmpty() && rounds++ < 1024)
        {
            final String name = next.poll();
            final IovPortController waiting = controllers.get(name);
            if (waiting == null || waiting.state() != dev.twinpath.datapath.host.HostVfState.NO_VF)
            {
                continue;
            }
            iovEvents.record(EventId.VF_ARBITRATION, name, "a VF was freed: offered to the waiting adapter with the " +
                "highest IovWeight (" + arbiter.weight(name) + ")");
            waiting.queuePairs(settings.get(name).grant(config.queuePairsPerVf()).granted());
            if (!waiting.offer(nowNanos))
            {
                next.addAll(arbiter.release(name));
            }
        }
    }

    /**
     * Set an attached adapter's IovWeight (0..100; 0 revokes its VF and keeps it synthetic). IOV service
     * thread (or a lab that is not running).
     *
     * @throws dev.twinpath.datapath.hyperv.IovSettingException naming IovWeight when out of range.
     */
    public synchronized void setIovWeight(final String adapterName, final int weight, final long nowNanos)
    {
        final AdapterIovSettings s = settings.get(adapterName);
        final int before = s.iovWeight();
        try
        {
            s.setIovWeight(weight);
        }
        catch (final RuntimeException ex)
        {
            iovEvents.record(EventId.SETTING_REFUSED, adapterName, ex.getMessage());
            throw ex;
        }
        iovEvents.record(EventId.SETTING_CHANGED, adapterName, "IovWeight " + before + " -> " + weight);
        reconcile(nowNanos);
        for (final VfDecision d : arbiter.setWeight(adapterName, weight))
        {
            final IovPortController c = controllers.get(d.adapter());
            if (c != null && d.outcome() == VfDecision.Outcome.REVOKE)
            {
                iovEvents.record(EventId.VF_ARBITRATION, d.adapter(), "IovWeight 0: the VF is revoked, the adapter " +
                    "stays synthetic");
                c.revoke(nowNanos);
            }
            else if (d.outcome() == VfDecision.Outcome.GRANT)
            {
                offerTo(List.of(d.adapter()), nowNanos);
            }
        }
    }

    /**
     * Set an attached adapter's IovQueuePairsRequested (1..16); the next VF gets them, capped by the NIC.
     *
     * @return the grant: requested, granted, and the NIC's cap.
     * @throws dev.twinpath.datapath.hyperv.IovSettingException naming IovQueuePairsRequested when out of range.
     */
    public synchronized AdapterIovSettings.Grant setQueuePairsRequested(final String adapterName, final int queuePairs)
    {
        final AdapterIovSettings s = settings.get(adapterName);
        try
        {
            s.setIovQueuePairsRequested(queuePairs);
        }
        catch (final RuntimeException ex)
        {
            iovEvents.record(EventId.SETTING_REFUSED, adapterName, ex.getMessage());
            throw ex;
        }
        final AdapterIovSettings.Grant grant = s.grant(config.queuePairsPerVf());
        iovEvents.record(EventId.SETTING_CHANGED, adapterName, "IovQueuePairsRequested " + queuePairs + ": " + grant.describe());
        return grant;
    }

    /** @return the agents of this NIC: the NIC itself and its switch. */
    List<Agent> agents()
    {
        return List.of(nic.agent(), vSwitch.agent());
    }

    /**
     * The first half of attaching a VM adapter: its VMBus channel and the link its switch port will use
     * ({@code inbound}: the forwarded stream of a VM arriving by live migration, or null). Nothing is on
     * the switch yet: a migration prepares this before the blackout. Control thread.
     */
    Prepared prepare(final String vmName, final String adapter, final ForwardingChannel inbound)
    {
        final VmBusChannel channel = new VmBusChannel(new VmBusChannel.Context().name(name() + "/" + vmName + "/" + adapter));
        final VmPortLink link = new VmPortLink(channel.host(), vSwitch.uplink().id(), inbound, lab.adapterTemplate().holdBound(),
            pool, lab.clock(), lab.adapterTemplate().holdTimeoutNanos());
        link.uplinkOut(uplink);
        return new Prepared(vmName, adapter, channel, link);
    }

    /**
     * The second half: the switch port with the adapter's MAC (and a team's MAC), and the host side of its
     * SR-IOV, registered with the arbiter. From here on the switch delivers to the adapter. Control thread.
     */
    Attachment connect(final Prepared prepared, final int adapterIndex, final long mac, final AdapterIovSettings iovSettings,
        final long teamMac)
    {
        final String adapterName = prepared.vmName() + "/" + prepared.adapter();
        // A team member may send with the team's MAC (Hyper-V's AllowTeaming): spoofing allowed, and the
        // team's MAC reaches this member's port on its own switch.
        final SwitchPort port = vSwitch.addVmAdapter(new PortSettings().name(adapterName).macAddress(mac)
            .macAddressSpoofing(teamMac >= 0), prepared.link());
        vSwitch.addStaticMac(mac, 0, port);
        nic.addHostMac(mac); // a VF of this NIC reaches the adapter's synthetic path through the PF, not the wire
        if (teamMac >= 0 && teamMac != mac)
        {
            vSwitch.addStaticMac(teamMac, 0, port);
            nic.addHostMac(teamMac);
        }
        final IovPortController controller = new IovPortController(adapterName, adapterIndex, mac,
            iovSettings.grant(config.queuePairsPerVf()).granted(), nic, pool, directory, prepared.channel().host(), port.id(),
            iovEvents, lab.hostTimeoutNanos());
        if (teamMac >= 0 && teamMac != mac)
        {
            controller.teamMac(teamMac);
        }
        synchronized (this)
        {
            controllers.put(adapterName, controller);
            settings.put(adapterName, iovSettings);
            arbiter.register(adapterName, iovSettings);
        }
        iovService.add(controller);
        return new Attachment(this, prepared.channel(), port, prepared.link(), controller);
    }

    /** A VM adapter's channel and port link, built but not yet on the switch. Immutable. */
    record Prepared(String vmName, String adapter, VmBusChannel channel, VmPortLink link)
    {
    }

    /** Take a VM adapter's port away (after it left). Control thread. */
    void detach(final Attachment attachment, final long nowNanos)
    {
        synchronized (this)
        {
            final String name = attachment.controller().adapterName();
            final List<String> granted = arbiter.unregister(name);
            controllers.remove(name);
            settings.remove(name);
            offerTo(granted, nowNanos); // a VF it held goes to the heaviest waiter
        }
        iovService.remove(attachment.controller());
        vSwitch.removePort(attachment.port());
        nic.removeHostMac(attachment.controller().mac());
    }

    @Override
    public String toString()
    {
        return nic.name() + " (switch " + vSwitch.name() + (iovUsable() ? ", IOV" : ", no IOV") + ")";
    }

    /** A VM adapter's place on a host. Immutable, any thread. */
    public record Attachment(HostNic nic, VmBusChannel channel, SwitchPort port, VmPortLink link, IovPortController controller)
    {
        /** @return the host the adapter is attached to. */
        public Host host()
        {
            return nic.host();
        }
    }
}
