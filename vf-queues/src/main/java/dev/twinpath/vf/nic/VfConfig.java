package dev.twinpath.vf.nic;

import dev.twinpath.packet.rss.ToeplitzHash;
import dev.twinpath.packet.shape.TokenBucket;
import dev.twinpath.vf.ring.OverflowMode;

/**
 * What an administrator sets on a virtual function when it is assigned: MAC, VLAN (a port VLAN, or a
 * trunk list), spoof check, trust, link state, TX rate limit and the RSS key. Fluent setters;
 * validated by {@link PhysicalFunction#assign}. Control-path object; not thread-safe.
 */
public final class VfConfig
{
    long mac;
    long secondaryMac = -1;
    int portVlan = VirtualFunction.NO_VLAN;
    int[] trunkVlans;
    boolean spoofCheck = true;
    boolean trust;
    LinkState linkState = LinkState.AUTO;
    long rateBytesPerSecond = TokenBucket.UNLIMITED;
    long rateBurstBytes = 64 * 1024;
    byte[] rssKey;
    OverflowMode overflowMode;
    boolean rxSteeredToPf;
    int[] flowsToPf;

    public VfConfig mac(final long mac)
    {
        this.mac = mac;
        return this;
    }

    /** Access mode: frames of this VLAN reach the VF untagged; its untagged TX is tagged with it. */
    public VfConfig portVlan(final int vlan)
    {
        this.portVlan = vlan;
        this.trunkVlans = null;
        return this;
    }

    /** Trunk mode: tagged frames of these VLANs pass both ways unchanged (0 stands for untagged). */
    public VfConfig trunkVlans(final int... vlans)
    {
        this.trunkVlans = vlans.clone();
        this.portVlan = VirtualFunction.NO_VLAN;
        return this;
    }

    /**
     * A second unicast MAC the VF receives, e.g. the MAC of a NIC team in the guest that this VF's adapter
     * is a member of (-1: none). A VF that sends with it must be trusted (or have spoof check off).
     */
    public VfConfig secondaryMac(final long secondary)
    {
        this.secondaryMac = secondary;
        return this;
    }

    public VfConfig spoofCheck(final boolean on)
    {
        this.spoofCheck = on;
        return this;
    }

    public VfConfig trust(final boolean on)
    {
        this.trust = on;
        return this;
    }

    public VfConfig linkState(final LinkState state)
    {
        this.linkState = state;
        return this;
    }

    /** TX rate limit in bytes per second (0 = unlimited) and the bucket depth. */
    public VfConfig rateLimit(final long bytesPerSecond, final long burstBytes)
    {
        this.rateBytesPerSecond = bytesPerSecond;
        this.rateBurstBytes = burstBytes;
        return this;
    }

    /** What the VF's RX queues do when full; default the PF's mode ({@code NicContext.overflowMode}). */
    public VfConfig overflowMode(final OverflowMode mode)
    {
        this.overflowMode = mode;
        return this;
    }

    /** The VF's own Toeplitz key (40..256 bytes); default the Microsoft key. */
    public VfConfig rssKey(final byte[] key)
    {
        this.rssKey = key.clone();
        return this;
    }

    /**
     * Assign with the MAC's RX steered to the PF default queue (the synthetic path): the VF is ready
     * but receives nothing until {@link PhysicalFunction#moveMacToVf} moves the filter to it, the way a
     * host offers a VF to a guest before the guest switches its data path.
     */
    public VfConfig rxSteeredToPf(final boolean on)
    {
        this.rxSteeredToPf = on;
        return this;
    }

    /**
     * Flow rules installed with the VF: frames of these flows (RSS hash under the VF's key) go to the
     * PF default queue even while the MAC is on the VF. See {@link PhysicalFunction#steerFlowsToPf}.
     */
    public VfConfig flowsToPf(final int... rssHashes)
    {
        this.flowsToPf = rssHashes == null ? null : rssHashes.clone();
        return this;
    }

    void validate()
    {
        if (mac <= 0 || mac > 0xFFFF_FFFF_FFFFL || FrameView.isGroup(mac))
        {
            throw new IovException(IovException.Reason.BAD_CONFIGURATION,
                "mac must be a unicast 48-bit address: " + Long.toHexString(mac));
        }
        if (secondaryMac != -1 && (secondaryMac <= 0 || secondaryMac > 0xFFFF_FFFF_FFFFL || FrameView.isGroup(secondaryMac) ||
            secondaryMac == mac))
        {
            throw new IovException(IovException.Reason.BAD_CONFIGURATION,
                "secondaryMac must be -1 or a unicast 48-bit address other than mac: " + Long.toHexString(secondaryMac));
        }
        if (portVlan != VirtualFunction.NO_VLAN && (portVlan < 1 || portVlan > 4094))
        {
            throw new IovException(IovException.Reason.BAD_CONFIGURATION, "portVlan must be 1..4094: " + portVlan);
        }
        if (trunkVlans != null)
        {
            for (final int v : trunkVlans)
            {
                if (v < 0 || v > 4094)
                {
                    throw new IovException(IovException.Reason.BAD_CONFIGURATION, "trunkVlans must be 0..4094: " + v);
                }
            }
        }
        if (rateBytesPerSecond < 0)
        {
            throw new IovException(IovException.Reason.BAD_CONFIGURATION,
                "rateLimit must be >= 0 bytes/s: " + rateBytesPerSecond);
        }
        if (rateBytesPerSecond > 0 && rateBurstBytes < 64)
        {
            throw new IovException(IovException.Reason.BAD_CONFIGURATION,
                "rateLimit burst must be >= 64 bytes: " + rateBurstBytes);
        }
        if (rssKey != null && (rssKey.length < ToeplitzHash.MIN_KEY_LENGTH || rssKey.length > ToeplitzHash.MAX_KEY_LENGTH))
        {
            throw new IovException(IovException.Reason.BAD_CONFIGURATION, "rssKey must be " + ToeplitzHash.MIN_KEY_LENGTH +
                ".." + ToeplitzHash.MAX_KEY_LENGTH + " bytes: " + rssKey.length);
        }
    }
}
