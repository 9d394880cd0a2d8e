package dev.twinpath.datapath.lab;

import dev.twinpath.datapath.event.EventLog;
import dev.twinpath.datapath.rack.RackPort;
import dev.twinpath.datapath.rack.TopOfRackSwitch;
import dev.twinpath.packet.pool.PacketPool;
import dev.twinpath.vf.nic.PhysicalFunction;
import dev.twinpath.vf.ring.SpscDescriptorRing;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.CompositeAgent;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The physical side of a {@link Lab}: its hosts (NICs, switches, IOV services), the wire peer, and — when
 * there are two NICs or more — the top-of-rack switch with a cable to each NIC and to the peer. A lab of
 * one host with one NIC cables the peer straight to the NIC.
 * <p>
 * Built and read on the control thread; its agents run on the host side of the lab's threading mode.
 */
final class LabFabric
{
    private final List<Host> hosts = new ArrayList<>();
    private final TopOfRackSwitch rack;
    private final WirePeer peer;
    private final List<SpscDescriptorRing> cables = new ArrayList<>();
    private final List<Agent> uplinkAgents = new ArrayList<>();

    LabFabric(final LabContext context, final PacketPool pool, final EventLog events, final Consumer<Throwable> onError)
    {
        final LabProcess process = context.process();
        for (final HostConfig config : context.hosts())
        {
            if (process == null || process.hostName().equals(config.name()))
            {
                hosts.add(new Host(config, context, pool, events, onError));
            }
        }
        if (process != null)
        {
            rack = null; // the rack runs in a process of its own; the NIC's cable is this process's uplink
            peer = null;
            uplinkAgents.addAll(process.uplink().apply(hosts.get(0).nic(), pool));
        }
        else if (hosts.size() == 1 && hosts.get(0).nics().size() == 1)
        {
            rack = null;
            final PhysicalFunction nic = hosts.get(0).nic();
            peer = new WirePeer(nic.wireRxRing(), nic.wireTxRing(), context.clock(), context.burst(), pool);
        }
        else
        {
            rack = new TopOfRackSwitch(context.rackName(), pool, events.forSource(context.rackName()), context.burst());
            final SpscDescriptorRing peerOut = new SpscDescriptorRing(context.ringCapacity());
            final SpscDescriptorRing peerIn = new SpscDescriptorRing(context.ringCapacity());
            peer = new WirePeer(peerOut, peerIn, context.clock(), context.burst(), pool);
            rack.learn(context.peerMac(), rack.connect("peer", peerOut, peerIn));
            cables.add(peerOut);
            cables.add(peerIn);
            for (final HostNic nic : nics())
            {
                rack.connect(nic.name(), nic.nic().wireTxRing(), nic.nic().wireRxRing());
            }
        }
        for (final HostNic nic : nics())
        {
            nic.virtualSwitch().addStaticMac(context.peerMac(), 0, nic.virtualSwitch().uplink());
        }
    }

    List<Host> hosts()
    {
        return hosts;
    }

    /** @return every NIC of every host. */
    List<HostNic> nics()
    {
        final List<HostNic> nics = new ArrayList<>();
        hosts.forEach(host -> nics.addAll(host.nics()));
        return nics;
    }

    TopOfRackSwitch rack()
    {
        return rack;
    }

    /** @return the wire peer. @throws IllegalStateException in a host process: its NIC's cable is the uplink to the rack. */
    WirePeer requirePeer()
    {
        if (peer == null)
        {
            throw new IllegalStateException("a host process has no wire peer: its NIC's cable is the uplink to the rack process");
        }
        return peer;
    }

    /** @return the wire peer, or null in a host process (the peer runs with the rack). */
    WirePeer peer()
    {
        return peer;
    }

    /** @return the peer's cables to the rack (empty without a rack): rings the quiescence check watches. */
    List<SpscDescriptorRing> cables()
    {
        return cables;
    }

    /** @return the rack port {@code nic} is cabled to. @throws IllegalStateException without a rack. */
    RackPort rackPort(final HostNic nic)
    {
        if (rack == null)
        {
            throw new IllegalStateException("a lab of one host and one NIC has no rack switch");
        }
        for (final RackPort port : rack.ports())
        {
            if (port.name().equals(nic.name()))
            {
                return port;
            }
        }
        throw new IllegalStateException("NIC " + nic.name() + " has no rack port");
    }

    /**
     * The host side of the lab: each host's NICs and switches, the hosts' IOV services (one agent for all
     * of them, so that a duty or command may call the controller of a VM on any host), the rack switch, and
     * the wire peer, which runs with the NICs (the frames it builds and checks are the NICs' to touch
     * next, and the guests' thread already carries every VM packet: measured, with traffic both ways the
     * guests' thread no longer falls behind).
     */
    List<Agent> hostSideAgents()
    {
        final List<Agent> agents = new ArrayList<>();
        final List<Agent> iov = new ArrayList<>();
        for (final Host host : hosts)
        {
            agents.addAll(host.agents());
            iov.add(host.iovService());
        }
        agents.add(iov.size() == 1 ? iov.get(0) : new CompositeAgent(iov));
        if (rack != null)
        {
            agents.add(rack);
        }
        if (peer != null)
        {
            agents.add(peer);
        }
        agents.addAll(uplinkAgents);
        return agents;
    }

    /** Return the NICs', the rack's and the peer's cached buffers to the pool (quiescent point). */
    void flushCaches()
    {
        nics().forEach(nic -> nic.nic().flushCaches());
        if (rack != null)
        {
            rack.flushCaches();
        }
        if (peer != null)
        {
            peer.flushCache();
        }
    }

    void close()
    {
        nics().forEach(nic -> nic.virtualSwitch().close());
    }
}
