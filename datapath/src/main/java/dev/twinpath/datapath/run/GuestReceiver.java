package dev.twinpath.datapath.run;

import dev.twinpath.datapath.lab.PacketHandler;
import dev.twinpath.datapath.traffic.StreamChecker;
import dev.twinpath.datapath.traffic.TrafficFrames;
import dev.twinpath.packet.build.PayloadHeader;
import dev.twinpath.packet.pool.PacketDescriptor;
import dev.twinpath.packet.pool.PacketPool;
import dev.twinpath.packet.pool.PoolCache;
import dev.twinpath.packet.shape.TokenBucket;

/**
 * The application of one VM in a {@link FailoverRun}: checks every packet it receives with a
 * {@link StreamChecker} (path 0 the VF, 1 the synthetic path, from the descriptor's port field),
 * counts it in the interval of its arrival (the throughput timeline) and frees it. With an injected capacity
 * ({@link PathUnderTest#capacityPps()}), packets of that path beyond it are freed unchecked and counted as its drops
 * (the bucket's tokens are packets, its clock the packets' intended send times).
 * <p>
 * Data path: zero allocation, never throws. Owned by the VM's guest thread; the checker's counters
 * are readable from any thread, the timeline and histograms at a quiescent point (after the lab drained).
 */
final class GuestReceiver implements PacketHandler
{
    private final StreamChecker checker;
    private final PacketPool pool;
    private final PoolCache cache;
    private final long[] timeline;
    private final long intervalNanos;
    private final int fixedPath;
    private final int limitedPath;
    private final TokenBucket capacity = new TokenBucket();
    private volatile long originNanos = Long.MAX_VALUE;
    private RecordingTap tap;
    private volatile long capacityDrops;
    private long capacityDropCount;

    GuestReceiver(final StreamChecker checker, final PacketPool pool, final int intervals, final long intervalNanos)
    {
        this(checker, pool, intervals, intervalNanos, -1);
    }

    /** @param fixedPath the path every packet is counted on (the wire peer's receiver: 0), or -1 for the descriptor's port field. */
    GuestReceiver(
        final StreamChecker checker, final PacketPool pool, final int intervals, final long intervalNanos, final int fixedPath)
    {
        this.fixedPath = fixedPath;
        this.checker = checker;
        this.pool = pool;
        this.cache = pool.newCache();
        this.timeline = new long[intervals];
        this.intervalNanos = intervalNanos;
        this.limitedPath = -1;
    }

    /**
     * A VM's application behind an injected capacity: {@code capacityPps} packets per second of path {@code path}.
     */
    GuestReceiver(
        final StreamChecker checker, final PacketPool pool, final int intervals, final long intervalNanos, final int path,
        final long capacityPps)
    {
        this.fixedPath = -1;
        this.checker = checker;
        this.pool = pool;
        this.cache = pool.newCache();
        this.timeline = new long[intervals];
        this.intervalNanos = intervalNanos;
        this.limitedPath = path;
        capacity.configure(capacityPps, PathUnderTest.BUCKET_PACKETS, 0);
    }

    /** Also record for a run report into {@code tap}. Before the guest thread starts. */
    void record(final RecordingTap tap)
    {
        this.tap = tap;
        tap.attach(checker);
    }

    /** Start counting the timeline at {@code nanos}; packets before it are not counted. Any thread. */
    void origin(final long nanos)
    {
        originNanos = nanos;
    }

    @Override
    public void onBurst(final long[] descriptors, final int count, final long nowNanos)
    {
        final long origin = originNanos;
        final long sinceOrigin = nowNanos - origin;
        final RecordingTap tap = this.tap;
        if (tap != null)
        {
            tap.beginBurst(sinceOrigin, origin != Long.MAX_VALUE);
        }
        int dropped = 0;
        for (int i = 0; i < count; i++)
        {
            final long d = descriptors[i];
            final int path = fixedPath >= 0 ? fixedPath : PacketDescriptor.port(d);
            if (path == limitedPath && PacketDescriptor.isPacket(d) && !admitted(d))
            {
                dropped++;
            }
            else
            {
                checker.onPacket(d, pool, path, nowNanos);
                if (tap != null)
                {
                    tap.onPacket(path);
                }
            }
            if (PacketDescriptor.isPacket(d))
            {
                cache.free(PacketDescriptor.handle(d));
            }
        }
        if (tap != null)
        {
            tap.endBurst();
        }
        if (dropped > 0)
        {
            capacityDropCount += dropped;
            capacityDrops = capacityDropCount; // single writer: a volatile store publishes the count to any reader
        }
        if (sinceOrigin >= 0)
        {
            timeline[(int)Math.min(sinceOrigin / intervalNanos, timeline.length - 1)] += count - dropped;
        }
    }

    /** @return true when the injected capacity lets the packet through, by its intended send time. */
    private boolean admitted(final long d)
    {
        final int length = PacketDescriptor.length(d);
        final int handle = PacketDescriptor.handle(d);
        if (handle >= pool.capacity() || length > pool.dataRoom())
        {
            return true; // the checker counts what is wrong with it
        }
        final int header = TrafficFrames.payloadHeaderOffset(pool.buffer(), pool.dataOffset(handle), length);
        if (header < 0)
        {
            return true;
        }
        capacity.refill(PayloadHeader.timestamp(pool.buffer(), header));
        return capacity.tryConsume(1);
    }

    /** @return packets the injected capacity dropped. Any thread. */
    long capacityDrops()
    {
        return capacityDrops;
    }

    /** @return the timeline's origin. Any thread. */
    long originNanos()
    {
        return originNanos;
    }

    StreamChecker checker()
    {
        return checker;
    }

    /** @return packets received per interval since the origin (the last interval takes everything later). Quiescent point. */
    long[] timeline()
    {
        return timeline;
    }

    /** Give the cached free buffers back to the pool. Quiescent point. */
    void flush()
    {
        cache.flush();
    }
}
