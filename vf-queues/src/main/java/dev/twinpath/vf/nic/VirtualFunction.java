package dev.twinpath.vf.nic;

import dev.twinpath.packet.rss.IndirectionTable;
import dev.twinpath.packet.rss.ToeplitzHash;
import dev.twinpath.packet.shape.TokenBucket;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * One SR-IOV virtual function: its identity and configuration (MAC, VLAN, spoof check, trust, link
 * state, rate limit, RSS), its queue pairs and its counters. Configuration changes go through the
 * {@link PhysicalFunction} (control path, under the NIC lock); the guest uses {@link #queuePair(int)}.
 * <p>
 * Threads: fields are written by the control thread holding the NIC lock and read by the NIC agent
 * holding it; {@link #state()} and the counters may be read from any thread.
 */
public final class VirtualFunction
{
    /** No port VLAN. */
    public static final int NO_VLAN = -1;

    private static final QueuePair[] NO_QUEUES = new QueuePair[0];

    private final int id;
    private final String name;
    private final FunctionCounters counters;
    final TokenBucket rateLimit = new TokenBucket();
    private volatile VfState state = VfState.FREE;

    String owner;
    long mac;
    long secondaryMac = -1;
    int portVlan = NO_VLAN;
    final long[] allowedVlans = new long[64];
    boolean trunk;
    boolean spoofCheck = true;
    boolean trust;
    LinkState linkState = LinkState.AUTO;
    QueuePair[] queuePairs = NO_QUEUES;
    /** RX for the MAC goes to the PF default queue (moveMacToPf); broadcast copies skip the VF too. */
    boolean rxSteeredToPf;
    /** Flow rules: RSS hashes of flows steered to the PF default queue while the MAC is on this VF. */
    final org.agrona.collections.IntHashSet flowsToPf = new org.agrona.collections.IntHashSet();
    ToeplitzHash rss = ToeplitzHash.microsoftDefault();
    IndirectionTable indirection = new IndirectionTable(1);
    SurpriseRemovalReport removalReport;

    VirtualFunction(final String pfName, final int id)
    {
        this.id = id;
        this.name = pfName + "/vf" + id;
        this.counters = new FunctionCounters(name);
    }

    public int id()
    {
        return id;
    }

    public String name()
    {
        return name;
    }

    public VfState state()
    {
        return state;
    }

    void state(final VfState state)
    {
        this.state = state;
    }

    /** @return the adapter that owns the function, or null when free. */
    public String owner()
    {
        return owner;
    }

    public long mac()
    {
        return mac;
    }

    /** @return the second MAC the VF receives (a guest team's MAC), or -1. */
    public long secondaryMac()
    {
        return secondaryMac;
    }

    /** @return the port VLAN (access mode: tag stripped on RX, inserted on TX), or {@link #NO_VLAN}. */
    public int portVlan()
    {
        return portVlan;
    }

    public boolean spoofCheck()
    {
        return spoofCheck;
    }

    public boolean trust()
    {
        return trust;
    }

    public LinkState linkState()
    {
        return linkState;
    }

    public int queuePairCount()
    {
        return queuePairs.length;
    }

    /** @return queue pair {@code index}: the guest's RX and TX rings. */
    public QueuePair queuePair(final int index)
    {
        return queuePairs[index];
    }

    /**
     * @return queue pair {@code index} of the function's current queues, or null when it has fewer. Any thread: a
     * monitor's snapshot (the set is replaced when the VF is allocated or reset), read once so the index and the
     * set it indexes agree.
     */
    public QueuePair queuePairOrNull(final int index)
    {
        final QueuePair[] queues = queuePairs;
        return index >= 0 && index < queues.length ? queues[index] : null;
    }

    public FunctionCounters counters()
    {
        return counters;
    }

    public long rateLimitBytesPerSecond()
    {
        return rateLimit.bytesPerSecond();
    }

    /** @return the report of the last surprise removal, or null. */
    public SurpriseRemovalReport removalReport()
    {
        return removalReport;
    }

    /** @return how many flow rules steer flows of this VF to the PF default queue (NIC thread's view). */
    public int flowRuleCount()
    {
        return flowsToPf.size();
    }

    /** @return true when the MAC's RX is steered to the PF default queue (moveMacToPf, or assigned so). */
    public boolean isRxSteeredToPf()
    {
        return rxSteeredToPf;
    }

    /** @return the RX queue the RSS indirection table picks for {@code hash}. */
    public int queueFor(final int hash)
    {
        return indirection.queueFor(hash);
    }

    /** @return true when a frame on VLAN {@code vlan} (-1 untagged) may reach this function. */
    boolean acceptsVlan(final int vlan)
    {
        if (portVlan != NO_VLAN)
        {
            return vlan == portVlan;
        }
        if (trunk)
        {
            final int v = vlan < 0 ? 0 : vlan;
            return (allowedVlans[v >>> 6] & (1L << (v & 63))) != 0;
        }
        return vlan < 0;
    }

    boolean linkUp()
    {
        return linkState != LinkState.DISABLE;
    }

    /**
     * The TX checks of this function on a frame it sends: length, link, anti-spoof (MAC and VLAN) and
     * rate limit. NIC agent thread.
     *
     * @return null when the frame may go, or the drop counter that says why not.
     */
    NicCounter txVerdict(final UnsafeBuffer memory, final int at, final int length, final int dataRoom)
    {
        if (length < 14)
        {
            return NicCounter.DROP_TX_MALFORMED;
        }
        if (!linkUp())
        {
            return NicCounter.DROP_TX_LINK_DOWN;
        }
        if (spoofCheck && !trust && FrameView.srcMac(memory, at) != mac)
        {
            return NicCounter.DROP_TX_SPOOF_MAC;
        }
        final int vlan = FrameView.vlan(memory, at, length);
        if (portVlan != VirtualFunction.NO_VLAN)
        {
            if (vlan != FrameView.UNTAGGED || length + 4 > dataRoom)
            {
                return NicCounter.DROP_TX_SPOOF_VLAN;
            }
        }
        else if (!trust && !acceptsVlan(vlan))
        {
            return NicCounter.DROP_TX_SPOOF_VLAN;
        }
        if (!rateLimit.tryConsume(length))
        {
            return NicCounter.DROP_TX_RATE_LIMIT;
        }
        return null;
    }

    @Override
    public String toString()
    {
        return name + "{" + state + (owner != null ? ", owner=" + owner : "") + "}";
    }
}
