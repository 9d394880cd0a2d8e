package dev.twinpath.datapath.hyperv;

/**
 * What a host's hardware and firmware bring to SR-IOV: the physical NIC (capability, virtual
 * functions, queue pairs per VF) and the platform (the firmware's SR-IOV switch, PCI Express control
 * granted to the OS through ACPI {@code _OSC}, an IOMMU with interrupt remapping and whether it has
 * the Root Port Alternate Error Delivery erratum, PCIe Access Control Services).
 * {@link IovSupport#ofPlatform(HostPlatform)} turns it into {@code IovSupport} and its reasons.
 * <p>
 * Build with the presets ({@link #sriovReady}, {@link #withoutSriovNic}, {@link #seedBiosLimited}) and
 * change one fact with {@link #toBuilder()}. The constructor refuses a bad value with an
 * {@link IovSettingException} naming the field and what is allowed.
 * <p>
 * Immutable, any thread.
 *
 * @param name                  the host's name.
 * @param nicSriov              the NIC has the SR-IOV capability.
 * @param nicTotalVfs           virtual functions configured on the NIC, 0..{@value #MAX_TOTAL_VFS}; 0 when
 *                              {@code nicSriov} is false.
 * @param nicMaxQueuePairsPerVf queue pairs the NIC gives one VF at most, 1..{@value #MAX_QUEUE_PAIRS_PER_VF}.
 * @param biosSriov             the firmware's SR-IOV switch is on.
 * @param osControlsPcie        the firmware grants the OS control of PCI Express (ACPI {@code _OSC}).
 * @param ioRemapping           an IOMMU with interrupt remapping is present.
 * @param ioRemappingErratum    the I/O remapping hardware has the known vulnerability (Root Port
 *                              Alternate Error Delivery not enabled); only with {@code ioRemapping}.
 * @param acs                   the PCI Express ports have Access Control Services.
 */
public record HostPlatform(
    String name,
    boolean nicSriov,
    int nicTotalVfs,
    int nicMaxQueuePairsPerVf,
    boolean biosSriov,
    boolean osControlsPcie,
    boolean ioRemapping,
    boolean ioRemappingErratum,
    boolean acs)
{
    /** Most virtual functions one NIC offers (PCIe SR-IOV TotalVFs of common NICs stays below). */
    public static final int MAX_TOTAL_VFS = 256;
    /** Most queue pairs of one VF (and most an adapter may request, {@code IovQueuePairsRequested}). */
    public static final int MAX_QUEUE_PAIRS_PER_VF = 16;
    /** Queue pairs per VF of the presets. */
    public static final int DEFAULT_QUEUE_PAIRS_PER_VF = 4;

    /** @throws IovSettingException naming the first bad field. */
    public HostPlatform
    {
        if (name == null || name.isBlank())
        {
            throw new IovSettingException("name", "name must not be blank: a host needs a name");
        }
        if (nicTotalVfs < 0 || nicTotalVfs > MAX_TOTAL_VFS)
        {
            throw new IovSettingException("nicTotalVfs", "nicTotalVfs must be 0.." + MAX_TOTAL_VFS + ": " + nicTotalVfs);
        }
        if (nicMaxQueuePairsPerVf < 1 || nicMaxQueuePairsPerVf > MAX_QUEUE_PAIRS_PER_VF)
        {
            throw new IovSettingException("nicMaxQueuePairsPerVf",
                "nicMaxQueuePairsPerVf must be 1.." + MAX_QUEUE_PAIRS_PER_VF + ": " + nicMaxQueuePairsPerVf);
        }
        if (!nicSriov && nicTotalVfs != 0)
        {
            throw new IovSettingException("nicTotalVfs",
                "nicTotalVfs must be 0 when nicSriov is false (a NIC without SR-IOV has no virtual functions): " + nicTotalVfs);
        }
        if (ioRemappingErratum && !ioRemapping)
        {
            throw new IovSettingException("ioRemappingErratum",
                "ioRemappingErratum may only be true when ioRemapping is true (no I/O remapping hardware, no erratum)");
        }
    }

    /** @return a host where everything SR-IOV needs is present, with {@code vfs} virtual functions. */
    public static HostPlatform sriovReady(final String name, final int vfs)
    {
        return new HostPlatform(name, true, vfs, DEFAULT_QUEUE_PAIRS_PER_VF, true, true, true, false, true);
    }

    /** @return a host whose NIC lacks SR-IOV (no virtual functions); the rest of the platform is fine. */
    public static HostPlatform withoutSriovNic(final String name)
    {
        return new HostPlatform(name, false, 0, DEFAULT_QUEUE_PAIRS_PER_VF, true, true, true, false, true);
    }

    /**
     * @return the seed host: an SR-IOV NIC with {@code vfs} virtual functions, but firmware that keeps
     * PCI Express control from the OS and I/O remapping hardware with the Alternate Error Delivery erratum.
     */
    public static HostPlatform seedBiosLimited(final String name, final int vfs)
    {
        return new HostPlatform(name, true, vfs, DEFAULT_QUEUE_PAIRS_PER_VF, true, false, true, true, true);
    }

    /** @return queue pairs of the whole NIC for VFs: {@code nicTotalVfs * nicMaxQueuePairsPerVf}. */
    public int nicQueuePairs()
    {
        return nicTotalVfs * nicMaxQueuePairsPerVf;
    }

    /** @return a builder holding this platform's facts, to change some of them. */
    public Builder toBuilder()
    {
        return new Builder(this);
    }

    /**
     * Changes facts of a {@link HostPlatform}; {@link #build()} validates them together (so a NIC can
     * lose SR-IOV and its VFs in one step). Control thread (a short-lived local object).
     */
    public static final class Builder
    {
        private String name;
        private boolean nicSriov;
        private int nicTotalVfs;
        private int nicMaxQueuePairsPerVf;
        private boolean biosSriov;
        private boolean osControlsPcie;
        private boolean ioRemapping;
        private boolean ioRemappingErratum;
        private boolean acs;

        private Builder(final HostPlatform p)
        {
            name = p.name;
            nicSriov = p.nicSriov;
            nicTotalVfs = p.nicTotalVfs;
            nicMaxQueuePairsPerVf = p.nicMaxQueuePairsPerVf;
            biosSriov = p.biosSriov;
            osControlsPcie = p.osControlsPcie;
            ioRemapping = p.ioRemapping;
            ioRemappingErratum = p.ioRemappingErratum;
            acs = p.acs;
        }

        public Builder name(final String name)
        {
            this.name = name;
            return this;
        }

        public Builder nicSriov(final boolean nicSriov)
        {
            this.nicSriov = nicSriov;
            return this;
        }

        public Builder nicTotalVfs(final int nicTotalVfs)
        {
            this.nicTotalVfs = nicTotalVfs;
            return this;
        }

        public Builder nicMaxQueuePairsPerVf(final int nicMaxQueuePairsPerVf)
        {
            this.nicMaxQueuePairsPerVf = nicMaxQueuePairsPerVf;
            return this;
        }

        public Builder biosSriov(final boolean biosSriov)
        {
            this.biosSriov = biosSriov;
            return this;
        }

        public Builder osControlsPcie(final boolean osControlsPcie)
        {
            this.osControlsPcie = osControlsPcie;
            return this;
        }

        public Builder ioRemapping(final boolean ioRemapping)
        {
            this.ioRemapping = ioRemapping;
            return this;
        }

        public Builder ioRemappingErratum(final boolean ioRemappingErratum)
        {
            this.ioRemappingErratum = ioRemappingErratum;
            return this;
        }

        public Builder acs(final boolean acs)
        {
            this.acs = acs;
            return this;
        }

        /** @throws IovSettingException naming the first bad field. */
        public HostPlatform build()
        {
            return new HostPlatform(name, nicSriov, nicTotalVfs, nicMaxQueuePairsPerVf, biosSriov, osControlsPcie,
                ioRemapping, ioRemappingErratum, acs);
        }
    }
}
