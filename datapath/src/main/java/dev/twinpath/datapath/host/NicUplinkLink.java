package dev.twinpath.datapath.host;

import dev.twinpath.datapath.steer.SteeringEpoch;
import dev.twinpath.datapath.steer.TxFence;
import dev.twinpath.packet.pool.PacketDescriptor;
import dev.twinpath.vf.nic.PhysicalFunction;
import dev.twinpath.vf.ring.SpscDescriptorRing;
import dev.twinpath.vswitch.PortLink;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The uplink of an External virtual switch, bound to the physical NIC: the switch reads the PF
 * default queue (frames no VF claims) and sends on the PF TX ring. This is where `switch` and
 * `vf-queues` meet, so it lives in `datapath`.
 * <p>
 * It is also the TX fence of moves off the synthetic path ({@link TxFence}): an end marker a guest
 * sent on VMBus reaches the uplink behind the guest's earlier packets; the link records the PF TX ring
 * position behind those packets for the marker's adapter, and the fence passes once the NIC has
 * consumed the ring up to and including the marker. The marker then travels on: the NIC sends TX markers to
 * the wire in order with the frames, where a top-of-rack switch learns from it that every frame the
 * adapter sent through this host before it has reached the rack (what a live migration waits for);
 * a plain wire peer skips it.
 * <p>
 * Threads: {@link #receive} and {@link #transmit} on the switch's thread; {@link #passed} on the
 * guest threads. Fence slots: the switch thread stores the position then releases the epoch
 * (pair (F)); a guest acquires the epoch, then reads the position and the NIC's consumer index
 * (an acquire inside {@link SpscDescriptorRing#consumerPosition()}).
 */
public final class NicUplinkLink implements PortLink, TxFence
{
    private final PhysicalFunction pf;
    private final SpscDescriptorRing pfDefault;
    private final SpscDescriptorRing pfTx;
    private final AtomicLongArray fenceEpoch = new AtomicLongArray(SteeringEpoch.MAX_ADAPTERS);
    private final AtomicLongArray fencePosition = new AtomicLongArray(SteeringEpoch.MAX_ADAPTERS);
    private long markers;

    public NicUplinkLink(final PhysicalFunction pf)
    {
        this.pf = pf;
        this.pfDefault = pf.pfDefaultRing();
        this.pfTx = pf.pfTxRing();
        for (int i = 0; i < SteeringEpoch.MAX_ADAPTERS; i++)
        {
            fenceEpoch.set(i, -1);
        }
    }

    @Override
    public int receive(final long[] into, final int offset, final int max)
    {
        return pfDefault.dequeueBurst(into, offset, max);
    }

    @Override
    public int transmit(final long[] descriptors, final int offset, final int count)
    {
        int taken = 0;
        while (taken < count)
        {
            int run = 0;
            while (taken + run < count && !PacketDescriptor.isMarker(descriptors[offset + taken + run]))
            {
                run++;
            }
            if (run > 0)
            {
                final int n = pfTx.enqueueBurst(descriptors, offset + taken, run);
                taken += n;
                if (n < run)
                {
                    return taken; // the NIC is behind: the switch keeps the rest
                }
            }
            if (taken < count)
            {
                final long marker = descriptors[offset + taken];
                if (!pfTx.offer(marker))
                {
                    return taken; // the marker travels on with the frames: it waits for room like them
                }
                final long epoch = PacketDescriptor.epoch(marker);
                final int adapter = SteeringEpoch.adapter(epoch);
                fencePosition.set(adapter, pfTx.producerPosition());
                fenceEpoch.setRelease(adapter, epoch); // release (F): after the position
                markers++;
                taken++;
            }
        }
        return taken;
    }

    @Override
    public boolean passed(final int adapterIndex, final long epoch)
    {
        if (fenceEpoch.getAcquire(adapterIndex) != epoch) // acquire (F)
        {
            return false;
        }
        return pfTx.consumerPosition() >= fencePosition.get(adapterIndex);
    }

    /** @return TX end markers seen (switch thread's count). */
    public long markers()
    {
        return markers;
    }

    @Override
    public String name()
    {
        return pf.name() + "/uplink";
    }
}
