package dev.twinpath.datapath.wire;

import dev.twinpath.packet.pool.PacketDescriptor;
import dev.twinpath.packet.pool.PacketPool;
import dev.twinpath.vf.ring.SpscDescriptorRing;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A relay between two wires (A → relay → B) with a {@link WireForwarder}: batches go on whole while nothing of the
 * stream is queued before them, are left in A's stream while B's wire is back-pressured, and are copied frame by
 * frame otherwise; B gets every frame and marker in order, byte for byte, whichever way each batch went, and every
 * buffer is back in its pool. Test thread runs every end.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WireForwardTest
{
    /** Frames that fit one MTU payload: every batch can go on whole. */
    private static final int[] SMALL = {64, 60, 128, 64, 200};
    /** With a 1,514-byte frame now and then: its batch is larger than one MTU payload and always copied. */
    private static final int[] MIXED = {64, 60, 128, 1514, 64, 200};

    /** The relay of the test: A's receiver, a ring, B's sender, and a forwarder that can be told to answer otherwise. */
    private static final class Relay
    {
        final SpscDescriptorRing ring = new SpscDescriptorRing(1024);
        final WireReceiver in;
        final WireSender out;
        /** Answer of the forwarder for offer {@code k}: cycles through this script (null: the usual answer). */
        WireForwarder.Outcome[] script;
        int offers;
        int scriptedWaits;

        Relay(final AeronWire wire, final PacketPool pool)
        {
            in = wire.newReceiver(pool, ring::enqueueBurst, "aeron:ipc", 51);
            out = wire.newSender(pool, "aeron:ipc", 52);
            out.source(ring::dequeueBurst);
            in.forwarder((buffer, offset, length, frames, markers, largest) ->
            {
                final WireForwarder.Outcome scripted = script == null ? null : script[offers++ % script.length];
                if (scripted == WireForwarder.Outcome.COPY)
                {
                    return WireForwarder.Outcome.COPY;
                }
                if (scripted == WireForwarder.Outcome.WAIT)
                {
                    scriptedWaits++;
                    return WireForwarder.Outcome.WAIT;
                }
                return ring.isEmpty() ? out.forwardWhole(buffer, offset, length, frames, markers, largest) :
                    WireForwarder.Outcome.COPY;
            });
        }

        int doWork()
        {
            return in.doWork() + out.doWork();
        }
    }

    private static void run(final WireForwarder.Outcome[] script, final int[] lengths, final boolean expectAllForwarded)
    {
        final PacketPool poolA = AeronWireTest.pool(4096, 2048);
        final PacketPool poolRelay = AeronWireTest.pool(4096, 2048);
        final PacketPool poolB = AeronWireTest.pool(4096, 2048);
        try (AeronWire wire = AeronWire.launch(new WireContext().channel("aeron:ipc").streamId(50).burst(32)))
        {
            final WireSender a = wire.newSender(poolA, "aeron:ipc", 51);
            final Relay relay = new Relay(wire, poolRelay);
            relay.script = script;
            final WireFrames frames = new WireFrames(poolB);
            frames.markersAtPosition = true;
            final WireReceiver b = wire.newReceiver(poolB, frames, "aeron:ipc", 52);
            final long deadline = System.nanoTime() + 20_000_000_000L;
            while (!(a.isConnected() && relay.in.isConnected() && relay.out.isConnected() && b.isConnected()) &&
                System.nanoTime() < deadline)
            {
                relay.doWork();
                b.doWork();
            }
            final long total = 3_000;
            final long[] burst = new long[32];
            long sequence = 0;
            long markersSent = 0;
            while (frames.received < total && System.nanoTime() < deadline)
            {
                if (sequence < total)
                {
                    int n = 0;
                    while (n < burst.length && sequence < total)
                    {
                        if (sequence % 97 == 5 && n > 0 && PacketDescriptor.isPacket(burst[n - 1]))
                        {
                            burst[n++] = PacketDescriptor.marker(sequence); // its epoch is its place among the frames
                            markersSent++;
                            continue;
                        }
                        burst[n++] = WireFrames.frame(poolA, sequence, WireFrames.lengthOf(sequence, lengths));
                        sequence++;
                    }
                    int head = 0;
                    while (head < n && System.nanoTime() < deadline)
                    {
                        head += Math.max(0, a.send(burst, head, n - head));
                        relay.doWork();
                        b.doWork();
                    }
                    a.flush();
                }
                a.doWork();
                relay.doWork();
                b.doWork();
            }
            frames.assertClean();
            assertEquals(total, frames.received, "every frame through the relay, in order");
            assertEquals(markersSent, frames.markers, "every marker, at its place");
            assertEquals(a.messages(), relay.in.messages(), "every batch of A received once");
            assertEquals(total, relay.in.frames());
            assertEquals(total, relay.out.frames(), "the relay's sender counts forwarded and copied frames alike");
            assertEquals(relay.in.forwardedMessages(), relay.out.forwardedMessages());
            assertTrue(relay.in.forwardedMessages() > 0, "batches went on whole");
            assertTrue(relay.in.forwardStalls() >= relay.scriptedWaits, "a WAIT leaves the batch in the stream");
            if (expectAllForwarded)
            {
                assertEquals(relay.in.messages(), relay.in.forwardedMessages(), "nothing queued: every batch on whole");
                assertEquals(total, relay.in.forwardedFrames());
                assertEquals(0, relay.in.delivered(), "no frame copied into the relay's pool");
            }
            else
            {
                assertTrue(relay.in.delivered() > 0 && relay.in.forwardedFrames() < total,
                    "some batches copied frame by frame, the others forwarded");
            }
            assertEquals(0, relay.in.malformedTotal() + b.malformedTotal());
            a.close();
            relay.in.close();
            relay.out.close();
            b.close();
        }
        poolA.assertNoLeak();
        poolRelay.assertNoLeak();
        poolB.assertNoLeak();
    }

    @Test
    void anIdleRelayForwardsEveryBatchWholeAndCopiesNothing()
    {
        run(null, SMALL, true);
    }

    @Test
    void batchesCopiedOrLeftWaitingBetweenForwardedOnesKeepTheirOrder()
    {
        run(new WireForwarder.Outcome[]{null, WireForwarder.Outcome.COPY, WireForwarder.Outcome.WAIT, null,
            WireForwarder.Outcome.COPY, WireForwarder.Outcome.COPY, null, WireForwarder.Outcome.WAIT}, MIXED, false);
    }

    @Test
    void forwardWholeRefusesWhatWouldJumpTheQueueOrNotFit()
    {
        final PacketPool pool = AeronWireTest.pool(256, 2048);
        try (AeronWire wire = AeronWire.launch(new WireContext().channel("aeron:ipc").streamId(53).maxFrameLength(1514)
            .flushNanos(TimeUnit.SECONDS.toNanos(1))))
        {
            final WireSender sender = wire.newSender(pool);
            final WireReceiver receiver = wire.newReceiver(pool, new WireFrames(pool));
            AeronWireTest.awaitConnected(sender, receiver);
            final UnsafeBuffer batch = new UnsafeBuffer(new byte[256]);
            final int length = WireBatchDescriptor.HEADER_LENGTH + WireBatchDescriptor.entryLength(64);
            batch.putInt(WireBatchDescriptor.BATCH_LENGTH_OFFSET, length, ByteOrder.LITTLE_ENDIAN);

            assertEquals(WireForwarder.Outcome.COPY, sender.forwardWhole(batch, 0, length, 1, 0, 9000),
                "a frame longer than this wire carries");
            assertEquals(WireForwarder.Outcome.COPY, sender.forwardWhole(batch, 0, sender.maxPayloadLength() + 1, 1, 0, 64),
                "longer than one MTU payload");
            final long[] one = {WireFrames.frame(pool, 0, 64)};
            assertEquals(1, sender.send(one, 0, 1));
            assertEquals(1, sender.openEntries(), "the frame waits in the open batch for its deadline");
            assertEquals(WireForwarder.Outcome.COPY, sender.forwardWhole(batch, 0, length, 1, 0, 64),
                "an open batch goes first");
            assertEquals(0, sender.forwardedMessages());
            sender.close();
            receiver.close();
        }
        pool.assertNoLeak();
    }
}
