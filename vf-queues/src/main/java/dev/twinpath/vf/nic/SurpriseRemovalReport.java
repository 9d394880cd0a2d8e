package dev.twinpath.vf.nic;

import org.agrona.collections.LongArrayList;

/**
 * What a surprise-removed virtual function held at the instant it vanished: the TX descriptors the
 * guest had queued but the NIC had not sent (handed back to the caller, packets still allocated, to
 * be re-sent on the synthetic path), the RX packets the NIC had classified to it but not yet queued
 * (dropped and counted), and, per queue, how many descriptors its RX rings held (the guest reclaims
 * those with {@link QueuePair#reclaimAfterRemoval(long[])}).
 * <p>
 * Built on the thread that removed the function, under the NIC lock; read-only afterwards.
 */
public final class SurpriseRemovalReport
{
    private final int vfId;
    private final LongArrayList txReturned = new LongArrayList();
    private final LongArrayList rxDropped = new LongArrayList();
    private final long[] rxHeldPerQueue;

    SurpriseRemovalReport(final int vfId, final int queues)
    {
        this.vfId = vfId;
        this.rxHeldPerQueue = new long[queues];
    }

    public int vfId()
    {
        return vfId;
    }

    /** @return TX descriptors given back for re-sending (the caller owns the packets). */
    public LongArrayList txReturned()
    {
        return txReturned;
    }

    /** @return RX descriptors that were staged for the function and dropped (packets freed, counted). */
    public LongArrayList rxDropped()
    {
        return rxDropped;
    }

    /** @return descriptors each RX ring held at removal, for the guest to reclaim. */
    public long rxHeld(final int queue)
    {
        return rxHeldPerQueue[queue];
    }

    void rxHeld(final int queue, final long count)
    {
        rxHeldPerQueue[queue] = count;
    }

    public long rxHeldTotal()
    {
        long sum = 0;
        for (final long n : rxHeldPerQueue)
        {
            sum += n;
        }
        return sum;
    }

    @Override
    public String toString()
    {
        return "SurpriseRemovalReport{vf=" + vfId + ", txReturned=" + txReturned.size() + ", rxDropped=" +
            rxDropped.size() + ", rxHeld=" + rxHeldTotal() + "}";
    }
}
