package dev.twinpath.datapath.wire;

import dev.twinpath.packet.pool.PacketPool;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * In steady state the sender and the receiver allocate nothing per frame or per batch, on the
 * {@code tryClaim} path (small frames) and on the {@code offer} path with fragmentation and reassembly
 * (frames above one MTU payload), with the batch kept open across sends (flush deadline of 20 µs and of
 * 1 s) and without (0). Both ends run on the test thread, so the thread's allocation counter
 * sees all their work (the media driver's and the Aeron client's threads are not measured). Test thread.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WireZeroAllocationTest
{
    private static final int ROUND = 20_000;
    private static final int MAX_ROUNDS = 10;

    @ParameterizedTest
    @CsvSource({"64, 20000", "3000, 20000", "64, 0", "64, 1000000000"})
    void steadyStateSendAndReceiveAllocateNothing(final int largeFrame, final long flushNanos)
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final int[] lengths = {64, 64, 128, largeFrame};
        final PacketPool pool = AeronWireTest.pool(2048, 4096);
        try (AeronWire wire = AeronWire.launch(new WireContext().channel("aeron:ipc").streamId(31)
            .flushNanos(flushNanos)))
        {
            final WireFrames frames = new WireFrames(pool);
            final WireSender sender = wire.newSender(pool);
            final WireReceiver receiver = wire.newReceiver(pool, frames);
            AeronWireTest.awaitConnected(sender, receiver);
            final long[] burst = new long[32];
            final long[] state = new long[3]; // head, count, next sequence
            run(sender, receiver, frames, pool, burst, state, lengths); // warm-up: caches, assembler buffer, JIT
            final long[] allocated = new long[MAX_ROUNDS];
            for (int round = 0; round < MAX_ROUNDS; round++)
            {
                final long before = threads.getCurrentThreadAllocatedBytes();
                run(sender, receiver, frames, pool, burst, state, lengths);
                allocated[round] = threads.getCurrentThreadAllocatedBytes() - before;
                if (allocated[round] == 0)
                {
                    frames.assertClean();
                    assertTrue(receiver.messages() < receiver.frames(), "batched");
                    assertTrue(largeFrame == 64 || sender.offeredMessages() > 0, "the offer path ran");
                    for (int i = (int)state[0]; i < state[0] + state[1]; i++) // what the sender did not take yet
                    {
                        pool.free(dev.twinpath.packet.pool.PacketDescriptor.handle(burst[i]));
                    }
                    final long deadline = System.nanoTime() + 10_000_000_000L;
                    while (frames.received < sender.frames() && System.nanoTime() < deadline) // what is still in the log
                    {
                        receiver.doWork();
                    }
                    assertEquals(sender.frames(), frames.received, "every frame sent arrived");
                    sender.close();
                    receiver.close();
                    wire.close();
                    pool.assertNoLeak();
                    return;
                }
            }
            fail("every round of " + ROUND + " frames allocated, bytes per round: " + Arrays.toString(allocated));
        }
    }

    private static void run(final WireSender sender, final WireReceiver receiver, final WireFrames frames,
        final PacketPool pool, final long[] burst, final long[] state, final int[] lengths)
    {
        final long target = frames.received + ROUND;
        final long deadline = System.nanoTime() + 20_000_000_000L;
        while (frames.received < target && System.nanoTime() < deadline)
        {
            if (state[1] == 0)
            {
                int n = 0;
                while (n < burst.length)
                {
                    burst[n] = WireFrames.frame(pool, state[2], WireFrames.lengthOf(state[2], lengths));
                    state[2]++;
                    n++;
                }
                state[0] = 0;
                state[1] = n;
            }
            final int taken = sender.send(burst, (int)state[0], (int)state[1]);
            if (taken > 0)
            {
                state[0] += taken;
                state[1] -= taken;
            }
            receiver.doWork();
        }
        assertEquals(0, receiver.malformedTotal());
    }
}
