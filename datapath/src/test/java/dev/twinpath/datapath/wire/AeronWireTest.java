package dev.twinpath.datapath.wire;

import dev.twinpath.packet.pool.PacketPool;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.File;
import java.net.DatagramSocket;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Frames cross the Aeron wire in order, byte for byte, many per message, over IPC and loopback UDP, on
 * one thread and as two agents on two threads; jumbo frames and a mix of sizes; back-pressure loses
 * nothing. Test thread (plus the agents' runners where said).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AeronWireTest
{
    private static final int[] SMALL = {64, 60, 128, 64, 200, 64, 1000, 64};

    static PacketPool pool(final int slots, final int dataRoom)
    {
        // small caches: the sender's and the receiver's caches must not hoard a small jumbo pool
        return new PacketPool(new PacketPool.Context().name("wire-test").slotCount(slots).dataRoom(dataRoom).cacheSize(32));
    }

    static int freeUdpPort() throws Exception
    {
        try (DatagramSocket socket = new DatagramSocket(0))
        {
            return socket.getLocalPort();
        }
    }

    static void awaitConnected(final WireSender sender, final WireReceiver receiver)
    {
        final long deadline = System.nanoTime() + 10_000_000_000L;
        while (!(sender.isConnected() && receiver.isConnected()) && System.nanoTime() < deadline)
        {
            receiver.doWork();
            Thread.onSpinWait();
        }
        assertTrue(sender.isConnected() && receiver.isConnected(), "publication and subscription connect");
    }

    private static void crossInOrder(final WireContext context) throws Exception
    {
        final PacketPool pool = pool(4096, 2048);
        try (AeronWire wire = AeronWire.launch(context))
        {
            final WireFrames frames = new WireFrames(pool);
            final WireSender sender = wire.newSender(pool);
            final WireReceiver receiver = wire.newReceiver(pool, frames);
            awaitConnected(sender, receiver);
            WireFrames.pump(sender, receiver, frames, pool, 5_000, SMALL);

            assertEquals(5_000, sender.frames());
            assertEquals(5_000, receiver.frames());
            assertEquals(sender.messages(), receiver.messages(), "every batch arrives once");
            assertTrue(receiver.messages() * 4 < receiver.frames(),
                "many frames per message: " + receiver.messages() + " messages for " + receiver.frames() + " frames");
            assertEquals(0, receiver.malformedTotal());
            sender.close();
            receiver.close();
        }
        pool.assertNoLeak();
    }

    @Test
    void framesCrossOverIpcInOrderManyPerMessage() throws Exception
    {
        crossInOrder(new WireContext().channel("aeron:ipc").streamId(11));
    }

    @Test
    void framesCrossOverLoopbackUdpInOrderManyPerMessage() throws Exception
    {
        crossInOrder(new WireContext().channel("aeron:udp?endpoint=localhost:" + freeUdpPort()).streamId(12));
    }

    @Test
    void jumboFramesAndAMixOfSizesCrossIntact() throws Exception
    {
        final int[] mix = {9216, 64, 1500, 9000, 60, 4000, 9216, 9216, 128, 1408, 1372, 7000};
        final PacketPool pool = pool(512, 9216);
        try (AeronWire wire = AeronWire.launch(new WireContext().channel("aeron:ipc").streamId(13)))
        {
            final WireFrames frames = new WireFrames(pool);
            final WireSender sender = wire.newSender(pool);
            final WireReceiver receiver = wire.newReceiver(pool, frames);
            awaitConnected(sender, receiver);
            WireFrames.pump(sender, receiver, frames, pool, 1_200, mix);

            assertTrue(sender.offeredMessages() > 0, "frames above one MTU payload go through offer (fragmented)");
            assertTrue(sender.claimedMessages() > 0, "small frames go through tryClaim");
            assertEquals(0, receiver.malformedTotal());
            sender.close();
            receiver.close();
        }
        pool.assertNoLeak();
    }

    @Test
    void backPressureLosesNoAcceptedFrame() throws Exception
    {
        final PacketPool pool = pool(4096, 2048);
        final WireContext context = new WireContext().channel("aeron:ipc").streamId(14).termLength(64 * 1024)
            .maxFrameLength(1500);
        try (AeronWire wire = AeronWire.launch(context))
        {
            final WireFrames frames = new WireFrames(pool, 7); // a slow handler: 7 descriptors per call
            final WireSender sender = wire.newSender(pool);
            final WireReceiver receiver = wire.newReceiver(pool, frames);
            awaitConnected(sender, receiver);

            // the receiver does not poll: the 32 KiB window fills and the publication pushes back
            final long[] burst = new long[32];
            long next = 0;
            final long deadline = System.nanoTime() + 10_000_000_000L;
            while (sender.failures(WirePublicationFailure.BACK_PRESSURED) == 0 && System.nanoTime() < deadline)
            {
                for (int i = 0; i < burst.length; i++)
                {
                    burst[i] = WireFrames.frame(pool, next + i, 1000);
                }
                final int taken = sender.send(burst, 0, burst.length);
                assertTrue(taken >= 0, "back-pressure is not an error: " + taken);
                for (int i = taken; i < burst.length; i++) // the caller keeps what was not taken
                {
                    pool.free(dev.twinpath.packet.pool.PacketDescriptor.handle(burst[i]));
                }
                next += taken;
            }
            assertTrue(sender.failures(WirePublicationFailure.BACK_PRESSURED) > 0, "publication back-pressured");
            final long accepted = next;

            // drain the accepted frames, then carry on with back-pressure as it comes
            WireFrames.pumpFrom(sender, receiver, frames, pool, accepted, accepted + 3_000, new int[]{1000, 64, 1500});
            assertEquals(accepted + 3_000, sender.frames());
            assertEquals(sender.frames(), frames.received, "every accepted frame arrived exactly once, in order");
            sender.close();
            receiver.close();
        }
        pool.assertNoLeak();
    }

    @Test
    void senderAndReceiverRunAsAgentsOnTwoThreadsOverUdp() throws Exception
    {
        final PacketPool pool = pool(4096, 2048);
        final long total = 20_000;
        try (AeronWire wire = AeronWire.launch(new WireContext()
            .channel("aeron:udp?endpoint=127.0.0.1:" + freeUdpPort()).streamId(15)))
        {
            final WireFrames frames = new WireFrames(pool);
            final WireSender sender = wire.newSender(pool);
            final WireReceiver receiver = wire.newReceiver(pool, frames);
            final AtomicLong produced = new AtomicLong();
            sender.source((descriptors, offset, count) ->
            {
                long next = produced.get();
                int n = 0;
                while (n < count && next < total)
                {
                    descriptors[offset + n++] = WireFrames.frame(pool, next, WireFrames.lengthOf(next, SMALL));
                    next++;
                }
                produced.lazySet(next);
                return n;
            });
            final AgentRunner receiving = new AgentRunner(new YieldingIdleStrategy(), Throwable::printStackTrace, null, receiver);
            final AgentRunner sending = new AgentRunner(new SleepingMillisIdleStrategy(1), Throwable::printStackTrace, null, sender);
            AgentRunner.startOnThread(receiving);
            AgentRunner.startOnThread(sending);
            try
            {
                final long deadline = System.nanoTime() + 30_000_000_000L;
                while (frames.received < total && System.nanoTime() < deadline)
                {
                    Thread.sleep(5);
                }
            }
            finally
            {
                sending.close();
                receiving.close();
            }
            frames.assertClean();
            assertEquals(total, frames.received, "frames received by the receiver agent");
            assertTrue(receiver.messages() < receiver.frames(), "batched: " + receiver.messages() + " messages");
            sender.close();
            receiver.close();
        }
        pool.assertNoLeak();
    }

    @Test
    void embeddedDriverLeavesNoDirectoryAndNoThread() throws Exception
    {
        final java.util.Set<Thread> before = Thread.getAllStackTraces().keySet();
        final PacketPool pool = pool(1024, 2048);
        final String directory;
        try (AeronWire wire = AeronWire.launch(new WireContext().channel("aeron:ipc").streamId(16)))
        {
            directory = wire.aeronDirectory();
            assertTrue(new File(directory).isDirectory(), "driver directory while running: " + directory);
            final String running = leftover(before);
            assertTrue(!running.isEmpty(), "the driver's and the client's threads are seen while running");
            final WireFrames frames = new WireFrames(pool);
            final WireSender sender = wire.newSender(pool);
            final WireReceiver receiver = wire.newReceiver(pool, frames);
            awaitConnected(sender, receiver);
            WireFrames.pump(sender, receiver, frames, pool, 100, SMALL);
            sender.close();
            receiver.close();
        }
        assertTrue(!new File(directory).exists(), "driver directory deleted: " + directory);
        final long deadline = System.nanoTime() + 5_000_000_000L;
        String left = leftover(before);
        while (!left.isEmpty() && System.nanoTime() < deadline)
        {
            Thread.sleep(10);
            left = leftover(before);
        }
        assertEquals("", left, "threads the wire started are all gone");
        assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().toLowerCase(java.util.Locale.ROOT)
            .contains("aeron")), "no aeron-named thread left");
        pool.assertNoLeak();
    }

    private static String leftover(final java.util.Set<Thread> before)
    {
        final StringBuilder names = new StringBuilder();
        for (final Thread thread : Thread.getAllStackTraces().keySet())
        {
            final String name = thread.getName().toLowerCase(java.util.Locale.ROOT);
            final boolean aeronRole = name.contains("aeron") || name.contains("conductor") || name.contains("sender") ||
                name.contains("receiver") || name.contains("shared");
            if (thread.isAlive() && !before.contains(thread) && aeronRole)
            {
                names.append(thread.getName()).append(' ');
            }
        }
        return names.toString().trim();
    }
}
