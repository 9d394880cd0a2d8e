package dev.twinpath.bench.jmh;

import dev.twinpath.bench.jmh.WireBenchStates.IpcRaw;
import dev.twinpath.bench.jmh.WireBenchStates.IpcWire;
import dev.twinpath.bench.jmh.WireBenchStates.IpcWireBurst32;
import dev.twinpath.bench.jmh.WireBenchStates.IpcWireBurst32PerSend;
import dev.twinpath.bench.jmh.WireBenchStates.Producer;
import dev.twinpath.bench.jmh.WireBenchStates.RawState;
import dev.twinpath.bench.jmh.WireBenchStates.Received;
import dev.twinpath.bench.jmh.WireBenchStates.UdpRaw;
import dev.twinpath.bench.jmh.WireBenchStates.UdpRaw8k;
import dev.twinpath.bench.jmh.WireBenchStates.UdpWire;
import dev.twinpath.bench.jmh.WireBenchStates.UdpWire8k;
import dev.twinpath.bench.jmh.WireBenchStates.UdpWireBurst32;
import dev.twinpath.bench.jmh.WireBenchStates.UdpWireBurst32PerSend;
import dev.twinpath.bench.jmh.WireBenchStates.WireState;
import dev.twinpath.datapath.wire.WireBatchDescriptor;
import dev.twinpath.datapath.wire.WireReceiver;
import dev.twinpath.datapath.wire.WireSender;
import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import io.aeron.logbuffer.BufferClaim;
import io.aeron.logbuffer.FragmentHandler;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;


/**
 * Suite {@code wire}: 64-byte frames from a sender thread to a receiver thread (a JMH group, one thread
 * each) over Aeron, each side with its own embedded media driver thread ({@code SHARED} mode):
 * <ul>
 *     <li><b>wireIpc</b>, <b>wireUdp</b>: the Twinpath wire ({@link WireSender} → {@link WireReceiver})
 *     over {@code aeron:ipc} and over loopback UDP: the sender allocates 32 frames from the pool, writes
 *     a sequence number in each and sends them (batched, {@value #FRAMES_PER_BATCH} frames per
 *     {@value #BATCH_LENGTH}-byte message, tryClaim); the receiver copies them into pool buffers and its
 *     handler frees them;</li>
 *     <li><b>rawIpcBatch</b>, <b>rawUdpBatch</b>: the baseline, a raw Aeron {@link ExclusivePublication}
 *     → {@link Subscription} of messages of the same size ({@value #BATCH_LENGTH} bytes, tryClaim),
 *     scored in 64-byte frame equivalents ({@value #FRAMES_PER_BATCH} per message) so the ratio says how
 *     much of raw Aeron's message rate the wire keeps;</li>
 *     <li><b>wireIpcBurst32</b>, <b>wireUdpBurst32</b>: the wire given the lab's bursts of 32, which the
 *     sender packs into full messages across sends (flush deadline 20 µs); <b>*PerSend</b>: the same with
 *     a deadline of 0, each burst published at once as 20 + 12 frames;</li>
 *     <li><b>rawIpcPerFrame</b>: raw Aeron with one 64-byte message per frame, what the wire would cost
 *     without batching.</li>
 * </ul>
 * The score is the receiver's {@link Received#frames}: frames (or frame equivalents) received per
 * second. Each invocation is bounded: a sender that is back-pressured, or a receiver that finds nothing,
 * spins once and returns.
 * <p>
 * Threads: the wire states ({@link WireBenchStates}) are shared by the two threads of a group; {@link Producer}
 * and {@link Received} belong to one thread each.
 */
public class WireBenchmark
{
    /** Frame length. */
    public static final int FRAME_LENGTH = 64;
    /** Bytes of one MTU payload with Aeron's default MTU (1,408 - 32): the wire's default batch budget. */
    public static final int MTU_PAYLOAD = 1376;
    /** Frames in one batch of that budget: 20 entries of 4 + 64 bytes. */
    public static final int FRAMES_PER_BATCH = (MTU_PAYLOAD - WireBatchDescriptor.HEADER_LENGTH) /
        (WireBatchDescriptor.ENTRY_HEADER_LENGTH + FRAME_LENGTH);
    /** Bytes of such a batch (1,368): the message size of the raw baseline. */
    public static final int BATCH_LENGTH = WireBatchDescriptor.HEADER_LENGTH +
        FRAMES_PER_BATCH * (WireBatchDescriptor.ENTRY_HEADER_LENGTH + FRAME_LENGTH);
    /**
     * Frames per burst the sender is given: two full batches (40), so the wire's messages carry as many
     * frames as the baseline's. With the lab's bursts of 32 a burst goes as 20 + 12.
     */
    public static final int BURST = 2 * FRAMES_PER_BATCH;
    /** The lab's burst: 32 descriptors, which batching across sends packs into full messages of 20. */
    public static final int LAB_BURST = 32;
    /** MTU of the {@code *UdpMtu8k} entries: loopback carries 8 KiB datagrams, so batches grow to 8,160 bytes. */
    public static final int MTU_8K = 8192;
    /** Frames in one batch of an 8 KiB MTU payload (8,160 bytes): 119. */
    public static final int FRAMES_PER_BATCH_8K = (MTU_8K - 32 - WireBatchDescriptor.HEADER_LENGTH) /
        (WireBatchDescriptor.ENTRY_HEADER_LENGTH + FRAME_LENGTH);
    /** Bytes of such a batch (8,100): the message size of its raw baseline. */
    public static final int BATCH_LENGTH_8K = WireBatchDescriptor.HEADER_LENGTH +
        FRAMES_PER_BATCH_8K * (WireBatchDescriptor.ENTRY_HEADER_LENGTH + FRAME_LENGTH);
    /** Frames per burst with the 8 KiB MTU: two full batches (238). */
    public static final int BURST_8K = 2 * FRAMES_PER_BATCH_8K;

    /** Aeron stream id of every entry. */
    static final int STREAM = 4201;

    // ---------------------------------------------------------------- the Twinpath wire

    private static void wireSend(final WireState state, final Producer producer)
    {
        if (producer.count == 0)
        {
            producer.refill(state.pool, state.burst());
        }
        final int taken = producer.count == 0 ? 0 : state.sender.send(producer.burst, producer.head, producer.count);
        if (taken > 0)
        {
            producer.head += taken;
            producer.count -= taken;
        }
        else
        {
            Thread.onSpinWait();
        }
    }

    private static void wireReceive(final WireState state, final Received received)
    {
        final long before = state.receiver.delivered();
        state.receiver.doWork();
        final long n = state.receiver.delivered() - before;
        if (n > 0)
        {
            received.frames += n;
        }
        else
        {
            Thread.onSpinWait();
        }
    }

    @Benchmark
    @Group("wireIpc")
    @GroupThreads(1)
    public void wireIpcSend(final IpcWire state, final Producer producer)
    {
        wireSend(state, producer);
    }

    @Benchmark
    @Group("wireIpc")
    @GroupThreads(1)
    public void wireIpcReceive(final IpcWire state, final Received received)
    {
        wireReceive(state, received);
    }

    @Benchmark
    @Group("wireUdp")
    @GroupThreads(1)
    public void wireUdpSend(final UdpWire state, final Producer producer)
    {
        wireSend(state, producer);
    }

    @Benchmark
    @Group("wireUdp")
    @GroupThreads(1)
    public void wireUdpReceive(final UdpWire state, final Received received)
    {
        wireReceive(state, received);
    }

    @Benchmark
    @Group("wireIpcBurst32")
    @GroupThreads(1)
    public void wireIpcBurst32Send(final IpcWireBurst32 state, final Producer producer)
    {
        wireSend(state, producer);
    }

    @Benchmark
    @Group("wireIpcBurst32")
    @GroupThreads(1)
    public void wireIpcBurst32Receive(final IpcWireBurst32 state, final Received received)
    {
        wireReceive(state, received);
    }

    @Benchmark
    @Group("wireIpcBurst32PerSend")
    @GroupThreads(1)
    public void wireIpcBurst32PerSendSend(final IpcWireBurst32PerSend state, final Producer producer)
    {
        wireSend(state, producer);
    }

    @Benchmark
    @Group("wireIpcBurst32PerSend")
    @GroupThreads(1)
    public void wireIpcBurst32PerSendReceive(final IpcWireBurst32PerSend state, final Received received)
    {
        wireReceive(state, received);
    }

    @Benchmark
    @Group("wireUdpBurst32")
    @GroupThreads(1)
    public void wireUdpBurst32Send(final UdpWireBurst32 state, final Producer producer)
    {
        wireSend(state, producer);
    }

    @Benchmark
    @Group("wireUdpBurst32")
    @GroupThreads(1)
    public void wireUdpBurst32Receive(final UdpWireBurst32 state, final Received received)
    {
        wireReceive(state, received);
    }

    @Benchmark
    @Group("wireUdpBurst32PerSend")
    @GroupThreads(1)
    public void wireUdpBurst32PerSendSend(final UdpWireBurst32PerSend state, final Producer producer)
    {
        wireSend(state, producer);
    }

    @Benchmark
    @Group("wireUdpBurst32PerSend")
    @GroupThreads(1)
    public void wireUdpBurst32PerSendReceive(final UdpWireBurst32PerSend state, final Received received)
    {
        wireReceive(state, received);
    }

    // ---------------------------------------------------------------- raw Aeron baselines

    private static void rawSend(final RawState state, final Producer producer, final int length, final int messages)
    {
        final ExclusivePublication publication = state.publication;
        final BufferClaim claim = producer.claim;
        int sent = 0;
        while (sent < messages && publication.tryClaim(length, claim) > 0)
        {
            claim.buffer().putLong(claim.offset(), producer.sequence++);
            claim.commit();
            sent++;
        }
        if (sent == 0)
        {
            Thread.onSpinWait();
        }
    }

    private static void rawReceive(final RawState state, final FragmentHandler handler, final int limit)
    {
        if (state.subscription.poll(handler, limit) == 0)
        {
            Thread.onSpinWait();
        }
    }

    @Benchmark
    @Group("rawIpcBatch")
    @GroupThreads(1)
    public void rawIpcBatchSend(final IpcRaw state, final Producer producer)
    {
        rawSend(state, producer, BATCH_LENGTH, 2);
    }

    @Benchmark
    @Group("rawIpcBatch")
    @GroupThreads(1)
    public void rawIpcBatchReceive(final IpcRaw state, final Received received)
    {
        rawReceive(state, received.batch, 16);
    }

    @Benchmark
    @Group("rawUdpBatch")
    @GroupThreads(1)
    public void rawUdpBatchSend(final UdpRaw state, final Producer producer)
    {
        rawSend(state, producer, BATCH_LENGTH, 2);
    }

    @Benchmark
    @Group("rawUdpBatch")
    @GroupThreads(1)
    public void rawUdpBatchReceive(final UdpRaw state, final Received received)
    {
        rawReceive(state, received.batch, 16);
    }

    @Benchmark
    @Group("wireUdpMtu8k")
    @GroupThreads(1)
    public void wireUdpMtu8kSend(final UdpWire8k state, final Producer producer)
    {
        wireSend(state, producer);
    }

    @Benchmark
    @Group("wireUdpMtu8k")
    @GroupThreads(1)
    public void wireUdpMtu8kReceive(final UdpWire8k state, final Received received)
    {
        wireReceive(state, received);
    }

    @Benchmark
    @Group("rawUdpMtu8kBatch")
    @GroupThreads(1)
    public void rawUdpMtu8kBatchSend(final UdpRaw8k state, final Producer producer)
    {
        rawSend(state, producer, BATCH_LENGTH_8K, 2);
    }

    @Benchmark
    @Group("rawUdpMtu8kBatch")
    @GroupThreads(1)
    public void rawUdpMtu8kBatchReceive(final UdpRaw8k state, final Received received)
    {
        rawReceive(state, received.batch, 16);
    }

    @Benchmark
    @Group("rawIpcPerFrame")
    @GroupThreads(1)
    public void rawIpcPerFrameSend(final IpcRaw state, final Producer producer)
    {
        rawSend(state, producer, FRAME_LENGTH, 32);
    }

    @Benchmark
    @Group("rawIpcPerFrame")
    @GroupThreads(1)
    public void rawIpcPerFrameReceive(final IpcRaw state, final Received received)
    {
        rawReceive(state, received.perFrame, 32);
    }
}
