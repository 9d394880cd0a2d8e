package dev.twinpath.datapath.wire;

import dev.twinpath.packet.pool.PacketDescriptor;
import dev.twinpath.packet.pool.PacketPool;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Test frames for the wire: frame {@code n} holds its sequence number in its first 8 bytes and a byte
 * pattern derived from it after, so the receiving side checks order and content byte for byte.
 * A {@link WireHandler} that checks and frees what arrives. Test thread (or the receiver's thread).
 */
final class WireFrames implements WireHandler
{
    private final PacketPool pool;
    private final int takeAtMost;
    final List<String> errors = new ArrayList<>();
    volatile long received;
    long markers;
    boolean paused;
    /** When set, a marker's epoch must equal the frames received before it (its place among the frames). */
    boolean markersAtPosition;

    WireFrames(final PacketPool pool)
    {
        this(pool, Integer.MAX_VALUE);
    }

    WireFrames(final PacketPool pool, final int takeAtMost)
    {
        this.pool = pool;
        this.takeAtMost = takeAtMost;
    }

    static byte patternByte(final long sequence, final int index)
    {
        return (byte)(sequence * 31 + index * 7 + 1);
    }

    /** @return a descriptor of a fresh frame {@code sequence} of {@code length} bytes. */
    static long frame(final PacketPool pool, final long sequence, final int length)
    {
        final int handle = pool.allocate();
        assertTrue(handle >= 0, "pool exhausted in the test's sender");
        final UnsafeBuffer memory = pool.buffer();
        final int data = pool.dataOffset(handle);
        memory.putLong(data, sequence);
        for (int i = 8; i < length; i++)
        {
            memory.putByte(data + i, patternByte(sequence, i));
        }
        return PacketDescriptor.packet(handle, length, (int)(sequence & 0x7F));
    }

    static int lengthOf(final long sequence, final int[] lengths)
    {
        return lengths[(int)(sequence % lengths.length)];
    }

    @Override
    public int onFrames(final long[] descriptors, final int offset, final int count)
    {
        if (paused)
        {
            return 0;
        }
        final int n = Math.min(count, takeAtMost);
        for (int i = offset; i < offset + n; i++)
        {
            final long descriptor = descriptors[i];
            if (PacketDescriptor.isMarker(descriptor))
            {
                if (markersAtPosition && PacketDescriptor.epoch(descriptor) != received && errors.size() < 10)
                {
                    errors.add("marker " + PacketDescriptor.epoch(descriptor) + " arrived after frame " + received);
                }
                markers++;
                continue;
            }
            final int handle = PacketDescriptor.handle(descriptor);
            final UnsafeBuffer memory = pool.buffer();
            final int data = pool.dataOffset(handle);
            final long sequence = memory.getLong(data);
            final long expected = received;
            if (sequence != expected && errors.size() < 10)
            {
                errors.add("frame " + expected + " arrived as " + sequence);
            }
            if ((PacketDescriptor.flags(descriptor)) != (int)(sequence & 0x7F) && errors.size() < 10)
            {
                errors.add("flags of frame " + sequence);
            }
            for (int b = 8; b < PacketDescriptor.length(descriptor); b++)
            {
                if (memory.getByte(data + b) != patternByte(sequence, b))
                {
                    if (errors.size() < 10)
                    {
                        errors.add("byte " + b + " of frame " + sequence);
                    }
                    break;
                }
            }
            pool.free(handle);
            received = expected + 1;
        }
        return n;
    }

    void assertClean()
    {
        if (!errors.isEmpty())
        {
            fail(String.join("; ", errors));
        }
    }

    /**
     * Send {@code total} frames in bursts of 32 through {@code sender} while polling {@code receiver},
     * one thread, until all arrived or 20 s passed; once everything is taken, the sender's idle
     * {@code doWork} publishes its open batch.
     */
    static void pump(final WireSender sender, final WireReceiver receiver, final WireFrames frames, final PacketPool pool,
        final long total, final int[] lengths)
    {
        pumpFrom(sender, receiver, frames, pool, 0, total, lengths);
    }

    /** {@link #pump} of frames {@code first .. total - 1}, until {@code total} frames in all arrived. */
    static void pumpFrom(final WireSender sender, final WireReceiver receiver, final WireFrames frames, final PacketPool pool,
        final long first, final long total, final int[] lengths)
    {
        final long[] burst = new long[32];
        int head = 0;
        int count = 0;
        long next = first;
        final long deadline = System.nanoTime() + 20_000_000_000L;
        while (frames.received < total && System.nanoTime() < deadline)
        {
            if (count == 0 && next < total)
            {
                head = 0;
                while (count < burst.length && next < total)
                {
                    burst[count++] = frame(pool, next, lengthOf(next, lengths));
                    next++;
                }
            }
            if (count > 0)
            {
                final int taken = sender.send(burst, head, count);
                if (taken > 0)
                {
                    head += taken;
                    count -= taken;
                }
            }
            else
            {
                sender.doWork(); // nothing new to send: an idle cycle publishes the open batch
            }
            receiver.doWork();
        }
        frames.assertClean();
        assertEquals(total, frames.received, "frames received");
    }
}
