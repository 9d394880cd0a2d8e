package dev.twinpath.datapath.lab;

import dev.twinpath.datapath.NetVscAdapter;
import dev.twinpath.datapath.Path;
import dev.twinpath.datapath.host.IovPortController;
import dev.twinpath.packet.rss.FlowKey;
import dev.twinpath.packet.rss.RssHasher;
import dev.twinpath.packet.rss.ToeplitzHash;

import java.util.function.Supplier;

/**
 * Per-flow steering of one VM adapter: which flows take the synthetic path while the adapter's other
 * traffic takes the VF (a flow that needs a switch ACL, say), and moving them back. A flow is named by
 * the 5-tuple of the frames the VM receives ({@link FlowKey}: source = the remote end, destination =
 * the VM); its TX frames are the reverse tuple. Both directions move, each by the move protocol:
 * <ul>
 *     <li>RX: the guest registers the set under a fresh epoch, then the host moves the NIC's flow rules
 *     (RSS-hash n-tuple filters, one table per VF, up to millions of entries in a primitive hash set),
 *     which puts end markers in the old path's queues; the guest holds the flows' new-path packets
 *     until the markers arrive.</li>
 *     <li>TX: the guest pins or unpins the flows and holds their packets until the old path's fence passes.</li>
 * </ul>
 * Moving every flow at once is what a VF revoke or offer does ({@link Lab#revokeVf}, {@link Lab#offerVf}).
 * Flows whose RSS hashes collide move together (the hash is the flow's id on both sides).
 * <p>
 * Control path: call from the lab's control thread; the work runs on the guest and host threads.
 */
public final class FlowSteering
{
    /** How the lab runs a command on a given side and waits for it. */
    interface Sides
    {
        <T> T onGuest(NetVscAdapter adapter, Supplier<T> command);

        <T> T onHost(Supplier<T> command);
    }

    private final NetVscAdapter adapter;
    private final IovPortController host;
    private final Sides sides;
    private final RssHasher hasher = new RssHasher(ToeplitzHash.microsoftDefault());
    private final FlowKey reversed = new FlowKey();

    FlowSteering(final NetVscAdapter adapter, final IovPortController host, final Sides sides)
    {
        this.adapter = adapter;
        this.host = host;
        this.sides = sides;
    }

    /** @return the flow id (RSS hash) of the RX frames of {@code key}. */
    public int rxFlowId(final FlowKey key)
    {
        return hasher.hash(key);
    }

    /** @return the flow id (RSS hash) of the TX frames of {@code key} (the reverse tuple). */
    public int txFlowId(final FlowKey key)
    {
        reversed.reset().protocol(key.protocol());
        if (key.ipVersion() == 4)
        {
            reversed.ipv4(key.dstIpv4(), key.srcIpv4());
        }
        else
        {
            reversed.ipv6(key.dstHi(), key.dstLo(), key.srcHi(), key.srcLo());
        }
        if (key.hasPorts())
        {
            reversed.ports(key.dstPort(), key.srcPort());
        }
        return hasher.hash(reversed);
    }

    /** Move one flow to {@code target}. @return the move's epoch. */
    public long moveFlow(final FlowKey key, final Path target)
    {
        return moveFlows(new FlowKey[] {key}, target);
    }

    /**
     * Move a set of flows to {@code target} (to the synthetic path: pin them; to the VF: unpin them).
     *
     * @return the move's epoch.
     * @throws IllegalStateException when the guest stays busy with another move for 5 s.
     */
    public synchronized long moveFlows(final FlowKey[] keys, final Path target)
    {
        final int[] rx = new int[keys.length];
        final int[] tx = new int[keys.length];
        for (int i = 0; i < keys.length; i++)
        {
            if (keys[i].ipVersion() == FlowKey.IP_VERSION_NONE)
            {
                throw new IllegalArgumentException("keys[" + i + "] has no IP addresses: a flow rule needs them");
            }
            rx[i] = rxFlowId(keys[i]);
            tx[i] = txFlowId(keys[i]);
        }
        return moveFlowIds(rx, tx, target);
    }

    /**
     * Move flows named by their ids ({@link #rxFlowId}, {@link #txFlowId}): the bulk form, for large sets.
     *
     * @return the move's epoch.
     */
    public synchronized long moveFlowIds(final int[] rx, final int[] tx, final Path target)
    {
        final long deadline = System.nanoTime() + 5_000_000_000L;
        long epoch;
        while ((epoch = sides.onGuest(adapter, () -> adapter.beginFlowMove(rx, tx, target))) < 0)
        {
            if (System.nanoTime() - deadline > 0)
            {
                throw new IllegalStateException(adapter.name() + ": another move is still under way after 5 s");
            }
            Thread.onSpinWait();
        }
        final long e = epoch;
        final boolean marked = sides.onHost(() -> host.steerFlows(rx, target, e));
        if (!marked)
        {
            sides.onGuest(adapter, () ->
            {
                adapter.flowMoveWithoutMarker(e);
                return Boolean.TRUE;
            });
        }
        return epoch;
    }
}
