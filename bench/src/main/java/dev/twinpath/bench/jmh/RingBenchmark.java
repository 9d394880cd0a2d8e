package dev.twinpath.bench.jmh;

import dev.twinpath.packet.pool.PacketDescriptor;
import dev.twinpath.vf.ring.SpscDescriptorRing;
import org.agrona.concurrent.OneToOneConcurrentArrayQueue;
import org.jctools.queues.MessagePassingQueue;
import org.jctools.queues.SpscArrayQueue;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.function.Consumer;

/**
 * Suite {@code ring}: one producer thread and one consumer thread (a JMH group, one thread each)
 * carry the same packet and marker descriptors through a Twinpath {@link SpscDescriptorRing}, a
 * JCTools {@link SpscArrayQueue} and an Agrona {@link OneToOneConcurrentArrayQueue}, one at a time
 * and 32 at a time, all with capacity {@value #CAPACITY}.
 * <p>
 * The score of an entry is the consumer's {@link Received#received} counter: descriptors that
 * reached the consumer per second, not offer or poll attempts. The object queues carry pre-boxed
 * {@code Long}s from a {@value #DESCRIPTORS}-entry array, cycled, so boxing is not measured; every
 * consumer reads the value it received (into a checksum), as a real consumer would.
 * <p>
 * Every invocation does a bounded amount of work: a producer that finds the queue full, or a
 * consumer that finds it empty, calls {@link Thread#onSpinWait()} and returns, so neither side can
 * spin forever when JMH stops the other one at the end of an iteration.
 * <p>
 * Threads: the {@link Queues} state is shared by the two threads of a group; {@link Producer} and
 * {@link Received} belong to one thread each.
 */
public class RingBenchmark
{
    /** Capacity of every queue. */
    public static final int CAPACITY = 4096;
    /** Descriptors per burst call. */
    public static final int BURST = 32;
    /** Distinct descriptors cycled through (a power of two). */
    public static final int DESCRIPTORS = 4096;

    private static final int CURSOR_MASK = DESCRIPTORS - 1;
    private static final long[] SOURCE = descriptors();
    private static final Long[] BOXED = boxed(SOURCE);

    /** The queues under test; shared by the producer and the consumer of a group. */
    @State(Scope.Group)
    public static class Queues
    {
        final SpscDescriptorRing ring = new SpscDescriptorRing(CAPACITY);
        final SpscArrayQueue<Long> jctools = new SpscArrayQueue<>(CAPACITY);
        final OneToOneConcurrentArrayQueue<Long> agrona = new OneToOneConcurrentArrayQueue<>(CAPACITY);
    }

    /** The producer's position in the source descriptors. Producer thread. */
    @State(Scope.Thread)
    public static class Producer implements MessagePassingQueue.Supplier<Long>
    {
        int cursor;

        @Override
        public Long get()
        {
            final Long value = BOXED[cursor];
            cursor = (cursor + 1) & CURSOR_MASK;
            return value;
        }
    }

    /**
     * What the consumer received: {@link #received} is the score (JMH counts it per second);
     * the checksum makes every consumer read each descriptor. Consumer thread.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Received implements MessagePassingQueue.Consumer<Long>, Consumer<Long>
    {
        /** Descriptors received in this iteration. */
        public long received;

        final long[] burst = new long[BURST];
        long checksum;

        @Setup(Level.Iteration)
        public void reset()
        {
            received = 0;
        }

        @Override
        public void accept(final Long descriptor)
        {
            checksum ^= descriptor.longValue();
        }

        void add(final long[] descriptors, final int count)
        {
            long sum = checksum;
            for (int i = 0; i < count; i++)
            {
                sum ^= descriptors[i];
            }
            checksum = sum;
            received += count;
        }
    }

    // ---------------------------------------------------------------- Twinpath SpscDescriptorRing

    @Benchmark
    @Group("twinpathBurst1")
    @GroupThreads(1)
    public void twinpathOffer(final Queues queues, final Producer producer)
    {
        final int cursor = producer.cursor;
        if (queues.ring.offer(SOURCE[cursor]))
        {
            producer.cursor = (cursor + 1) & CURSOR_MASK;
        }
        else
        {
            Thread.onSpinWait();
        }
    }

    @Benchmark
    @Group("twinpathBurst1")
    @GroupThreads(1)
    public void twinpathPoll(final Queues queues, final Received received)
    {
        final long descriptor = queues.ring.poll();
        if (descriptor != SpscDescriptorRing.EMPTY)
        {
            received.checksum ^= descriptor;
            received.received++;
        }
        else
        {
            Thread.onSpinWait();
        }
    }

    @Benchmark
    @Group("twinpathBurst32")
    @GroupThreads(1)
    public void twinpathEnqueueBurst(final Queues queues, final Producer producer)
    {
        final int cursor = producer.cursor;
        final int sent = queues.ring.enqueueBurst(SOURCE, cursor, BURST);
        if (sent > 0)
        {
            producer.cursor = (cursor + sent) & CURSOR_MASK;
        }
        else
        {
            Thread.onSpinWait();
        }
    }

    @Benchmark
    @Group("twinpathBurst32")
    @GroupThreads(1)
    public void twinpathDequeueBurst(final Queues queues, final Received received)
    {
        final int n = queues.ring.dequeueBurst(received.burst, 0, BURST);
        if (n > 0)
        {
            received.add(received.burst, n);
        }
        else
        {
            Thread.onSpinWait();
        }
    }

    // ---------------------------------------------------------------- JCTools SpscArrayQueue<Long>

    @Benchmark
    @Group("jctoolsBurst1")
    @GroupThreads(1)
    public void jctoolsOffer(final Queues queues, final Producer producer)
    {
        final int cursor = producer.cursor;
        if (queues.jctools.offer(BOXED[cursor]))
        {
            producer.cursor = (cursor + 1) & CURSOR_MASK;
        }
        else
        {
            Thread.onSpinWait();
        }
    }

    @Benchmark
    @Group("jctoolsBurst1")
    @GroupThreads(1)
    public void jctoolsPoll(final Queues queues, final Received received)
    {
        final Long descriptor = queues.jctools.poll();
        if (descriptor != null)
        {
            received.checksum ^= descriptor.longValue();
            received.received++;
        }
        else
        {
            Thread.onSpinWait();
        }
    }

    @Benchmark
    @Group("jctoolsBurst32")
    @GroupThreads(1)
    public void jctoolsFill(final Queues queues, final Producer producer)
    {
        if (queues.jctools.fill(producer, BURST) == 0)
        {
            Thread.onSpinWait();
        }
    }

    @Benchmark
    @Group("jctoolsBurst32")
    @GroupThreads(1)
    public void jctoolsDrain(final Queues queues, final Received received)
    {
        final int n = queues.jctools.drain((MessagePassingQueue.Consumer<Long>)received, BURST);
        if (n > 0)
        {
            received.received += n;
        }
        else
        {
            Thread.onSpinWait();
        }
    }

    // ---------------------------------------------------------------- Agrona OneToOneConcurrentArrayQueue<Long>

    @Benchmark
    @Group("agronaBurst1")
    @GroupThreads(1)
    public void agronaOffer(final Queues queues, final Producer producer)
    {
        final int cursor = producer.cursor;
        if (queues.agrona.offer(BOXED[cursor]))
        {
            producer.cursor = (cursor + 1) & CURSOR_MASK;
        }
        else
        {
            Thread.onSpinWait();
        }
    }

    @Benchmark
    @Group("agronaBurst1")
    @GroupThreads(1)
    public void agronaPoll(final Queues queues, final Received received)
    {
        final Long descriptor = queues.agrona.poll();
        if (descriptor != null)
        {
            received.checksum ^= descriptor.longValue();
            received.received++;
        }
        else
        {
            Thread.onSpinWait();
        }
    }

    @Benchmark
    @Group("agronaBurst32")
    @GroupThreads(1)
    public void agronaOfferLoop(final Queues queues, final Producer producer)
    {
        final OneToOneConcurrentArrayQueue<Long> queue = queues.agrona;
        int cursor = producer.cursor;
        int sent = 0;
        while (sent < BURST && queue.offer(BOXED[cursor]))
        {
            cursor = (cursor + 1) & CURSOR_MASK;
            sent++;
        }
        producer.cursor = cursor;
        if (sent == 0)
        {
            Thread.onSpinWait();
        }
    }

    @Benchmark
    @Group("agronaBurst32")
    @GroupThreads(1)
    public void agronaDrain(final Queues queues, final Received received)
    {
        final int n = queues.agrona.drain((Consumer<Long>)received, BURST);
        if (n > 0)
        {
            received.received += n;
        }
        else
        {
            Thread.onSpinWait();
        }
    }

    /**
     * @return the descriptors every queue carries: packets of realistic lengths on four ports, an
     * end-of-epoch marker every 64th, and {@value #BURST} more at the end so a burst read from any
     * cursor stays inside the array.
     */
    private static long[] descriptors()
    {
        final long[] descriptors = new long[DESCRIPTORS + BURST];
        for (int i = 0; i < descriptors.length; i++)
        {
            final int index = i & CURSOR_MASK;
            descriptors[i] = (index & 63) == 63 ?
                PacketDescriptor.marker(index, index & 3) :
                PacketDescriptor.packet(index, 60 + (index * 37) % 1455, 0, index & 3);
        }
        return descriptors;
    }

    private static Long[] boxed(final long[] descriptors)
    {
        final Long[] boxed = new Long[DESCRIPTORS];
        for (int i = 0; i < DESCRIPTORS; i++)
        {
            boxed[i] = Long.valueOf(descriptors[i]);
        }
        return boxed;
    }
}
