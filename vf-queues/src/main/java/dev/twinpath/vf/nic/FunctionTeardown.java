package dev.twinpath.vf.nic;

import dev.twinpath.packet.pool.PacketDescriptor;
import dev.twinpath.packet.pool.PoolCache;
import dev.twinpath.vf.ring.SpscDescriptorRing;

import java.util.function.LongConsumer;

/**
 * Emptying a virtual function's queues: the function-level reset (every buffer back to the pool,
 * counted) and the surprise removal (what it held, reported). Called by {@link PhysicalFunction}
 * with the NIC lock held, so the NIC agent is not running; each queue pair is first detached from
 * the guest with a handshake, so the control thread is then the only one touching its rings.
 */
final class FunctionTeardown
{
    private FunctionTeardown()
    {
    }

    /**
     * Reset {@code vf}: its queue pairs are detached from the guest (their calls answer
     * FUNCTION_REMOVED from then on, see {@link QueuePair#detach()}), every queue is emptied and
     * every packet freed, and the VF gets fresh queue pairs. Counted: staged RX as DROP_RX_RESET,
     * delivered RX still in a ring as RX_RECLAIMED, queued TX as TX_PACKETS and DROP_TX_RESET.
     *
     * @return packets freed.
     */
    static int reset(final VirtualFunction vf, final PoolCache cache, final long[] buffer)
    {
        int freed = 0;
        for (final QueuePair qp : vf.queuePairs)
        {
            qp.detach();
            qp.takeOverRx();
            final int[] counts = new int[3];
            qp.egress().discard(d -> counts[0] += free(cache, d));
            drain(qp.rxRing(), buffer, d -> counts[1] += free(cache, d));
            final long[] txBytes = new long[1];
            drain(qp.txRing(), buffer, d ->
            {
                if (!PacketDescriptor.isMarker(d))
                {
                    txBytes[0] += PacketDescriptor.length(d);
                }
                counts[2] += free(cache, d);
            });
            for (final FunctionCounters c : new FunctionCounters[]{vf.counters(), qp.counters()})
            {
                c.add(NicCounter.DROP_RX_RESET, counts[0]);
                c.add(NicCounter.RX_RECLAIMED, counts[1]);
                c.add(NicCounter.TX_PACKETS, counts[2]);
                c.add(NicCounter.TX_BYTES, txBytes[0]);
                c.add(NicCounter.DROP_TX_RESET, counts[2]);
            }
            freed += counts[0] + counts[1] + counts[2];
        }
        return freed;
    }

    private static int free(final PoolCache cache, final long d)
    {
        if (PacketDescriptor.isMarker(d))
        {
            return 0;
        }
        cache.free(PacketDescriptor.handle(d));
        return 1;
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
            qp.detach(); // no guest call is under way from here on: the report is exact
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
        vf.counters().add(NicCounter.DROP_RX_SURPRISE_REMOVAL, report.rxDropped().size());
        return report;
    }

    /** Close TX admission on every queue of the VF: the guest's next send answers FUNCTION_REVOKED. */
    static void closeTx(final VirtualFunction vf)
    {
        for (final QueuePair qp : vf.queuePairs)
        {
            qp.closeTx();
        }
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
