package dev.twinpath.vf.nic;

import dev.twinpath.packet.pool.PacketDescriptor;

import java.util.concurrent.locks.ReentrantLock;

/**
 * The RX filter moves of a {@link PhysicalFunction} (its public methods delegate here): the MAC filter
 * and the flow rules that decide whether a VF's frames reach the VF or the PF default queue, each
 * move leaving an end marker behind the last frame of the queue it leaves. Each takes the PF lock, so
 * it lands between two bursts of the NIC agent.
 * <p>
 * Control threads (under the PF lock).
 */
final class RxFilterMoves
{
    private final ReentrantLock lock;
    private final EmbeddedSwitch embeddedSwitch;
    private final EgressQueue pfDefault;
    private final org.agrona.collections.LongHashSet hostMacs = new org.agrona.collections.LongHashSet();

    RxFilterMoves(final ReentrantLock lock, final EmbeddedSwitch embeddedSwitch, final EgressQueue pfDefault)
    {
        this.lock = lock;
        this.embeddedSwitch = embeddedSwitch;
        this.pfDefault = pfDefault;
    }

    /** Point {@code vf}'s MAC, and its secondary MAC when it has one, at {@code function}. Under the PF lock. */
    void steer(final VirtualFunction vf, final long function)
    {
        embeddedSwitch.macTable.put(vf.mac, function);
        if (vf.secondaryMac >= 0)
        {
            embeddedSwitch.macTable.put(vf.secondaryMac, function);
        }
    }

    /**
     * Register ({@code add}) or forget a MAC the host switch behind the PF serves (a VM's synthetic path), so
     * that a VF's frame to it is hairpinned to the PF default queue instead of leaving on the wire. A VF
     * assigned that MAC later takes it over; when the VF is released it returns to the PF. Takes the PF lock.
     */
    void hostMac(final long mac, final boolean add)
    {
        lock.lock();
        try
        {
            if (add)
            {
                hostMacs.add(mac);
                embeddedSwitch.macTable.putIfAbsent(mac, EmbeddedSwitch.PF_FUNCTION);
            }
            else if (hostMacs.remove(mac) && embeddedSwitch.macTable.get(mac) == EmbeddedSwitch.PF_FUNCTION)
            {
                embeddedSwitch.macTable.remove(mac);
            }
        }
        finally
        {
            lock.unlock();
        }
    }

    /** A released VF lets go of its MACs: a host MAC returns to the PF, another is forgotten. Under the PF lock. */
    void forgetMacs(final VirtualFunction vf, final long pfMac)
    {
        for (final long m : new long[] {vf.mac, vf.secondaryMac})
        {
            if (m > 0 && m != pfMac)
            {
                if (hostMacs.contains(m))
                {
                    embeddedSwitch.macTable.put(m, EmbeddedSwitch.PF_FUNCTION);
                }
                else
                {
                    embeddedSwitch.macTable.remove(m);
                }
            }
        }
        vf.secondaryMac = -1;
    }

    /** @throws IovException MAC_IN_USE when a MAC of {@code config} is already used on the PF {@code pf}. Under the PF lock. */
    void checkMacsFree(final VfConfig config, final String pf)
    {
        for (final long mac : new long[] {config.mac, config.secondaryMac})
        {
            final long owner = mac >= 0 ? embeddedSwitch.macTable.get(mac) : EmbeddedSwitch.NO_FUNCTION;
            if (owner != EmbeddedSwitch.NO_FUNCTION && !(owner == EmbeddedSwitch.PF_FUNCTION && hostMacs.contains(mac)))
            {
                throw new IovException(IovException.Reason.MAC_IN_USE, "MAC " +
                    dev.twinpath.packet.codec.AddressFormat.mac(mac) + " is already used on " + pf);
            }
        }
    }

    /**
     * Steer the VF's RX traffic to the PF default queue (the synthetic path) without revoking it: the
     * filter goes and an end marker of {@code epoch} follows the last frame in each of its RX queues
     * (even when the filter had gone already, so a receiver waiting for the marker always gets it).
     */
    void moveMacToPf(final VirtualFunction vf, final long epoch)
    {
        lock.lock();
        try
        {
            PhysicalFunction.requireState(vf, VfState.ACTIVE, "moveMacToPf");
            steer(vf, EmbeddedSwitch.PF_FUNCTION);
            vf.rxSteeredToPf = true;
            stageEndMarkers(vf, epoch); // also when already on the PF: the receiver can always wait for it
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Steer the MAC back to the VF; the end marker left in the PF default queue carries
     * {@code markerPort} in its port field, so the listener there (the host switch) can route it to
     * the port of the VM that owns the VF.
     */
    void moveMacToVf(final VirtualFunction vf, final long epoch, final int markerPort)
    {
        lock.lock();
        try
        {
            PhysicalFunction.requireState(vf, VfState.ACTIVE, "moveMacToVf");
            if (vf.rxSteeredToPf)
            {
                steer(vf, vf.id());
                vf.rxSteeredToPf = false;
                embeddedSwitch.stage(pfDefault, PacketDescriptor.markerOf(epoch, markerPort), 0);
            }
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Flow rules (like a NIC's n-tuple filters): frames of these flows, named by their RSS hash under
     * the VF's key, go to the PF default queue (the synthetic path) while the MAC stays on the VF. An
     * end marker of {@code epoch} follows the last frame in each of the VF's RX queues (whether or not
     * the MAC is on the VF just now, so a receiver can always wait for it). Flows that share a hash
     * move together.
     */
    void steerFlowsToPf(final VirtualFunction vf, final int[] rssHashes, final int count, final long epoch)
    {
        lock.lock();
        try
        {
            PhysicalFunction.requireState(vf, VfState.ACTIVE, "steerFlowsToPf");
            for (int i = 0; i < count; i++)
            {
                vf.flowsToPf.add(rssHashes[i]);
            }
            stageEndMarkers(vf, epoch); // also while the MAC is on the PF: the VF's queues then end with it anyway
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Remove flow rules: the flows return to the VF; an end marker of {@code epoch} (port field
     * {@code markerPort}) follows the last frame in the PF default queue.
     */
    void steerFlowsToVf(
        final VirtualFunction vf, final int[] rssHashes, final int count, final long epoch, final int markerPort)
    {
        lock.lock();
        try
        {
            PhysicalFunction.requireState(vf, VfState.ACTIVE, "steerFlowsToVf");
            for (int i = 0; i < count; i++)
            {
                vf.flowsToPf.remove(rssHashes[i]);
            }
            embeddedSwitch.stage(pfDefault, PacketDescriptor.markerOf(epoch, markerPort), 0);
        }
        finally
        {
            lock.unlock();
        }
    }

    /** An end marker of {@code epoch} after whatever is queued or staged in each of the VF's RX queues. Under the lock. */
    void stageEndMarkers(final VirtualFunction vf, final long epoch)
    {
        for (final QueuePair qp : vf.queuePairs)
        {
            embeddedSwitch.stage(qp.egress(), PacketDescriptor.marker(epoch, qp.index()), 0);
        }
    }
}
