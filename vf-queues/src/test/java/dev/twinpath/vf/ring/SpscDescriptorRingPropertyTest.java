package dev.twinpath.vf.ring;

import dev.twinpath.packet.pool.PacketDescriptor;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.util.ArrayDeque;
import java.util.List;

import static dev.twinpath.vf.ring.SpscDescriptorRing.EMPTY;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Random interleavings of every producer and consumer call, with random burst sizes and array
 * offsets, checked after each call against a {@link ArrayDeque} model. Capacities are small (2 to
 * 64) so runs wrap around the slot array many times. Single threaded: each call ends at a quiescent
 * point, so counts and {@code size()} must be exact.
 */
class SpscDescriptorRingPropertyTest
{
    private static final int MAX_BURST = 80;
    private static final int MAX_OFFSET = 7;

    enum Kind
    {
        ENQUEUE_BULK, ENQUEUE_BURST, OFFER, DEQUEUE_BURST, POLL
    }

    record Op(Kind kind, int count, int offset)
    {
    }

    @Property(tries = 400)
    void everyCallAgreesWithAFifoModel(
        @ForAll @IntRange(min = 1, max = 6) final int capacityShift,
        @ForAll("operations") final List<Op> operations)
    {
        final int capacity = 1 << capacityShift;
        final SpscDescriptorRing ring = new SpscDescriptorRing(capacity);
        final ArrayDeque<Long> model = new ArrayDeque<>();
        final long[] src = new long[MAX_OFFSET + MAX_BURST];
        final long[] dst = new long[MAX_OFFSET + MAX_BURST];
        long next = 0;

        for (final Op op : operations)
        {
            final int free = capacity - model.size();
            switch (op.kind())
            {
                case ENQUEUE_BULK, ENQUEUE_BURST ->
                {
                    for (int i = 0; i < op.count(); i++)
                    {
                        src[op.offset() + i] = descriptor(next + i);
                    }
                    final boolean bulk = op.kind() == Kind.ENQUEUE_BULK;
                    final int expected = bulk ? (op.count() <= free ? op.count() : 0) : Math.min(op.count(), free);
                    final int moved = bulk ?
                        ring.enqueueBulk(src, op.offset(), op.count()) : ring.enqueueBurst(src, op.offset(), op.count());
                    assertEquals(expected, moved, op + " with " + free + " free");
                    for (int i = 0; i < moved; i++)
                    {
                        model.addLast(src[op.offset() + i]);
                    }
                    next += moved;
                }
                case OFFER ->
                {
                    final long d = descriptor(next);
                    assertEquals(free > 0, ring.offer(d), op + " with " + free + " free");
                    if (free > 0)
                    {
                        model.addLast(d);
                        next++;
                    }
                }
                case DEQUEUE_BURST ->
                {
                    final int expected = Math.min(op.count(), model.size());
                    assertEquals(expected, ring.dequeueBurst(dst, op.offset(), op.count()), op.toString());
                    for (int i = 0; i < expected; i++)
                    {
                        assertEquals(model.pollFirst(), dst[op.offset() + i], op + " element " + i);
                    }
                }
                case POLL ->
                {
                    final Long expected = model.pollFirst();
                    assertEquals(expected == null ? EMPTY : expected, ring.poll(), op.toString());
                }
                default -> throw new AssertionError(op);
            }
            assertEquals(model.size(), ring.size(), "size after " + op);
            assertEquals(next, ring.producerPosition());
            assertEquals(next - model.size(), ring.consumerPosition());
        }
    }

    @Provide
    Arbitrary<List<Op>> operations()
    {
        final Arbitrary<Op> op = Combinators.combine(
            Arbitraries.of(Kind.class),
            Arbitraries.integers().between(0, MAX_BURST),
            Arbitraries.integers().between(0, MAX_OFFSET)).as(Op::new);
        return op.list().ofMinSize(1).ofMaxSize(300);
    }

    /** Packets, with an end-of-epoch marker every 7th position, so markers travel between packets. */
    private static long descriptor(final long position)
    {
        return position % 7 == 6 ?
            PacketDescriptor.marker(position, (int)position & 0xFF) :
            PacketDescriptor.packet((int)position & PacketDescriptor.MAX_HANDLE, (int)position & 0xFFFF, 0, 1);
    }
}
