package dev.twinpath.datapath.labfile;

import java.util.Objects;

/**
 * One network adapter of a VM, connected to its host's virtual switch: an entry of a VM's
 * {@code adapters} list, with what {@code Set-VMNetworkAdapter} would set on it.
 * <p>
 * Immutable, any thread.
 *
 * @param name       unique within the VM, 1..32 of {@code [A-Za-z0-9_.-]}.
 * @param iovWeight  {@code -IovWeight}: 1..100 asks for a VF, 0 keeps the adapter on the synthetic path.
 * @param queuePairs {@code -IovQueuePairsRequested}, 1..16.
 */
public record AdapterSpec(String name, int iovWeight, int queuePairs)
{
    /** The name of the adapter a VM gets when its entry lists none. */
    public static final String DEFAULT_NAME = "eth0";
    /** The IOV weight of an adapter that does not say: asks for a VF. */
    public static final int DEFAULT_IOV_WEIGHT = 100;
    /** The queue pairs an adapter requests when it does not say. */
    public static final int DEFAULT_QUEUE_PAIRS = 1;

    public AdapterSpec
    {
        Objects.requireNonNull(name, "name");
    }

    /**
     * @return the adapter a VM gets when its entry lists none: {@code eth0}, weight 100, one queue pair.
     */
    public static AdapterSpec defaults()
    {
        return new AdapterSpec(DEFAULT_NAME, DEFAULT_IOV_WEIGHT, DEFAULT_QUEUE_PAIRS);
    }
}
