package dev.twinpath.datapath.rfc2889;

import dev.twinpath.packet.build.FrameBuilder;
import dev.twinpath.packet.build.FrameTemplate;
import dev.twinpath.packet.codec.EthernetHeader;
import dev.twinpath.packet.pool.PacketDescriptor;
import dev.twinpath.packet.pool.PacketPool;
import dev.twinpath.vswitch.PortSettings;
import dev.twinpath.vswitch.SwitchType;
import dev.twinpath.vswitch.VirtualSwitch;
import dev.twinpath.vswitch.VirtualSwitchContext;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.YieldingIdleStrategy;

import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The device of an RFC 2889 test: a fresh Private virtual switch with three VM ports, the RFC's <em>learning port</em>
 * (MAC spoofing on, so it may send from any address), <em>test port</em> and <em>monitor port</em>, each a
 * {@link RingPortLink}. Frames are 64 bytes on the wire, built from one template with the addresses patched in.
 * The switch's clock stands still, so no entry ages during a test.
 * <p>
 * The switch runs either on the caller's thread ({@link #drain()} drives it) or on its own agent thread
 * ({@link #startAgent()}, {@link #awaitIdle(long)}, {@link #close()}). The tester's calls come from one thread.
 */
final class SwitchUnderTest implements AutoCloseable
{
    /** Address of the learning port's adapter (it sends from the learned addresses instead). */
    static final long LEARNING_MAC = 0x0215_5D00_0001L;
    /** Address of the test port's adapter. */
    static final long TEST_MAC = 0x0215_5D00_0002L;
    /** Address of the monitor port's adapter. */
    static final long MONITOR_MAC = 0x0215_5D00_0003L;
    /** First of the addresses taught to the switch: locally administered unicast, {@code 02:00:10:00:00:00} up. */
    static final long ADDRESS_BASE = 0x0200_1000_0000L;
    private static final int RING = 1024;
    private static final int FRAME = 60;
    private static final int FULL_POLL_LIMIT = 1_000_000;

    final PacketPool pool = new PacketPool(new PacketPool.Context().name("rfc2889").slotCount(8192).dataRoom(128));
    final RingPortLink learning = new RingPortLink("learning", pool, RING);
    final RingPortLink test = new RingPortLink("test", pool, RING);
    final RingPortLink monitor = new RingPortLink("monitor", pool, RING);
    final VirtualSwitch vswitch;
    private final UnsafeBuffer memory = pool.buffer();
    private final UnsafeBuffer template = new UnsafeBuffer(new byte[FRAME]);
    private final AtomicReference<Throwable> error = new AtomicReference<>();
    private AgentRunner runner;

    /** @param tableCapacity the switch's MAC table capacity. */
    SwitchUnderTest(final int tableCapacity)
    {
        vswitch = new VirtualSwitch(new VirtualSwitchContext().name("rfc2889").type(SwitchType.PRIVATE).pool(pool)
            .maxPorts(4).macTableCapacity(tableCapacity).nanoClock(() -> 1_000_000_000L).errorHandler(error::set));
        vswitch.addVmAdapter(new PortSettings().name("learning").macAddress(LEARNING_MAC).macAddressSpoofing(true), learning);
        vswitch.addVmAdapter(new PortSettings().name("test").macAddress(TEST_MAC), test);
        vswitch.addVmAdapter(new PortSettings().name("monitor").macAddress(MONITOR_MAC), monitor);
        new FrameBuilder(new FrameTemplate().srcMac(TEST_MAC).dstMac(MONITOR_MAC).addresses("10.0.0.1", "10.0.0.2")
            .protocol(FrameTemplate.UDP).ports(1024, 5001).frameLength(FRAME).conclude()).write(template, 0, 0, 0, 0);
    }

    /** @return address {@code i} of the ones taught to the switch. */
    static long address(final int i)
    {
        return ADDRESS_BASE + i;
    }

    /** @return a frame from {@code src} to {@code dst} in a pool buffer, or -1 when the pool is empty. */
    long frame(final long src, final long dst)
    {
        final int handle = pool.allocate();
        if (handle < 0)
        {
            return -1;
        }
        final int at = pool.dataOffset(handle);
        memory.putBytes(at, template, 0, FRAME);
        putMac(at + EthernetHeader.DST_OFFSET, dst);
        putMac(at + EthernetHeader.SRC_OFFSET, src);
        return PacketDescriptor.packet(handle, FRAME, 0);
    }

    private void putMac(final int at, final long mac)
    {
        memory.putShort(at, (short)(mac >>> 32), ByteOrder.BIG_ENDIAN);
        memory.putInt(at + 2, (int)mac, ByteOrder.BIG_ENDIAN);
    }

    /**
     * Send a frame into {@code port}, waiting while its ring is full (the switch on this thread runs meanwhile when
     * no agent runs it).
     */
    void send(final RingPortLink port, final long src, final long dst)
    {
        long frame;
        while ((frame = frame(src, dst)) < 0)
        {
            step();
        }
        int polls = 0;
        while (!port.offer(frame))
        {
            step();
            if (++polls > FULL_POLL_LIMIT && runner == null)
            {
                throw new IllegalStateException("the switch does not take frames from port " + port.name());
            }
        }
    }

    private void step()
    {
        if (runner == null)
        {
            vswitch.doWork();
        }
        else
        {
            Thread.onSpinWait();
        }
    }

    /** Run the switch on this thread until every ring is empty and it has nothing left to do. */
    void drain()
    {
        int idle = 0;
        while (idle < 2)
        {
            idle = vswitch.doWork() == 0 && learning.queued() == 0 && test.queued() == 0 ? idle + 1 : 0;
        }
    }

    /** Start the switch on its own agent thread. */
    void startAgent()
    {
        // Yield, never park, when idle: a parked switch wakes late and its ring overflows at rates it keeps up with.
        runner = new AgentRunner(new YieldingIdleStrategy(), error::set, null, vswitch.agent());
        AgentRunner.startOnThread(runner);
    }

    /**
     * With the agent running: wait until the switch has handled every frame it read ({@code received = forwarded +
     * flooded + dropped}) and the rings are empty.
     *
     * @return false on timeout.
     */
    boolean awaitIdle(final long timeoutNanos)
    {
        final long deadline = System.nanoTime() + timeoutNanos;
        while (true)
        {
            final var c = vswitch.counters();
            if (learning.queued() == 0 && test.queued() == 0 && c.received() == c.forwarded() + c.flooded() + c.dropped())
            {
                return true;
            }
            if (System.nanoTime() - deadline > 0)
            {
                return false;
            }
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(50));
        }
    }

    /** @return the first error the switch reported, or null. */
    Throwable error()
    {
        return error.get();
    }

    @Override
    public void close()
    {
        if (runner != null)
        {
            runner.close();
            runner = null;
        }
        vswitch.close();
    }
}
