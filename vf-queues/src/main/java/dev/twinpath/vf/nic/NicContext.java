package dev.twinpath.vf.nic;

import dev.twinpath.packet.pool.PacketPool;
import dev.twinpath.vf.ring.OverflowMode;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;

/**
 * Configuration of a {@link PhysicalFunction}: fluent setters, {@link #conclude()} validates and
 * refuses a bad value with a message naming the field. Defaults: 64 VFs (like many real NICs), up to
 * 4 queue pairs per VF, rings of 1,024 descriptors, bursts of 32, drop mode.
 * Control-path object; not thread-safe.
 */
public final class NicContext
{
    /**
     * Most descriptors the VF rings of one NIC may hold when every VF has every queue pair: 2^26, 512 MiB of
     * heap. Rings are made when a VF is allocated, so a larger NIC would end in an OutOfMemoryError mid-run.
     */
    public static final long MAX_VF_RING_DESCRIPTORS = 1L << 26;

    private String name = "nic0";
    private PacketPool pool;
    private int totalVfs = 64;
    private int maxQueuePairs = 4;
    private int ringCapacity = 1024;
    private int burst = 32;
    private OverflowMode overflowMode = OverflowMode.DROP;
    private long pfMac = 0x0200_00FF_0000L;
    private NanoClock clock = SystemNanoClock.INSTANCE;

    public NicContext name(final String name)
    {
        this.name = name;
        return this;
    }

    public String name()
    {
        return name;
    }

    /** The packet pool whose buffers the NIC moves (required). */
    public NicContext pool(final PacketPool pool)
    {
        this.pool = pool;
        return this;
    }

    public PacketPool pool()
    {
        return pool;
    }

    /** Size of the VF pool, 1..256 (real NICs: 64 or 128). */
    public NicContext totalVfs(final int count)
    {
        this.totalVfs = count;
        return this;
    }

    public int totalVfs()
    {
        return totalVfs;
    }

    /** Queue pairs a VF may request, 1..16. */
    public NicContext maxQueuePairs(final int count)
    {
        this.maxQueuePairs = count;
        return this;
    }

    public int maxQueuePairs()
    {
        return maxQueuePairs;
    }

    /** Descriptors per ring: a power of two, at least twice the burst. */
    public NicContext ringCapacity(final int capacity)
    {
        this.ringCapacity = capacity;
        return this;
    }

    public int ringCapacity()
    {
        return ringCapacity;
    }

    /** Descriptors moved per ring read, 1..256. */
    public NicContext burst(final int burst)
    {
        this.burst = burst;
        return this;
    }

    public int burst()
    {
        return burst;
    }

    /** What a full destination ring does: drop and count (hardware) or back-pressure (lossless). */
    public NicContext overflowMode(final OverflowMode mode)
    {
        this.overflowMode = mode;
        return this;
    }

    public OverflowMode overflowMode()
    {
        return overflowMode;
    }

    /** The PF's own MAC: frames to it from a VF hairpin to the PF default queue. */
    public NicContext pfMac(final long mac)
    {
        this.pfMac = mac;
        return this;
    }

    public long pfMac()
    {
        return pfMac;
    }

    /** Clock for rate limiting (tests pass a fake one). */
    public NicContext clock(final NanoClock clock)
    {
        this.clock = clock;
        return this;
    }

    public NanoClock clock()
    {
        return clock;
    }

    /**
     * Validate.
     *
     * @return this.
     * @throws IllegalArgumentException naming the field that is out of range.
     */
    public NicContext conclude()
    {
        if (pool == null)
        {
            throw new IllegalArgumentException("pool is required");
        }
        if (totalVfs < 1 || totalVfs > 256)
        {
            throw new IllegalArgumentException("totalVfs must be 1..256: " + totalVfs);
        }
        if (maxQueuePairs < 1 || maxQueuePairs > PhysicalFunction.MAX_QUEUE_PAIRS)
        {
            throw new IllegalArgumentException("maxQueuePairs must be 1.." + PhysicalFunction.MAX_QUEUE_PAIRS + ": " +
                maxQueuePairs);
        }
        if (burst < 1 || burst > 256)
        {
            throw new IllegalArgumentException("burst must be 1..256: " + burst);
        }
        if (ringCapacity < 2 * burst || Integer.bitCount(ringCapacity) != 1 || ringCapacity > (1 << 20))
        {
            throw new IllegalArgumentException(
                "ringCapacity must be a power of two from 2 x burst (" + 2 * burst + ") to 2^20: " + ringCapacity);
        }
        final long descriptors = (long)totalVfs * maxQueuePairs * 2 * ringCapacity;
        if (descriptors > MAX_VF_RING_DESCRIPTORS)
        {
            throw new IllegalArgumentException("ringCapacity: totalVfs x maxQueuePairs x 2 rings x ringCapacity must be " +
                "at most 2^26 descriptors (8 bytes of heap each): " + totalVfs + " x " + maxQueuePairs + " x 2 x " +
                ringCapacity + " = " + descriptors);
        }
        if (name == null || name.isBlank())
        {
            throw new IllegalArgumentException("name must not be blank: " + name);
        }
        if (overflowMode == null)
        {
            throw new IllegalArgumentException("overflowMode is required: DROP or BACKPRESSURE");
        }
        if (clock == null)
        {
            throw new IllegalArgumentException("clock is required");
        }
        if (pfMac <= 0 || pfMac > 0xFFFF_FFFF_FFFFL || FrameView.isGroup(pfMac))
        {
            throw new IllegalArgumentException("pfMac must be a unicast 48-bit address: " + Long.toHexString(pfMac));
        }
        return this;
    }
}
