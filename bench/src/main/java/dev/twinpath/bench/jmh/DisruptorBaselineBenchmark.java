package dev.twinpath.bench.jmh;

import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.EventPoller;
import com.lmax.disruptor.RingBuffer;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Baseline of suite {@code vswitch}: a raw LMAX Disruptor {@code RingBuffer} (single producer,
 * 4,096 slots of one {@code long}) carrying descriptors in batches of 32: the producer claims 32
 * slots, writes them and publishes once; the consumer drains with an {@code EventPoller} (the same
 * consumption style as the switch) and reads every value. Score: values consumed per second.
 * The producer never blocks in {@code next()}: it claims only when {@code hasAvailableCapacity(32)},
 * so a JMH iteration can always end.
 */
public class DisruptorBaselineBenchmark
{
    private static final int BATCH = 32;

    /** One slot: a descriptor. */
    public static final class Slot
    {
        long value;
    }

    @State(Scope.Group)
    public static class Ring
    {
        final RingBuffer<Slot> ring = RingBuffer.createSingleProducer(Slot::new, 4096, new BusySpinWaitStrategy());
        final EventPoller<Slot> poller = ring.newPoller();
        long next;

        @Setup(Level.Trial)
        public void setUp()
        {
            ring.addGatingSequences(poller.getSequence());
        }
    }

    /** Consumer side: the score. Consumer thread. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Received
    {
        /** Values consumed this iteration: the score. */
        public long received;
        long sum;
        final EventPoller.Handler<Slot> handler = (slot, sequence, endOfBatch) ->
        {
            sum += slot.value;
            received++;
            return true;
        };

        @Setup(Level.Iteration)
        public void reset()
        {
            received = 0;
        }
    }

    @Benchmark
    @Group("batch32")
    @GroupThreads(1)
    public void produce(final Ring r)
    {
        final RingBuffer<Slot> ring = r.ring;
        if (ring.hasAvailableCapacity(BATCH))
        {
            final long hi = ring.next(BATCH);
            final long lo = hi - (BATCH - 1);
            for (long s = lo; s <= hi; s++)
            {
                ring.get(s).value = r.next++;
            }
            ring.publish(lo, hi);
        }
    }

    @Benchmark
    @Group("batch32")
    @GroupThreads(1)
    public long consume(final Ring r, final Received received) throws Exception
    {
        r.poller.poll(received.handler);
        return received.sum;
    }
}
