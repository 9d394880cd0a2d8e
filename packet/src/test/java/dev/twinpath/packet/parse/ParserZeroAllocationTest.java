package dev.twinpath.packet.parse;

import dev.twinpath.packet.build.FrameBuilder;
import dev.twinpath.packet.build.FrameTemplate;
import dev.twinpath.packet.build.PayloadHeader;
import dev.twinpath.packet.codec.Checksums;
import dev.twinpath.packet.rss.FlowKey;
import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Building, parsing, checksumming and keying a frame allocate nothing in steady state, measured with
 * the test thread's allocation counter: within a few rounds (the first may include the JVM's own
 * linking work) one round of {@value #ROUND} frames must allocate exactly zero bytes.
 */
class ParserZeroAllocationTest
{
    private static final int ROUND = 20_000;
    private static final int MAX_ROUNDS = 10;

    private final FrameBuilder udp4 = new FrameBuilder(new FrameTemplate().vlan(7, 0).frameLength(128));
    private final FrameBuilder tcp6 = new FrameBuilder(
        new FrameTemplate().addresses("2001:db8::1", "2001:db8::2").protocol(FrameTemplate.TCP));
    private final UnsafeBuffer buffer = new UnsafeBuffer(BufferUtil.allocateDirectAligned(4096, 64));
    private final FrameParser parser = new FrameParser();
    private final ParsedFrame frame = new ParsedFrame();
    private final FlowKey key = new FlowKey();
    private long sink;

    @Test
    void buildParseAndKeyDoNotAllocate()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        runOnce(0);
        final long[] perRound = new long[MAX_ROUNDS];
        for (int round = 0; round < MAX_ROUNDS; round++)
        {
            final long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < ROUND; i++)
            {
                runOnce(i);
            }
            perRound[round] = threads.getCurrentThreadAllocatedBytes() - before;
            if (perRound[round] == 0)
            {
                return;
            }
        }
        fail("every round of " + ROUND + " frames allocated, bytes per round: " + Arrays.toString(perRound) +
            " (sink " + sink + ")");
    }

    private void runOnce(final int i)
    {
        final FrameBuilder builder = (i & 1) == 0 ? udp4 : tcp6;
        final int length = builder.write(buffer, 0, i & 0xFFFF, 80, i, i, System.nanoTime());
        parser.parse(buffer, 0, length, frame);
        sink += frame.status().ordinal() + frame.srcPort() + frame.flowKey(key).hash64();
        sink += PayloadHeader.sequence(buffer, frame.payloadOffset());
        sink += Checksums.fold(Checksums.sum(buffer, frame.l4Offset(), length - frame.l4Offset(), 0));
        sink += parser.parse(buffer, 0, length - 30, length, LinkType.ETHERNET, frame).ordinal();
    }
}
