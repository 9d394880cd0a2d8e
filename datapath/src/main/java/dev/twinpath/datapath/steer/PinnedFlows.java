package dev.twinpath.datapath.steer;

import dev.twinpath.datapath.Path;
import org.agrona.collections.IntHashSet;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.collections.LongArrayList;

/**
 * The receive side's per-flow table: the flows (RSS hashes) pinned to the synthetic path while the
 * adapter's default is the VF, and the flow-set moves registered but not closed yet, by epoch. A
 * primitive hash set: a million flows cost about 8 MB and one probe per packet.
 * <p>
 * Owned by the adapter's guest thread.
 */
final class PinnedFlows
{
    private final IntHashSet pinned = new IntHashSet();
    private final Long2ObjectHashMap<int[]> registered = new Long2ObjectHashMap<>();
    private final LongArrayList unmarked = new LongArrayList();

    IntHashSet pinned()
    {
        return pinned;
    }

    /** @return true when no packet needs its flow id: nothing pinned, nothing moving. */
    boolean isEmpty()
    {
        return pinned.isEmpty() && registered.isEmpty();
    }

    boolean isPinned(final int flow)
    {
        return !pinned.isEmpty() && pinned.contains(flow);
    }

    void register(final long epoch, final int[] flows)
    {
        registered.put(SteeringEpoch.sequence(epoch), flows);
    }

    /** Apply a registered move: its flows are pinned (to synthetic) or unpinned (to the VF). @return false when unknown. */
    boolean apply(final long epoch)
    {
        final int[] set = registered.remove(SteeringEpoch.sequence(epoch));
        if (set == null)
        {
            return false;
        }
        final boolean pin = SteeringEpoch.target(epoch) == Path.SYNTHETIC;
        for (final int flow : set)
        {
            if (pin)
            {
                pinned.add(flow);
            }
            else
            {
                pinned.remove(flow);
            }
        }
        return true;
    }

    /** A move no marker will close: apply it when the VF goes. */
    void applyLater(final long epoch)
    {
        unmarked.addLong(epoch);
    }

    /** The VF went: apply the moves that waited for it. */
    void applyDeferred()
    {
        for (int i = 0; i < unmarked.size(); i++)
        {
            apply(unmarked.getLong(i));
        }
        unmarked.clear();
    }
}
