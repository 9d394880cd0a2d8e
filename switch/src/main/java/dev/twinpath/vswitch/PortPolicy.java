package dev.twinpath.vswitch;

import dev.twinpath.vswitch.acl.PortAcl;

/**
 * The settings the stages apply to one port, frozen from {@link PortSettings}: a new instance is
 * published whenever an administrator changes the port, so a stage reads one consistent set per
 * burst.
 * <p>
 * Immutable; any thread.
 */
final class PortPolicy
{
    final long mac;
    final boolean spoofCheck;
    final PortVlan vlan;
    final PortAcl acl;
    final boolean lossless;

    PortPolicy(final PortKind kind, final PortSettings settings, final boolean switchLossless)
    {
        this.mac = settings.macAddress;
        this.spoofCheck = kind != PortKind.UPLINK && !settings.macAddressSpoofing;
        this.vlan = settings.vlan != null ? settings.vlan : kind == PortKind.UPLINK ? PortVlan.allVlans() : PortVlan.untagged();
        this.acl = settings.acl;
        this.lossless = settings.lossless != null ? settings.lossless : switchLossless;
    }
}
