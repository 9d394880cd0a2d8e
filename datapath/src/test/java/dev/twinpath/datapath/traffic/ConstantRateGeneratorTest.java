package dev.twinpath.datapath.traffic;

import dev.twinpath.packet.codec.Checksums;
import dev.twinpath.packet.parse.FrameParser;
import dev.twinpath.packet.parse.FrameStatus;
import dev.twinpath.packet.parse.ParsedFrame;
import dev.twinpath.packet.pool.PacketDescriptor;
import dev.twinpath.packet.pool.PacketPool;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConstantRateGeneratorTest
{
    private static final long MS = 1_000_000L;

    private final PacketPool pool = TrafficFixtures.pool(8192, 64);

    @Test
    void sendsNothingBeforeStart()
    {
        try (ConstantRateGenerator generator = new ConstantRateGenerator(new TrafficProfile(), pool))
        {
            final TrafficFixtures.CollectingSink sink = new TrafficFixtures.CollectingSink(100);
            assertEquals(0, generator.generate(5 * MS, sink));
            assertEquals(0, generator.generated());
            assertEquals(0, sink.calls);
        }
        pool.assertNoLeak();
    }

    @Test
    void oneMegapacketPerSecondForOneMillisecondIsExactlyOneThousandAndOnePackets()
    {
        final TrafficProfile profile = new TrafficProfile().flows(16).ratePps(1_000_000);
        final TrafficFixtures.CollectingSink sink = new TrafficFixtures.CollectingSink(4096);
        try (ConstantRateGenerator generator = new ConstantRateGenerator(profile, pool))
        {
            final long start = 7_000;
            generator.start(start);
            for (long t = start; t < start + MS; t += 3_700)
            {
                generator.generate(t, sink);
            }
            generator.generate(start + MS - 1, sink);
            assertEquals(1000, generator.generated(), "packets 0..999 are due before 1 ms");
            generator.generate(start + MS, sink);
            assertEquals(1001, generator.generated(), "packet 1000 is due at exactly 1 ms");
            assertEquals(1001, generator.sent());
            assertEquals(0, generator.pending());

            for (int k = 0; k < sink.count; k++)
            {
                assertEquals(k % 16, sink.streamId(pool, k), "round robin over flows");
                assertEquals(k / 16, sink.sequence(pool, k), "per-flow sequence from 0");
                assertEquals(start + k * 1_000L, sink.timestamp(pool, k), "intended send time");
            }
            assertEquals(1001 / 16 + 1, generator.sentToFlow(0));
            assertEquals(1001 / 16 + 1, generator.sentToFlow(8));
            assertEquals(1001 / 16, generator.sentToFlow(9));
        }
        sink.freeAll(pool);
        pool.assertNoLeak();
    }

    @Test
    void intendedTimesOfAnUnevenRateRoundUpAndArriveNoEarlier()
    {
        final TrafficProfile profile = new TrafficProfile().flows(1).ratePps(3);
        final TrafficFixtures.CollectingSink sink = new TrafficFixtures.CollectingSink(16);
        try (ConstantRateGenerator generator = new ConstantRateGenerator(profile, pool))
        {
            generator.start(0);
            assertEquals(1, generator.generate(0, sink));
            assertEquals(0, generator.generate(333_333_333, sink));
            assertEquals(1, generator.generate(333_333_334, sink));
            assertEquals(0, generator.generate(666_666_666, sink));
            assertEquals(1, generator.generate(666_666_667, sink));
            assertEquals(1, generator.generate(1_000_000_000, sink));
            assertEquals(3, generator.generate(2_000_000_000, sink));
            final long[] expected = {0, 333_333_334, 666_666_667, 1_000_000_000, 1_333_333_334, 1_666_666_667,
                2_000_000_000};
            for (int k = 0; k < expected.length; k++)
            {
                assertEquals(expected[k], sink.timestamp(pool, k));
            }
        }
        sink.freeAll(pool);
        pool.assertNoLeak();
    }

    @Test
    void aGeneratorFarBehindCatchesUpAFewBurstsPerCallWithoutSkipping()
    {
        final TrafficProfile profile = new TrafficProfile().flows(4).ratePps(1_000_000).burst(32).maxBurstsPerCall(4);
        final TrafficFixtures.CollectingSink sink = new TrafficFixtures.CollectingSink(4096);
        try (ConstantRateGenerator generator = new ConstantRateGenerator(profile, pool))
        {
            generator.start(0);
            assertEquals(128, generator.generate(MS, sink));
            assertEquals(128, generator.generate(MS, sink));
            int calls = 2;
            while (generator.generate(MS, sink) > 0)
            {
                calls++;
            }
            assertEquals(1001, sink.count);
            assertEquals(8, calls);
            for (int k = 0; k < sink.count; k++)
            {
                assertEquals(k * 1_000L, sink.timestamp(pool, k), "late packets keep their intended time");
            }
        }
        sink.freeAll(pool);
        pool.assertNoLeak();
    }

    @Test
    void aRefusingSinkLosesAndReordersNothingAndIntendedTimesStay()
    {
        final TrafficProfile profile = new TrafficProfile().flows(5).ratePps(2_000_000).burst(8);
        final TrafficFixtures.CollectingSink sink = new TrafficFixtures.CollectingSink(20_000);
        try (ConstantRateGenerator generator = new ConstantRateGenerator(profile, pool))
        {
            generator.start(0);
            final int[] budgets = {0, 3, 0, 0, 1, 8, 100, 0, 5, 2};
            long t = 0;
            for (int call = 0; call < 2_000; call++)
            {
                sink.budget = budgets[call % budgets.length];
                generator.generate(t, sink);
                assertEquals(generator.generated(), generator.sent() + generator.pending());
                assertTrue(generator.pending() <= 8);
                t += 1_700;
            }
            generator.stop();
            sink.budget = -1;
            while (generator.pending() > 0)
            {
                generator.generate(t, sink);
            }
            assertEquals(generator.generated(), sink.count);
            for (int k = 0; k < sink.count; k++)
            {
                assertEquals(k % 5, sink.streamId(pool, k));
                assertEquals(k / 5, sink.sequence(pool, k));
                assertEquals(k * 500L, sink.timestamp(pool, k));
            }
            assertTrue(sink.count > 5_000, "the schedule went on while the sink refused: " + sink.count);
        }
        sink.freeAll(pool);
        pool.assertNoLeak();
    }

    @Test
    void maximumRateStampsBuildTimeAndGoesAsFastAsTheSinkTakes()
    {
        final TrafficProfile profile = new TrafficProfile().flows(3).ratePps(TrafficProfile.UNPACED).burst(16)
            .maxBurstsPerCall(2);
        final TrafficFixtures.CollectingSink sink = new TrafficFixtures.CollectingSink(1_000);
        try (ConstantRateGenerator generator = new ConstantRateGenerator(profile, pool))
        {
            generator.start(0);
            assertEquals(32, generator.generate(100, sink));
            sink.budget = 10;
            assertEquals(10, generator.generate(200, sink));
            assertEquals(6, generator.pending());
            sink.budget = -1;
            assertEquals(6 + 16, generator.generate(300, sink));
            for (int k = 0; k < 32; k++)
            {
                assertEquals(100, sink.timestamp(pool, k));
            }
            assertEquals(200, sink.timestamp(pool, 32 + 15), "the refused ones keep their build time");
            assertEquals(300, sink.timestamp(pool, 48));
            for (int k = 0; k < sink.count; k++)
            {
                assertEquals(k / 3, sink.sequence(pool, k));
            }
        }
        sink.freeAll(pool);
        pool.assertNoLeak();
    }

    @Test
    void anEmptyPoolIsCountedAndRetriedNeverThrown()
    {
        final PacketPool small = TrafficFixtures.pool(40, 8);
        final TrafficProfile profile = new TrafficProfile().flows(2).ratePps(1_000_000).burst(16);
        final TrafficFixtures.CollectingSink sink = new TrafficFixtures.CollectingSink(1_000);
        try (ConstantRateGenerator generator = new ConstantRateGenerator(profile, small))
        {
            generator.start(0);
            generator.generate(100_000, sink);
            generator.generate(100_000, sink);
            generator.generate(100_000, sink);
            assertEquals(40, sink.count, "every buffer went to the sink");
            assertTrue(generator.noBufferEvents() > 0);
            final long events = generator.noBufferEvents();
            assertEquals(0, generator.generate(200_000, sink));
            assertEquals(events + 1, generator.noBufferEvents());

            sink.freeAll(small);
            generator.generate(200_000, sink);
            assertEquals(40, sink.count);
            for (int i = 0; i < sink.count; i++)
            {
                final long k = 40 + i;
                assertEquals(k / 2, sink.sequence(small, i), "no sequence skipped while the pool was empty");
                assertEquals(k * 1_000, sink.timestamp(small, i), "built late, stamped with the intended time");
            }
        }
        sink.freeAll(small);
        small.assertNoLeak();
    }

    @Test
    void discardingPendingReturnsEveryBufferAndRewindsTheStreams()
    {
        final TrafficProfile profile = new TrafficProfile().flows(3).ratePps(1_000_000).burst(8);
        final TrafficFixtures.CollectingSink sink = new TrafficFixtures.CollectingSink(1_000);
        final ConstantRateGenerator generator = new ConstantRateGenerator(profile, pool);
        generator.start(0);
        sink.budget = 5;
        generator.generate(50_000, sink);
        assertEquals(5, sink.count);
        assertEquals(3, generator.pending());
        assertEquals(3, generator.discardPending());
        assertFalse(generator.isRunning());
        assertEquals(0, generator.pending());
        assertEquals(3, generator.discarded());
        assertEquals(8, generator.generated());
        assertEquals(0, generator.discardPending());
        assertEquals(2, generator.sentToFlow(0));
        assertEquals(2, generator.sentToFlow(1));
        assertEquals(1, generator.sentToFlow(2));

        sink.budget = -1;
        generator.start(1_000_000);
        generator.generate(1_000_000, sink);
        for (int k = 0; k < sink.count; k++)
        {
            assertEquals(k % 3, sink.streamId(pool, k));
            assertEquals(k / 3, sink.sequence(pool, k), "the discarded sequences are sent again");
        }
        assertEquals(1_000_000, sink.timestamp(pool, 5));

        sink.budget = 0;
        generator.generate(1_100_000, sink);
        assertTrue(generator.pending() > 0);
        assertTrue(pool.inUse() > sink.count);
        generator.close();
        generator.close();
        assertEquals(0, generator.generate(2_000_000, sink));
        sink.freeAll(pool);
        pool.assertNoLeak();
        assertEquals(0, pool.inUse());
    }

    @Test
    void framesAreWellFormedWithValidChecksumsAndDistinctFiveTuples()
    {
        final long[] macs = {0x0200_0000_00A0L, 0x0200_0000_00A1L, 0x0200_0000_00A2L};
        final TrafficProfile profile = new TrafficProfile().flows(40).sourcePorts(7).srcPort(40_000)
            .srcIp("10.1.0.250").dstIp("10.2.0.1").dstPort(4789).destinations(macs).vlan(12).frameLength(100)
            .streamIdBase(1_000).ratePps(TrafficProfile.UNPACED).burst(40);
        final TrafficFixtures.CollectingSink sink = new TrafficFixtures.CollectingSink(1_000);
        final FrameParser parser = new FrameParser(new FrameParser.Context().verifyIpv4Checksum(true));
        final ParsedFrame frame = new ParsedFrame();
        final Set<Long> tuples = new HashSet<>();
        try (ConstantRateGenerator generator = new ConstantRateGenerator(profile, pool))
        {
            generator.start(0);
            generator.generate(0x1234_5678_9ABCL, sink);
            assertEquals(40 * 16, sink.count, "16 bursts of 40");
            for (int k = 0; k < sink.count; k++)
            {
                final long d = sink.taken[k];
                final int at = pool.dataOffset(PacketDescriptor.handle(d));
                assertEquals(100, PacketDescriptor.length(d));
                assertEquals(FrameStatus.OK, parser.parse(pool.buffer(), at, 100, frame));
                final int flow = k % 40;
                assertEquals(12, frame.vlanId(0));
                assertEquals(macs[flow % 3], frame.ethDst());
                assertEquals(0x0A01_00FA + flow / 7, frame.ipv4Src(), "source address steps every 7 flows");
                assertEquals(0x0A02_0001, frame.ipv4Dst());
                assertEquals(40_000 + flow % 7, frame.srcPort());
                assertEquals(4789, frame.dstPort());
                assertTrue(Checksums.verifyL4Ipv4(pool.buffer(), frame.l4Offset(), at + 100 - frame.l4Offset(),
                    frame.ipv4Src(), frame.ipv4Dst(), 17), "UDP checksum of packet " + k);
                assertEquals(1_000 + flow, sink.streamId(pool, k));
                if (k < 40)
                {
                    tuples.add(((long)frame.ipv4Src() << 16) | frame.srcPort());
                }
            }
            assertEquals(40, tuples.size());
        }
        sink.freeAll(pool);
        pool.assertNoLeak();
    }

    @Test
    void aFrameLargerThanTheDataRoomIsRefused()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> new ConstantRateGenerator(new TrafficProfile().frameLength(257), pool));
        assertTrue(ex.getMessage().startsWith("frameLength 257"), ex.getMessage());
        pool.assertNoLeak();
    }

    @Test
    void aGeneratorSharesTheCallersCacheWithoutClosingIt()
    {
        final dev.twinpath.packet.pool.PoolCache cache = pool.newCache();
        final TrafficFixtures.CollectingSink sink = new TrafficFixtures.CollectingSink(100);
        try (ConstantRateGenerator generator = new ConstantRateGenerator(
            new TrafficProfile().flows(2).ratePps(TrafficProfile.UNPACED).maxBurstsPerCall(1), pool, cache))
        {
            generator.start(0);
            assertEquals(32, generator.generate(0, sink));
        }
        assertFalse(cache.isClosed());
        for (int i = 0; i < sink.count; i++)
        {
            cache.free(PacketDescriptor.handle(sink.taken[i]));
        }
        cache.close();
        pool.assertNoLeak();
    }
}
