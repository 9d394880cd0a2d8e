package dev.twinpath.datapath.hyperv;

import java.util.List;

/**
 * The IOV view of one Hyper-V virtual switch, as {@code Get-VMSwitch -Name X | Format-List iov*} shows
 * it: {@code IovEnabled} (fixed when the switch is created), {@code IovSupport} and
 * {@code IovSupportReasons} (the platform's reasons, plus {@link IovSupportReason#SWITCH_NOT_IOV_ENABLED}
 * for a switch created without {@code -EnableIov}), and the NIC's virtual functions and queue pairs,
 * total and in use.
 * <p>
 * The totals are the NIC's ({@link HostPlatform#nicTotalVfs()}, {@link HostPlatform#nicQueuePairs()})
 * when {@code IovSupport} is true, and 0 otherwise: a switch that cannot use SR-IOV has no virtual
 * function to give. The lab reports assignments with {@link #onVfAssigned(int)} and
 * {@link #onVfReleased(int)}; which adapter gets a VF is {@link VfArbiter}'s decision.
 * <p>
 * Control thread.
 */
public final class VmSwitchIov
{
    private final String name;
    private final HostPlatform platform;
    private final boolean iovEnabled;
    private final IovSupport support;
    private final int virtualFunctionCount;
    private final int queuePairCount;
    private int virtualFunctionsInUse;
    private int queuePairsInUse;

    private VmSwitchIov(final String name, final HostPlatform platform, final boolean iovEnabled)
    {
        this.name = name;
        this.platform = platform;
        this.iovEnabled = iovEnabled;
        this.support = IovSupport.ofSwitch(platform, iovEnabled);
        this.virtualFunctionCount = support.supported() ? platform.nicTotalVfs() : 0;
        this.queuePairCount = support.supported() ? platform.nicQueuePairs() : 0;
    }

    /**
     * {@code New-VMSwitch -Name name -EnableIov enableIov} on a host with {@code platform}.
     *
     * @throws IovSettingException naming {@code Name} when the name is blank.
     */
    public static VmSwitchIov create(final String name, final HostPlatform platform, final boolean enableIov)
    {
        if (name == null || name.isBlank())
        {
            throw new IovSettingException("Name", "Name must not be blank: a virtual switch needs a name");
        }
        if (platform == null)
        {
            throw new IllegalArgumentException("platform: the host's platform is required for switch '" + name + "'");
        }
        return new VmSwitchIov(name, platform, enableIov);
    }

    /**
     * Hyper-V has no way to change {@code EnableIov} of an existing switch ({@code Set-VMSwitch} has no
     * such parameter); this always refuses, whatever the value.
     *
     * @throws IovSettingException always, with {@code setting()} = {@code "EnableIov"}.
     */
    public void setEnableIov(final boolean enableIov)
    {
        throw new IovSettingException("EnableIov", "EnableIov can only be chosen when the virtual switch is created "
            + "(New-VMSwitch -EnableIov $true); IovEnabled of '" + name + "' is " + PowerShellFormat.bool(iovEnabled)
            + " and cannot be set to " + PowerShellFormat.bool(enableIov)
            + ". Remove the virtual switch and create it again to change it.");
    }

    /**
     * A virtual function of the NIC was assigned to an adapter with {@code queuePairs} queue pairs.
     *
     * @throws IllegalStateException when the switch cannot use SR-IOV or every VF or queue pair is in use.
     * @throws IllegalArgumentException when {@code queuePairs} is not 1..nicMaxQueuePairsPerVf.
     */
    public void onVfAssigned(final int queuePairs)
    {
        if (!support.supported())
        {
            throw new IllegalStateException("switch '" + name + "' has IovSupport False: no virtual function can be assigned");
        }
        if (queuePairs < 1 || queuePairs > platform.nicMaxQueuePairsPerVf())
        {
            throw new IllegalArgumentException("queuePairs must be 1.." + platform.nicMaxQueuePairsPerVf() + ": " + queuePairs);
        }
        if (virtualFunctionsInUse == virtualFunctionCount)
        {
            throw new IllegalStateException("switch '" + name + "': all " + virtualFunctionCount + " virtual functions are in use");
        }
        if (queuePairsInUse + queuePairs > queuePairCount)
        {
            throw new IllegalStateException("switch '" + name + "': " + queuePairs + " more queue pairs exceed the "
                + queuePairCount + " of the NIC (" + queuePairsInUse + " in use)");
        }
        virtualFunctionsInUse++;
        queuePairsInUse += queuePairs;
    }

    /**
     * A virtual function with {@code queuePairs} queue pairs went back to the NIC's pool.
     *
     * @throws IllegalStateException when no VF, or fewer queue pairs, are in use.
     */
    public void onVfReleased(final int queuePairs)
    {
        if (virtualFunctionsInUse == 0)
        {
            throw new IllegalStateException("switch '" + name + "': no virtual function is in use");
        }
        if (queuePairs < 1 || queuePairs > queuePairsInUse)
        {
            throw new IllegalStateException("switch '" + name + "': cannot release " + queuePairs + " queue pairs, "
                + queuePairsInUse + " are in use");
        }
        virtualFunctionsInUse--;
        queuePairsInUse -= queuePairs;
    }

    public String name()
    {
        return name;
    }

    public HostPlatform platform()
    {
        return platform;
    }

    /** @return {@code IovEnabled}: whether the switch was created with {@code -EnableIov $true}. */
    public boolean iovEnabled()
    {
        return iovEnabled;
    }

    /** @return {@code IovSupport} with its reasons. */
    public IovSupport support()
    {
        return support;
    }

    /** @return {@code IovSupport}. */
    public boolean iovSupport()
    {
        return support.supported();
    }

    /** @return {@code IovSupportReasons}, in evaluation order. */
    public List<IovSupportReason> iovSupportReasons()
    {
        return support.reasons();
    }

    /** @return {@code IovVirtualFunctionCount}. */
    public int virtualFunctionCount()
    {
        return virtualFunctionCount;
    }

    /** @return {@code IovVirtualFunctionsInUse}. */
    public int virtualFunctionsInUse()
    {
        return virtualFunctionsInUse;
    }

    /** @return {@code IovQueuePairCount}. */
    public int queuePairCount()
    {
        return queuePairCount;
    }

    /** @return {@code IovQueuePairsInUse}. */
    public int queuePairsInUse()
    {
        return queuePairsInUse;
    }

    /** @return the most queue pairs one VF gets: the cap of {@link AdapterIovSettings#grant(int)}. */
    public int maxQueuePairsPerVf()
    {
        return platform.nicMaxQueuePairsPerVf();
    }

    /** @return {@code Get-VMSwitch -Name X | Format-List iov*}, with PowerShell's default enumeration limit (4). */
    public String formatList()
    {
        return formatList(PowerShellFormat.DEFAULT_ENUMERATION_LIMIT);
    }

    /**
     * @param enumerationLimit {@code $FormatEnumerationLimit}: reasons shown before {@code ...}, -1 for all.
     * @return one line per property, see {@link PowerShellFormat}.
     */
    public String formatList(final int enumerationLimit)
    {
        return PowerShellFormat.formatList(
            "IovEnabled", PowerShellFormat.bool(iovEnabled),
            "IovSupport", PowerShellFormat.bool(support.supported()),
            "IovSupportReasons", PowerShellFormat.sentences(support.reasons(), enumerationLimit),
            "IovVirtualFunctionCount", Integer.toString(virtualFunctionCount),
            "IovVirtualFunctionsInUse", Integer.toString(virtualFunctionsInUse),
            "IovQueuePairCount", Integer.toString(queuePairCount),
            "IovQueuePairsInUse", Integer.toString(queuePairsInUse));
    }

    /** @return the switch's IOV view as a JSON object; reasons as {@code {"code":...,"sentence":...}}. */
    public String toJson()
    {
        return "{\"Name\":" + PowerShellFormat.json(name) +
            ",\"Host\":" + PowerShellFormat.json(platform.name()) +
            ",\"IovEnabled\":" + iovEnabled +
            ",\"IovSupport\":" + support.supported() +
            ",\"IovSupportReasons\":" + PowerShellFormat.json(support.reasons()) +
            ",\"IovVirtualFunctionCount\":" + virtualFunctionCount +
            ",\"IovVirtualFunctionsInUse\":" + virtualFunctionsInUse +
            ",\"IovQueuePairCount\":" + queuePairCount +
            ",\"IovQueuePairsInUse\":" + queuePairsInUse + "}";
    }

    @Override
    public String toString()
    {
        return "VmSwitchIov{" + name + ", IovEnabled=" + iovEnabled + ", IovSupport=" + support.supported() +
            ", reasons=" + support.reasons() + ", VFs " + virtualFunctionsInUse + "/" + virtualFunctionCount + "}";
    }
}
