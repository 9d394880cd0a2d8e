package dev.twinpath.datapath.steer;

/**
 * Where a TX move off the synthetic path learns that its end marker has left the host: the uplink
 * between the host switch and the NIC records the PF TX ring position behind which the marker's
 * predecessors sit, and reports the fence passed once the NIC has consumed up to it.
 * <p>
 * Called on the guest thread of the adapter that owns the fence.
 */
public interface TxFence
{
    /** @return true once every packet the adapter sent before its marker of {@code epoch} has gone to the NIC. */
    boolean passed(int adapterIndex, long epoch);
}
