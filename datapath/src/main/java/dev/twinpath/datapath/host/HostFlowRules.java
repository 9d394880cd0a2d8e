package dev.twinpath.datapath.host;

import dev.twinpath.datapath.Path;
import org.agrona.collections.IntHashSet;

/**
 * The flows of one adapter the host keeps on the synthetic path (RSS hashes of their RX frames): the
 * NIC flow rules every VF assigned to the adapter gets, whichever VF it is.
 * <p>
 * Owned by the host's control agent thread.
 */
final class HostFlowRules
{
    private final IntHashSet pinned = new IntHashSet();

    void move(final int[] rxHashes, final Path target)
    {
        for (final int h : rxHashes)
        {
            if (target == Path.SYNTHETIC)
            {
                pinned.add(h);
            }
            else
            {
                pinned.remove(h);
            }
        }
    }

    int size()
    {
        return pinned.size();
    }

    /** @return the pinned flows as an array for a VF's configuration, or null when there are none. */
    int[] toArrayOrNull()
    {
        if (pinned.isEmpty())
        {
            return null;
        }
        final int[] out = new int[pinned.size()];
        int i = 0;
        final IntHashSet.IntIterator it = pinned.iterator();
        while (it.hasNext())
        {
            out[i++] = it.nextValue();
        }
        return out;
    }
}
