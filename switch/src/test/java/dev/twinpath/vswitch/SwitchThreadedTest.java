package dev.twinpath.vswitch;

import dev.twinpath.packet.build.FrameBuilder;
import dev.twinpath.packet.build.FrameTemplate;
import dev.twinpath.packet.build.PayloadHeader;
import dev.twinpath.packet.pool.PacketDescriptor;
import dev.twinpath.packet.pool.PacketPool;
import dev.twinpath.vmbus.VmBusChannel;
import dev.twinpath.vmbus.VmBusEndpoint;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The switch on its own agent thread, fed through real VMBus channels by the test thread (the
 * default two-thread layout): traffic both ways with random bursts while ports are added and
 * changed through the command queue. Nothing lost, per-stream order kept, no buffer leaked.
 */
class SwitchThreadedTest
{
    private static final long VM_A = 0x0215_5D00_0001L;
    private static final long VM_B = 0x0215_5D00_0002L;
    private static final long REMOTE = 0x00AA_BBCC_0001L;
    private static final int FRAMES = 100_000;

    private final PacketPool pool = new PacketPool(new PacketPool.Context().name("threaded").slotCount(4096).cacheSize(64));
    private final UnsafeBuffer memory = pool.buffer();

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void trafficBothWaysWhileTheControlPathChangesPorts() throws Exception
    {
        final VmBusChannel wire = channel("wire");
        final VmBusChannel a = channel("a");
        final VmBusChannel b = channel("b");
        final VmBusChannel c = channel("c");
        final VirtualSwitch sw = new VirtualSwitch(new VirtualSwitchContext().name("ext").type(SwitchType.EXTERNAL)
            .pool(pool).uplink(new VmBusPortLink(wire.host())).ringBursts(16));
        final SwitchPort pa = sw.addVmAdapter(new PortSettings().name("a").macAddress(VM_A), new VmBusPortLink(a.host()));
        final SwitchPort pb = sw.addVmAdapter(new PortSettings().name("b").macAddress(VM_B), new VmBusPortLink(b.host()));
        sw.addStaticMac(VM_B, 0, pb);
        sw.addStaticMac(REMOTE, 0, sw.uplink());
        final AtomicReference<Throwable> error = new AtomicReference<>();
        final ErrorHandler onError = t -> error.compareAndSet(null, t);
        final AgentRunner runner = new AgentRunner(new BackoffIdleStrategy(), onError, null, sw.agent());
        AgentRunner.startOnThread(runner);

        final FrameBuilder fromA = builder(VM_A, REMOTE);
        final FrameBuilder toB = builder(REMOTE, VM_B);
        final Random random = new Random(7);
        final long[] out = new long[32];
        final long[] in = new long[32];
        long sentA = 0;
        long sentWire = 0;
        long gotWire = 0;
        long gotB = 0;
        boolean changed = false;
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(50);
        while ((gotWire < FRAMES || gotB < FRAMES) && System.nanoTime() < deadline)
        {
            if (sentA < FRAMES && pool.available() > 256)
            {
                sentA += send(a.guest(), fromA, 0, sentA, out, Math.min(1 + random.nextInt(32), (int)(FRAMES - sentA)));
            }
            if (sentWire < FRAMES && pool.available() > 256)
            {
                sentWire += send(wire.guest(), toB, 1, sentWire, out, Math.min(1 + random.nextInt(32), (int)(FRAMES - sentWire)));
            }
            gotWire += receive(wire.guest(), in, 0, gotWire);
            gotB += receive(b.guest(), in, 1, gotB);
            if (!changed && gotWire > FRAMES / 2)
            {
                sw.updatePort(pa, new PortSettings().macAddress(VM_A).vlan(PortVlan.untagged()));
                sw.addVmAdapter(new PortSettings().name("c").macAddress(0x0215_5D00_0003L), new VmBusPortLink(c.host()));
                changed = true;
            }
        }
        runner.close();
        assertNull(error.get());
        assertEquals(FRAMES, gotWire, "every frame from A reached the wire");
        assertEquals(FRAMES, gotB, "every frame from the wire reached B");
        assertEquals(0, sw.counters().dropped());
        assertEquals(sw.counters().received(), sw.counters().forwarded() + sw.counters().flooded());
        sw.close();
        for (final VmBusChannel ch : new VmBusChannel[]{wire, a, b, c})
        {
            ch.close();
        }
        pool.assertNoLeak();
    }

    /** A sending port is removed while it sends: every frame it sent is delivered or counted, none leaks. */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void removingASendingPortWhileTheSwitchRunsLosesNoBufferAndKeepsTheAccounts() throws Exception
    {
        final VmBusChannel wire = channel("wire");
        final VmBusChannel a = channel("a");
        final VirtualSwitch sw = new VirtualSwitch(new VirtualSwitchContext().name("ext").type(SwitchType.EXTERNAL)
            .pool(pool).uplink(new VmBusPortLink(wire.host())).ringBursts(16));
        final SwitchPort pa = sw.addVmAdapter(new PortSettings().name("a").macAddress(VM_A), new VmBusPortLink(a.host()));
        sw.addStaticMac(REMOTE, 0, sw.uplink());
        final AtomicReference<Throwable> error = new AtomicReference<>();
        final AgentRunner runner = new AgentRunner(new BackoffIdleStrategy(), t -> error.compareAndSet(null, t), null, sw.agent());
        AgentRunner.startOnThread(runner);

        final FrameBuilder fromA = builder(VM_A, REMOTE);
        final long[] out = new long[32];
        final long[] in = new long[32];
        long sent = 0;
        long got = 0;
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(50);
        while (sent < FRAMES / 2 && System.nanoTime() < deadline)
        {
            if (pool.available() > 256)
            {
                sent += send(a.guest(), fromA, 0, sent, out, 32);
            }
            got += receive(wire.guest(), in, 0, got);
        }
        sw.removePort(pa); // the switch thread drains what A had sent and drops it, counted
        long left = 0;
        int n;
        while ((n = a.host().receiveBurst(in, 0, in.length)) > 0) // anything sent after the drain: the channel owner's
        {
            for (int i = 0; i < n; i++)
            {
                pool.free(PacketDescriptor.handle(in[i]));
            }
            left += n;
        }
        final long settleBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (got + left + sw.counters().dropped(DropCause.PORT_REMOVED) < sent && System.nanoTime() < settleBy)
        {
            got += receive(wire.guest(), in, 0, got);
        }
        runner.close();
        assertNull(error.get());
        assertEquals(sent, got + left + sw.counters().dropped(DropCause.PORT_REMOVED),
            "each frame A sent reached the wire, was dropped as PORT_REMOVED, or stayed in A's channel");
        assertEquals(sw.counters().received(), sw.counters().forwarded() + sw.counters().flooded() + sw.counters().dropped());
        sw.close();
        wire.close();
        a.close();
        pool.assertNoLeak();
    }

    private VmBusChannel channel(final String name)
    {
        return new VmBusChannel(new VmBusChannel.Context().name(name).dataRingBytes(64 * 1024).conclude());
    }

    private static FrameBuilder builder(final long src, final long dst)
    {
        return new FrameBuilder(new FrameTemplate().srcMac(src).dstMac(dst).conclude());
    }

    private int send(final VmBusEndpoint e, final FrameBuilder builder, final int stream, final long first, final long[] out, final int n)
    {
        for (int i = 0; i < n; i++)
        {
            final int handle = pool.allocate();
            out[i] = PacketDescriptor.packet(handle, builder.write(memory, pool.dataOffset(handle), stream, first + i, 0), 0);
        }
        final int sent = e.sendBurst(out, 0, n);
        for (int i = sent; i < n; i++)
        {
            pool.free(PacketDescriptor.handle(out[i]));
        }
        return sent;
    }

    /** Receive, check each frame is the next of its stream, free. @return frames received. */
    private int receive(final VmBusEndpoint e, final long[] in, final int stream, final long expectedFirst)
    {
        final int n = e.receiveBurst(in, 0, in.length);
        for (int i = 0; i < n; i++)
        {
            final int at = pool.dataOffset(PacketDescriptor.handle(in[i])) + 42;
            assertEquals(stream, PayloadHeader.streamId(memory, at));
            assertEquals(expectedFirst + i, PayloadHeader.sequence(memory, at), "per-stream order");
            pool.free(PacketDescriptor.handle(in[i]));
        }
        return n;
    }
}
