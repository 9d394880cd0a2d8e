package dev.twinpath.datapath.labfile;

/**
 * What a host's hardware and firmware offer SR-IOV: the {@code platform} section of a host. SR-IOV
 * needs the NIC and the platform (BIOS, chipset, I/O remapping) to support it; this record only
 * describes the machine, the host's IOV control decides what follows from it and says why.
 * <p>
 * Immutable, any thread.
 *
 * @param nicSriov           the NIC supports SR-IOV ({@code nic.sriov}).
 * @param nicVfs             virtual functions the NIC offers, 0..256 ({@code nic.vfs}).
 * @param queuePairsPerVf    queue pairs each VF can have, 1..16 ({@code nic.queuePairsPerVf}).
 * @param biosSriov          the BIOS has SR-IOV enabled ({@code bios.sriov}).
 * @param osControlsPcie     the BIOS lets the OS control PCI Express ({@code bios.osControlsPcie}).
 * @param ioRemapping        the chipset has I/O remapping hardware ({@code ioRemapping.present}).
 * @param ioRemappingErratum a security issue in the I/O remapping hardware makes the OS disable
 *                           SR-IOV ({@code ioRemapping.erratum}).
 * @param acs                PCIe Access Control Services isolate the functions ({@code acs}).
 */
public record PlatformSpec(
    boolean nicSriov,
    int nicVfs,
    int queuePairsPerVf,
    boolean biosSriov,
    boolean osControlsPcie,
    boolean ioRemapping,
    boolean ioRemappingErratum,
    boolean acs)
{
    /**
     * @return a platform where SR-IOV works: an SR-IOV NIC with 8 VFs of 4 queue pairs, everything else ready.
     */
    public static PlatformSpec sriovReady()
    {
        return new PlatformSpec(true, 8, 4, true, true, true, false, true);
    }

    /**
     * @return a ready platform whose NIC has no SR-IOV (no VFs): adapters stay on the synthetic path.
     */
    public static PlatformSpec noSriovNic()
    {
        return new PlatformSpec(false, 0, 1, true, true, true, false, true);
    }

    /**
     * @return the platform of the seed material's reasons: an SR-IOV NIC with 8 VFs, but the BIOS does
     * not let the OS control PCI Express and the I/O remapping hardware has the security erratum.
     */
    public static PlatformSpec seedBiosLimited()
    {
        return new PlatformSpec(true, 8, 4, true, false, true, true, true);
    }
}
