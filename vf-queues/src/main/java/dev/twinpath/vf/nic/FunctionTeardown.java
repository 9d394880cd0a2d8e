package dev.twinpath.vf.nic;

import dev.twinpath.packet.pool.PacketDescriptor;
import dev.twinpath.packet.pool.PoolCache;
import dev.twinpath.vf.ring.SpscDescriptorRing;

import java.util.function.LongConsumer;

/**
 * Emptying a virtual function's queues: the function-level reset (every buffer back to the pool,
 * counted) and the surprise removal (what it held, reported). Called by {@link PhysicalFunction}
 * with the NIC lock held, so the NIC agent is not running; the RX rings are drained only once the
 * guest has stopped using the function (the states the callers check guarantee it).
 */
final class FunctionTeardown
{
    private FunctionTeardown()
    {
    }

    /**
     * Empty every queue of {@code vf} and free every packet, counted as DROP_RESET.
     *
     * @return packets freed.
     */
    static int reset(final VirtualFunction vf, final PoolCache cache, final long[] buffer)
    {
        final int[] freed = new int[1];
        final LongConsumer free = d ->
        {
            if (!PacketDescriptor.isMarker(d))
            {
                cache.free(PacketDescriptor.handle(d));
                freed[0]++;
            }
        };
        for (final QueuePair qp : vf.queuePairs)
        {
            qp.egress().discard(free);
            drain(qp.rxRing(), buffer, free);
            drain(qp.txRing(), buffer, free);
        }
        vf.counters().add(NicCounter.DROP_RESET, freed[0]);
        return freed[0];
    }

    /**
     * Stop {@code vf} at once: its queues answer the guest FUNCTION_REMOVED, what was staged for it is
     * dropped (counted as DROP_SURPRISE_REMOVAL) and listed, its TX rings are handed back whole.
     */
    static SurpriseRemovalReport surpriseRemove(final VirtualFunction vf, final PoolCache cache, final long[] buffer)
    {
        final SurpriseRemovalReport report = new SurpriseRemovalReport(vf.id(), vf.queuePairs.length);
        for (final QueuePair qp : vf.queuePairs)
        {
            qp.markRemoved();
            qp.egress().discard(d ->
            {
                if (!PacketDescriptor.isMarker(d))
                {
                    report.rxDropped().addLong(d);
                    cache.free(PacketDescriptor.handle(d));
                }
            });
            drain(qp.txRing(), buffer, report.txReturned()::addLong);
            report.rxHeld(qp.index(), qp.rxRing().size());
        }
        vf.counters().add(NicCounter.DROP_SURPRISE_REMOVAL, report.rxDropped().size());
        return report;
    }

    static void drain(final SpscDescriptorRing ring, final long[] buffer, final LongConsumer sink)
    {
        int n;
        while ((n = ring.dequeueBurst(buffer, 0, buffer.length)) > 0)
        {
            for (int i = 0; i < n; i++)
            {
                sink.accept(buffer[i]);
            }
        }
    }
}
