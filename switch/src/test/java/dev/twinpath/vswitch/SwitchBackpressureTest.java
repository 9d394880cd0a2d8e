package dev.twinpath.vswitch;

import dev.twinpath.packet.pool.PacketDescriptor;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static dev.twinpath.vswitch.SwitchFixture.MAC_A;
import static dev.twinpath.vswitch.SwitchFixture.MAC_B;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SwitchBackpressureTest
{
    @Test
    void aFullLosslessPortHoldsTheSwitchAndLosesNothing()
    {
        try (SwitchFixture f = new SwitchFixture(SwitchType.PRIVATE))
        {
            f.context.ringBursts(4);
            f.start();
            final TestLink a = new TestLink("a");
            final TestLink b = new TestLink("b");
            f.vm("a", MAC_A, a);
            final SwitchPort pb = f.vm("b", MAC_B, b);
            b.inject(f.frame(MAC_B, MAC_A, -1, 0, 0)); // learn B
            f.run();
            f.consume(a);
            b.room = 10;
            for (int i = 0; i < 500; i++)
            {
                a.inject(f.frame(MAC_A, MAC_B, -1, 1, i));
            }
            f.run();
            assertTrue(f.vswitch.isBlocked(), "B's ring is full: the switch holds");
            assertTrue(a.pendingInbound() > 0, "and stops reading A: back-pressure reaches the sender's ring");
            assertEquals(10, b.delivered.size());
            assertTrue(f.vswitch.counters().port(pb.id(), PortCounter.EGRESS_STALLS) > 0);
            assertEquals(0, f.vswitch.counters().dropped());

            while (b.delivered.size() < 500)
            {
                b.room = 7; // the guest reads a few
                f.run();
            }
            f.run();
            assertFalse(f.vswitch.isBlocked());
            final List<Long> got = f.streamSequences(b);
            for (int i = 0; i < 500; i++)
            {
                assertEquals((1L << 32) | i, got.get(i), "in order, none lost");
            }
            assertEquals(0, f.vswitch.counters().dropped());
            f.assertIdentity();
            f.consume(a, b);
        }
    }

    @Test
    void aLossyPortDropsAndCountsWhatItsRingRefuses()
    {
        try (SwitchFixture f = new SwitchFixture(SwitchType.PRIVATE))
        {
            f.start();
            final TestLink a = new TestLink("a");
            final TestLink b = new TestLink("b");
            f.vm("a", MAC_A, a);
            final SwitchPort pb = f.vm(new PortSettings().name("b").macAddress(MAC_B).lossless(false), b);
            b.inject(f.frame(MAC_B, MAC_A, -1, 0, 0));
            f.run();
            b.room = 40;
            for (int i = 0; i < 100; i++)
            {
                a.inject(f.frame(MAC_A, MAC_B, -1, 1, i));
            }
            a.inject(PacketDescriptor.marker(5, pb.id()));
            f.run();
            assertEquals(40, b.delivered.size());
            assertEquals(60, f.vswitch.counters().portDropped(pb.id(), DropCause.RING_FULL));
            assertFalse(f.vswitch.isBlocked(), "a lossy port's waiting marker does not hold the switch");
            a.inject(f.frame(MAC_A, MAC_B, -1, 1, 100)); // behind the marker: dropped, it cannot overtake it
            f.run();
            assertEquals(61, f.vswitch.counters().portDropped(pb.id(), DropCause.RING_FULL));
            b.room = 1;
            f.run();
            assertEquals(5, PacketDescriptor.epoch(b.delivered.getLong(40)), "the marker, never dropped, goes first");
            a.inject(f.frame(MAC_A, MAC_B, -1, 1, 101));
            b.room = 1;
            f.run();
            assertEquals(42, b.delivered.size(), "frames flow again once the marker is out");
            f.assertIdentity();
            f.consume(a, b);
        }
    }

    /** Random bursts, random ring room, several senders: every frame arrives once, in per-stream order. */
    @Property(tries = 40)
    void randomBurstsLoseNothingInLosslessMode(
        @ForAll @IntRange(min = 1, max = 64) final int maxBurst,
        @ForAll @IntRange(min = 2, max = 16) final int ringExponentBursts,
        @ForAll final long seed)
    {
        final Random random = new Random(seed);
        try (SwitchFixture f = new SwitchFixture(SwitchType.EXTERNAL))
        {
            f.context.maxBurst(maxBurst).ringBursts(Integer.highestOneBit(ringExponentBursts));
            f.start();
            final TestLink a = new TestLink("a");
            final TestLink b = new TestLink("b");
            f.vm("a", MAC_A, a);
            f.vm("b", MAC_B, b);
            f.uplink.inject(f.frame(SwitchFixture.MAC_REMOTE, MAC_A, -1, 9, 0)); // learn the remote
            f.run();
            f.consume(a, b, f.uplink);
            final int total = 300 + random.nextInt(300);
            final long[] sent = new long[2];
            final List<Long> received = new ArrayList<>();
            int rounds = 0;
            while ((sent[0] + sent[1] < total || received.size() < total) && rounds++ < 100_000)
            {
                if (sent[0] + sent[1] < total)
                {
                    final int who = random.nextInt(2);
                    final int burst = 1 + random.nextInt(40);
                    for (int i = 0; i < burst && sent[0] + sent[1] < total; i++)
                    {
                        (who == 0 ? a : b).inject(f.frame(who == 0 ? MAC_A : MAC_B, SwitchFixture.MAC_REMOTE, -1, who, sent[who]++));
                    }
                }
                f.uplink.room = random.nextInt(50);
                f.vswitch.doWork();
                received.addAll(f.streamSequences(f.uplink));
                f.consume(f.uplink);
            }
            f.uplink.room = Integer.MAX_VALUE;
            f.run();
            received.addAll(f.streamSequences(f.uplink));
            f.consume(f.uplink);
            assertEquals(total, received.size(), "every frame delivered exactly once");
            final long[] next = new long[2];
            for (final long r : received)
            {
                final int stream = (int)(r >>> 32);
                assertEquals(next[stream]++, r & 0xFFFF_FFFFL, "per-stream order");
            }
            assertEquals(0, f.vswitch.counters().dropped());
            f.assertIdentity();
            f.consume(a, b);
            f.close();
            f.pool.assertNoLeak();
        }
    }
}
