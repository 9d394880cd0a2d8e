package dev.twinpath.datapath.lab;

import java.util.List;

/**
 * One Hyper-V host of a {@link Lab}: its name, its NIC's VF pool and queue pairs per VF, whether its
 * External switch was created with IOV, and whether the platform lets SR-IOV work at all (with the
 * reasons an administrator reads when it does not). Fluent setters; {@link #conclude()} validates and
 * names the field it refuses.
 * <p>
 * Control-path object; not thread-safe.
 */
public final class HostConfig
{
    private final String name;
    private int totalVfs = 8;
    private int queuePairsPerVf = 4;
    private boolean enableIov = true;
    private String switchName = "External";
    private boolean iovSupported = true;
    private List<String> iovSupportReasons = List.of();

    public HostConfig(final String name)
    {
        this.name = name;
    }

    public String name()
    {
        return name;
    }

    public HostConfig totalVfs(final int count)
    {
        totalVfs = count;
        return this;
    }

    public int totalVfs()
    {
        return totalVfs;
    }

    public HostConfig queuePairsPerVf(final int count)
    {
        queuePairsPerVf = count;
        return this;
    }

    public int queuePairsPerVf()
    {
        return queuePairsPerVf;
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

    public HostConfig switchName(final String name)
    {
        switchName = name;
        return this;
    }

    public String switchName()
    {
        return switchName;
    }

    /** Whether the platform (NIC, firmware, I/O remapping) supports SR-IOV; when not, the reasons. */
    public HostConfig iovSupport(final boolean supported, final List<String> reasons)
    {
        iovSupported = supported;
        iovSupportReasons = List.copyOf(reasons);
        return this;
    }

    public boolean iovSupported()
    {
        return iovSupported;
    }

    public List<String> iovSupportReasons()
    {
        return iovSupportReasons;
    }

    /** Validate. @throws IllegalArgumentException naming the field. */
    public HostConfig conclude()
    {
        if (name == null || !name.matches("[A-Za-z0-9_.-]{1,32}"))
        {
            throw new IllegalArgumentException("host name must be 1..32 of [A-Za-z0-9_.-]: " + name);
        }
        if (totalVfs < 0 || totalVfs > 256)
        {
            throw new IllegalArgumentException("host " + name + ": totalVfs must be 0..256: " + totalVfs);
        }
        if (queuePairsPerVf < 1 || queuePairsPerVf > 16)
        {
            throw new IllegalArgumentException("host " + name + ": queuePairsPerVf must be 1..16: " + queuePairsPerVf);
        }
        return this;
    }
}
