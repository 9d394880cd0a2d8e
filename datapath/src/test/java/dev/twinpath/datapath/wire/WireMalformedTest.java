package dev.twinpath.datapath.wire;

import dev.twinpath.packet.pool.PacketPool;
import io.aeron.ExclusivePublication;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Malformed batches (written by a raw publication on the wire's stream) are counted by reason and
 * skipped; a good batch after them still arrives. Test thread.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WireMalformedTest
{
    private final UnsafeBuffer message = new UnsafeBuffer(new byte[256]);

    private int header(final int version, final int entries, final int batchLength)
    {
        message.setMemory(0, message.capacity(), (byte)0);
        message.putByte(0, (byte)version);
        message.putShort(2, (short)entries, ByteOrder.LITTLE_ENDIAN);
        message.putInt(4, batchLength, ByteOrder.LITTLE_ENDIAN);
        return WireBatchDescriptor.HEADER_LENGTH;
    }

    private int entry(final int position, final int length, final int kind)
    {
        message.putShort(position, (short)length, ByteOrder.LITTLE_ENDIAN);
        message.putByte(position + 2, (byte)kind);
        return position + WireBatchDescriptor.entryLength(length);
    }

    private static void offer(final ExclusivePublication publication, final UnsafeBuffer buffer, final int length)
    {
        final long deadline = System.nanoTime() + 5_000_000_000L;
        while (publication.offer(buffer, 0, length) < 0 && System.nanoTime() < deadline)
        {
            Thread.onSpinWait();
        }
    }

    @Test
    void malformedBatchesAreCountedWithAReason()
    {
        final PacketPool pool = AeronWireTest.pool(1024, 2048);
        try (AeronWire wire = AeronWire.launch(new WireContext().channel("aeron:ipc").streamId(21)))
        {
            final WireFrames frames = new WireFrames(pool);
            final WireReceiver receiver = wire.newReceiver(pool, frames);
            final ExclusivePublication raw = wire.aeron().addExclusivePublication(
                wire.context().publicationChannel(), wire.context().streamId());
            final long deadline = System.nanoTime() + 10_000_000_000L;
            while (!raw.isConnected() && System.nanoTime() < deadline)
            {
                Thread.onSpinWait();
            }

            offer(raw, message, 4);                                             // SHORT_MESSAGE
            header(9, 1, 16);
            entry(8, 4, 0);
            offer(raw, message, 16);                                            // BAD_VERSION
            header(1, 1, 99);
            entry(8, 4, 0);
            offer(raw, message, 16);                                            // LENGTH_MISMATCH
            header(1, 0, 8);
            offer(raw, message, 8);                                             // EMPTY_BATCH
            header(1, 60_000, 16);
            offer(raw, message, 16);                                            // TOO_MANY_ENTRIES
            header(1, 2, 16);
            entry(8, 4, 0);
            offer(raw, message, 16);                                            // ENTRY_OVERRUN (second entry missing)
            header(1, 1, 24);
            entry(8, 4, 0);
            offer(raw, message, 24);                                            // TRAILING_BYTES
            header(1, 1, 12);
            entry(8, 0, 0);
            offer(raw, message, 12);                                            // BAD_FRAME_LENGTH (0 bytes)
            header(1, 1, 20);
            entry(8, 8, 1);
            offer(raw, message, 20);                                            // BAD_MARKER (descriptor of a packet)
            header(1, 1, 16);
            entry(8, 4, 7);
            offer(raw, message, 16);                                            // BAD_KIND

            final WireSender sender = wire.newSender(pool);
            WireFrames.pump(sender, receiver, frames, pool, 10, new int[]{64});
            final long until = System.nanoTime() + 5_000_000_000L;
            while (receiver.malformedTotal() < WireMalformed.values().length && System.nanoTime() < until)
            {
                receiver.doWork();
            }

            for (final WireMalformed reason : WireMalformed.values())
            {
                assertEquals(1, receiver.malformed(reason), reason + " counted once");
            }
            assertEquals(WireMalformed.values().length, receiver.malformedTotal());
            assertEquals(10, frames.received, "the good batch after them arrives");
            raw.close();
            sender.close();
            receiver.close();
        }
        pool.assertNoLeak();
    }

    @Test
    void aMarkerCrossesTheWireBetweenFrames()
    {
        final PacketPool pool = AeronWireTest.pool(1024, 2048);
        try (AeronWire wire = AeronWire.launch(new WireContext().channel("aeron:ipc").streamId(22)))
        {
            final WireFrames frames = new WireFrames(pool);
            final WireSender sender = wire.newSender(pool);
            final WireReceiver receiver = wire.newReceiver(pool, frames);
            AeronWireTest.awaitConnected(sender, receiver);
            final long marker = dev.twinpath.packet.pool.PacketDescriptor.marker(42, 3);
            final long[] burst = {WireFrames.frame(pool, 0, 64), marker, WireFrames.frame(pool, 1, 100)};
            int head = 0;
            final long deadline = System.nanoTime() + 10_000_000_000L;
            while ((head < burst.length || frames.received < 2) && System.nanoTime() < deadline)
            {
                if (head < burst.length)
                {
                    head += Math.max(0, sender.send(burst, head, burst.length - head));
                }
                else
                {
                    sender.flush(); // the open batch goes now, not at its deadline
                }
                receiver.doWork();
            }
            frames.assertClean();
            assertEquals(2, frames.received);
            assertEquals(1, frames.markers);
            assertEquals(1, sender.messages(), "two frames and a marker in one batch");
            assertTrue(receiver.markers() == 1 && receiver.frames() == 2);
            sender.close();
            receiver.close();
        }
        pool.assertNoLeak();
    }
}
