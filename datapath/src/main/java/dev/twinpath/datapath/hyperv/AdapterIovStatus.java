package dev.twinpath.datapath.hyperv;

import dev.twinpath.vmbus.DataPath;

/**
 * One VM network adapter's SR-IOV state, as {@code Get-VMNetworkAdapter -VMName vm | Format-List}
 * would list it: its settings, the virtual function it holds (if any), the data path its traffic
 * takes ({@code VF} or {@code Synthetic}) and, on the synthetic path, why
 * ({@code IovUsageReason}). {@code IovInterruptModeration} is not modelled.
 * <p>
 * Invariants: on the VF path the adapter has a virtual function, 1..requested queue pairs and no
 * reason; on the synthetic path it has no virtual function and no queue pair.
 * <p>
 * Immutable, any thread.
 *
 * @param vmName                 {@code VMName}.
 * @param name                   {@code Name} of the adapter.
 * @param switchName             {@code SwitchName}.
 * @param iovWeight              {@code IovWeight}, 0..100.
 * @param iovQueuePairsRequested {@code IovQueuePairsRequested}, 1..16.
 * @param iovQueuePairsAssigned  {@code IovQueuePairsAssigned}: queue pairs of the VF, 0 without one.
 * @param virtualFunction        {@code VirtualFunction}: the VF's name, empty without one.
 * @param dataPath               the path the adapter's traffic takes.
 * @param iovUsageReason         why the adapter is on the synthetic path; null when on the VF or not asking.
 */
public record AdapterIovStatus(
    String vmName,
    String name,
    String switchName,
    int iovWeight,
    int iovQueuePairsRequested,
    int iovQueuePairsAssigned,
    String virtualFunction,
    DataPath dataPath,
    IovSupportReason iovUsageReason)
{
    /** @throws IllegalArgumentException naming the field that breaks an invariant. */
    public AdapterIovStatus
    {
        require(vmName != null && !vmName.isBlank(), "VMName must not be blank");
        require(name != null && !name.isBlank(), "Name must not be blank");
        switchName = switchName == null ? "" : switchName;
        AdapterIovSettings.checkIovWeight(iovWeight);
        AdapterIovSettings.checkQueuePairsRequested(iovQueuePairsRequested);
        virtualFunction = virtualFunction == null ? "" : virtualFunction;
        require(dataPath != null, "DataPath must be VF or Synthetic");
        if (dataPath == DataPath.VF)
        {
            require(!virtualFunction.isEmpty(), "VirtualFunction must be named on the VF path");
            require(iovQueuePairsAssigned >= 1 && iovQueuePairsAssigned <= iovQueuePairsRequested,
                "IovQueuePairsAssigned must be 1.." + iovQueuePairsRequested + " on the VF path: " + iovQueuePairsAssigned);
            require(iovUsageReason == null, "IovUsageReason must be empty on the VF path: " + iovUsageReason);
        }
        else
        {
            require(virtualFunction.isEmpty(), "VirtualFunction must be empty on the synthetic path: " + virtualFunction);
            require(iovQueuePairsAssigned == 0, "IovQueuePairsAssigned must be 0 on the synthetic path: " + iovQueuePairsAssigned);
        }
    }

    /** @return an adapter whose traffic takes virtual function {@code vf} with the queue pairs of {@code grant}. */
    public static AdapterIovStatus onVf(
        final String vmName,
        final String name,
        final String switchName,
        final AdapterIovSettings settings,
        final String vf,
        final AdapterIovSettings.Grant grant)
    {
        return new AdapterIovStatus(vmName, name, switchName, settings.iovWeight(), settings.iovQueuePairsRequested(),
            grant.granted(), vf, DataPath.VF, null);
    }

    /** @return an adapter on the synthetic path, for {@code reason} (null: it does not ask for a VF). */
    public static AdapterIovStatus synthetic(
        final String vmName,
        final String name,
        final String switchName,
        final AdapterIovSettings settings,
        final IovSupportReason reason)
    {
        return new AdapterIovStatus(vmName, name, switchName, settings.iovWeight(), settings.iovQueuePairsRequested(),
            0, "", DataPath.SYNTHETIC, reason);
    }

    /**
     * The status of adapter {@code name} as {@code arbiter} has it: on the VF path when it holds a VF
     * (named {@code vf}, queue pairs capped by the switch's NIC), else synthetic with the arbiter's reason.
     */
    public static AdapterIovStatus of(
        final String vmName,
        final String name,
        final VmSwitchIov vmSwitch,
        final AdapterIovSettings settings,
        final VfArbiter arbiter,
        final String vf)
    {
        if (arbiter.state(name) == VfArbiter.State.HOLDING)
        {
            return onVf(vmName, name, vmSwitch.name(), settings, vf, settings.grant(vmSwitch.maxQueuePairsPerVf()));
        }
        return synthetic(vmName, name, vmSwitch.name(), settings, arbiter.reason(name));
    }

    /** @return {@code VF} or {@code Synthetic}. */
    public String dataPathName()
    {
        return dataPath == DataPath.VF ? "VF" : "Synthetic";
    }

    /** @return the usage reason's sentence, empty when there is none. */
    public String iovUsageReasonSentence()
    {
        return iovUsageReason == null ? "" : iovUsageReason.sentence();
    }

    /** @return {@code Get-VMNetworkAdapter | Format-List} style lines, see {@link PowerShellFormat}. */
    public String formatList()
    {
        return PowerShellFormat.formatList(
            "VMName", vmName,
            "Name", name,
            "SwitchName", switchName,
            "IovWeight", Integer.toString(iovWeight),
            "IovQueuePairsRequested", Integer.toString(iovQueuePairsRequested),
            "IovQueuePairsAssigned", Integer.toString(iovQueuePairsAssigned),
            "VirtualFunction", virtualFunction,
            "DataPath", dataPathName(),
            "IovUsageReason", iovUsageReasonSentence());
    }

    /** @return the status as a JSON object; the reason as {@code {"code":...,"sentence":...}} or null. */
    public String toJson()
    {
        return "{\"VMName\":" + PowerShellFormat.json(vmName) +
            ",\"Name\":" + PowerShellFormat.json(name) +
            ",\"SwitchName\":" + PowerShellFormat.json(switchName) +
            ",\"IovWeight\":" + iovWeight +
            ",\"IovQueuePairsRequested\":" + iovQueuePairsRequested +
            ",\"IovQueuePairsAssigned\":" + iovQueuePairsAssigned +
            ",\"VirtualFunction\":" + PowerShellFormat.json(virtualFunction) +
            ",\"DataPath\":" + PowerShellFormat.json(dataPathName()) +
            ",\"IovUsageReason\":" + PowerShellFormat.json(iovUsageReason) + "}";
    }

    private static void require(final boolean condition, final String message)
    {
        if (!condition)
        {
            throw new IllegalArgumentException(message);
        }
    }
}
