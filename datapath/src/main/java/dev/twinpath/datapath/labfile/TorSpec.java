package dev.twinpath.datapath.labfile;

import java.util.Objects;

/**
 * The top-of-rack switch that joins the hosts' uplinks: the {@code tor} section of a lab file.
 * <p>
 * Immutable, any thread.
 *
 * @param name the switch's name, {@code tor1} by default.
 */
public record TorSpec(String name)
{
    /** The name of the top-of-rack switch when the file names none. */
    public static final String DEFAULT_NAME = "tor1";

    public TorSpec
    {
        Objects.requireNonNull(name, "name");
    }

    /**
     * @return the top-of-rack switch of a lab file without a {@code tor} section.
     */
    public static TorSpec defaults()
    {
        return new TorSpec(DEFAULT_NAME);
    }
}
