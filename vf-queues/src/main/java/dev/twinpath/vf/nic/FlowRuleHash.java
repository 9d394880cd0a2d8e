package dev.twinpath.vf.nic;

import dev.twinpath.packet.rss.ToeplitzHash;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The flow id a NIC flow rule matches ({@link PhysicalFunction#steerFlowsToPf}): the RSS hash of a
 * frame under a Toeplitz key, computed exactly as the NIC computes it when it classifies the frame
 * (TCP/UDP over IPv4 or IPv6 that is not a fragment hashes the 4-tuple, other IP the address pair,
 * non-IP hashes to 0). A guest uses it to know which of its flows a rule covers.
 * <p>
 * Stateless; allocation-free; any thread.
 */
public final class FlowRuleHash
{
    private FlowRuleHash()
    {
    }

    /** @return the RSS hash of the frame of {@code length} bytes at {@code at} under {@code toeplitz}. */
    public static int of(final ToeplitzHash toeplitz, final UnsafeBuffer memory, final int at, final int length)
    {
        return FrameView.rssHash(toeplitz, memory, at, length);
    }
}
