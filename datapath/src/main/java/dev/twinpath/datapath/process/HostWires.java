package dev.twinpath.datapath.process;

import dev.twinpath.datapath.migrate.ForwardingChannel;
import dev.twinpath.datapath.wire.AeronWire;
import dev.twinpath.datapath.wire.WireReceiver;
import dev.twinpath.datapath.wire.WireSender;
import dev.twinpath.packet.pool.PacketDescriptor;
import dev.twinpath.packet.pool.PacketPool;
import dev.twinpath.packet.pool.PoolCache;
import dev.twinpath.vf.nic.PhysicalFunction;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.DynamicCompositeAgent;

import java.util.List;
import java.util.function.Consumer;

/**
 * A host process's Aeron wires, run as agents on its lab's thread: the downlink (rack to the NIC's wire RX ring),
 * the uplink (the NIC's wire TX ring to the rack), the frames forwarded to it during a migration (into the arriving
 * VM's inbound channel), and a forward sender per migration leaving it (added and removed while the lab runs).
 * <p>
 * Built on the control thread when the lab is; the agents run on the lab's thread; {@link #inbound} is a volatile
 * hand-over between the two.
 */
final class HostWires
{
    private final AeronWire wire;
    private final LabAddresses addresses;
    private final int index;
    private final Consumer<PacketPool> onPool;
    private final DynamicCompositeAgent forwardOut = new DynamicCompositeAgent("forward-out");
    private PacketPool pool;
    private PoolCache strayCache;
    private WireReceiver downlink;
    private WireSender uplinkSender;
    private WireReceiver forwardIn;
    private volatile ForwardingChannel inbound;
    private volatile long strayForwarded;

    HostWires(final AeronWire wire, final LabAddresses addresses, final int index, final Consumer<PacketPool> onPool)
    {
        this.wire = wire;
        this.addresses = addresses;
        this.index = index;
        this.onPool = onPool;
    }

    List<Agent> uplink(final PhysicalFunction hostNic, final PacketPool labPool)
    {
        onPool.accept(labPool);
        strayCache = labPool.newCache();
        pool = labPool;
        final String own = addresses.hostChannel(index);
        downlink = wire.newReceiver(labPool, hostNic.wireRxRing()::enqueueBurst, own, LabAddresses.downlink(index));
        uplinkSender = wire.newSender(labPool, addresses.rackChannel(), LabAddresses.uplink(index));
        uplinkSender.source(hostNic.wireTxRing()::dequeueBurst);
        forwardIn = wire.newReceiver(labPool, this::onForwarded, own, LabAddresses.forwardTo(index));
        return List.of(downlink, uplinkSender, forwardIn, forwardOut);
    }

    /** Frames forwarded from a migration's source process: into the arriving VM's inbound channel. Lab thread. */
    private int onForwarded(final long[] descriptors, final int offset, final int count)
    {
        final ForwardingChannel channel = inbound;
        if (channel != null)
        {
            return channel.offer(descriptors, offset, count);
        }
        for (int i = offset; i < offset + count; i++)
        {
            if (PacketDescriptor.isPacket(descriptors[i]))
            {
                strayCache.free(PacketDescriptor.handle(descriptors[i])); // no migration waits for them: counted
                strayForwarded = strayForwarded + 1; // single writer: the lab thread
            }
        }
        return count;
    }

    /** Frames forwarded to this process go into {@code channel} from now on (null: none expected). */
    void inbound(final ForwardingChannel channel)
    {
        inbound = channel;
    }

    /** @return a sender of frames forwarded to host {@code destination}, running on the lab thread. */
    WireSender forwardSender(final int destination, final ForwardingChannel channel)
    {
        final WireSender sender = wire.newSender(pool, addresses.hostChannel(destination), LabAddresses.forwardTo(destination));
        sender.source(channel::poll);
        DynamicAgents.add(forwardOut, sender);
        return sender;
    }

    /** Stop a forward sender (its channel drained); it is closed on the lab thread. */
    void removeForwardSender(final WireSender sender)
    {
        DynamicAgents.remove(forwardOut, sender);
    }

    WireReceiver downlink()
    {
        return downlink;
    }

    WireSender uplinkSender()
    {
        return uplinkSender;
    }

    /** @return forwarded frames that came with no migration waiting for them (freed). Any thread. */
    long strayForwarded()
    {
        return strayForwarded;
    }

    /** Give the wires' cached buffers back (the lab drained: a quiescent point). */
    void flushCaches()
    {
        downlink.flushCache();
        uplinkSender.flushCache();
        forwardIn.flushCache();
        strayCache.flush();
    }
}
