package dev.twinpath.vmbus;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.util.ArrayDeque;
import java.util.SplittableRandom;

import static dev.twinpath.vmbus.VmBusFixture.channel;
import static dev.twinpath.vmbus.VmBusFixture.descriptor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One data direction against a FIFO model, on one thread, over random calls on small rings (so the
 * ring fills, wraps and pads often): every call returns what the model says, {@code sendBulk} moves
 * all or nothing, a short {@code sendBurst} leaves no room for even one more descriptor, and
 * {@code hasData} is true exactly when the model is not empty.
 */
class VmBusDataPropertyTest
{
    @Property(tries = 150)
    void behavesLikeAFifoQueue(
        @ForAll @IntRange(min = 1, max = 64) final int maxBurst,
        @ForAll @IntRange(min = 0, max = 2) final int extraRingShift,
        @ForAll final long seed)
    {
        final int ringBytes = Integer.highestOneBit(DataRecordDescriptor.minRingBytes(maxBurst) * 2 - 1) << extraRingShift;
        final SplittableRandom random = new SplittableRandom(seed);
        final ArrayDeque<Long> model = new ArrayDeque<>();
        final long[] src = new long[4 * maxBurst + 1];
        final long[] dst = new long[4 * maxBurst + 1];
        long nextSequence = 0;
        try (VmBusChannel channel = channel(ringBytes, maxBurst))
        {
            final VmBusEndpoint guest = channel.guest();
            final VmBusEndpoint host = channel.host();
            for (int step = 0; step < 2_000; step++)
            {
                final int op = random.nextInt(4);
                if (op <= 1)
                {
                    final int count = 1 + random.nextInt(3 * maxBurst);
                    VmBusFixture.fill(src, nextSequence, count);
                    final int sent = op == 0 ? guest.sendBurst(src, 0, count) : guest.sendBulk(src, 0, count);
                    if (op == 1)
                    {
                        assertTrue(sent == 0 || sent == count, "bulk of " + count + " sent " + sent);
                    }
                    else if (sent < count)
                    {
                        assertEquals(0, guest.sendBurst(src, sent, 1), "a short burst left room for one more");
                    }
                    for (int i = 0; i < sent; i++)
                    {
                        model.add(src[i]);
                    }
                    nextSequence += sent;
                }
                else if (op == 2)
                {
                    final int max = 1 + random.nextInt(dst.length);
                    final int got = host.receiveBurst(dst, 0, max);
                    assertTrue(got <= max);
                    assertTrue(got > 0 || model.isEmpty(), "nothing received while " + model.size() + " are queued");
                    for (int i = 0; i < got; i++)
                    {
                        assertEquals(model.poll(), dst[i], "step " + step + ", descriptor " + i + " of " + got);
                    }
                }
                else
                {
                    assertEquals(!model.isEmpty(), host.hasData(), "hasData with " + model.size() + " queued");
                }
            }
            long received = host.counters().get(ChannelCounter.DATA_DESCRIPTORS_RECEIVED);
            int got;
            while ((got = host.receiveBurst(dst, 0, dst.length)) > 0)
            {
                for (int i = 0; i < got; i++)
                {
                    assertEquals(descriptor(received + i), dst[i]);
                }
                received += got;
            }
            assertEquals(nextSequence, received);
            assertEquals(nextSequence, guest.counters().get(ChannelCounter.DATA_DESCRIPTORS_SENT));
            assertEquals(guest.counters().get(ChannelCounter.DATA_RECORDS_SENT),
                host.counters().get(ChannelCounter.DATA_RECORDS_RECEIVED));
        }
    }
}
