package dev.twinpath.vf.nic;

import dev.twinpath.vf.ring.OverflowMode;
import dev.twinpath.vf.ring.SpscDescriptorRing;

import java.util.concurrent.atomic.AtomicLong;

/**
 * One queue pair of a virtual function: an RX descriptor ring the NIC fills and the guest empties,
 * and a TX ring the guest fills and the NIC empties, with per-queue counters.
 * <p>
 * Threads: {@link #receive} and {@link #send} are the guest's (the RX consumer and TX producer);
 * the NIC agent is the RX producer and TX consumer. The control thread detaches the guest with a
 * handshake (D) before it touches the guest's side of a ring: after a surprise removal
 * {@link #receive} answers {@link #FUNCTION_REMOVED}, and the guest thread, still the only RX
 * consumer, hands what the queue held back through {@link #reclaimAfterRemoval(long[])}; after a
 * planned removal {@link #send} answers {@link #FUNCTION_REVOKED}.
 */
public final class QueuePair
{
    /** Returned by {@link #receive}/{@link #send} once the function has been surprise-removed or reset. */
    public static final int FUNCTION_REMOVED = -1;
    /** Returned by {@link #send} once a planned removal has closed TX. */
    public static final int FUNCTION_REVOKED = -2;

    private final int index;
    private final SpscDescriptorRing rx;
    private final SpscDescriptorRing tx;
    private final FunctionCounters counters;
    private final EgressQueue egress;
    private volatile boolean removed;
    private volatile boolean txClosed;
    private volatile boolean rxTakenOver;
    private final GuestHandshake guest = new GuestHandshake(); // (D) flags, on a cache line of their own
    private final AtomicLong reclaimed = new AtomicLong();

    QueuePair(
        final String name,
        final int index,
        final int ringCapacity,
        final int burst,
        final FunctionCounters functionCounters,
        final OverflowMode overflowMode)
    {
        this.index = index;
        this.rx = new SpscDescriptorRing(ringCapacity);
        this.tx = new SpscDescriptorRing(ringCapacity);
        this.counters = new FunctionCounters(name + "/q" + index);
        this.egress = new EgressQueue(rx, burst, functionCounters, counters, overflowMode, EgressQueue.Kind.RX);
    }

    public int index()
    {
        return index;
    }

    /** @return the RX ring: the guest is its consumer. */
    public SpscDescriptorRing rxRing()
    {
        return rx;
    }

    /** @return the TX ring: the guest is its producer. */
    public SpscDescriptorRing txRing()
    {
        return tx;
    }

    public FunctionCounters counters()
    {
        return counters;
    }

    /** @return what this RX queue does when full: drop and count, or back-pressure. */
    public OverflowMode overflowMode()
    {
        return egress.overflowMode();
    }

    /**
     * Guest thread: take up to {@code max} received descriptors (packets and markers, in order).
     *
     * @return how many, or {@link #FUNCTION_REMOVED}.
     */
    public int receive(final long[] dst, final int offset, final int max)
    {
        guest.rxBusy = true; // handshake (D): a volatile store, then the volatile load of removed
        try
        {
            return removed ? FUNCTION_REMOVED : rx.dequeueBurst(dst, offset, max);
        }
        finally
        {
            guest.rxDone(); // release (D'): the call's ring accesses before the flag clears
        }
    }

    /**
     * Guest thread: hand descriptors to the NIC for transmission; what does not fit stays with the
     * caller (lossless).
     *
     * @return how many were queued, {@link #FUNCTION_REVOKED} once a planned removal has closed TX
     * (send on the synthetic path instead), or {@link #FUNCTION_REMOVED}.
     */
    public int send(final long[] src, final int offset, final int count)
    {
        guest.txBusy = true; // handshake (D)
        try
        {
            if (removed)
            {
                return FUNCTION_REMOVED;
            }
            return txClosed ? FUNCTION_REVOKED : tx.enqueueBurst(src, offset, count);
        }
        finally
        {
            guest.txDone(); // release (D')
        }
    }

    /**
     * Guest thread, after {@link #receive} answered {@link #FUNCTION_REMOVED}: take every descriptor
     * the RX queue still held when the function vanished. The caller now owns them (and frees the
     * packets); they count as lost to the removal. Returns 0 once a reset has taken the queue over.
     *
     * @return how many were written to {@code dst} (call again while it returns dst.length).
     */
    public int reclaimAfterRemoval(final long[] dst)
    {
        if (!removed)
        {
            throw new IllegalStateException("queue " + index + " was not surprise-removed");
        }
        guest.rxBusy = true; // handshake (D)
        try
        {
            if (rxTakenOver)
            {
                return 0;
            }
            final int n = rx.dequeueBurst(dst, 0, dst.length);
            reclaimed.addAndGet(n);
            return n;
        }
        finally
        {
            guest.rxDone(); // release (D'): the call's ring accesses before the flag clears
        }
    }

    /** @return descriptors reclaimed after removal so far. Any thread. */
    public long reclaimedAfterRemoval()
    {
        return reclaimed.get();
    }

    public boolean isRemoved()
    {
        return removed;
    }

    /**
     * Control thread: detach the queue pair from the guest. After it returns, every guest call
     * answers {@link #FUNCTION_REMOVED} and none is under way. Handshake (D), Dekker-style on
     * volatiles: the guest stores its busy flag then loads {@code removed}; this stores
     * {@code removed} then waits for the busy flags to clear, so either the guest sees the removal
     * or this sees the call and waits for it (a guest call is a bounded burst, never blocking). The
     * guest clears its flag with a release store (D'), which this volatile read acquires: what the
     * call did to the rings happens before what this thread does next.
     */
    void detach()
    {
        removed = true;
        while (guest.rxBusy || guest.txBusy)
        {
            Thread.onSpinWait();
        }
    }

    /** Control thread: close TX for a planned removal; afterwards no {@link #send} is under way. */
    void closeTx()
    {
        txClosed = true;
        while (guest.txBusy)
        {
            Thread.onSpinWait();
        }
    }

    /** Control thread, after {@link #detach()}: become the RX ring's consumer (a reset drains it). */
    void takeOverRx()
    {
        rxTakenOver = true;
        while (guest.rxBusy)
        {
            Thread.onSpinWait();
        }
    }

    public boolean isTxClosed()
    {
        return txClosed;
    }

    EgressQueue egress()
    {
        return egress;
    }
}
