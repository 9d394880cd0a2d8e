package dev.twinpath.datapath.steer;

import dev.twinpath.vf.nic.PhysicalFunction;
import org.agrona.collections.LongArrayList;

/**
 * Which of a VF's end markers every RX queue has delivered. The NIC stages each epoch's marker into
 * every queue of the VF, in the same order, so the k-th marker of any queue is the k-th epoch; an
 * epoch is complete once every queue has delivered at least k markers, whatever order the queues are
 * read in.
 * <p>
 * Owned by the adapter's guest thread.
 */
final class VfMarkerTracker
{
    private final long[] delivered = new long[PhysicalFunction.MAX_QUEUE_PAIRS];
    private final LongArrayList epochs = new LongArrayList();
    private int completed;
    private int queues;

    /** A VF with {@code queues} RX queues was bound: start counting afresh. */
    void bind(final int queues)
    {
        this.queues = queues;
        java.util.Arrays.fill(delivered, 0);
        epochs.clear();
        completed = 0;
    }

    /** The VF went away: no queue is read any more. */
    void unbind()
    {
        queues = 0;
    }

    int queues()
    {
        return queues;
    }

    /** @return false when {@code queue} is not a queue of the bound VF. */
    boolean onMarker(final long epoch, final int queue)
    {
        if (queue < 0 || queue >= queues)
        {
            return false;
        }
        if (++delivered[queue] > epochs.size())
        {
            epochs.addLong(epoch); // the first queue to deliver this epoch
        }
        return true;
    }

    /** @return the next epoch every queue has delivered, or -1 when there is none yet. */
    long pollCompleted()
    {
        long least = Long.MAX_VALUE;
        for (int q = 0; q < queues; q++)
        {
            least = Math.min(least, delivered[q]);
        }
        return completed < least && completed < epochs.size() ? epochs.getLong(completed++) : -1;
    }

    /** @return true once every queue has delivered the marker of {@code epoch}. */
    boolean isComplete(final long epoch)
    {
        for (int i = 0; i < completed; i++)
        {
            if (epochs.getLong(i) == epoch)
            {
                return true;
            }
        }
        return false;
    }
}
