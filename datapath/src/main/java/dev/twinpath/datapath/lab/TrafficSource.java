package dev.twinpath.datapath.lab;

import dev.twinpath.datapath.traffic.DescriptorSink;

/**
 * Something that sends, called by its agent on every duty cycle: a wire-side generator (into the
 * NIC's wire RX ring) or a guest-side one (into a NetVSC adapter). A
 * {@link dev.twinpath.datapath.traffic.ConstantRateGenerator} fits as {@code generator::generate}.
 * <p>
 * Called on the thread of the agent that owns it.
 */
@FunctionalInterface
public interface TrafficSource
{
    /** Offer what is due at {@code nowNanos} to {@code sink}. @return packets sent. */
    int send(long nowNanos, DescriptorSink sink);
}
