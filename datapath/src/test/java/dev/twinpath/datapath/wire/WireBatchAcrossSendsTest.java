package dev.twinpath.datapath.wire;

import dev.twinpath.packet.pool.PacketDescriptor;
import dev.twinpath.packet.pool.PacketPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sender keeps a partly filled batch open across sends: bursts of 7 fill messages of about 20 frames
 * (against one message per burst with a flush deadline of 0), in order, byte for byte, markers in their
 * place; a lone frame still leaves (at its deadline, or on an idle agent cycle); back-pressure while a
 * batch is open loses nothing. Both ends on the test thread.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WireBatchAcrossSendsTest
{
    private static final long TOTAL = 7_000;
    private static final int BURST = 7;
    private static final int MARKER_EVERY = 50;
    private static final int[] LENGTHS = {64, 60, 100, 64};

    /** @return {sender messages, bursts offered, receiver messages}. */
    private static long[] sendInBurstsOfSeven(final long flushNanos, final int streamId)
    {
        final PacketPool pool = AeronWireTest.pool(4096, 2048);
        final long[] result = new long[3];
        try (AeronWire wire = AeronWire.launch(new WireContext().channel("aeron:ipc").streamId(streamId)
            .flushNanos(flushNanos)))
        {
            final WireFrames frames = new WireFrames(pool);
            frames.markersAtPosition = true;
            final WireSender sender = wire.newSender(pool);
            final WireReceiver receiver = wire.newReceiver(pool, frames);
            AeronWireTest.awaitConnected(sender, receiver);
            final long[] burst = new long[BURST];
            int head = 0;
            int count = 0;
            long nextFrame = 0;
            long position = 0;
            long markers = 0;
            final long deadline = System.nanoTime() + 20_000_000_000L;
            while (frames.received < TOTAL && System.nanoTime() < deadline)
            {
                if (count == 0 && nextFrame < TOTAL)
                {
                    head = 0;
                    while (count < BURST && nextFrame < TOTAL)
                    {
                        if (position % MARKER_EVERY == MARKER_EVERY - 1) // its epoch: the frames before it
                        {
                            burst[count++] = PacketDescriptor.marker(nextFrame, 1);
                            markers++;
                        }
                        else
                        {
                            burst[count++] = WireFrames.frame(pool, nextFrame, WireFrames.lengthOf(nextFrame, LENGTHS));
                            nextFrame++;
                        }
                        position++;
                    }
                    result[1]++;
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
                    sender.doWork(); // everything taken: the idle cycle publishes the open batch
                }
                receiver.doWork();
            }
            frames.assertClean();
            assertEquals(TOTAL, frames.received, "every frame arrived, in order, byte for byte");
            assertEquals(markers, frames.markers, "every marker arrived, in its place");
            assertEquals(TOTAL, sender.frames());
            assertEquals(0, sender.openEntries());
            assertEquals(0, receiver.malformedTotal());
            result[0] = sender.messages();
            result[2] = receiver.messages();
            sender.close();
            receiver.close();
        }
        pool.assertNoLeak();
        return result;
    }

    @Test
    void burstsOfSevenFillMessagesAcrossSends()
    {
        final long[] perSend = sendInBurstsOfSeven(0, 41);
        final long[] across = sendInBurstsOfSeven(WireContext.MAX_FLUSH_NANOS, 42);
        assertEquals(perSend[0], perSend[2], "deadline 0: every batch arrives once");
        assertEquals(across[0], across[2], "open batches: every batch arrives once");
        assertTrue(perSend[0] >= perSend[1], "deadline 0: a message per burst at least: " + perSend[0] +
            " messages for " + perSend[1] + " bursts");
        assertTrue(across[0] * 2 < perSend[0], "batched across sends: " + across[0] + " messages against " +
            perSend[0] + " with deadline 0");
    }

    @Test
    void aLoneFrameLeavesAtItsDeadline()
    {
        final PacketPool pool = AeronWireTest.pool(1024, 2048);
        try (AeronWire wire = AeronWire.launch(new WireContext().channel("aeron:ipc").streamId(43)))
        {
            final WireFrames frames = new WireFrames(pool);
            final WireSender sender = wire.newSender(pool);
            final WireReceiver receiver = wire.newReceiver(pool, frames);
            AeronWireTest.awaitConnected(sender, receiver);
            assertEquals(WireContext.DEFAULT_FLUSH_NANOS, sender.flushNanos());
            assertEquals(1, sender.send(new long[]{WireFrames.frame(pool, 0, 64)}, 0, 1), "taken");
            final long[] none = new long[0];
            final long deadline = System.nanoTime() + 1_000_000_000L;
            while (frames.received < 1 && System.nanoTime() < deadline)
            {
                sender.send(none, 0, 0); // no new frame: only the deadline publishes the open batch
                receiver.doWork();
            }
            frames.assertClean();
            assertEquals(1, frames.received, "the lone frame arrived");
            assertEquals(1, sender.messages());
            assertEquals(0, sender.openEntries());
            sender.close();
            receiver.close();
        }
        pool.assertNoLeak();
    }

    @Test
    void anIdleAgentCyclePublishesTheOpenBatch()
    {
        final PacketPool pool = AeronWireTest.pool(1024, 2048);
        try (AeronWire wire = AeronWire.launch(new WireContext().channel("aeron:ipc").streamId(44)
            .flushNanos(WireContext.MAX_FLUSH_NANOS)))
        {
            final WireFrames frames = new WireFrames(pool);
            final WireSender sender = wire.newSender(pool);
            final WireReceiver receiver = wire.newReceiver(pool, frames);
            AeronWireTest.awaitConnected(sender, receiver);
            final boolean[] given = new boolean[1];
            sender.source((descriptors, offset, count) ->
            {
                if (given[0])
                {
                    return 0;
                }
                given[0] = true;
                descriptors[offset] = WireFrames.frame(pool, 0, 64);
                return 1;
            });
            assertEquals(1, sender.doWork(), "the frame taken into the open batch");
            final long deadline = System.nanoTime() + 1_000_000_000L;
            while (frames.received < 1 && System.nanoTime() < deadline)
            {
                sender.doWork(); // the source is empty: the batch goes now, long before its 1 s deadline
                receiver.doWork();
            }
            frames.assertClean();
            assertEquals(1, frames.received, "the lone frame arrived");
            assertEquals(1, sender.messages());
            sender.close();
            receiver.close();
        }
        pool.assertNoLeak();
    }

    @Test
    void backPressureWhileABatchIsOpenLosesNothing()
    {
        final PacketPool pool = AeronWireTest.pool(4096, 2048);
        final WireContext context = new WireContext().channel("aeron:ipc").streamId(45).termLength(64 * 1024)
            .maxFrameLength(1500).flushNanos(WireContext.MAX_FLUSH_NANOS);
        try (AeronWire wire = AeronWire.launch(context))
        {
            final WireFrames frames = new WireFrames(pool);
            final WireSender sender = wire.newSender(pool);
            final WireReceiver receiver = wire.newReceiver(pool, frames);
            AeronWireTest.awaitConnected(sender, receiver);

            // the receiver does not poll: bursts of 7 frames of 300 bytes (4 a batch) until the window is full
            final long[] burst = new long[BURST];
            long next = 0;
            final long deadline = System.nanoTime() + 10_000_000_000L;
            while (sender.failures(WirePublicationFailure.BACK_PRESSURED) == 0 && System.nanoTime() < deadline)
            {
                for (int i = 0; i < burst.length; i++)
                {
                    burst[i] = WireFrames.frame(pool, next + i, 300);
                }
                final int taken = sender.send(burst, 0, burst.length);
                assertTrue(taken >= 0, "back-pressure is not an error: " + taken);
                for (int i = taken; i < burst.length; i++) // the caller keeps what was not taken
                {
                    pool.free(PacketDescriptor.handle(burst[i]));
                }
                next += taken;
            }
            assertTrue(sender.failures(WirePublicationFailure.BACK_PRESSURED) > 0, "publication back-pressured");
            assertTrue(sender.openEntries() > 0, "the refused batch stays open: " + sender.openEntries());
            final int open = sender.openEntries();
            for (int i = 0; i < burst.length; i++)
            {
                burst[i] = WireFrames.frame(pool, next + i, 300);
            }
            assertEquals(0, sender.send(burst, 0, burst.length), "a full open batch takes nothing more");
            assertEquals(open, sender.openEntries());
            for (final long descriptor : burst)
            {
                pool.free(PacketDescriptor.handle(descriptor));
            }
            final long accepted = next;

            // drain: the open batch goes first, then the rest, back-pressure as it comes
            WireFrames.pumpFrom(sender, receiver, frames, pool, accepted, accepted + 3_000, new int[]{300, 64, 1500});
            assertEquals(accepted + 3_000, sender.frames());
            assertEquals(sender.frames(), frames.received, "every accepted frame arrived exactly once, in order");
            assertEquals(0, sender.openEntries());
            sender.close();
            receiver.close();
        }
        pool.assertNoLeak();
    }

    @Test
    void closePublishesTheOpenBatch()
    {
        final PacketPool pool = AeronWireTest.pool(1024, 2048);
        try (AeronWire wire = AeronWire.launch(new WireContext().channel("aeron:ipc").streamId(46)
            .flushNanos(WireContext.MAX_FLUSH_NANOS)))
        {
            final WireFrames frames = new WireFrames(pool);
            final WireSender sender = wire.newSender(pool);
            final WireReceiver receiver = wire.newReceiver(pool, frames);
            AeronWireTest.awaitConnected(sender, receiver);
            final long[] burst = {WireFrames.frame(pool, 0, 64), WireFrames.frame(pool, 1, 64), WireFrames.frame(pool, 2, 64)};
            assertEquals(3, sender.send(burst, 0, 3), "taken into the open batch");
            sender.close();
            assertEquals(3, sender.frames(), "published by close");
            assertEquals(0, sender.abandoned());
            final long deadline = System.nanoTime() + 1_000_000_000L;
            while (frames.received < 3 && System.nanoTime() < deadline)
            {
                receiver.doWork();
            }
            frames.assertClean();
            assertEquals(3, frames.received, "the open batch arrived after the sender closed");
            receiver.close();
        }
        pool.assertNoLeak();
    }
}
