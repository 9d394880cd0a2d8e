package dev.twinpath.datapath.labfile;

import java.util.Objects;

/**
 * The top-of-rack switch that joins the hosts' uplinks: the {@code tor} section of a lab file.
 * <p>
 * Immutable, any thread.
 *
 * @param name    the switch's name, {@code tor1} by default.
 * @param channel where the switch's process listens when the lab runs as processes ({@code twinpath tor}):
 *                {@code aeron:ipc} or {@code aeron:udp?endpoint=host:port}; null when the file gives none.
 */
public record TorSpec(String name, String channel)
{
    /** A switch with no channel of its own. */
    public TorSpec(final String name)
    {
        this(name, null);
    }

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
