package dev.twinpath.datapath.traffic;

import dev.twinpath.packet.pool.PacketDescriptor;
import dev.twinpath.packet.pool.PacketPool;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Generator to checker through an in-memory wire on a fake clock: a clean wire delivers everything
 * with no anomaly and the latency each path adds; a faulty wire's drops, swaps and copies are counted
 * exactly and {@code offered == delivered + lost} at the end. Every buffer comes back.
 */
class TrafficRoundTripTest
{
    private static final int FLOWS = 64;
    private static final long STEP = 2_500;

    private final PacketPool pool = TrafficFixtures.pool(4096, 64);
    private final TrafficProfile profile = new TrafficProfile().flows(FLOWS).ratePps(4_000_000).burst(16)
        .destinations(0x0200_0000_0010L, 0x0200_0000_0011L).streamIdBase(500);
    private final StreamChecker checker = new StreamChecker(profile, "vf", "synthetic");
    private final TrafficFixtures.CollectingSink wire = new TrafficFixtures.CollectingSink(256);

    @Test
    void aCleanWireDeliversEverythingWithNoAnomaly()
    {
        final Random random = new Random(42);
        try (ConstantRateGenerator generator = new ConstantRateGenerator(profile, pool))
        {
            long now = 0;
            generator.start(now);
            for (int step = 0; step < 4_000; step++)
            {
                wire.budget = random.nextInt(4) == 0 ? random.nextInt(8) : -1;
                generator.generate(now, wire);
                deliverAll(now + 3_000);
                now += STEP;
            }
            generator.stop();
            wire.budget = -1;
            while (generator.pending() > 0)
            {
                generator.generate(now, wire);
            }
            deliverAll(now + 3_000);

            final long[] sent = generator.sentPerFlow(new long[FLOWS]);
            assertTrue(generator.generated() > 35_000, "generated " + generator.generated());
            assertEquals(generator.generated(), generator.sent());
            assertEquals(generator.generated(), checker.delivered());
            assertEquals(0, checker.reordered());
            assertEquals(0, checker.duplicates());
            assertEquals(0, checker.foreign());
            assertEquals(0, checker.lost());
            assertEquals(0, checker.lostAtEnd(sent));
            assertEquals(0, checker.latencyClamped());

            final Histogram vf = checker.histogram(0);
            final Histogram synthetic = checker.histogram(1);
            assertEquals(checker.delivered(0), vf.getTotalCount());
            assertEquals(checker.delivered(1), synthetic.getTotalCount());
            assertEquals(checker.delivered(), checker.delivered(0) + checker.delivered(1));
            assertTrue(vf.getMinValue() >= 3_000, "at least what the wire adds: " + vf.getMinValue());
            assertTrue(synthetic.getMinValue() >= 3_000 + 7_000);
            assertTrue(synthetic.getMaxValue() > 10_000 + STEP, "refusals show as latency from the intended time");
        }
        pool.assertNoLeak();
    }

    @Test
    void aFaultyWireIsAccountedExactly()
    {
        final Random random = new Random(7);
        final int steps = 2_000;
        long drops = 0;
        long copies = 0;
        long delayed = 0;
        long held = -1;
        int releaseAt = 0;
        try (ConstantRateGenerator generator = new ConstantRateGenerator(profile, pool))
        {
            long now = 0;
            generator.start(now);
            for (int step = 0; step < steps; step++)
            {
                generator.generate(now, wire);
                // Drops hit even flows only and delays odd ones only, so each fault shows as exactly one count.
                if (wire.count > 0 && random.nextInt(3) == 0)
                {
                    final int i = random.nextInt(wire.count);
                    if ((wire.streamId(pool, i) & 1) == 0)
                    {
                        pool.free(PacketDescriptor.handle(remove(i)));
                        drops++;
                    }
                }
                if (wire.count > 0 && held < 0 && step < steps - 50 && random.nextInt(5) == 0)
                {
                    final int i = random.nextInt(wire.count);
                    if ((wire.streamId(pool, i) & 1) == 1)
                    {
                        held = remove(i);
                        releaseAt = step + 20; // later packets of its flow arrive first: one reordered
                    }
                }
                if (wire.count > 0 && random.nextInt(3) == 0)
                {
                    deliver(wire.taken[random.nextInt(wire.count)], now, 0);
                    copies++;
                }
                deliverAll(now + 1_000);
                if (held >= 0 && step >= releaseAt)
                {
                    deliver(held, now, 1);
                    pool.free(PacketDescriptor.handle(held));
                    held = -1;
                    delayed++;
                }
                now += STEP;
            }
            // A tail the wire never delivers.
            generator.generate(now, wire);
            final long tail = wire.count;
            wire.freeAll(pool);
            generator.discardPending();

            final long[] sent = generator.sentPerFlow(new long[FLOWS]);
            long offered = 0;
            for (final long n : sent)
            {
                offered += n;
            }
            assertEquals(generator.sent(), offered);
            assertTrue(tail > 0 && drops > 100 && copies > 100 && delayed > 20, drops + " " + copies + " " + delayed);
            assertEquals(copies, checker.duplicates());
            assertEquals(delayed, checker.reordered());
            assertEquals(0, checker.tooOld());
            assertEquals(drops + tail, checker.lostAtEnd(sent));
            assertEquals(offered, checker.delivered() + checker.lostAtEnd(sent), "offered = delivered + lost");
        }
        pool.assertNoLeak();
    }

    private long remove(final int index)
    {
        final long d = wire.taken[index];
        System.arraycopy(wire.taken, index + 1, wire.taken, index, wire.count - index - 1);
        wire.count--;
        return d;
    }

    /** Deliver what the wire holds: flows with an even index by the VF (path 0), odd ones 7 us later. */
    private void deliverAll(final long now)
    {
        for (int i = 0; i < wire.count; i++)
        {
            final long d = wire.taken[i];
            final long flow = wire.streamId(pool, i) - 500;
            deliver(d, (flow & 1) == 0 ? now : now + 7_000, (int)(flow & 1));
            pool.free(PacketDescriptor.handle(d));
        }
        wire.count = 0;
    }

    private void deliver(final long descriptor, final long now, final int path)
    {
        checker.onPacket(descriptor, pool, path, now);
    }
}
