package dev.twinpath.vswitch;

import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.EventPoller;
import com.lmax.disruptor.RingBuffer;
import dev.twinpath.packet.pool.PacketPool;
import dev.twinpath.vswitch.table.MacTable;
import org.agrona.ErrorHandler;
import org.agrona.LangUtil;
import org.agrona.concurrent.NanoClock;

/**
 * The switch's data path: an LMAX Disruptor ring of {@link SwitchBurst}s, filled by
 * {@link SwitchIngress} and drained by one {@link EventPoller} that runs the four stages on each
 * burst in order (classify, policy, forward, egress). Stages are fused on one thread, which suits a
 * 2-core machine (DESIGN.md section 4): the ring decouples reading the ports from processing and
 * carries the back-pressure, and a stage never waits on another thread. The poller stops at the
 * first burst the egress stage cannot finish (a full lossless port); until that port takes it,
 * nothing new is read.
 * <p>
 * Threading: one thread, the switch agent's, runs {@link #doWork()}; the ring's publish/poll are the
 * release/acquire pairs the Disruptor names.
 */
final class SwitchPipeline
{
    private static final int AGING_SLOTS_PER_STEP = 256;
    /** Reads of a leaving port's ring at most (a guest that keeps sending cannot hold the removal). */
    private static final int DRAIN_ROUNDS = 4096;
    private static final long AGING_PERIOD_NANOS = 1_000_000L;

    private final RingBuffer<SwitchBurst> ring;
    private final EventPoller<SwitchBurst> poller;
    private final EventPoller.Handler<SwitchBurst> handler = this::onBurst;
    private final SwitchIngress ingress;
    private final ClassifyStage classify;
    private final PolicyStage policy;
    private final ForwardStage forward;
    private final EgressStage egress;
    private final MacTable macTable;
    private final NanoClock clock;
    private volatile boolean needL3;
    private long now;
    private long lastAging;
    private boolean idle = true;
    private int calls;
    private int processed;

    SwitchPipeline(
        final SwitchPort[] ports,
        final PacketPool pool,
        final MacTable macTable,
        final SwitchCounters counters,
        final NanoClock clock,
        final int ringBursts,
        final int maxBurst,
        final ErrorHandler errorHandler)
    {
        this.ring = RingBuffer.createSingleProducer(() -> new SwitchBurst(maxBurst), ringBursts, new BusySpinWaitStrategy());
        this.poller = ring.newPoller();
        ring.addGatingSequences(poller.getSequence());
        this.ingress = new SwitchIngress(ring, ports, counters, maxBurst, errorHandler);
        this.classify = new ClassifyStage(pool);
        this.policy = new PolicyStage(ports);
        this.forward = new ForwardStage(macTable);
        this.egress = new EgressStage(ports, maxBurst, counters, pool, errorHandler);
        this.macTable = macTable;
        this.clock = clock;
    }

    /** Publish the set of ports and whether any has an ACL (so classify reads L3/L4). Control path. */
    void ports(final int[] activeIds, final boolean anyAcl)
    {
        needL3 = anyAcl;
        ingress.activePorts(activeIds);
        egress.activePorts(activeIds);
    }

    /** @return work done: descriptors read plus frames settled. Switch thread only. */
    int doWork()
    {
        if (idle || (++calls & 7) == 0) // busy: the clock every 8th pass is fine for learning, aging and shaping
        {
            now = clock.nanoTime();
        }
        int work = 0;
        if (egress.hasPending() && !egress.flush()) // retry what rings refused; a full lossless port holds everything
        {
            idle = true;
            return 0;
        }
        work += ingress.poll(now);
        processed = 0;
        try
        {
            poller.poll(handler);
        }
        catch (final Exception ex)
        {
            LangUtil.rethrowUnchecked(ex);
        }
        work += processed;
        if (now - lastAging >= AGING_PERIOD_NANOS)
        {
            lastAging = now;
            macTable.age(now, AGING_SLOTS_PER_STEP); // incremental: a full sweep takes slots / 256 ms
        }
        idle = work == 0;
        return work;
    }

    private boolean onBurst(final SwitchBurst burst, final long sequence, final boolean endOfBatch)
    {
        classify.onBurst(burst, needL3);
        policy.onBurst(burst);
        forward.onBurst(burst, now);
        processed += burst.count;
        return egress.onBurst(burst); // false: a lossless port is full, take no further burst
    }

    /** @return true while the egress stage holds frames a full lossless port has not taken. */
    boolean isBlocked()
    {
        return egress.isBlocked();
    }

    /** @return bursts published but not yet processed. */
    long backlog()
    {
        return ring.getCursor() - poller.getSequence().get();
    }

    /** A port is leaving: drop what its guest had sent but the switch had not read yet (bounded). Switch thread. */
    int drainLeaving(final SwitchPort port)
    {
        return ingress.drain(port, DRAIN_ROUNDS, egress);
    }

    /** Let removal settle a port's staged frames now. Switch thread. */
    void flushEgress()
    {
        egress.flush();
    }

    /**
     * Settle everything still inside at close, every port being gone: bursts not yet processed and
     * staged frames are dropped as {@link DropCause#PORT_REMOVED} (floods find no port), so no
     * buffer is left out of the pool. Switch thread (or the closing thread once no agent runs).
     */
    void close()
    {
        while (backlog() > 0)
        {
            processed = 0;
            try
            {
                poller.poll(handler);
            }
            catch (final Exception ex)
            {
                LangUtil.rethrowUnchecked(ex);
            }
            egress.flush();
        }
        egress.flush();
        egress.close();
    }
}
