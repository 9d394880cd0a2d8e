package dev.twinpath.datapath.lab;

import dev.twinpath.datapath.event.EventLog;
import dev.twinpath.datapath.host.IovHostAgent;
import dev.twinpath.datapath.host.IovPortController;
import dev.twinpath.datapath.host.NicUplinkLink;
import dev.twinpath.datapath.host.VfDirectory;
import dev.twinpath.datapath.hyperv.AdapterIovSettings;
import dev.twinpath.datapath.hyperv.AdapterIovStatus;
import dev.twinpath.datapath.hyperv.VmSwitchIov;
import dev.twinpath.packet.pool.PacketPool;
import dev.twinpath.vf.nic.PhysicalFunction;
import dev.twinpath.vswitch.VirtualSwitch;
import org.agrona.concurrent.Agent;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One Hyper-V host of a {@link Lab}: its platform ({@link HostConfig}), one or more SR-IOV NICs each with
 * the External virtual switch bound to it ({@link HostNic}; a guest can team adapters on two of them),
 * and the IOV service that offers and revokes VFs for every adapter attached to it
 * ({@link IovHostAgent}). A VM that live-migrates is detached from one host and attached to another.
 * The single-NIC accessors ({@link #nic()}, {@link #virtualSwitch()}, ...) are the first NIC's.
 * <p>
 * Threads: built, attached and detached from the lab's control thread; its agents ({@link #agents()})
 * run on the host side of the lab's threading mode.
 */
public final class Host
{
    private final HostConfig config;
    private final VfDirectory directory = new VfDirectory();
    private final IovHostAgent iovService;
    private final List<HostNic> nics = new ArrayList<>();
    private volatile boolean down; // written by the control thread (LabFaults), read by a migration's waits

    Host(final HostConfig config, final LabContext lab, final PacketPool pool, final EventLog events,
        final Consumer<Throwable> onError)
    {
        this.config = config.conclude();
        this.iovService = new IovHostAgent(lab.clock());
        for (int i = 0; i < config.nics(); i++)
        {
            nics.add(new HostNic(this, i, lab, pool, events, onError));
        }
    }

    /** @return true while the host is down (a fault: {@link LabFaults#hostDown}). Any thread. */
    public boolean isDown()
    {
        return down;
    }

    void down(final boolean isDown)
    {
        down = isDown;
    }

    public String name()
    {
        return config.name();
    }

    public HostConfig config()
    {
        return config;
    }

    /** @return the host's NICs (each with its switch), the first being the one the single-NIC accessors use. */
    public List<HostNic> nics()
    {
        return List.copyOf(nics);
    }

    public HostNic nic(final int index)
    {
        return nics.get(index);
    }

    public PhysicalFunction nic()
    {
        return nics.get(0).nic();
    }

    public NicUplinkLink uplink()
    {
        return nics.get(0).uplink();
    }

    public VirtualSwitch virtualSwitch()
    {
        return nics.get(0).virtualSwitch();
    }

    public VfDirectory directory()
    {
        return directory;
    }

    public IovHostAgent iovService()
    {
        return iovService;
    }

    /** @return true when an adapter on this host's first NIC can be given a VF. */
    public boolean iovUsable()
    {
        return nics.get(0).iovUsable();
    }

    /** @return the sentences of the first switch's IovSupportReasons (empty when {@link #iovUsable()}). */
    public List<String> iovUnusableReasons()
    {
        return nics.get(0).iovUnusableReasons();
    }

    /** @return the first switch's IOV view with the VFs in use now. */
    public VmSwitchIov switchIov()
    {
        return nics.get(0).switchIov();
    }

    /** @return the NIC an adapter named {@code adapterName} (e.g. {@code vm1/eth0}) is attached to, or null. */
    public HostNic nicOf(final String adapterName)
    {
        for (final HostNic nic : nics)
        {
            if (nic.hasAdapter(adapterName))
            {
                return nic;
            }
        }
        return null;
    }

    /** @return the status of an attached adapter ({@code Get-VMNetworkAdapter | Format-List}). */
    public AdapterIovStatus adapterStatus(final String vmName, final String adapterName)
    {
        return nicOrFail(adapterName).adapterStatus(vmName, adapterName);
    }

    /** Ask a VF for an attached adapter (see {@link HostNic#requestVf}). IOV service thread. */
    public boolean requestVf(final IovPortController controller, final long nowNanos)
    {
        return nicOrFail(controller.adapterName()).requestVf(controller, nowNanos);
    }

    /** {@code Set-VMNetworkAdapter -IovWeight} (see {@link HostNic#setIovWeight}). IOV service thread. */
    public void setIovWeight(final String adapterName, final int weight, final long nowNanos)
    {
        nicOrFail(adapterName).setIovWeight(adapterName, weight, nowNanos);
    }

    /** {@code Set-VMNetworkAdapter -IovQueuePairsRequested} (see {@link HostNic#setQueuePairsRequested}). IOV service thread. */
    public AdapterIovSettings.Grant setQueuePairsRequested(final String adapterName, final int queuePairs)
    {
        return nicOrFail(adapterName).setQueuePairsRequested(adapterName, queuePairs);
    }

    private HostNic nicOrFail(final String adapterName)
    {
        final HostNic nic = nicOf(adapterName);
        if (nic == null)
        {
            throw new IllegalArgumentException("host " + name() + " has no adapter '" + adapterName + "'");
        }
        return nic;
    }

    /** @return the agents of this host: each NIC and switch (the IOV service is grouped by the lab). */
    List<Agent> agents()
    {
        final List<Agent> agents = new ArrayList<>();
        for (final HostNic nic : nics)
        {
            agents.addAll(nic.agents());
        }
        return agents;
    }

    @Override
    public String toString()
    {
        return name() + " " + nics;
    }
}
