package dev.twinpath.datapath.traffic;

import dev.twinpath.packet.build.FrameTemplate;
import dev.twinpath.packet.codec.VlanTag;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;

import static dev.twinpath.datapath.traffic.TrafficFrames.NOT_TRAFFIC;
import static dev.twinpath.datapath.traffic.TrafficFrames.payloadHeaderOffset;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrafficFramesTest
{
    @Test
    void findsThePayloadHeaderOfUntaggedAndTaggedFrames()
    {
        final TrafficFixtures.FrameWriter untagged = new TrafficFixtures.FrameWriter();
        final int length = untagged.write(1, 2, 3);
        assertEquals(42, payloadHeaderOffset(untagged.buffer, 0, length));

        final TrafficFixtures.FrameWriter tagged = new TrafficFixtures.FrameWriter(new FrameTemplate().vlan(5, 0));
        assertEquals(46, payloadHeaderOffset(tagged.buffer, 0, tagged.write(1, 2, 3)));

        final TrafficFixtures.FrameWriter qinq = new TrafficFixtures.FrameWriter(new FrameTemplate().vlan(5, 0));
        final int qinqLength = qinq.write(1, 2, 3);
        qinq.buffer.putShort(12, (short)VlanTag.TPID_8021AD, ByteOrder.BIG_ENDIAN);
        assertEquals(46, payloadHeaderOffset(qinq.buffer, 0, qinqLength));
    }

    @Test
    void worksAtAnOffset()
    {
        final TrafficFixtures.FrameWriter writer = new TrafficFixtures.FrameWriter();
        final int length = writer.write(1, 2, 3);
        final UnsafeBuffer big = new UnsafeBuffer(new byte[512]);
        big.putBytes(100, writer.buffer, 0, length);
        assertEquals(142, payloadHeaderOffset(big, 100, length));
    }

    @Test
    void refusesWhatIsNotAGeneratedFrame()
    {
        final TrafficFixtures.FrameWriter writer = new TrafficFixtures.FrameWriter();
        final int length = writer.write(1, 2, 3);
        assertEquals(NOT_TRAFFIC, payloadHeaderOffset(writer.buffer, 0, length - 1), "too short");
        assertEquals(NOT_TRAFFIC, payloadHeaderOffset(writer.buffer, 0, 0), "empty");

        final UnsafeBuffer b = writer.buffer;
        assertEquals(NOT_TRAFFIC, mutated(b, length, () -> b.putShort(12, (short)0x0806, ByteOrder.BIG_ENDIAN)), "ARP");
        assertEquals(NOT_TRAFFIC, mutated(b, length, () -> b.putShort(12, (short)0x86DD, ByteOrder.BIG_ENDIAN)), "IPv6");
        assertEquals(NOT_TRAFFIC, mutated(b, length, () -> b.putByte(14, (byte)0x65)), "IP version 6 in IPv4");
        assertEquals(NOT_TRAFFIC, mutated(b, length, () -> b.putByte(14, (byte)0x44)), "IHL 16");
        assertEquals(NOT_TRAFFIC, mutated(b, length, () -> b.putByte(14, (byte)0x46)), "options push the header out");
        assertEquals(NOT_TRAFFIC, mutated(b, length, () -> b.putByte(23, (byte)6)), "TCP");
        assertEquals(NOT_TRAFFIC, mutated(b, length, () -> b.putShort(20, (short)0x0010, ByteOrder.BIG_ENDIAN)),
            "later fragment");
        assertEquals(NOT_TRAFFIC, mutated(b, length, () -> b.putShort(38, (short)20, ByteOrder.BIG_ENDIAN)),
            "UDP length too short for the payload header");
        assertEquals(42, payloadHeaderOffset(b, 0, length), "the frame itself is intact");
    }

    @Property(tries = 1000)
    void mutatedOrTruncatedFramesNeverThrowNorPointOutsideTheFrame(
        @ForAll @Size(max = 8) final int[] positions,
        @ForAll @Size(max = 8) final byte[] values,
        @ForAll @IntRange(max = 70) final int length,
        @ForAll final boolean tagged)
    {
        final TrafficFixtures.FrameWriter writer =
            new TrafficFixtures.FrameWriter(tagged ? new FrameTemplate().vlan(5, 0) : new FrameTemplate());
        final int full = writer.write(1, 2, 3);
        for (int i = 0; i < Math.min(positions.length, values.length); i++)
        {
            writer.buffer.putByte(Math.floorMod(positions[i], full), values[i]);
        }
        final int n = Math.min(length, full);
        final byte[] exact = new byte[n];
        writer.buffer.getBytes(0, exact);
        final int header = payloadHeaderOffset(new UnsafeBuffer(exact), 0, n); // a read past n would throw
        assertTrue(header == NOT_TRAFFIC || (header >= 42 && header + 18 <= n), "header=" + header);
    }

    private static int mutated(final UnsafeBuffer buffer, final int length, final Runnable change)
    {
        final byte[] saved = new byte[length];
        buffer.getBytes(0, saved);
        change.run();
        final int result = payloadHeaderOffset(buffer, 0, length);
        buffer.putBytes(0, saved);
        return result;
    }
}
