package dev.twinpath.datapath.traffic;

import dev.twinpath.packet.build.FrameTemplate;
import dev.twinpath.packet.pool.PacketDescriptor;
import dev.twinpath.packet.pool.PacketPool;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;

import static dev.twinpath.datapath.traffic.StreamChecker.DUPLICATE;
import static dev.twinpath.datapath.traffic.StreamChecker.FOREIGN;
import static dev.twinpath.datapath.traffic.StreamChecker.GAP;
import static dev.twinpath.datapath.traffic.StreamChecker.IN_ORDER;
import static dev.twinpath.datapath.traffic.StreamChecker.LATE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class StreamCheckerTest
{
    private static final int VF = 0;
    private static final int SYNTHETIC = 1;

    private final TrafficFixtures.FrameWriter frames = new TrafficFixtures.FrameWriter();
    private final StreamChecker checker = new StreamChecker(new TrafficProfile().flows(4), "vf", "synthetic");

    @Test
    void anInOrderStreamHasNoAnomaly()
    {
        for (int seq = 0; seq < 1000; seq++)
        {
            for (int stream = 0; stream < 4; stream++)
            {
                assertEquals(IN_ORDER, receive(stream, seq, VF));
            }
        }
        assertCounts(4000, 0, 0, 0, 0);
        assertEquals(0, checker.lostAtEnd(new long[]{1000, 1000, 1000, 1000}));
        assertEquals(1000, checker.expectedSequence(3));
    }

    @Test
    void aSwappedPairIsOneReorderedAndNothingLost()
    {
        assertEquals(IN_ORDER, receive(0, 0, VF));
        assertEquals(GAP, receive(0, 2, VF));
        assertEquals(1, checker.lost(), "tentatively missing");
        assertEquals(LATE, receive(0, 1, VF));
        assertEquals(IN_ORDER, receive(0, 3, VF));
        assertCounts(4, 1, 0, 0, 0);
        assertEquals(0, checker.lostAtEnd(new long[]{4, 0, 0, 0}));
    }

    @Test
    void aRepeatedPacketIsOneDuplicate()
    {
        receive(1, 0, VF);
        receive(1, 1, VF);
        assertEquals(DUPLICATE, receive(1, 1, SYNTHETIC));
        receive(1, 2, VF);
        assertEquals(DUPLICATE, receive(1, 0, VF));
        assertCounts(3, 0, 2, 0, 0);
        assertEquals(0, checker.tooOld());
        assertEquals(0, checker.delivered(SYNTHETIC), "a duplicate is not delivered");
    }

    @Test
    void aLateFillThenItsDuplicate()
    {
        receive(2, 0, VF);
        receive(2, 3, VF);
        assertEquals(2, checker.lost());
        assertEquals(LATE, receive(2, 1, SYNTHETIC));
        assertEquals(DUPLICATE, receive(2, 1, VF));
        assertCounts(3, 1, 1, 0, 1);
        assertEquals(1, checker.lostAtEnd(new long[]{0, 0, 4, 0}));
    }

    @Test
    void aGapThatStaysIsLost()
    {
        for (int seq = 0; seq < 100; seq++)
        {
            if (seq != 10 && seq != 50 && seq != 51)
            {
                receive(0, seq, VF);
            }
        }
        assertCounts(97, 0, 0, 0, 3);
        assertEquals(3, checker.lostAtEnd(new long[]{100, 0, 0, 0}));
    }

    @Test
    void aTailNeverReceivedIsFoundAtTheEnd()
    {
        for (int seq = 0; seq < 90; seq++)
        {
            receive(0, seq, VF);
            receive(1, seq, VF);
        }
        assertEquals(0, checker.lost(), "the gap logic cannot see a tail");
        final long[] sent = {100, 90, 5, 0};
        assertEquals(10 + 5, checker.lostAtEnd(sent));
        assertEquals(100 + 90 + 5, checker.delivered() + checker.lostAtEnd(sent), "offered = delivered + lost");
    }

    @Test
    void packetsOlderThanTheWindowCountAsDuplicatesAndStayMissing()
    {
        receive(0, 0, VF);
        receive(0, 1 + StreamChecker.WINDOW + 10, VF);
        assertEquals(StreamChecker.WINDOW + 10, checker.lost());
        assertEquals(DUPLICATE, receive(0, 1, VF), "older than the window: cannot be told from a duplicate");
        assertEquals(1, checker.tooOld());
        assertEquals(LATE, receive(0, 20, VF), "inside the window: a late packet");
        assertCounts(3, 1, 1, 0, StreamChecker.WINDOW + 9);
        final long[] sent = {StreamChecker.WINDOW + 12, 0, 0, 0};
        assertEquals(sent[0], checker.delivered() + checker.lostAtEnd(sent));
    }

    @Test
    void aGapWiderThanTheWindowForgetsWhatWasSeenBeforeIt()
    {
        for (int seq = 0; seq < 5; seq++)
        {
            receive(3, seq, VF);
        }
        receive(3, 1000, VF);
        assertEquals(995, checker.lost());
        assertEquals(LATE, receive(3, 1001 - StreamChecker.WINDOW, VF), "the oldest sequence of the window");
        assertEquals(DUPLICATE, receive(3, 1000 - StreamChecker.WINDOW, VF), "just outside the window");
        assertEquals(1, checker.tooOld());
        assertEquals(LATE, receive(3, 999, VF));
        assertEquals(993, checker.lost());
    }

    @Test
    void foreignFramesAreCountedNotThrown()
    {
        final int length = frames.write(0, 0, 0);
        assertEquals(FOREIGN, checker.onPacket(frames.buffer, 0, 30, VF, 0), "too short");
        frames.buffer.putShort(12, (short)0x86DD, ByteOrder.BIG_ENDIAN);
        assertEquals(FOREIGN, checker.onPacket(frames.buffer, 0, length, VF, 0), "not IPv4");
        assertEquals(FOREIGN, receive(4, 0, VF), "stream id above the range");
        assertEquals(FOREIGN, receive(-1, 0, VF), "stream id 0xFFFFFFFF");
        assertEquals(FOREIGN, receive(0, 0, 2), "unknown path");
        assertEquals(FOREIGN, receive(0, 0, -1), "negative path");

        final StreamChecker based = new StreamChecker(new TrafficProfile().flows(2).streamIdBase(100), "vf");
        frames.write(99, 0, 0);
        assertEquals(FOREIGN, based.onPacket(frames.buffer, 0, length, 0, 0), "below the base");
        frames.write(101, 0, 0);
        assertEquals(IN_ORDER, based.onPacket(frames.buffer, 0, length, 0, 0));
        frames.write(102, 0, 0);
        assertEquals(FOREIGN, based.onPacket(frames.buffer, 0, length, 0, 0), "above the base's range");

        assertCounts(0, 0, 0, 6, 0);
        assertEquals(2, based.foreign());
    }

    @Test
    void descriptorsOfAPoolAreCheckedAndBadOnesAreForeign()
    {
        final PacketPool pool = TrafficFixtures.pool(4, 0);
        final int handle = pool.allocate();
        final int length = frames.write(2, 0, 100);
        pool.buffer().putBytes(pool.dataOffset(handle), frames.buffer, 0, length);
        final long descriptor = PacketDescriptor.packet(handle, length, 0, 0);
        assertEquals(IN_ORDER, checker.onPacket(descriptor, pool, VF, 150));
        assertEquals(FOREIGN, checker.onPacket(PacketDescriptor.marker(7), pool, VF, 150), "a marker");
        assertEquals(FOREIGN, checker.onPacket(PacketDescriptor.packet(4, length, 0), pool, VF, 150), "no such slot");
        assertEquals(FOREIGN, checker.onPacket(PacketDescriptor.packet(handle, 257, 0), pool, VF, 150),
            "longer than the slot");
        assertEquals(1, checker.delivered());
        assertEquals(3, checker.foreign());
        assertEquals(50, checker.histogram(VF).getMaxValue());
        pool.free(handle);
        pool.assertNoLeak();
    }

    @Test
    void latencyIsRecordedPerPathFromTheIntendedTime()
    {
        checker.onPacket(frames.buffer, 0, frames.write(0, 0, 1_000), VF, 1_500);
        checker.onPacket(frames.buffer, 0, frames.write(0, 1, 2_000), SYNTHETIC, 9_000);
        checker.onPacket(frames.buffer, 0, frames.write(0, 2, 3_000), SYNTHETIC, 4_000);
        checker.onPacket(frames.buffer, 0, frames.write(0, 2, 3_000), SYNTHETIC, 900_000);

        final Histogram vf = checker.histogram(VF);
        final Histogram synthetic = checker.histogram(SYNTHETIC);
        assertEquals(1, vf.getTotalCount());
        assertEquals(500, vf.getMaxValue());
        assertEquals(2, synthetic.getTotalCount(), "the duplicate is not recorded");
        assertEquals(1_000, synthetic.getMinValue());
        assertEquals(7_000, synthetic.getMaxValue(), 7_000 / 1000.0);
        assertEquals(1, checker.delivered(VF));
        assertEquals(2, checker.delivered(SYNTHETIC));
        assertEquals("synthetic", checker.pathName(SYNTHETIC));
        assertEquals(2, checker.paths());

        checker.resetHistograms();
        assertEquals(0, synthetic.getTotalCount());
        assertEquals(3, checker.delivered());
    }

    @Test
    void latencyOutsideTheRangeIsClampedNotThrown()
    {
        final StreamChecker small = new StreamChecker(2, 0, 1_000_000, "vf");
        small.onPacket(frames.buffer, 0, frames.write(0, 0, 5_000), 0, 1_000);
        small.onPacket(frames.buffer, 0, frames.write(0, 1, 0), 0, Long.MAX_VALUE);
        small.onPacket(frames.buffer, 0, frames.write(0, 2, Long.MIN_VALUE), 0, Long.MAX_VALUE);
        assertEquals(3, small.latencyClamped());
        assertEquals(0, small.histogram(0).getMinValue());
        assertEquals(1_000_000, small.histogram(0).getMaxValue(), 1_000);
        assertEquals(3, small.delivered());
    }

    @Test
    void taggedFramesAreChecked()
    {
        final TrafficFixtures.FrameWriter tagged = new TrafficFixtures.FrameWriter(new FrameTemplate().vlan(9, 3));
        assertEquals(IN_ORDER, checker.onPacket(tagged.buffer, 0, tagged.write(1, 0, 0), VF, 10));
        assertEquals(IN_ORDER, checker.onPacket(tagged.buffer, 0, tagged.write(1, 1, 0), VF, 10));
        assertCounts(2, 0, 0, 0, 0);
    }

    @Test
    void badConstructionIsRefused()
    {
        assertThrows(IllegalArgumentException.class, () -> new StreamChecker(0, 0, 1_000, "vf"));
        assertThrows(IllegalArgumentException.class, () -> new StreamChecker(1, -1, 1_000, "vf"));
        assertThrows(IllegalArgumentException.class, () -> new StreamChecker(1, 0, 1, "vf"));
        assertThrows(IllegalArgumentException.class, () -> new StreamChecker(1, 0, 1_000));
        assertThrows(IllegalArgumentException.class, () -> new StreamChecker(new TrafficProfile().flows(0), "vf"));
    }

    private int receive(final int streamId, final long sequence, final int path)
    {
        final int length = frames.write(streamId, sequence, 0);
        return checker.onPacket(frames.buffer, 0, length, path, 100);
    }

    private void assertCounts(
        final long delivered, final long reordered, final long duplicates, final long foreign, final long lost)
    {
        assertEquals(delivered, checker.delivered(), "delivered");
        assertEquals(reordered, checker.reordered(), "reordered");
        assertEquals(duplicates, checker.duplicates(), "duplicates");
        assertEquals(foreign, checker.foreign(), "foreign");
        assertEquals(lost, checker.lost(), "lost");
        assertEquals(delivered, checker.delivered(VF) + checker.delivered(SYNTHETIC), "delivered by path");
    }

}
