package dev.twinpath.datapath;

import dev.twinpath.datapath.steer.SteeringEpoch;

import java.util.concurrent.TimeUnit;

/**
 * Configuration of one {@link NetVscAdapter}: fluent setters, {@link #conclude()} validates and names
 * the field it refuses.
 * <p>
 * Control-path object; not thread-safe.
 */
public final class NetVscContext
{
    private String name = "eth0";
    private String host = "";
    private int index;
    private long mac;
    private int burst = 32;
    private int holdBound = 4096;
    private int stageCapacity = 256;
    private long holdTimeoutNanos = TimeUnit.SECONDS.toNanos(1);
    private long fenceTimeoutNanos = TimeUnit.SECONDS.toNanos(1);
    private long completionTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(500);
    private long detachTimeoutNanos = TimeUnit.SECONDS.toNanos(1);
    private long minDwellNanos = TimeUnit.MILLISECONDS.toNanos(5);

    public NetVscContext name(final String name)
    {
        this.name = name;
        return this;
    }

    public String name()
    {
        return name;
    }

    /** The host the adapter's VM runs on, as reports name it ({@code ""} when not in a lab). */
    public NetVscContext host(final String host)
    {
        this.host = host;
        return this;
    }

    public String host()
    {
        return host;
    }

    /** The adapter's index in its lab, 0..255: markers and fences carry it. */
    public NetVscContext index(final int index)
    {
        this.index = index;
        return this;
    }

    public int index()
    {
        return index;
    }

    public NetVscContext mac(final long mac)
    {
        this.mac = mac;
        return this;
    }

    public long mac()
    {
        return mac;
    }

    /** Descriptors read per path and queue per poll. */
    public NetVscContext burst(final int burst)
    {
        this.burst = burst;
        return this;
    }

    public int burst()
    {
        return burst;
    }

    /** The hold-back bound (G4), per direction: reaching it applies back-pressure. */
    public NetVscContext holdBound(final int packets)
    {
        this.holdBound = packets;
        return this;
    }

    public int holdBound()
    {
        return holdBound;
    }

    /** Descriptors staged per TX path before {@code send} pushes back. */
    public NetVscContext stageCapacity(final int descriptors)
    {
        this.stageCapacity = descriptors;
        return this;
    }

    public int stageCapacity()
    {
        return stageCapacity;
    }

    /** How long RX may hold a packet waiting for a marker before releasing it anyway (G7). */
    public NetVscContext holdTimeout(final long duration, final TimeUnit unit)
    {
        this.holdTimeoutNanos = unit.toNanos(duration);
        return this;
    }

    public long holdTimeoutNanos()
    {
        return holdTimeoutNanos;
    }

    /** How long a TX move waits for the old path's fence before taking it as passed (G7). */
    public NetVscContext fenceTimeout(final long duration, final TimeUnit unit)
    {
        this.fenceTimeoutNanos = unit.toNanos(duration);
        return this;
    }

    public long fenceTimeoutNanos()
    {
        return fenceTimeoutNanos;
    }

    /** How long to wait for SWITCH_DATA_PATH_COMPLETE before falling back to the synthetic path (G7). */
    public NetVscContext completionTimeout(final long duration, final TimeUnit unit)
    {
        this.completionTimeoutNanos = unit.toNanos(duration);
        return this;
    }

    public long completionTimeoutNanos()
    {
        return completionTimeoutNanos;
    }

    /** How long to wait for the VF's markers and fence before letting it go anyway (G7). */
    public NetVscContext detachTimeout(final long duration, final TimeUnit unit)
    {
        this.detachTimeoutNanos = unit.toNanos(duration);
        return this;
    }

    public long detachTimeoutNanos()
    {
        return detachTimeoutNanos;
    }

    /** Minimum time between two data path switches: an offer sooner than this is deferred (flap damping). */
    public NetVscContext minDwell(final long duration, final TimeUnit unit)
    {
        this.minDwellNanos = unit.toNanos(duration);
        return this;
    }

    public long minDwellNanos()
    {
        return minDwellNanos;
    }

    /** @return a copy of these settings. */
    public NetVscContext copy()
    {
        final NetVscContext c = new NetVscContext();
        c.name = name;
        c.host = host;
        c.index = index;
        c.mac = mac;
        c.burst = burst;
        c.holdBound = holdBound;
        c.stageCapacity = stageCapacity;
        c.holdTimeoutNanos = holdTimeoutNanos;
        c.fenceTimeoutNanos = fenceTimeoutNanos;
        c.completionTimeoutNanos = completionTimeoutNanos;
        c.detachTimeoutNanos = detachTimeoutNanos;
        c.minDwellNanos = minDwellNanos;
        return c;
    }

    /** Validate. @throws IllegalArgumentException naming the field. */
    public NetVscContext conclude()
    {
        if (name == null || name.isBlank())
        {
            throw new IllegalArgumentException("name must not be blank");
        }
        if (index < 0 || index >= SteeringEpoch.MAX_ADAPTERS)
        {
            throw new IllegalArgumentException("index must be 0.." + (SteeringEpoch.MAX_ADAPTERS - 1) + ": " + index);
        }
        if (mac <= 0 || mac > 0xFFFF_FFFF_FFFFL || (mac & 0x0100_0000_0000L) != 0)
        {
            throw new IllegalArgumentException("mac must be a unicast 48-bit address: " + Long.toHexString(mac));
        }
        if (burst < 1 || burst > 256)
        {
            throw new IllegalArgumentException("burst must be 1..256: " + burst);
        }
        if (holdBound < burst || holdBound > 1 << 20)
        {
            throw new IllegalArgumentException("holdBound must be burst.." + (1 << 20) + ": " + holdBound);
        }
        if (stageCapacity < burst || stageCapacity > 1 << 16)
        {
            throw new IllegalArgumentException("stageCapacity must be burst..65536: " + stageCapacity);
        }
        positive("holdTimeout", holdTimeoutNanos);
        positive("fenceTimeout", fenceTimeoutNanos);
        positive("completionTimeout", completionTimeoutNanos);
        positive("detachTimeout", detachTimeoutNanos);
        if (minDwellNanos < 0)
        {
            throw new IllegalArgumentException("minDwell must be >= 0: " + minDwellNanos + " ns");
        }
        return this;
    }

    private static void positive(final String field, final long nanos)
    {
        if (nanos <= 0)
        {
            throw new IllegalArgumentException(field + " must be > 0: " + nanos + " ns");
        }
    }
}
