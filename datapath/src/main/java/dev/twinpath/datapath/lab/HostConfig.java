package dev.twinpath.datapath.lab;

import dev.twinpath.datapath.hyperv.HostPlatform;

/**
 * One Hyper-V host of a {@link Lab}: its name, its platform ({@link HostPlatform}: the NIC's SR-IOV
 * capability, VF pool and queue pairs per VF, the firmware and I/O remapping that decide whether
 * SR-IOV can work), and its External switch: name, and whether it is created with IOV (fixed for
 * its life). Fluent setters; {@link #conclude()} validates and names the field it refuses.
 * <p>
 * Control-path object; not thread-safe.
 */
public final class HostConfig
{
    private final String name;
    private HostPlatform platform;
    private boolean enableIov = true;
    private String switchName = "External";
    private int nics = 1;

    public HostConfig(final String name)
    {
        this.name = name;
        this.platform = HostPlatform.sriovReady(name, 8);
    }

    public String name()
    {
        return name;
    }

    public HostConfig platform(final HostPlatform platform)
    {
        this.platform = platform;
        return this;
    }

    public HostPlatform platform()
    {
        return platform;
    }

    /** The NIC's VF pool (keeps the rest of the platform). */
    public HostConfig totalVfs(final int count)
    {
        platform = platform.toBuilder().nicTotalVfs(count).build();
        return this;
    }

    public int totalVfs()
    {
        return platform.nicTotalVfs();
    }

    /** Queue pairs a VF of the NIC can have at most (keeps the rest of the platform). */
    public HostConfig queuePairsPerVf(final int count)
    {
        platform = platform.toBuilder().nicMaxQueuePairsPerVf(count).build();
        return this;
    }

    public int queuePairsPerVf()
    {
        return platform.nicMaxQueuePairsPerVf();
    }

    /** Whether the External switch is created with IOV ({@code New-VMSwitch -EnableIov}); fixed for its life. */
    public HostConfig enableIov(final boolean enable)
    {
        enableIov = enable;
        return this;
    }

    public boolean enableIov()
    {
        return enableIov;
    }

    /** NICs of the host, 1..4, each with its own External switch (a guest teams adapters across them). */
    public HostConfig nics(final int count)
    {
        nics = count;
        return this;
    }

    public int nics()
    {
        return nics;
    }

    public HostConfig switchName(final String name)
    {
        switchName = name;
        return this;
    }

    public String switchName()
    {
        return switchName;
    }

    /** Validate. @throws IllegalArgumentException naming the field. */
    public HostConfig conclude()
    {
        if (name == null || !name.matches("[A-Za-z0-9_.-]{1,32}"))
        {
            throw new IllegalArgumentException("host name must be 1..32 of [A-Za-z0-9_.-]: " + name);
        }
        if ("peer".equals(name))
        {
            throw new IllegalArgumentException("host name 'peer' is reserved: it names the wire peer's cable on the rack switch");
        }
        if (platform == null)
        {
            throw new IllegalArgumentException("host " + name + ": platform must be set");
        }
        if (nics < 1 || nics > 4)
        {
            throw new IllegalArgumentException("host " + name + ": nics must be 1..4: " + nics);
        }
        if (switchName == null || switchName.isBlank())
        {
            throw new IllegalArgumentException("host " + name + ": switch name must be set");
        }
        return this;
    }
}
