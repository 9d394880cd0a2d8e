package dev.twinpath.datapath.labfile;

/**
 * Named platforms for the {@code platform.preset} key; explicit fields next to a preset override it.
 * <p>
 * Immutable, any thread.
 */
public enum PlatformPreset
{
    /** {@code sriov-ready}: see {@link PlatformSpec#sriovReady()}. The default. */
    SRIOV_READY("sriov-ready", PlatformSpec.sriovReady()),
    /** {@code no-sriov-nic}: see {@link PlatformSpec#noSriovNic()}. */
    NO_SRIOV_NIC("no-sriov-nic", PlatformSpec.noSriovNic()),
    /** {@code seed-bios-limited}: see {@link PlatformSpec#seedBiosLimited()}. */
    SEED_BIOS_LIMITED("seed-bios-limited", PlatformSpec.seedBiosLimited());

    private final String key;
    private final PlatformSpec platform;

    PlatformPreset(final String key, final PlatformSpec platform)
    {
        this.key = key;
        this.platform = platform;
    }

    /**
     * @return the spelling in a lab file, e.g. {@code sriov-ready}.
     */
    public String key()
    {
        return key;
    }

    /**
     * @return the platform this preset names.
     */
    public PlatformSpec platform()
    {
        return platform;
    }
}
