package dev.twinpath.bench.jmh;

import dev.twinpath.packet.pool.PacketDescriptor;
import dev.twinpath.vmbus.VmBusChannel;
import dev.twinpath.vmbus.VmBusEndpoint;
import org.agrona.BufferUtil;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Suite {@code vmbus}: one producer thread and one consumer thread (a JMH group, one thread each)
 * carry the same packet and marker descriptors, in bursts of {@value #BURST}, through a data ring of
 * {@value #RING_BYTES} bytes:
 * <ul>
 *     <li><b>vmbusBurst32</b>: a {@link VmBusChannel}'s guest-to-host direction, {@code sendBurst} on
 *     the guest and {@code receiveBurst} on the host (one ring record per burst, counters, close
 *     checks, split-record logic: everything the channel does);</li>
 *     <li><b>agronaRecordBurst32</b>: the fair baseline, a raw Agrona {@link OneToOneRingBuffer} used
 *     the same way by hand: {@code tryClaim} of one record of 32 descriptors, 32 {@code putLong}s,
 *     {@code commit}; the consumer {@code read}s one record and copies it into an array;</li>
 *     <li><b>agronaMessagePerDescriptor</b>: the same ring used the way it usually is, one 8-byte
 *     message per descriptor ({@code tryClaim}/{@code putLong}/{@code commit} 32 times; {@code read}
 *     of up to 32 messages).</li>
 * </ul>
 * The score is the consumer's {@link Received#received}: descriptors that reached the consumer per
 * second. Every consumer folds each descriptor into a checksum. Each invocation is bounded: a
 * producer that finds the ring full, or a consumer that finds it empty, spins once and returns.
 * <p>
 * Threads: {@link Rings} is shared by the two threads of a group; {@link Producer} and {@link Received}
 * belong to one thread each.
 */
public class VmBusBenchmark
{
    /** Descriptors per burst. */
    public static final int BURST = 32;
    /** Bytes of every data ring (Agrona's trailer on top). */
    public static final int RING_BYTES = 64 * 1024;
    /** Distinct descriptors cycled through (a power of two). */
    public static final int DESCRIPTORS = 4096;

    private static final int MSG_TYPE_ID = 1;
    private static final int CURSOR_MASK = DESCRIPTORS - 1;
    private static final long[] SOURCE = descriptors();

    /** The channel and the two raw rings; one set per group. */
    @State(Scope.Group)
    public static class Rings
    {
        VmBusChannel channel;
        VmBusEndpoint guest;
        VmBusEndpoint host;
        OneToOneRingBuffer perBurst;
        OneToOneRingBuffer perDescriptor;

        @Setup(Level.Trial)
        public void open()
        {
            channel = new VmBusChannel(new VmBusChannel.Context().name("bench").dataRingBytes(RING_BYTES).maxBurst(BURST));
            guest = channel.guest();
            host = channel.host();
            perBurst = ring();
            perDescriptor = ring();
        }

        @TearDown(Level.Trial)
        public void close()
        {
            channel.close();
        }

        private static OneToOneRingBuffer ring()
        {
            return new OneToOneRingBuffer(new UnsafeBuffer(
                BufferUtil.allocateDirectAligned(RING_BYTES + RingBufferDescriptor.TRAILER_LENGTH, 64)));
        }
    }

    /** The producer's position in the source descriptors. Producer thread. */
    @State(Scope.Thread)
    public static class Producer
    {
        int cursor;
    }

    /**
     * What the consumer received: {@link #received} is the score; the checksum makes every consumer
     * read each descriptor. Also the raw rings' {@link MessageHandler}s. Consumer thread.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Received
    {
        /** Descriptors received in this iteration. */
        public long received;

        final long[] burst = new long[BURST];
        long checksum;
        int copied;

        /** Copies one record of descriptors into {@link #burst}. */
        final MessageHandler copyRecord = (typeId, buffer, index, length) -> copied = copy(buffer, index, length);
        /** Folds one 8-byte message into the checksum. */
        final MessageHandler oneDescriptor = (typeId, buffer, index, length) -> checksum ^= buffer.getLong(index);

        @Setup(Level.Iteration)
        public void reset()
        {
            received = 0;
        }

        private int copy(final MutableDirectBuffer buffer, final int index, final int length)
        {
            final int n = length >>> 3;
            final long[] burst = this.burst;
            for (int i = 0; i < n; i++)
            {
                burst[i] = buffer.getLong(index + (i << 3));
            }
            return n;
        }

        void add(final int count)
        {
            long sum = checksum;
            final long[] burst = this.burst;
            for (int i = 0; i < count; i++)
            {
                sum ^= burst[i];
            }
            checksum = sum;
            received += count;
        }
    }

    // ---------------------------------------------------------------- VMBus channel, guest to host

    @Benchmark
    @Group("vmbusBurst32")
    @GroupThreads(1)
    public void vmbusSend(final Rings rings, final Producer producer)
    {
        final int cursor = producer.cursor;
        final int sent = rings.guest.sendBurst(SOURCE, cursor, BURST);
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
    @Group("vmbusBurst32")
    @GroupThreads(1)
    public void vmbusReceive(final Rings rings, final Received received)
    {
        final int n = rings.host.receiveBurst(received.burst, 0, BURST);
        if (n > 0)
        {
            received.add(n);
        }
        else
        {
            Thread.onSpinWait();
        }
    }

    // ---------------------------------------------------------------- raw Agrona, one record per burst

    @Benchmark
    @Group("agronaRecordBurst32")
    @GroupThreads(1)
    public void agronaRecordSend(final Rings rings, final Producer producer)
    {
        final OneToOneRingBuffer ring = rings.perBurst;
        final int index = ring.tryClaim(MSG_TYPE_ID, BURST << 3);
        if (index >= 0)
        {
            final AtomicBuffer buffer = ring.buffer();
            final int cursor = producer.cursor;
            for (int i = 0; i < BURST; i++)
            {
                buffer.putLong(index + (i << 3), SOURCE[cursor + i]);
            }
            ring.commit(index);
            producer.cursor = (cursor + BURST) & CURSOR_MASK;
        }
        else
        {
            Thread.onSpinWait();
        }
    }

    @Benchmark
    @Group("agronaRecordBurst32")
    @GroupThreads(1)
    public void agronaRecordReceive(final Rings rings, final Received received)
    {
        if (rings.perBurst.read(received.copyRecord, 1) > 0)
        {
            received.add(received.copied);
        }
        else
        {
            Thread.onSpinWait();
        }
    }

    // ---------------------------------------------------------------- raw Agrona, one message per descriptor

    @Benchmark
    @Group("agronaMessagePerDescriptor")
    @GroupThreads(1)
    public void agronaMessageSend(final Rings rings, final Producer producer)
    {
        final OneToOneRingBuffer ring = rings.perDescriptor;
        final AtomicBuffer buffer = ring.buffer();
        int cursor = producer.cursor;
        int sent = 0;
        int index;
        while (sent < BURST && (index = ring.tryClaim(MSG_TYPE_ID, Long.BYTES)) >= 0)
        {
            buffer.putLong(index, SOURCE[cursor]);
            ring.commit(index);
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
    @Group("agronaMessagePerDescriptor")
    @GroupThreads(1)
    public void agronaMessageReceive(final Rings rings, final Received received)
    {
        final int n = rings.perDescriptor.read(received.oneDescriptor, BURST);
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
     * @return the descriptors every ring carries (as in {@link RingBenchmark}): packets of realistic
     * lengths on four ports, an end-of-epoch marker every 64th, and {@value #BURST} more at the end so a
     * burst read from any cursor stays inside the array.
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
}
