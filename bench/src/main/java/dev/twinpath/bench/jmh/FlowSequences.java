package dev.twinpath.bench.jmh;

import dev.twinpath.packet.build.PayloadHeader;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;

/**
 * Per-flow sequence numbers of the datapath benchmarks: the sender stamps the next sequence of a
 * frame's flow into its payload header, the receiver checks that each flow's frames arrive in order.
 * The payload header's stream id is the flow. Owned by the benchmark's peer/guest thread.
 */
final class FlowSequences
{
    private final long[] next;
    private final long[] expected;

    FlowSequences(final int flows)
    {
        next = new long[flows];
        expected = new long[flows];
    }

    /** Write the next sequence of {@code flow} into the payload header at {@code header}. */
    void stamp(final UnsafeBuffer memory, final int header, final int flow)
    {
        final long sequence = next[flow]++;
        memory.putShort(header + PayloadHeader.SEQUENCE_OFFSET, (short)(sequence >>> 32), ByteOrder.BIG_ENDIAN);
        memory.putInt(header + PayloadHeader.SEQUENCE_OFFSET + 2, (int)sequence, ByteOrder.BIG_ENDIAN);
    }

    /** @return true when the frame whose payload header is at {@code header} is the next of its flow. */
    boolean inOrder(final UnsafeBuffer memory, final int header)
    {
        final int flow = memory.getInt(header + PayloadHeader.STREAM_ID_OFFSET, ByteOrder.BIG_ENDIAN);
        final long sequence = PayloadHeader.sequence(memory, header);
        final boolean inOrder = sequence == expected[flow];
        expected[flow] = sequence + 1;
        return inOrder;
    }
}
