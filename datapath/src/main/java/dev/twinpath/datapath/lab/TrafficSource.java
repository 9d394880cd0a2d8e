package dev.twinpath.datapath.lab;

/**
 * Something that sends, called by its agent on every duty cycle: a wire-side generator (into the
 * NIC's wire RX ring) or a guest-side one (into a NetVSC adapter).
 * <p>
 * Called on the thread of the agent that owns it.
 */
@FunctionalInterface
public interface TrafficSource
{
    /** Offer what is due at {@code nowNanos} to {@code sink}. @return packets sent. */
    int send(long nowNanos, Sink sink);

    /** Where a source's packets go. */
    @FunctionalInterface
    interface Sink
    {
        /** @return how many of {@code count} descriptors were taken, in order from the first. */
        int offer(long[] descriptors, int offset, int count);
    }
}
