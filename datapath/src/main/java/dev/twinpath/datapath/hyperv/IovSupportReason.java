package dev.twinpath.datapath.hyperv;

/**
 * Why SR-IOV is not used, as a machine-readable {@link #code()} and the {@link #sentence()} an
 * administrator reads in {@code IovSupportReasons} (switch) or the adapter's usage reason. The two
 * platform sentences Hyper-V is known to print ({@link #OS_PCIE_CONTROL_DENIED},
 * {@link #IO_REMAPPING_ERRATUM}) are reproduced word for word; the others are written in the same tone.
 * <p>
 * Immutable, any thread.
 */
public enum IovSupportReason
{
    /** The physical NIC behind the switch has no SR-IOV capability. */
    NIC_NO_SRIOV(Scope.PLATFORM,
        "The network adapter of this virtual switch does not support SR-IOV. To use SR-IOV, connect the virtual "
            + "switch to a network adapter that supports it."),
    /** The NIC is SR-IOV capable but has no virtual function configured. */
    NIC_NO_VFS(Scope.PLATFORM,
        "The network adapter supports SR-IOV but has no virtual functions configured. Configure virtual functions "
            + "on the network adapter (Set-NetAdapterSriov -NumVFs) to use SR-IOV."),
    /** The firmware's SR-IOV switch is off. */
    BIOS_SRIOV_DISABLED(Scope.PLATFORM,
        "SR-IOV is disabled in the system BIOS. To use SR-IOV on this system, enable SR-IOV in the BIOS setup. "
            + "Contact your system manufacturer if the setting is not available."),
    /** The firmware does not grant the OS control of PCI Express (ACPI _OSC). Hyper-V's own sentence. */
    OS_PCIE_CONTROL_DENIED(Scope.PLATFORM,
        "To use SR-IOV on this system, the system BIOS must be updated to allow Windows to control PCI Express. "
            + "Contact your system manufacturer for an update."),
    /** No IOMMU with interrupt remapping. */
    NO_IO_REMAPPING(Scope.PLATFORM,
        "This system does not have I/O remapping hardware with interrupt remapping, which SR-IOV requires. "
            + "Enable I/O virtualization (IOMMU) in the system BIOS, or contact your system manufacturer."),
    /** The I/O remapping hardware lacks Root Port Alternate Error Delivery. Hyper-V's own sentence. */
    IO_REMAPPING_ERRATUM(Scope.PLATFORM,
        "This system has a security vulnerability in the system I/O remapping hardware. As a precaution, the "
            + "ability to use SR-IOV has been disabled. You should contact your system manufacturer for an updated "
            + "BIOS which enables Root Port Alternate Error Delivery mechanism."),
    /** The PCI Express ports lack Access Control Services. */
    NO_ACS(Scope.PLATFORM,
        "The PCI Express root ports of this system do not support Access Control Services (ACS), which SR-IOV "
            + "requires to isolate virtual functions. Contact your system manufacturer for an update."),
    /** The virtual switch was created without {@code -EnableIov}; it can only be chosen at creation. */
    SWITCH_NOT_IOV_ENABLED(Scope.SWITCH,
        "This virtual switch was not created with SR-IOV enabled. SR-IOV can only be enabled when a virtual switch "
            + "is created: remove the virtual switch and create it again with New-VMSwitch -EnableIov $true."),
    /** Every virtual function of the NIC is assigned; the adapter waits on the synthetic path. */
    VF_POOL_EXHAUSTED(Scope.ADAPTER,
        "No virtual function is available on the network adapter: all of them are assigned to other virtual "
            + "network adapters. This virtual network adapter uses the synthetic path until one is released."),
    /** The adapter's {@code IovWeight} is 0: it has not opted in to SR-IOV. */
    ADAPTER_IOV_WEIGHT_ZERO(Scope.ADAPTER,
        "SR-IOV is disabled for this virtual network adapter because its IovWeight is 0. Set an IovWeight from 1 "
            + "to 100 (Set-VMNetworkAdapter -IovWeight) to use SR-IOV."),
    /** Per adapter: the host (platform) cannot do SR-IOV; the switch's reasons say why. */
    HOST_NOT_SUPPORTED(Scope.ADAPTER,
        "This host does not support SR-IOV. See the IovSupportReasons of the virtual switch "
            + "(Get-VMSwitch | Format-List iov*) for the reasons.");

    /** What a reason is about. */
    public enum Scope
    {
        /** The host's NIC, firmware or chipset: re-creating the switch does not help. */
        PLATFORM,
        /** The virtual switch. */
        SWITCH,
        /** One VM network adapter. */
        ADAPTER
    }

    private final Scope scope;
    private final String sentence;

    IovSupportReason(final Scope scope, final String sentence)
    {
        this.scope = scope;
        this.sentence = sentence;
    }

    /** @return the machine-readable code: the constant's name, e.g. {@code "VF_POOL_EXHAUSTED"}. */
    public String code()
    {
        return name();
    }

    /** @return the sentence an administrator reads. */
    public String sentence()
    {
        return sentence;
    }

    /** @return what the reason is about: platform, switch or adapter. */
    public Scope scope()
    {
        return scope;
    }
}
