package dev.twinpath.datapath.lab;

import dev.twinpath.datapath.AdapterCounters;
import dev.twinpath.datapath.NetVscAdapter;
import dev.twinpath.datapath.NetVscContext;
import dev.twinpath.datapath.SwitchTimes;
import dev.twinpath.datapath.event.EventLog;
import dev.twinpath.datapath.migrate.ForwardingChannel;
import dev.twinpath.datapath.rack.RackPort;
import dev.twinpath.datapath.rack.TopOfRackSwitch;
import dev.twinpath.packet.pool.PacketPool;
import org.agrona.concurrent.NanoClock;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * How a {@link Lab} builds its VMs: each VM's adapters (ethK on NIC K of its host, a lab-wide steering
 * index each, the VM's MAC for eth0), their VMBus channels, switch ports and IOV controllers on the host,
 * the guests' NetVSC adapters bound to them, and a guest NIC team over them when the VM has one. A live
 * migration uses {@link #prepare} to build an adapter on its destination before the blackout.
 * <p>
 * Control thread only.
 */
final class LabVms
{
    private final LabContext context;
    private final PacketPool pool;
    private final EventLog events;
    private final NanoClock clock;
    private final SwitchTimes switchTimes;
    private final FlowSteering.Sides sides;
    private final TopOfRackSwitch rack;
    private final Function<HostNic, RackPort> rackPort;
    private final PacketHandler discard;
    private int nextSteeringIndex;

    LabVms(final LabContext context, final PacketPool pool, final EventLog events, final SwitchTimes switchTimes,
        final FlowSteering.Sides sides, final TopOfRackSwitch rack, final Function<HostNic, RackPort> rackPort,
        final PacketHandler discard)
    {
        this.context = context;
        this.pool = pool;
        this.events = events;
        this.clock = context.clock();
        this.switchTimes = switchTimes;
        this.sides = sides;
        this.rack = rack;
        this.rackPort = rackPort;
        this.discard = discard;
    }

    /** Build VM {@code i} (0-based) on {@code host}: its adapters, their ports there, and its guest team. */
    VirtualMachine create(final int i, final Host host)
    {
        final String name = "vm" + (i + 1);
        final long mac = context.vmMac(i);
        final VirtualMachine vm = new VirtualMachine(name, i, mac, discard);
        final TeamSetup team = context.team(i);
        final int count = context.adapterCount(i);
        if (team != null && host.nics().size() < count)
        {
            throw new IllegalArgumentException(name + ": a team over " + count + " adapters needs them on different NICs, " +
                "and host " + host.name() + " has " + host.nics().size());
        }
        if (context.process() != null)
        {
            nextSteeringIndex = i; // a host process builds some of the lab's VMs: each keeps its lab-wide index
        }
        for (int slot = 0; slot < count; slot++)
        {
            if (nextSteeringIndex >= dev.twinpath.datapath.steer.SteeringEpoch.MAX_ADAPTERS)
            {
                throw new IllegalArgumentException("vms: a lab has at most " +
                    dev.twinpath.datapath.steer.SteeringEpoch.MAX_ADAPTERS + " network adapters");
            }
            final VmAdapter adapter = vm.addAdapter("eth" + slot, nextSteeringIndex++, mac + ((long)slot << 16),
                Math.min(slot, host.nics().size() - 1), context.adapterIov(i, slot), team != null);
            place(adapter, host, null, null);
            if (rack != null)
            {
                rack.learn(adapter.mac(), rackPort.apply(adapter.attachment().nic())); // announced when the VM booted
            }
        }
        dev.twinpath.datapath.team.NicTeam nicTeam = null;
        if (team != null)
        {
            final List<dev.twinpath.datapath.team.TeamMember> members = new ArrayList<>();
            for (final VmAdapter adapter : vm.adapters())
            {
                members.add(new LabTeamMember(adapter, rack == null ? null : rackPort.apply(adapter.attachment().nic())));
            }
            nicTeam = new dev.twinpath.datapath.team.NicTeam(new dev.twinpath.datapath.team.NicTeamContext()
                .name(team.name()).mode(team.mode()).members(members.toArray(new dev.twinpath.datapath.team.TeamMember[0]))
                .announceIpv4(0x0A00_0001 + i), pool, events.forSource(name + "/" + team.name()), clock);
            vm.team(nicTeam);
        }
        return vm;
    }

    /**
     * Build VM {@code i} (0-based) of a host process without placing it: the VM arriving by live migration from
     * another process, its one adapter keeping the lab-wide steering index {@code i}; {@link #prepare} places it.
     */
    VirtualMachine arriving(final int i)
    {
        final VirtualMachine vm = new VirtualMachine("vm" + (i + 1), i, context.vmMac(i), discard);
        vm.addAdapter("eth0", i, context.vmMac(i), 0, context.adapterIov(i, 0), false);
        return vm;
    }

    /**
     * Attach {@code adapter} to {@code host}: a channel, port and IOV controller on its NIC there, and a
     * guest adapter bound to them ({@code carried}: the counters of the adapter it had before a migration).
     */
    private HostNic.Attachment place(final VmAdapter adapter, final Host host, final ForwardingChannel inbound,
        final AdapterCounters carried)
    {
        return prepare(adapter, host, inbound, carried).apply();
    }

    /**
     * Build {@code adapter} on {@code host} (channel, port link, guest adapter) without putting it on the
     * switch: a live migration prepares its destination before the blackout and applies it during it.
     */
    Placement prepare(final VmAdapter adapter, final Host host, final ForwardingChannel inbound, final AdapterCounters carried)
    {
        final HostNic nic = host.nic(Math.min(adapter.nicIndex(), host.nics().size() - 1));
        final HostNic.Prepared prepared = nic.prepare(adapter.vm().name(), adapter.name(), inbound);
        final NetVscContext adapterContext = context.adapterTemplate().copy().name(adapter.fullName()).host(host.name())
            .index(adapter.steeringIndex()).mac(adapter.mac()).burst(context.burst());
        final NetVscAdapter guest = new NetVscAdapter(adapterContext, pool, prepared.channel().guest(), host.directory(),
            nic.uplink(), events.forSource(adapter.vm().name() + "/netvsc"), clock, switchTimes, carried);
        return new Placement(adapter, nic, prepared, guest, sides);
    }

    /** A VM adapter built on a host, ready to be connected and swapped in. Control thread. */
    static final class Placement
    {
        private final VmAdapter slot;
        private final HostNic nic;
        private final HostNic.Prepared prepared;
        private final NetVscAdapter adapter;
        private final FlowSteering.Sides sides;
        private HostNic.Attachment attachment;

        Placement(final VmAdapter slot, final HostNic nic, final HostNic.Prepared prepared, final NetVscAdapter adapter,
            final FlowSteering.Sides sides)
        {
            this.slot = slot;
            this.nic = nic;
            this.prepared = prepared;
            this.adapter = adapter;
            this.sides = sides;
        }

        /** @return the prepared port link (the destination's, during a migration). */
        dev.twinpath.datapath.migrate.VmPortLink link()
        {
            return prepared.link();
        }

        /** Put the port on the switch, register its IOV, and make it the VM adapter's. @return the attachment. */
        HostNic.Attachment apply()
        {
            attachment = nic.connect(prepared, slot.steeringIndex(), slot.mac(), slot.iovSettings(),
                slot.teamed() ? slot.vm().mac() : -1);
            slot.place(attachment, adapter, new FlowSteering(adapter, attachment.controller(), sides));
            return attachment;
        }

        /** Forget a placement that was never applied (a migration that gave up): its channel goes. */
        void discard()
        {
            if (attachment == null)
            {
                prepared.channel().close();
            }
        }
    }
}
