package dev.twinpath.datapath.steer;

import dev.twinpath.packet.pool.PacketDescriptor;
import dev.twinpath.vf.nic.QueuePair;
import dev.twinpath.vmbus.VmBusEndpoint;
import org.agrona.collections.LongArrayList;

/**
 * The two transmit paths of an adapter as the TX side sees them: a stage per path (what the
 * adapter has taken and the ring has not yet), the bound VF's TX queue and how far the NIC has read
 * it, and the VMBus data ring.
 * <p>
 * Owned by the adapter's guest thread.
 */
final class TxPaths
{
    /** {@link #flushVf()}: the VF closed its TX (planned removal); the NIC still drains what it took. */
    static final int VF_REVOKED = -2;
    /** {@link #flushVf()}: the VF vanished (surprise removal). */
    static final int VF_REMOVED = -1;
    /** Descriptors offered to a ring per try. */
    private static final int FLUSH_BURST = 32;

    final DescriptorFifo vfStage;
    final DescriptorFifo synStage;
    private final VmBusEndpoint synthetic;
    private final long[] scratch;
    private QueuePair vfQueue;
    private boolean vfClosed = true;
    private long vfRingBase;
    private long vfSent;
    private long vfStaged;
    long sentVf;
    long sentSynthetic;

    TxPaths(final VmBusEndpoint synthetic, final int stageCapacity, final int resendCapacity)
    {
        this.synthetic = synthetic;
        this.vfStage = new DescriptorFifo(stageCapacity);
        this.synStage = new DescriptorFifo(stageCapacity + resendCapacity);
        this.scratch = new long[Math.max(stageCapacity, 256)];
    }

    void bindVf(final QueuePair queue)
    {
        vfQueue = queue;
        vfClosed = false;
        vfRingBase = queue.txRing().producerPosition();
        vfSent = 0;
        vfStaged = 0;
    }

    void unbindVf()
    {
        vfQueue = null;
        vfClosed = true;
    }

    /** @return true when the VF takes packets now (bound, TX not closed). */
    boolean vfOpen()
    {
        return vfQueue != null && !vfClosed;
    }

    boolean vfBound()
    {
        return vfQueue != null;
    }

    void closeVf()
    {
        vfClosed = true;
    }

    boolean stageVf(final long d)
    {
        if (!vfStage.offer(d))
        {
            return false;
        }
        vfStaged++;
        return true;
    }

    boolean stageSynthetic(final long d)
    {
        return synStage.offer(d);
    }

    /**
     * Give back staged packets (not yet on a ring), VF stage first then synthetic, stopping at the first
     * marker of the synthetic stage (it and what follows keep their order).
     *
     * @return packets written to {@code into}.
     */
    int reclaim(final long[] into, final int offset, final int max)
    {
        int n = 0;
        while (n < max && !vfStage.isEmpty())
        {
            into[offset + n++] = vfStage.poll();
            vfStaged--;
        }
        while (n < max && !synStage.isEmpty() && !PacketDescriptor.isMarker(synStage.peek()))
        {
            into[offset + n++] = synStage.poll();
        }
        return n;
    }

    int staged()
    {
        return vfStage.size() + synStage.size();
    }

    /** @return how many packets the VF path must have taken for a fence set now: all staged so far, or sent if closed. */
    long vfFenceCount()
    {
        return vfClosed ? vfSent : vfStaged;
    }

    /** @return true once the NIC has read the VF TX ring past the first {@code fenceCount} packets of this binding. */
    boolean vfFencePassed(final long fenceCount)
    {
        if (vfQueue == null)
        {
            return true; // the VF is gone: nothing more of it can reach the wire
        }
        final long target = vfClosed ? Math.min(fenceCount, vfSent) : fenceCount;
        return vfSent >= target && vfQueue.txRing().consumerPosition() - vfRingBase >= target; // acquire: the NIC's head
    }

    /** @return packets taken by the VF's TX queue, or {@link #VF_REVOKED} / {@link #VF_REMOVED}. */
    int flushVf()
    {
        if (vfStage.isEmpty() || vfQueue == null || vfClosed)
        {
            return 0;
        }
        int sent = 0;
        while (!vfStage.isEmpty())
        {
            // A burst at a time: a full ring costs one look at its head, not a copy of the whole stage.
            final int n = vfStage.peek(scratch, 0, FLUSH_BURST);
            final int r = vfQueue.send(scratch, 0, n);
            if (r > 0)
            {
                vfStage.skip(r);
                vfSent += r;
                sentVf += r;
                sent += r;
                if (r < n)
                {
                    break;
                }
                continue;
            }
            if (r == QueuePair.FUNCTION_REMOVED)
            {
                return VF_REMOVED;
            }
            if (r == QueuePair.FUNCTION_REVOKED)
            {
                vfClosed = true;
                return VF_REVOKED;
            }
            break;
        }
        return sent;
    }

    /** @return descriptors the VMBus data ring took. */
    int flushSynthetic()
    {
        int sent = 0;
        while (!synStage.isEmpty())
        {
            final int n = synStage.peek(scratch, 0, Math.min(scratch.length, synthetic.maxBurst()));
            final int r = synthetic.sendBurst(scratch, 0, n);
            if (r <= 0)
            {
                break;
            }
            for (int i = 0; i < r; i++)
            {
                sentSynthetic += PacketDescriptor.isMarker(scratch[i]) ? 0 : 1;
            }
            synStage.skip(r);
            sent += r;
            if (r < n)
            {
                break;
            }
        }
        return sent;
    }

    /** What a closed VF did not take goes first on the synthetic path. */
    void moveVfStageToSynthetic()
    {
        while (!vfStage.isEmpty() && synStage.remaining() > 0)
        {
            synStage.offer(vfStage.poll());
        }
    }

    /**
     * Surprise removal: the TX descriptors the VF had queued but not sent (still the guest's) go first
     * on the synthetic path, then what was staged for the VF.
     *
     * @return how many were re-sent.
     */
    int resendAfterRemoval(final LongArrayList txReturned)
    {
        int resent = 0;
        if (txReturned != null)
        {
            for (int i = 0; i < txReturned.size(); i++)
            {
                synStage.offer(txReturned.getLong(i));
                resent++;
            }
        }
        while (!vfStage.isEmpty())
        {
            synStage.offer(vfStage.poll());
            resent++;
        }
        unbindVf();
        return resent;
    }
}
