package dev.twinpath.bench.scenario.wire;

import dev.twinpath.datapath.wire.AeronWire;
import dev.twinpath.datapath.wire.WireReceiver;
import dev.twinpath.packet.pool.PacketDescriptor;
import dev.twinpath.packet.pool.PacketPool;
import dev.twinpath.packet.pool.PoolCache;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import org.HdrHistogram.Histogram;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Host B of suite {@code wire-proc}: receives what the ToR relays ({@link WireReceiver}, or a raw subscription for
 * the baseline), checks that the sequence numbers A wrote follow each other, counts what arrives while B's clock is in
 * the measurement window (the throughput), and records {@code now - stamp} in an HdrHistogram for every frame (or raw
 * message) whose stamp is in the window, however late it arrives.
 * <p>
 * Threading: owned by the child's main thread. Zero allocation per frame.
 */
final class WireBenchSink implements WireBenchRole
{
    /** Longest latency recorded; a longer one is recorded as this. */
    private static final long HIGHEST_NANOS = TimeUnit.SECONDS.toNanos(60);
    /** How long B waits for the rest once it knows how much A sent. */
    private static final long EXPECT_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(20);

    private final WireRoleOptions options;
    private final PacketPool pool;
    private final UnsafeBuffer memory;
    private final WireReceiver receiver;
    private final PoolCache cache;
    private final Subscription subscription;
    private final FragmentHandler rawHandler = this::onMessage;
    private final Histogram latency = new Histogram(HIGHEST_NANOS, 3);

    private boolean started;
    private long windowStart;
    private long windowEnd;
    private long nextSequence;
    private long received;
    private long outOfSequence;
    private long windowReceived;
    private long expected = -1;
    private long expectDeadline;
    private long pollNanos;

    WireBenchSink(final WireRoleOptions options, final AeronWire wire, final PacketPool pool)
    {
        this.options = options;
        this.pool = pool;
        this.memory = pool.buffer();
        if (options.raw())
        {
            receiver = null;
            cache = null;
            subscription = wire.aeron().addSubscription(options.in(), options.inStream());
        }
        else
        {
            subscription = null;
            receiver = wire.newReceiver(pool, this::onFrames, options.in(), options.inStream());
            cache = receiver.cache(); // frames go back where the receiver allocates them: reused while still cached
        }
    }

    @Override
    public boolean connected()
    {
        return options.raw() ? subscription.isConnected() : receiver.isConnected();
    }

    @Override
    public void start(final long startNanos)
    {
        windowStart = startNanos + options.warmupNanos();
        windowEnd = windowStart + options.measureNanos();
        started = true;
    }

    @Override
    public void expect(final long units, final long nowNanos)
    {
        if (expected < 0)
        {
            expected = units;
            expectDeadline = nowNanos + EXPECT_TIMEOUT_NANOS;
        }
    }

    private int onFrames(final long[] descriptors, final int offset, final int count)
    {
        final long now = System.nanoTime();
        for (int i = offset; i < offset + count; i++)
        {
            final int handle = PacketDescriptor.handle(descriptors[i]);
            final int data = pool.dataOffset(handle);
            onUnit(memory.getLong(data), memory.getLong(data + 8), now);
            cache.free(handle);
        }
        return count;
    }

    private void onMessage(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        onUnit(buffer.getLong(offset), buffer.getLong(offset + 8), pollNanos);
    }

    private void onUnit(final long sequence, final long stamp, final long now)
    {
        if (sequence != nextSequence)
        {
            outOfSequence++;
        }
        nextSequence = sequence + 1;
        received++;
        if (started)
        {
            if (now - windowStart >= 0 && now - windowEnd < 0)
            {
                windowReceived++;
            }
            if (stamp - windowStart >= 0 && stamp - windowEnd < 0)
            {
                latency.recordValue(Math.min(HIGHEST_NANOS, Math.max(0, now - stamp)));
            }
        }
    }

    @Override
    public int doWork()
    {
        if (options.raw())
        {
            pollNanos = System.nanoTime(); // one clock read per poll, as the wire's handler reads it once per burst
            return subscription.poll(rawHandler, options.rawFragmentLimit());
        }
        return receiver.doWork();
    }

    @Override
    public boolean finished(final long nowNanos)
    {
        return expected >= 0 && (received >= expected || nowNanos - expectDeadline >= 0);
    }

    @Override
    public String report()
    {
        return String.format(Locale.ROOT, "RESULT received=%d outOfSequence=%d window=%d messages=%d latencyCount=%d " +
                "p50=%d p90=%d p99=%d p999=%d p9999=%d max=%d",
            received, outOfSequence, windowReceived, options.raw() ? received : receiver.messages(), latency.getTotalCount(),
            latency.getValueAtPercentile(50), latency.getValueAtPercentile(90), latency.getValueAtPercentile(99),
            latency.getValueAtPercentile(99.9), latency.getValueAtPercentile(99.99), latency.getMaxValue());
    }

    @Override
    public String stats()
    {
        return options.raw() ? "received=" + received + " connected=" + (subscription.isConnected() ? 1 : 0) :
            "received=" + received + " messages=" + receiver.messages() + " malformed=" + receiver.malformedTotal() +
            " connected=" + (receiver.isConnected() ? 1 : 0);
    }

    @Override
    public void close()
    {
        if (options.raw())
        {
            subscription.close();
        }
        else
        {
            receiver.close(); // closes its cache, the one frames were freed into
        }
    }
}
