package dev.twinpath.bench.jmh;

import dev.twinpath.datapath.wire.AeronWire;
import dev.twinpath.datapath.wire.WireContext;
import dev.twinpath.datapath.wire.WireReceiver;
import dev.twinpath.datapath.wire.WireSender;
import dev.twinpath.packet.pool.PacketDescriptor;
import dev.twinpath.packet.pool.PacketPool;
import dev.twinpath.packet.pool.PoolCache;
import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import io.aeron.logbuffer.BufferClaim;
import io.aeron.logbuffer.FragmentHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.net.DatagramSocket;

import static dev.twinpath.bench.jmh.WireBenchmark.BATCH_LENGTH_8K;
import static dev.twinpath.bench.jmh.WireBenchmark.BURST;
import static dev.twinpath.bench.jmh.WireBenchmark.BURST_8K;
import static dev.twinpath.bench.jmh.WireBenchmark.FRAMES_PER_BATCH;
import static dev.twinpath.bench.jmh.WireBenchmark.FRAMES_PER_BATCH_8K;
import static dev.twinpath.bench.jmh.WireBenchmark.FRAME_LENGTH;
import static dev.twinpath.bench.jmh.WireBenchmark.LAB_BURST;
import static dev.twinpath.bench.jmh.WireBenchmark.MTU_8K;
import static dev.twinpath.bench.jmh.WireBenchmark.STREAM;

/**
 * The JMH states of suite {@code wire} ({@link WireBenchmark}): a Twinpath wire or a raw Aeron
 * publication/subscription per entry, each with its own embedded media driver, and the sender's and
 * receiver's per-thread state.
 * <p>
 * Threads: the wire and raw states are shared by the two threads of a group; {@link Producer} belongs to
 * the sender thread, {@link Received} to the receiver thread.
 */
public final class WireBenchStates
{
    private WireBenchStates()
    {
    }

    /** A Twinpath wire with its own embedded driver and pool. Group. */
    public abstract static class WireState
    {
        AeronWire wire;
        PacketPool pool;
        WireSender sender;
        WireReceiver receiver;
        PoolCache receiverCache;
        long checksum;

        abstract String channel() throws Exception;

        int mtu()
        {
            return WireContext.DEFAULT_MTU;
        }

        int burst()
        {
            return BURST;
        }

        long flushNanos()
        {
            return WireContext.DEFAULT_FLUSH_NANOS;
        }

        @Setup(Level.Trial)
        public void open() throws Exception
        {
            pool = new PacketPool(new PacketPool.Context().name("wire-bench").slotCount(8192).dataRoom(2048));
            wire = AeronWire.launch(new WireContext().channel(channel()).streamId(STREAM).mtu(mtu()).burst(burst())
                .flushNanos(flushNanos()));
            receiverCache = pool.newCache();
            sender = wire.newSender(pool);
            receiver = wire.newReceiver(pool, (descriptors, offset, count) ->
            {
                long sum = checksum;
                final UnsafeBuffer memory = pool.buffer();
                for (int i = offset; i < offset + count; i++)
                {
                    final int handle = PacketDescriptor.handle(descriptors[i]);
                    sum ^= memory.getLong(pool.dataOffset(handle));
                    receiverCache.free(handle);
                }
                checksum = sum;
                return count;
            });
            awaitConnected(sender::isConnected, receiver);
        }

        @TearDown(Level.Trial)
        public void close()
        {
            sender.close();
            receiver.close();
            receiverCache.close();
            wire.close();
        }
    }

    /** The wire over {@code aeron:ipc}. */
    @State(Scope.Group)
    public static class IpcWire extends WireState
    {
        @Override
        String channel()
        {
            return "aeron:ipc";
        }
    }

    /** The wire over loopback UDP. */
    @State(Scope.Group)
    public static class UdpWire extends WireState
    {
        @Override
        String channel() throws Exception
        {
            return "aeron:udp?endpoint=127.0.0.1:" + freeUdpPort();
        }
    }

    /** The wire over {@code aeron:ipc} given the lab's bursts of {@value #LAB_BURST}: batches fill across sends. */
    @State(Scope.Group)
    public static class IpcWireBurst32 extends IpcWire
    {
        @Override
        int burst()
        {
            return LAB_BURST;
        }
    }

    /** As {@link IpcWireBurst32} with a flush deadline of 0: a burst of 32 goes as 20 + 12, as before. */
    @State(Scope.Group)
    public static class IpcWireBurst32PerSend extends IpcWireBurst32
    {
        @Override
        long flushNanos()
        {
            return 0;
        }
    }

    /** The wire over loopback UDP given the lab's bursts of {@value #LAB_BURST}: batches fill across sends. */
    @State(Scope.Group)
    public static class UdpWireBurst32 extends UdpWire
    {
        @Override
        int burst()
        {
            return LAB_BURST;
        }
    }

    /** As {@link UdpWireBurst32} with a flush deadline of 0: a burst of 32 goes as 20 + 12, as before. */
    @State(Scope.Group)
    public static class UdpWireBurst32PerSend extends UdpWireBurst32
    {
        @Override
        long flushNanos()
        {
            return 0;
        }
    }

    /** The wire over loopback UDP with an 8 KiB MTU. */
    @State(Scope.Group)
    public static class UdpWire8k extends UdpWire
    {
        @Override
        int mtu()
        {
            return MTU_8K;
        }

        @Override
        int burst()
        {
            return BURST_8K;
        }
    }

    /** A raw Aeron publication and subscription with their own embedded driver. Group. */
    public abstract static class RawState
    {
        AeronWire wire;
        ExclusivePublication publication;
        Subscription subscription;

        abstract String channel() throws Exception;

        int mtu()
        {
            return WireContext.DEFAULT_MTU;
        }

        @Setup(Level.Trial)
        public void open() throws Exception
        {
            wire = AeronWire.launch(new WireContext().channel(channel()).streamId(STREAM).mtu(mtu()));
            publication = wire.aeron().addExclusivePublication(wire.context().publicationChannel(), STREAM);
            subscription = wire.aeron().addSubscription(wire.context().subscriptionChannel(), STREAM);
            final long deadline = System.nanoTime() + 10_000_000_000L;
            while (!(publication.isConnected() && subscription.isConnected()) && System.nanoTime() < deadline)
            {
                Thread.onSpinWait();
            }
        }

        @TearDown(Level.Trial)
        public void close()
        {
            publication.close();
            subscription.close();
            wire.close();
        }
    }

    /** Raw Aeron over {@code aeron:ipc}. */
    @State(Scope.Group)
    public static class IpcRaw extends RawState
    {
        @Override
        String channel()
        {
            return "aeron:ipc";
        }
    }

    /** Raw Aeron over loopback UDP. */
    @State(Scope.Group)
    public static class UdpRaw extends RawState
    {
        @Override
        String channel() throws Exception
        {
            return "aeron:udp?endpoint=127.0.0.1:" + freeUdpPort();
        }
    }

    /** Raw Aeron over loopback UDP with an 8 KiB MTU. */
    @State(Scope.Group)
    public static class UdpRaw8k extends UdpRaw
    {
        @Override
        int mtu()
        {
            return MTU_8K;
        }
    }

    /** The sender's frames not yet taken, and its pool cache. Sender thread. */
    @State(Scope.Thread)
    public static class Producer
    {
        final long[] burst = new long[BURST_8K];
        final int[] handles = new int[BURST_8K];
        final BufferClaim claim = new BufferClaim();
        int head;
        int count;
        long sequence;
        PoolCache cache;

        void refill(final PacketPool pool, final int size)
        {
            if (cache == null)
            {
                cache = pool.newCache(); // first invocation on the sender thread (control path)
            }
            final int n = cache.allocateBurst(handles, 0, size);
            final UnsafeBuffer memory = pool.buffer();
            for (int i = 0; i < n; i++)
            {
                memory.putLong(pool.dataOffset(handles[i]), sequence++);
                burst[i] = PacketDescriptor.packet(handles[i], FRAME_LENGTH, 0);
            }
            head = 0;
            count = n;
        }

        @TearDown(Level.Trial)
        public void close()
        {
            if (cache != null)
            {
                cache.close();
            }
        }
    }

    /** What the receiver got: {@link #frames} is the score. Receiver thread. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Received
    {
        /** Frames (or 64-byte frame equivalents) received in this iteration. */
        public long frames;

        long checksum;
        /** Raw baseline: one batch-sized message counts as many frames as a batch of its size holds. */
        final FragmentHandler batch = (buffer, offset, length, header) ->
        {
            checksum ^= buffer.getLong(offset);
            frames += length == BATCH_LENGTH_8K ? FRAMES_PER_BATCH_8K : FRAMES_PER_BATCH;
        };
        /** Raw baseline: one message per frame. */
        final FragmentHandler perFrame = (buffer, offset, length, header) ->
        {
            checksum ^= buffer.getLong(offset);
            frames++;
        };

        @Setup(Level.Iteration)
        public void reset()
        {
            frames = 0;
        }
    }

    /** @return a UDP port free on this machine now. */
    static int freeUdpPort() throws Exception
    {
        try (DatagramSocket socket = new DatagramSocket(0))
        {
            return socket.getLocalPort();
        }
    }

    /** Wait up to 10 s until both ends of a wire are connected. */
    static void awaitConnected(final java.util.function.BooleanSupplier sender, final WireReceiver receiver)
    {
        final long deadline = System.nanoTime() + 10_000_000_000L;
        while (!(sender.getAsBoolean() && receiver.isConnected()) && System.nanoTime() < deadline)
        {
            Thread.onSpinWait();
        }
    }
}
