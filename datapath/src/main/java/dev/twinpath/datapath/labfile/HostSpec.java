package dev.twinpath.datapath.labfile;

import java.util.Objects;

/**
 * One Hyper-V host of a lab: an entry of the {@code hosts} list.
 * <p>
 * Immutable, any thread.
 *
 * @param name     unique among the lab's hosts, 1..32 of {@code [A-Za-z0-9_.-]}.
 * @param platform what the host's NIC, BIOS and chipset support.
 * @param vSwitch  the host's external virtual switch (the {@code switch} key).
 * @param channel  where the host's process listens when the lab runs as processes ({@code twinpath host}):
 *                 {@code aeron:ipc} or {@code aeron:udp?endpoint=host:port}; null when the file gives none.
 */
public record HostSpec(String name, PlatformSpec platform, SwitchSpec vSwitch, String channel)
{
    /** A host with no channel of its own. */
    public HostSpec(final String name, final PlatformSpec platform, final SwitchSpec vSwitch)
    {
        this(name, platform, vSwitch, null);
    }

    public HostSpec
    {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(vSwitch, "vSwitch");
    }
}
