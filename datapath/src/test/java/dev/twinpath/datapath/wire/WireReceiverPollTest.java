package dev.twinpath.datapath.wire;

import dev.twinpath.packet.pool.PacketPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One receiver poll takes up to {@code fragmentLimit} whole batches: the batches waiting in the log are
 * not cut after the first few (a cut batch is read and checked again on the next poll), and a handler
 * that takes nothing leaves the rest in the log and loses nothing. Test thread.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WireReceiverPollTest
{
    private static final int FRAMES_PER_BATCH = 20; // 64-byte frames in one 1,408-byte MTU payload

    /** Publish {@code batches} full batches of 64-byte frames (sequence from 0) and wait until all are in the log. */
    private static void publishFullBatches(final WireSender sender, final PacketPool pool, final int batches)
    {
        final long[] batch = new long[FRAMES_PER_BATCH];
        long sequence = 0;
        for (int b = 0; b < batches; b++)
        {
            for (int i = 0; i < FRAMES_PER_BATCH; i++)
            {
                batch[i] = WireFrames.frame(pool, sequence++, 64);
            }
            int head = 0;
            final long deadline = System.nanoTime() + 10_000_000_000L;
            while (head < FRAMES_PER_BATCH && System.nanoTime() < deadline)
            {
                final int taken = sender.send(batch, head, FRAMES_PER_BATCH - head);
                head += Math.max(0, taken);
            }
            assertEquals(0, sender.openEntries(), "a full batch is published at once");
        }
        assertEquals(batches, sender.messages());
    }

    @Test
    void onePollTakesFragmentLimitBatchesWithoutStalling()
    {
        final PacketPool pool = AeronWireTest.pool(4096, 2048);
        try (AeronWire wire = AeronWire.launch(new WireContext().channel("aeron:ipc").streamId(31).burst(40)))
        {
            final WireFrames frames = new WireFrames(pool);
            final WireSender sender = wire.newSender(pool);
            final WireReceiver receiver = wire.newReceiver(pool, frames);
            AeronWireTest.awaitConnected(sender, receiver);
            final int batches = wire.context().fragmentLimit();
            publishFullBatches(sender, pool, batches);

            receiver.doWork(); // one duty cycle: one poll

            assertEquals(batches, receiver.messages(), "every batch in the log taken by one poll");
            assertEquals((long)batches * FRAMES_PER_BATCH, frames.received, "and handed to the handler");
            assertEquals(0, receiver.handlerStalls(), "no batch cut short and read again");
            frames.assertClean();
            sender.close();
            receiver.close();
        }
        pool.assertNoLeak();
    }

    @Test
    void aHandlerThatTakesNothingHoldsTheRestInTheLogAndLosesNothing()
    {
        final PacketPool pool = AeronWireTest.pool(4096, 2048);
        try (AeronWire wire = AeronWire.launch(new WireContext().channel("aeron:ipc").streamId(32).burst(40)
            .fragmentLimit(2)))
        {
            final WireFrames frames = new WireFrames(pool);
            final WireSender sender = wire.newSender(pool);
            final WireReceiver receiver = wire.newReceiver(pool, frames);
            AeronWireTest.awaitConnected(sender, receiver);
            publishFullBatches(sender, pool, 6);
            frames.paused = true;

            for (int i = 0; i < 5; i++)
            {
                receiver.doWork();
            }

            assertEquals(2, receiver.messages(), "one poll of fragmentLimit batches, no other while they wait");
            assertEquals(2 * FRAMES_PER_BATCH, receiver.pending());
            assertTrue(receiver.handlerStalls() > 0, "the handler took nothing");
            assertEquals(0, frames.received);

            frames.paused = false;
            final long deadline = System.nanoTime() + 10_000_000_000L;
            while (frames.received < 6 * FRAMES_PER_BATCH && System.nanoTime() < deadline)
            {
                receiver.doWork();
            }
            assertEquals(6 * FRAMES_PER_BATCH, frames.received, "every frame, in order");
            assertEquals(6, receiver.messages(), "every batch once");
            assertEquals(0, receiver.malformedTotal());
            frames.assertClean();
            sender.close();
            receiver.close();
        }
        pool.assertNoLeak();
    }

    @Test
    void pendingCapacityHoldsAPollOfWholeBatchesWithinABound()
    {
        assertEquals(2_736, WireReceiver.pendingCapacity(171, 16), "defaults: 16 batches of up to 171 entries");
        assertEquals(40, WireReceiver.pendingCapacity(40, 1));
        assertEquals(WireReceiver.MAX_PENDING, WireReceiver.pendingCapacity(4096, 4096), "bounded");
        assertEquals(60_000, WireReceiver.pendingCapacity(60_000, 16), "but always one whole batch");
    }
}
