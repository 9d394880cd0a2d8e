package dev.twinpath.datapath.hyperv;

/**
 * The SR-IOV settings of one VM network adapter, as {@code Set-VMNetworkAdapter} has them:
 * {@code -IovWeight} 0..100 (0 disables SR-IOV for the adapter; 1..100 opts in, the weight ranks the
 * adapter when virtual functions are scarce, see {@link VfArbiter}) and {@code -IovQueuePairsRequested}
 * 1..16 (the NIC may grant fewer: {@link #grant(int)}).
 * <p>
 * Defaults: {@code IovWeight} {@value #DEFAULT_IOV_WEIGHT}, {@code IovQueuePairsRequested}
 * {@value #DEFAULT_QUEUE_PAIRS_REQUESTED}. Hyper-V's own default weight for a new adapter is 0 (opted
 * out; {@code Msvm_EthernetSwitchPortOffloadSettingData.IOVOffloadWeight = 0}); Twinpath's lab adapters
 * exist to exercise the VF path, so they start opted in at full weight. {@link #hyperVDefaults()} gives
 * Hyper-V's values. The queue-pair default is Hyper-V's.
 * <p>
 * Control thread.
 */
public final class AdapterIovSettings
{
    /** Default {@code IovWeight} of Twinpath adapters: opted in, full weight. */
    public static final int DEFAULT_IOV_WEIGHT = 100;
    /** Hyper-V's (and Twinpath's) default {@code IovQueuePairsRequested}. */
    public static final int DEFAULT_QUEUE_PAIRS_REQUESTED = 1;
    /** Largest {@code IovWeight}. */
    public static final int MAX_IOV_WEIGHT = 100;

    private int iovWeight = DEFAULT_IOV_WEIGHT;
    private int iovQueuePairsRequested = DEFAULT_QUEUE_PAIRS_REQUESTED;

    /** Twinpath's defaults: {@code IovWeight 100}, {@code IovQueuePairsRequested 1}. */
    public AdapterIovSettings()
    {
    }

    /** @return settings with Hyper-V's defaults for a new adapter: {@code IovWeight 0} (opted out), 1 queue pair. */
    public static AdapterIovSettings hyperVDefaults()
    {
        return new AdapterIovSettings().setIovWeight(0);
    }

    /** @throws IovSettingException naming {@code IovWeight} and 0..100 when {@code weight} is outside. */
    public static int checkIovWeight(final int weight)
    {
        if (weight < 0 || weight > MAX_IOV_WEIGHT)
        {
            throw new IovSettingException("IovWeight", "IovWeight must be 0.." + MAX_IOV_WEIGHT +
                " (0 disables SR-IOV for the adapter, 1..100 enables it): " + weight);
        }
        return weight;
    }

    /** @throws IovSettingException naming {@code IovQueuePairsRequested} and 1..16 when {@code queuePairs} is outside. */
    public static int checkQueuePairsRequested(final int queuePairs)
    {
        if (queuePairs < 1 || queuePairs > HostPlatform.MAX_QUEUE_PAIRS_PER_VF)
        {
            throw new IovSettingException("IovQueuePairsRequested", "IovQueuePairsRequested must be 1.." +
                HostPlatform.MAX_QUEUE_PAIRS_PER_VF + ": " + queuePairs);
        }
        return queuePairs;
    }

    /**
     * {@code Set-VMNetworkAdapter -IovWeight weight}. A change on an adapter known to a {@link VfArbiter}
     * must also go through {@link VfArbiter#setWeight(String, int)}, which decides what it means for the VF.
     *
     * @throws IovSettingException naming {@code IovWeight} when outside 0..100; the setting is unchanged.
     */
    public AdapterIovSettings setIovWeight(final int weight)
    {
        this.iovWeight = checkIovWeight(weight);
        return this;
    }

    /**
     * {@code Set-VMNetworkAdapter -IovQueuePairsRequested queuePairs}.
     *
     * @throws IovSettingException naming {@code IovQueuePairsRequested} when outside 1..16; the setting is unchanged.
     */
    public AdapterIovSettings setIovQueuePairsRequested(final int queuePairs)
    {
        this.iovQueuePairsRequested = checkQueuePairsRequested(queuePairs);
        return this;
    }

    /** @return {@code IovWeight}, 0..100. */
    public int iovWeight()
    {
        return iovWeight;
    }

    /** @return {@code IovQueuePairsRequested}, 1..16. */
    public int iovQueuePairsRequested()
    {
        return iovQueuePairsRequested;
    }

    /** @return true when the adapter opted in to SR-IOV ({@code IovWeight > 0}). */
    public boolean iovEnabled()
    {
        return iovWeight > 0;
    }

    /** @return queue pairs a VF of a NIC giving at most {@code nicCap} per VF gets: {@code min(requested, nicCap)}. */
    public int queuePairsGranted(final int nicCap)
    {
        return grant(nicCap).granted();
    }

    /**
     * @param nicCap the most queue pairs the NIC gives one VF ({@link HostPlatform#nicMaxQueuePairsPerVf()}).
     * @return what was requested, what is granted, and the cap that applied.
     */
    public Grant grant(final int nicCap)
    {
        if (nicCap < 1 || nicCap > HostPlatform.MAX_QUEUE_PAIRS_PER_VF)
        {
            throw new IllegalArgumentException("nicCap must be 1.." + HostPlatform.MAX_QUEUE_PAIRS_PER_VF + ": " + nicCap);
        }
        return new Grant(iovQueuePairsRequested, Math.min(iovQueuePairsRequested, nicCap), nicCap);
    }

    @Override
    public String toString()
    {
        return "AdapterIovSettings{IovWeight=" + iovWeight + ", IovQueuePairsRequested=" + iovQueuePairsRequested + "}";
    }

    /**
     * The queue pairs of a VF: requested by the adapter, granted by the NIC.
     * <p>
     * Immutable, any thread.
     *
     * @param requested {@code IovQueuePairsRequested}.
     * @param granted   {@code IovQueuePairsAssigned}: {@code min(requested, nicCap)}.
     * @param nicCap    the NIC's most queue pairs per VF.
     */
    public record Grant(int requested, int granted, int nicCap)
    {
        /** @return true when the NIC gave fewer queue pairs than requested. */
        public boolean capped()
        {
            return granted < requested;
        }

        /** @return the cap that limited the grant, or 0 when the request was granted in full. */
        public int cappedBy()
        {
            return capped() ? nicCap : 0;
        }

        /** @return one sentence, e.g. {@code "IovQueuePairsRequested 8, 4 assigned: the NIC gives a VF at most 4"}. */
        public String describe()
        {
            return "IovQueuePairsRequested " + requested + ", " + granted + " assigned" +
                (capped() ? ": the NIC gives a VF at most " + nicCap : "");
        }
    }
}
