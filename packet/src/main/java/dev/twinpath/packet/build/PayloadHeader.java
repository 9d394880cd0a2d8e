package dev.twinpath.packet.build;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * The 18-byte header the traffic generator puts at the start of every L4 payload, so a receiver
 * can check per-stream order, loss and duplicates and measure latency. Sized so that a minimum
 * 60-byte Ethernet/IPv4/UDP frame (64 on the wire with FCS) carries it whole.
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                        Stream id (32)                         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                     Sequence number (48)                      |
 * +                               +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                               |                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+                               +
 * |               Send timestamp, ns (64)                         |
 * +                               +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * All fields in network byte order. A 48-bit sequence wraps after 2.8e14 packets (a month at
 * 100 Mpps). Static accessors, allocation-free and thread-safe.
 */
public final class PayloadHeader
{
    public static final int STREAM_ID_OFFSET = 0;
    public static final int SEQUENCE_OFFSET = 4;
    public static final int TIMESTAMP_OFFSET = 10;
    public static final int LENGTH = 18;
    public static final long SEQUENCE_MASK = 0xFFFF_FFFF_FFFFL;

    private static final ByteOrder NETWORK = ByteOrder.BIG_ENDIAN;

    private PayloadHeader()
    {
    }

    public static void write(
        final MutableDirectBuffer buffer, final int offset, final int streamId, final long sequence, final long timestamp)
    {
        buffer.putInt(offset + STREAM_ID_OFFSET, streamId, NETWORK);
        buffer.putShort(offset + SEQUENCE_OFFSET, (short)(sequence >>> 32), NETWORK);
        buffer.putInt(offset + SEQUENCE_OFFSET + 2, (int)sequence, NETWORK);
        buffer.putLong(offset + TIMESTAMP_OFFSET, timestamp, NETWORK);
    }

    public static int streamId(final DirectBuffer buffer, final int offset)
    {
        return buffer.getInt(offset + STREAM_ID_OFFSET, NETWORK);
    }

    public static long sequence(final DirectBuffer buffer, final int offset)
    {
        return ((buffer.getShort(offset + SEQUENCE_OFFSET, NETWORK) & 0xFFFFL) << 32) |
            (buffer.getInt(offset + SEQUENCE_OFFSET + 2, NETWORK) & 0xFFFF_FFFFL);
    }

    public static long timestamp(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + TIMESTAMP_OFFSET, NETWORK);
    }

    /** One's complement sum of the header's 16-bit words, for an incremental L4 checksum. */
    static long checksumWords(final int streamId, final long sequence, final long timestamp)
    {
        final long s = sequence & SEQUENCE_MASK;
        return ((streamId >>> 16) & 0xFFFF) + (streamId & 0xFFFF) +
            ((s >>> 32) & 0xFFFF) + ((s >>> 16) & 0xFFFF) + (s & 0xFFFF) +
            ((timestamp >>> 48) & 0xFFFF) + ((timestamp >>> 32) & 0xFFFF) +
            ((timestamp >>> 16) & 0xFFFF) + (timestamp & 0xFFFF);
    }
}
