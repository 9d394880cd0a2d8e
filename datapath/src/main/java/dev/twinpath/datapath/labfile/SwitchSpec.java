package dev.twinpath.datapath.labfile;

import java.util.Objects;

/**
 * A host's external virtual switch, as {@code New-VMSwitch -Name -EnableIov} creates it: the
 * {@code switch} section of a host. IOV is chosen here, at creation, and cannot be switched on later.
 * <p>
 * Immutable, any thread.
 *
 * @param name      the switch's name, {@code External} by default.
 * @param enableIov whether the switch was created with IOV enabled, true by default.
 */
public record SwitchSpec(String name, boolean enableIov)
{
    /** The switch name when the file names none. */
    public static final String DEFAULT_NAME = "External";

    public SwitchSpec
    {
        Objects.requireNonNull(name, "name");
    }

    /**
     * @return the switch of a host without a {@code switch} section: {@code External}, IOV enabled.
     */
    public static SwitchSpec defaults()
    {
        return new SwitchSpec(DEFAULT_NAME, true);
    }
}
