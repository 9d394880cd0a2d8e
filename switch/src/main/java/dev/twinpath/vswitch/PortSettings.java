package dev.twinpath.vswitch;

import dev.twinpath.packet.codec.EthernetFrames;
import dev.twinpath.vswitch.acl.PortAcl;

/**
 * What an administrator sets on a switch port (the {@code Set-VMNetworkAdapter*} family): the
 * adapter's MAC address and whether it may spoof others ({@code -MacAddressSpoofing}), its VLAN
 * ({@code Set-VMNetworkAdapterVlan}), its ACL ({@code Add-VMNetworkAdapterAcl}), its bandwidth limit
 * ({@code -MaximumBandwidth}, bits per second) and whether a full egress ring holds the switch
 * (lossless) or drops and counts (lossy). Fluent setters; validated by {@link #validate(PortKind)}.
 * <p>
 * Control-path object; not thread-safe. The switch copies it when the port is added or updated.
 */
public final class PortSettings
{
    /** No bandwidth limit. */
    public static final long UNLIMITED = 0;

    String name;
    long macAddress;
    boolean macAddressSpoofing;
    PortVlan vlan;
    PortAcl acl;
    long maximumBandwidthBitsPerSecond = UNLIMITED;
    long burstBytes = 64 * 1024;
    Boolean lossless;

    public PortSettings name(final String name)
    {
        this.name = name;
        return this;
    }

    /** The adapter's own MAC address (48 bits); 0 for a port without one (the uplink). */
    public PortSettings macAddress(final long mac)
    {
        this.macAddress = mac;
        return this;
    }

    /** {@code -MacAddressSpoofing On}: the adapter may send with any source MAC. Off by default. */
    public PortSettings macAddressSpoofing(final boolean allowed)
    {
        this.macAddressSpoofing = allowed;
        return this;
    }

    public PortSettings vlan(final PortVlan vlan)
    {
        this.vlan = vlan;
        return this;
    }

    /**
     * The port's ACL; {@code null} for none (everything allowed). An ACL instance keeps its flow cache
     * and hit counters for the one switch thread that evaluates it: ports of one switch may share an
     * instance (their hits add up), ports of different switches need their own
     * ({@code PortAcl.of(acl.rules())}).
     */
    public PortSettings acl(final PortAcl acl)
    {
        this.acl = acl;
        return this;
    }

    /**
     * {@code -MaximumBandwidth}: the rate the port may send into the switch, in bits per second
     * ({@link #UNLIMITED} = 0). The switch shapes rather than drops: a port over its rate is not
     * polled until its bucket refills, so frames wait in its own ring.
     */
    public PortSettings maximumBandwidth(final long bitsPerSecond)
    {
        this.maximumBandwidthBitsPerSecond = bitsPerSecond;
        return this;
    }

    /** The bucket depth of the bandwidth limit in bytes (default 64 KiB; at least one jumbo frame). */
    public PortSettings burstBytes(final long bytes)
    {
        this.burstBytes = bytes;
        return this;
    }

    /** Override the switch's default overflow behaviour for deliveries to this port. */
    public PortSettings lossless(final boolean lossless)
    {
        this.lossless = lossless;
        return this;
    }

    public String name()
    {
        return name;
    }

    public long macAddress()
    {
        return macAddress;
    }

    public boolean macAddressSpoofing()
    {
        return macAddressSpoofing;
    }

    public PortVlan vlan()
    {
        return vlan;
    }

    public PortAcl acl()
    {
        return acl;
    }

    public long maximumBandwidth()
    {
        return maximumBandwidthBitsPerSecond;
    }

    /** @throws SwitchConfigurationException naming the bad field. */
    void validate(final PortKind kind)
    {
        if (name == null || name.isBlank())
        {
            throw new SwitchConfigurationException("name: a port needs a name");
        }
        if (kind != PortKind.UPLINK && !EthernetFrames.isUnicastStation(macAddress))
        {
            throw new SwitchConfigurationException(
                "macAddress: port '" + name + "' needs a unicast station address, got 0x" + Long.toHexString(macAddress));
        }
        if (maximumBandwidthBitsPerSecond < 0)
        {
            throw new SwitchConfigurationException(
                "maximumBandwidth: must be >= 0 bits/s (0 = unlimited): " + maximumBandwidthBitsPerSecond);
        }
        if (maximumBandwidthBitsPerSecond > 0 && (burstBytes < 9216 || burstBytes > (1L << 30)))
        {
            throw new SwitchConfigurationException("burstBytes: must be 9216..2^30 bytes: " + burstBytes);
        }
        if (kind == PortKind.UPLINK && vlan != null && vlan.mode() != PortVlan.Mode.ALL)
        {
            throw new SwitchConfigurationException("vlan: the uplink carries every VLAN; got " + vlan);
        }
    }

    PortSettings copy()
    {
        final PortSettings c = new PortSettings();
        c.name = name;
        c.macAddress = macAddress;
        c.macAddressSpoofing = macAddressSpoofing;
        c.vlan = vlan;
        c.acl = acl;
        c.maximumBandwidthBitsPerSecond = maximumBandwidthBitsPerSecond;
        c.burstBytes = burstBytes;
        c.lossless = lossless;
        return c;
    }
}
