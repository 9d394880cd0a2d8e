package dev.twinpath.datapath.traffic;

import dev.twinpath.packet.pool.PacketDescriptor;
import dev.twinpath.packet.pool.PacketPool;
import dev.twinpath.packet.pool.PoolCache;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Open-loop constant-rate traffic source: packet {@code k} after {@link #start(long)} has the
 * <em>intended</em> send time {@code start + k * 10^9 / ratePps} (rounded up to the nanosecond),
 * whether or not the sink keeps up, and that time is what its payload header carries, so latency
 * measured from it includes the time a packet waited to be sent (no coordinated omission).
 * <p>
 * Each {@link #generate(long, DescriptorSink)} builds every packet due by {@code now} (intended time
 * not after it), in bursts of {@link TrafficProfile#burst()}, each frame in a fresh pool buffer
 * patched from a per-destination template: packet {@code k} is flow {@code k % flows}, sequence
 * {@code k / flows} of its stream. It offers a burst to the sink; what the sink refuses stays
 * <em>pending</em>, built and in order with its intended time unchanged, and is offered first on the
 * next call before anything new is built. A call sends at most {@link TrafficProfile#maxBurstsPerCall()}
 * bursts, so a generator far behind schedule catches up over several calls, never skipping a packet.
 * With {@link TrafficProfile#UNPACED} a call builds a burst whenever nothing is pending, stamped with
 * {@code now}, as fast as the sink takes them. An empty pool counts a {@link #noBufferEvents()} and the
 * packet is built on a later call (never blocks, never throws).
 * <p>
 * Since packets are built and taken strictly in index order, what the sink took from each stream is
 * always the sequences {@code 0 .. sentToFlow(flow) - 1}; {@link #discardPending()} frees the pending
 * buffers and rewinds the index, so a later {@link #start(long)} sends those sequences again and the
 * streams never have a hole. A {@link StreamChecker} can therefore account for every packet at the end.
 * <p>
 * Data path ({@link #generate(long, DescriptorSink)}): zero allocation, never throws.
 * <p>
 * Threading: owned by one thread (the generator agent's), which makes every call except the counter
 * getters; those may be called by any thread and return a recent value. The pool cache, given or
 * created here, belongs to the same thread.
 */
public final class ConstantRateGenerator implements AutoCloseable
{
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final int GENERATED = 0;
    private static final int SENT = 1;
    private static final int PENDING = 2;
    private static final int NO_BUFFER = 3;
    private static final int DISCARDED = 4;

    private final UnsafeBuffer memory;
    private final PacketPool pool;
    private final PoolCache cache;
    private final boolean ownsCache;
    private final FlowFrameWriter writer;
    private final TrafficCounters counters = new TrafficCounters(5);
    private final long ratePps;
    private final int burst;
    private final int maxBurstsPerCall;
    private final int flows;
    private final long[] pending;
    private final int[] handles;

    private int pendingHead;
    private int pendingCount;
    private long nextIndex;
    private boolean running;
    private boolean closed;
    private long startNanos;
    private long paceSeconds;
    private long paceRemainder;

    /**
     * Control path: a generator with its own cache of {@code pool}, closed by {@link #close()}.
     *
     * @param profile what to send; concluded here.
     * @param pool    where frames are built.
     * @throws IllegalArgumentException if the profile is refused or its frames do not fit the pool's data room.
     */
    public ConstantRateGenerator(final TrafficProfile profile, final PacketPool pool)
    {
        this(profile, pool, pool.newCache(), true);
    }

    /**
     * Control path: a generator allocating through {@code cache}, which stays the caller's (shared with
     * the other work of the generator thread, not closed here).
     *
     * @param profile what to send; concluded here.
     * @param pool    where frames are built.
     * @param cache   a cache of {@code pool} owned by the generator thread.
     * @throws IllegalArgumentException if the profile is refused or its frames do not fit the pool's data room.
     */
    public ConstantRateGenerator(final TrafficProfile profile, final PacketPool pool, final PoolCache cache)
    {
        this(profile, pool, cache, false);
    }

    private ConstantRateGenerator(
        final TrafficProfile profile, final PacketPool pool, final PoolCache cache, final boolean ownsCache)
    {
        profile.conclude();
        if (profile.frameLength() > pool.dataRoom())
        {
            if (ownsCache)
            {
                cache.close();
            }
            throw new IllegalArgumentException("frameLength " + profile.frameLength() +
                " does not fit the data room of pool " + pool.name() + ": " + pool.dataRoom());
        }
        this.pool = pool;
        this.memory = pool.buffer();
        this.cache = cache;
        this.ownsCache = ownsCache;
        this.writer = new FlowFrameWriter(profile);
        this.ratePps = profile.ratePps();
        this.burst = profile.burst();
        this.maxBurstsPerCall = profile.maxBurstsPerCall();
        this.flows = profile.flows();
        this.pending = new long[burst];
        this.handles = new int[burst];
    }

    /**
     * Start, or restart, the schedule: the next packet built is due at {@code nowNanos} and the ones
     * after it every {@code 10^9 / ratePps} ns. Packets still pending keep their intended times.
     *
     * @param nowNanos current time on the clock later passed to {@link #generate(long, DescriptorSink)}.
     * @throws IllegalStateException after {@link #close()}.
     */
    public void start(final long nowNanos)
    {
        if (closed)
        {
            throw new IllegalStateException("generator is closed");
        }
        running = true;
        startNanos = nowNanos;
        paceSeconds = 0;
        paceRemainder = 0;
    }

    /**
     * Build nothing more; pending packets are still offered by later {@link #generate} calls, so a run
     * can drain before it ends.
     */
    public void stop()
    {
        running = false;
    }

    /** @return true between {@link #start(long)} and {@link #stop()}. */
    public boolean isRunning()
    {
        return running;
    }

    /**
     * Offer the pending packets, then build and offer every packet due by {@code nowNanos}, up to
     * {@link TrafficProfile#maxBurstsPerCall()} bursts in all.
     *
     * @param nowNanos current time.
     * @param sink     takes the packets; what it takes is its to free.
     * @return packets the sink took in this call.
     */
    public int generate(final long nowNanos, final DescriptorSink sink)
    {
        if (closed)
        {
            return 0;
        }
        final long due = ratePps == TrafficProfile.UNPACED ? Long.MAX_VALUE : dueCount(nowNanos);
        int taken = 0;
        for (int bursts = 0; bursts < maxBurstsPerCall; bursts++)
        {
            if (0 == pendingCount)
            {
                final int wanted = (int)Math.min(burst, due - nextIndex);
                if (!running || wanted <= 0 || 0 == build(wanted, nowNanos))
                {
                    break;
                }
            }
            taken += offer(sink);
            if (0 != pendingCount)
            {
                break;
            }
        }

        return taken;
    }

    /**
     * Go on from packet {@code index} of another generator of the same profile (an application that moved with its
     * VM to another process): its sequences continue where the other stopped, on a schedule that starts now. The other
     * generator must have {@linkplain #discardPending() discarded} what it built and not sent, and {@code index} be
     * its {@link #sent()}. Owner thread, before this generator sent anything.
     *
     * @throws IllegalStateException when this generator has already sent packets.
     */
    public void resume(final long index, final long nowNanos)
    {
        if (nextIndex != 0 || pendingCount != 0)
        {
            throw new IllegalStateException("resume: this generator has already built " + nextIndex + " packets");
        }
        nextIndex = index; // sentToFlow counts the streams from sequence 0; sent() counts this generator's own
        writer.seek(index);
        start(nowNanos);
    }

    /**
     * Free the pending packets' buffers and rewind so their sequences are built again after the next
     * {@link #start(long)}; also stops the generator. Call it at the end of a run before a leak audit.
     *
     * @return number of packets discarded.
     */
    public int discardPending()
    {
        running = false;
        final int count = pendingCount;
        if (count > 0)
        {
            for (int i = 0; i < count; i++)
            {
                handles[i] = PacketDescriptor.handle(pending[pendingHead + i]);
            }
            cache.freeBulk(handles, 0, count);
            pendingHead = 0;
            pendingCount = 0;
            nextIndex -= count;
            writer.seek(nextIndex);
            counters.set(PENDING, 0);
            counters.add(DISCARDED, count);
        }

        return count;
    }

    /**
     * {@link #discardPending()}, then close the cache if this generator created it. Idempotent; later
     * {@link #generate} calls return 0.
     */
    @Override
    public void close()
    {
        if (!closed)
        {
            discardPending();
            closed = true;
            if (ownsCache)
            {
                cache.close();
            }
        }
    }

    /** @return packets built so far (taken, pending or discarded); any thread. */
    public long generated()
    {
        return counters.get(GENERATED);
    }

    /** @return packets the sinks took; any thread. */
    public long sent()
    {
        return counters.get(SENT);
    }

    /** @return packets built and refused so far, waiting for the next call; any thread. */
    public long pending()
    {
        return counters.get(PENDING);
    }

    /** @return calls that found fewer free buffers than packets due; any thread. */
    public long noBufferEvents()
    {
        return counters.get(NO_BUFFER);
    }

    /** @return packets freed unsent by {@link #discardPending()}; any thread. */
    public long discarded()
    {
        return counters.get(DISCARDED);
    }

    /**
     * @param flow flow index, {@code 0..flows-1}.
     * @return packets of that flow the sinks took: its sequences {@code 0..n-1}; owner thread.
     */
    public long sentToFlow(final int flow)
    {
        final long sent = nextIndex - pendingCount;
        return sent / flows + (flow < sent % flows ? 1 : 0);
    }

    /**
     * Owner thread, control path: what the sinks took from each stream, the input of
     * {@link StreamChecker#lostAtEnd(long[])}.
     *
     * @param counts at least {@code flows} long; {@code counts[i]} receives {@link #sentToFlow(int)}.
     * @return {@code counts}.
     */
    public long[] sentPerFlow(final long[] counts)
    {
        for (int flow = 0; flow < flows; flow++)
        {
            counts[flow] = sentToFlow(flow);
        }
        return counts;
    }

    /** @return number of flows (streams). */
    public int flows()
    {
        return flows;
    }

    /** @return length of every frame built, or with mixed sizes the longest. */
    public int frameLength()
    {
        return writer.frameLength();
    }

    /** @return the pool frames are built in. */
    public PacketPool pool()
    {
        return pool;
    }

    /**
     * Packets due by {@code now}: those whose intended time {@code start + j * 10^9 / rate}, for
     * {@code j} counted since the start, is not after {@code now}. Exact; the split into whole seconds
     * keeps the products within a long.
     */
    private long dueCount(final long nowNanos)
    {
        if (!running)
        {
            return nextIndex;
        }
        final long elapsed = nowNanos - startNanos;
        if (elapsed < 0)
        {
            return nextIndex - indexSinceStart();
        }
        final long seconds = elapsed / NANOS_PER_SECOND;
        final long nanos = elapsed - seconds * NANOS_PER_SECOND;
        return nextIndex - indexSinceStart() + seconds * ratePps + (nanos * ratePps) / NANOS_PER_SECOND + 1;
    }

    private long indexSinceStart()
    {
        return paceSeconds * ratePps + paceRemainder;
    }

    private int build(final int wanted, final long nowNanos)
    {
        final int got = cache.allocateBurst(handles, 0, wanted);
        if (got < wanted)
        {
            counters.add(NO_BUFFER, 1);
            if (got <= 0)
            {
                return 0;
            }
        }

        final long rate = ratePps;
        for (int i = 0; i < got; i++)
        {
            final long intended;
            if (rate == TrafficProfile.UNPACED)
            {
                intended = nowNanos;
            }
            else
            {
                intended = startNanos + paceSeconds * NANOS_PER_SECOND +
                    (paceRemainder * NANOS_PER_SECOND + rate - 1) / rate;
                if (++paceRemainder == rate)
                {
                    paceRemainder = 0;
                    paceSeconds++;
                }
            }
            final int handle = handles[i];
            final int length = writer.writeNext(memory, pool.dataOffset(handle), intended);
            pending[i] = PacketDescriptor.packet(handle, length, 0, 0);
        }
        pendingHead = 0;
        pendingCount = got;
        nextIndex += got;
        counters.add(GENERATED, got);
        counters.set(PENDING, got);

        return got;
    }

    private int offer(final DescriptorSink sink)
    {
        int taken = sink.offer(pending, pendingHead, pendingCount);
        if (taken <= 0)
        {
            return 0;
        }
        taken = Math.min(taken, pendingCount);
        pendingHead += taken;
        pendingCount -= taken;
        counters.add(SENT, taken);
        counters.set(PENDING, pendingCount);

        return taken;
    }
}
