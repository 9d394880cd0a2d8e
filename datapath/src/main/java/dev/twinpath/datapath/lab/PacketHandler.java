package dev.twinpath.datapath.lab;

/**
 * What a guest application (or the wire peer) does with a burst it received. It owns the packets and
 * frees them (or sends them on). Data path: no allocation, no exceptions.
 * <p>
 * Called on the thread of the agent that received the burst.
 */
@FunctionalInterface
public interface PacketHandler
{
    /** @param descriptors packets (the port field of a guest's packet is its {@code Path} id) */
    void onBurst(long[] descriptors, int count, long nowNanos);
}
