package dev.twinpath.datapath.traffic;

import dev.twinpath.packet.codec.Checksums;
import dev.twinpath.packet.parse.FrameParser;
import dev.twinpath.packet.parse.FrameStatus;
import dev.twinpath.packet.parse.ParsedFrame;
import dev.twinpath.packet.pool.PacketDescriptor;
import dev.twinpath.packet.pool.PacketPool;
import dev.twinpath.packet.pool.PoolCache;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Mixed frame sizes ({@link TrafficProfile#frameLengths(int...)}, the IMIX of RFC 2544 runs): packet {@code k} has
 * the {@code k % n}-th length whatever its flow, every frame is well formed with valid IPv4 and UDP checksums, the
 * stream checker accepts every one, a rewind after discarded packets keeps the cycle in step, and generating a mix
 * allocates nothing in steady state.
 */
class MixedFrameSizesTest
{
    /** The simple IMIX 7:4:1 of 64, 594 and 1518 bytes on the wire, without FCS. */
    private static final int[] IMIX = {60, 590, 60, 1514, 60, 590, 60, 60, 590, 60, 590, 60};

    private final PacketPool pool = new PacketPool(new PacketPool.Context().name("mix-test").slotCount(4096).cacheSize(64)
        .dataRoom(1536));

    @Test
    void packetKHasTheKthLengthOfTheCycleAndValidChecksums()
    {
        final TrafficProfile profile = new TrafficProfile().flows(7).frameLengths(IMIX).ratePps(TrafficProfile.UNPACED)
            .burst(50).destinations(0x0200_0000_00A0L, 0x0200_0000_00A1L).conclude();
        assertEquals(1514, profile.frameLength(), "the longest, what a buffer must hold");
        assertEquals((7 * 60 + 4 * 590 + 1514) / 12.0, profile.meanFrameLength(), 1e-9);
        final TrafficFixtures.CollectingSink sink = new TrafficFixtures.CollectingSink(1_000);
        final StreamChecker checker = new StreamChecker(profile, "vf");
        final FrameParser parser = new FrameParser(new FrameParser.Context().verifyIpv4Checksum(true));
        final ParsedFrame frame = new ParsedFrame();
        final int[] perLength = new int[1515];
        try (ConstantRateGenerator generator = new ConstantRateGenerator(profile, pool))
        {
            generator.start(0);
            generator.generate(1_000, sink);
            assertEquals(800, sink.count, "16 bursts of 50");
            for (int k = 0; k < sink.count; k++)
            {
                final long d = sink.taken[k];
                final int length = PacketDescriptor.length(d);
                final int at = pool.dataOffset(PacketDescriptor.handle(d));
                assertEquals(IMIX[k % IMIX.length], length, "length of packet " + k);
                assertEquals(FrameStatus.OK, parser.parse(pool.buffer(), at, length, frame), "packet " + k);
                assertEquals(new long[] {0x0200_0000_00A0L, 0x0200_0000_00A1L}[(k % 7) % 2], frame.ethDst());
                assertTrue(Checksums.verifyL4Ipv4(pool.buffer(), frame.l4Offset(), at + length - frame.l4Offset(),
                    frame.ipv4Src(), frame.ipv4Dst(), 17), "UDP checksum of packet " + k);
                assertEquals(k % 7, sink.streamId(pool, k));
                assertEquals(k / 7, sink.sequence(pool, k));
                checker.onPacket(d, pool, 0, 2_000);
                perLength[length]++;
            }
            assertEquals(0, checker.lost() + checker.reordered() + checker.duplicates() + checker.foreign());
            assertEquals(800, checker.delivered());
            assertEquals(800 / 12 * 7 + 5, perLength[60], "7 of 12 are 64 bytes on the wire");
            assertEquals(800 / 12 * 4 + 2, perLength[590]);
            assertEquals(800 / 12 + 1, perLength[1514]);
        }
        sink.freeAll(pool);
        pool.assertNoLeak();
    }

    @Test
    void discardedPacketsAreBuiltAgainWithTheirOwnLength()
    {
        final TrafficProfile profile = new TrafficProfile().flows(5).frameLengths(IMIX).ratePps(TrafficProfile.UNPACED)
            .burst(10);
        final TrafficFixtures.CollectingSink sink = new TrafficFixtures.CollectingSink(1_000);
        try (ConstantRateGenerator generator = new ConstantRateGenerator(profile, pool))
        {
            generator.start(0);
            sink.budget = 7; // 7 of the first burst of 10 taken, 3 pending
            generator.generate(1, sink);
            assertEquals(3, generator.discardPending());
            sink.budget = -1;
            generator.start(2);
            generator.generate(3, sink);
            for (int k = 0; k < sink.count; k++)
            {
                assertEquals(IMIX[k % IMIX.length], PacketDescriptor.length(sink.taken[k]), "length of packet " + k);
                assertEquals(k / 5, sink.sequence(pool, k));
            }
        }
        sink.freeAll(pool);
        pool.assertNoLeak();
    }

    @Test
    void aBadMixIsRefusedNamingTheField()
    {
        assertThrows(IllegalArgumentException.class, () -> new TrafficProfile().frameLengths(new int[0]));
        assertThrows(IllegalArgumentException.class, () -> new TrafficProfile().frameLengths(new int[65]));
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> new TrafficProfile().frameLengths(60, 40, 1514).conclude());
        assertTrue(ex.getMessage().startsWith("frameLengths must each be 60..9216: 40"), ex.getMessage());
        assertEquals(1, new TrafficProfile().frameLengths(128).frameLengths().length);
    }

    @Test
    void generatingAMixDoesNotAllocateInSteadyState()
    {
        final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final TrafficProfile profile = new TrafficProfile().flows(1000).frameLengths(IMIX).ratePps(16_000_000).burst(32);
        final PoolCache cache = pool.newCache();
        final DescriptorSink sink = (descriptors, offset, count) ->
        {
            for (int i = offset; i < offset + count; i++)
            {
                cache.free(PacketDescriptor.handle(descriptors[i]));
            }
            return count;
        };
        try (ConstantRateGenerator generator = new ConstantRateGenerator(profile, pool, cache))
        {
            generator.start(0);
            long now = 0;
            final long[] perRound = new long[10];
            for (int round = -1; round < perRound.length; round++)
            {
                final long sentBefore = generator.sent();
                final long before = threads.getCurrentThreadAllocatedBytes();
                for (int i = 0; i < 5_000; i++)
                {
                    now += 1_000;
                    generator.generate(now, sink);
                }
                final long allocated = threads.getCurrentThreadAllocatedBytes() - before;
                if (round >= 0)
                {
                    perRound[round] = allocated;
                    if (allocated == 0)
                    {
                        assertTrue(generator.sent() - sentBefore >= 50_000, "packets in a round");
                        return;
                    }
                }
            }
            fail("every round allocated, bytes per round: " + Arrays.toString(perRound));
        }
        finally
        {
            cache.close();
        }
    }
}
