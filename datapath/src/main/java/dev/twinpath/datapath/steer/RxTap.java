package dev.twinpath.datapath.steer;

/**
 * Sees every descriptor an adapter's RX steering reads from a path, packets and end-of-epoch markers
 * alike, before hold-back: what arrived on which path and queue, and when. A capture uses it
 * ({@code dev.twinpath.datapath.capture.CaptureTap}).
 * <p>
 * Called on the adapter's guest thread; must not allocate, block or throw, and must not keep or free
 * the packet (RX steering still owns it).
 */
@FunctionalInterface
public interface RxTap
{
    /**
     * @param descriptor a packet or marker descriptor.
     * @param pathId     0 the VF, 1 the synthetic path (VMBus).
     * @param queue      the VF RX queue it came from, 0 on the synthetic path.
     * @param nowNanos   the guest's clock.
     */
    void onArrival(long descriptor, int pathId, int queue, long nowNanos);
}
