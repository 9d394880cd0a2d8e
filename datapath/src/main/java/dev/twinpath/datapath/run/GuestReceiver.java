package dev.twinpath.datapath.run;

import dev.twinpath.datapath.lab.PacketHandler;
import dev.twinpath.datapath.traffic.StreamChecker;
import dev.twinpath.packet.pool.PacketDescriptor;
import dev.twinpath.packet.pool.PacketPool;
import dev.twinpath.packet.pool.PoolCache;

/**
 * The application of one VM in a {@link FailoverRun}: checks every packet it receives with a
 * {@link StreamChecker} (path 0 the VF, 1 the synthetic path, from the descriptor's port field),
 * counts it in the interval of its arrival (the throughput timeline) and frees it.
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
    private volatile long originNanos = Long.MAX_VALUE;
    private RecordingTap tap;

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
        for (int i = 0; i < count; i++)
        {
            final long d = descriptors[i];
            final int path = fixedPath >= 0 ? fixedPath : PacketDescriptor.port(d);
            checker.onPacket(d, pool, path, nowNanos);
            if (tap != null)
            {
                tap.onPacket(path);
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
        if (sinceOrigin >= 0)
        {
            timeline[(int)Math.min(sinceOrigin / intervalNanos, timeline.length - 1)] += count;
        }
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
