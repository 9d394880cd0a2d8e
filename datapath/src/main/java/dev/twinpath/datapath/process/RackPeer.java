package dev.twinpath.datapath.process;

import dev.twinpath.datapath.traffic.ConstantRateGenerator;
import dev.twinpath.datapath.traffic.DescriptorSink;
import dev.twinpath.datapath.traffic.StreamChecker;
import dev.twinpath.packet.pool.PacketDescriptor;
import dev.twinpath.packet.pool.PacketPool;
import dev.twinpath.packet.pool.PoolCache;
import dev.twinpath.vf.ring.SpscDescriptorRing;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The host at the other end of the rack in a lab of processes: sends the lab's constant-rate traffic into the rack's
 * {@code peer} port and takes what the rack sends it: the VMs' announcements, and, with {@code traffic.guestRate},
 * what the VMs' applications send, checked stream by stream (loss, order, duplicates, latency).
 * <p>
 * A VM whose host process is down gets nothing: its frames are freed at the peer, counted per VM
 * ({@link #droppedFor(int)}), until its host is back ({@link #down(int, boolean)}). The lab has no other way to lose
 * a frame, so a run can say exactly which losses a dead host explains.
 * <p>
 * Runs on the rack process's agent thread; {@link #requestStart()}, {@link #requestStop()}, {@link #down} and the
 * counters from any thread (volatile / atomic).
 */
final class RackPeer implements Agent
{
    private static final int IDLE = 0;
    private static final int START = 1;
    private static final int RUNNING = 2;
    private static final int STOP = 3;
    private static final int STOPPED = 4;

    private final SpscDescriptorRing toRack;
    private final SpscDescriptorRing fromRack;
    private final ConstantRateGenerator generator;
    private final NanoClock clock;
    private final PacketPool pool;
    private final UnsafeBuffer memory;
    private final PoolCache cache;
    private final long[] burst;
    private final Long2LongHashMap vmOfMac = new Long2LongHashMap(-1);
    private final AtomicIntegerArray vmDown;
    private final AtomicLongArray dropped;
    private final DescriptorSink sink = this::offer;
    private final StreamChecker guestChecker;
    private volatile int state = IDLE;
    private volatile int downCount;
    private volatile long received;
    private volatile long startNanos;
    private volatile long stopNanos;

    RackPeer(final SpscDescriptorRing toRack, final SpscDescriptorRing fromRack, final ConstantRateGenerator generator,
        final long[] vmMacs, final NanoClock clock, final int burstSize, final StreamChecker guestChecker)
    {
        this.guestChecker = guestChecker;
        this.toRack = toRack;
        this.fromRack = fromRack;
        this.generator = generator;
        this.clock = clock;
        this.pool = generator.pool();
        this.memory = pool.buffer();
        this.cache = pool.newCache();
        this.burst = new long[burstSize];
        for (int i = 0; i < vmMacs.length; i++)
        {
            vmOfMac.put(vmMacs[i], i);
        }
        this.vmDown = new AtomicIntegerArray(vmMacs.length);
        this.dropped = new AtomicLongArray(vmMacs.length);
    }

    void requestStart()
    {
        state = START;
    }

    void requestStop()
    {
        state = STOP;
    }

    boolean stopped()
    {
        return state == STOPPED;
    }

    long startNanos()
    {
        return startNanos;
    }

    long stopNanos()
    {
        return stopNanos;
    }

    /** VM {@code vm}'s host is down ({@code true}) or back: its frames are dropped here, or sent again. Any thread. */
    void down(final int vm, final boolean isDown)
    {
        if (vmDown.getAndSet(vm, isDown ? 1 : 0) != (isDown ? 1 : 0))
        {
            downCount = downCount + (isDown ? 1 : -1); // control thread only writes it
        }
    }

    /** @return frames for VM {@code vm} freed at the peer while its host was down. Any thread. */
    long droppedFor(final int vm)
    {
        return dropped.get(vm);
    }

    /** @return frames (announcements, markers) the peer took from the rack. Any thread. */
    long received()
    {
        return received;
    }

    ConstantRateGenerator generator()
    {
        return generator;
    }

    @Override
    public int doWork()
    {
        final long now = clock.nanoTime();
        int work = 0;
        final int s = state;
        if (s == START)
        {
            generator.start(now);
            startNanos = now;
            state = RUNNING;
        }
        else if (s == RUNNING)
        {
            work += generator.generate(now, sink);
        }
        else if (s == STOP)
        {
            work += generator.generate(now, sink);
            if (generator.pending() == 0)
            {
                generator.stop();
                stopNanos = now;
                state = STOPPED;
            }
        }
        final int n = fromRack.dequeueBurst(burst, 0, burst.length);
        for (int i = 0; i < n; i++)
        {
            final long d = burst[i];
            if (PacketDescriptor.isPacket(d))
            {
                if (guestChecker != null && !isArp(d))
                {
                    guestChecker.onPacket(d, pool, 0, now); // what the VMs' applications send (announcements aside)
                }
                cache.free(PacketDescriptor.handle(d));
            }
        }
        if (n > 0)
        {
            received = received + n;
        }
        return work + n;
    }

    /** The generator's sink: into the rack, but frames for a VM whose host is down are freed and counted. */
    private int offer(final long[] descriptors, final int offset, final int count)
    {
        if (downCount == 0)
        {
            return toRack.enqueueBurst(descriptors, offset, count);
        }
        int taken = 0;
        for (int i = offset; i < offset + count; i++)
        {
            final long d = descriptors[i];
            final int vm = (int)vmOfMac.get(destinationMac(d));
            if (vm >= 0 && vmDown.get(vm) == 1)
            {
                cache.free(PacketDescriptor.handle(d));
                dropped.incrementAndGet(vm);
            }
            else if (toRack.enqueueBurst(descriptors, i, 1) != 1)
            {
                break;
            }
            taken++;
        }
        return taken;
    }

    private boolean isArp(final long d)
    {
        return PacketDescriptor.length(d) >= 14 &&
            (memory.getShort(pool.dataOffset(PacketDescriptor.handle(d)) + 12, java.nio.ByteOrder.BIG_ENDIAN) & 0xFFFF) == 0x0806;
    }

    /** @return the checker of what the VMs send, or null when they send nothing. */
    StreamChecker guestChecker()
    {
        return guestChecker;
    }

    private long destinationMac(final long d)
    {
        return dev.twinpath.packet.codec.EthernetFrames.dstMac(memory, pool.dataOffset(PacketDescriptor.handle(d)));
    }

    /** Return cached buffers (quiescent point). */
    void flushCache()
    {
        cache.flush();
    }

    @Override
    public String roleName()
    {
        return "rack-peer";
    }
}
