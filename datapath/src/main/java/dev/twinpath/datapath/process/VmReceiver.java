package dev.twinpath.datapath.process;

import dev.twinpath.datapath.lab.PacketHandler;
import dev.twinpath.datapath.traffic.StreamChecker;
import dev.twinpath.datapath.traffic.TrafficFrames;
import dev.twinpath.packet.build.PayloadHeader;
import dev.twinpath.packet.pool.PacketDescriptor;
import dev.twinpath.packet.pool.PacketPool;
import dev.twinpath.packet.pool.PoolCache;
import org.HdrHistogram.Histogram;

import java.nio.ByteBuffer;

/**
 * The application of one VM in a host process: checks every packet it receives against the rack's traffic with a
 * {@link StreamChecker} (path 0 the VF, 1 the synthetic path, from the descriptor's port field) and frees it. When
 * the VM live-migrates to another process its reception state leaves with it ({@link StreamChecker#takeState}) and
 * this receiver keeps what it counted here: the rack adds up the VM's segments.
 * <p>
 * Data path: zero allocation, never throws; owned by the VM's guest thread. Counters readable from any thread;
 * {@link #write} at a quiescent point (the guest paused or the lab drained).
 */
final class VmReceiver implements PacketHandler
{
    private final String vm;
    private final int vmIndex;
    private final int vmCount;
    private final StreamChecker checker;
    private final PacketPool pool;
    private final PoolCache cache;
    private volatile boolean resident = true;
    private volatile long misdelivered; // guest thread the single writer
    private final long streamIdBase;
    private long[] taken;
    private VmSender sender;

    VmReceiver(final String vm, final int vmIndex, final int vmCount, final StreamChecker checker, final PacketPool pool,
        final int streamIdBase)
    {
        this.streamIdBase = streamIdBase;
        this.vm = vm;
        this.vmIndex = vmIndex;
        this.vmCount = vmCount;
        this.checker = checker;
        this.pool = pool;
        this.cache = pool.newCache();
    }

    @Override
    public void onBurst(final long[] descriptors, final int count, final long nowNanos)
    {
        for (int i = 0; i < count; i++)
        {
            final long d = descriptors[i];
            if (PacketDescriptor.isPacket(d) && !mine(d))
            {
                misdelivered = misdelivered + 1; // another VM's stream, delivered to the wrong VM (single writer)
                cache.free(PacketDescriptor.handle(d));
                continue;
            }
            checker.onPacket(d, pool, PacketDescriptor.port(d), nowNanos);
            if (PacketDescriptor.isPacket(d))
            {
                cache.free(PacketDescriptor.handle(d));
            }
        }
    }

    /** @return true unless {@code d} is a packet of another VM's stream (flow {@code i} goes to VM {@code i % vms}). */
    private boolean mine(final long d)
    {
        final int handle = PacketDescriptor.handle(d);
        final int length = PacketDescriptor.length(d);
        if (handle >= pool.capacity() || length > pool.dataRoom())
        {
            return true; // the checker counts what is wrong with it
        }
        final int at = pool.dataOffset(handle);
        final int header = TrafficFrames.payloadHeaderOffset(pool.buffer(), at, length);
        if (header < 0)
        {
            return true;
        }
        final long stream = (PayloadHeader.streamId(pool.buffer(), header) & 0xFFFF_FFFFL) - streamIdBase;
        return stream < 0 || stream % vmCount == vmIndex;
    }

    /** @return packets of other VMs' streams this VM received (and freed). Any thread. */
    long misdelivered()
    {
        return misdelivered;
    }

    String vm()
    {
        return vm;
    }

    StreamChecker checker()
    {
        return checker;
    }

    /** The VM left this process: move its reception state out. Control thread, guest paused. */
    long[] depart()
    {
        resident = false;
        cache.flush();
        taken = checker.takeState(vmIndex, vmCount);
        return taken;
    }

    /** The migration gave up and the VM stays: its reception state comes back. Control thread, guest paused. */
    void stay()
    {
        if (taken != null)
        {
            checker.restoreState(taken, vmIndex, vmCount);
            taken = null;
        }
        resident = true;
    }

    /** The VM arrived with {@code state} from another process. Control thread, before its guest runs. */
    void arrive(final long[] state)
    {
        checker.restoreState(state, vmIndex, vmCount);
    }

    /** @return true while the VM runs in this process. */
    boolean resident()
    {
        return resident;
    }

    /** Give the cached buffers back. Quiescent point. */
    void flush()
    {
        cache.flush();
    }

    /**
     * Write this segment's results: VM, delivered per path, reordered, duplicates, missing, foreign, both latency
     * histograms (compressed), and for a resident VM the next expected sequence of each of its streams (the rack
     * counts the tails never received from them).
     */
    void write(final ControlMessage message)
    {
        message.putString(vm).putLong(checker.delivered(0)).putLong(checker.delivered(1)).putLong(checker.reordered())
            .putLong(checker.duplicates()).putLong(checker.lost()).putLong(checker.foreign() + misdelivered);
        putHistogram(message, checker.histogram(0));
        putHistogram(message, checker.histogram(1));
        final int streams = checker.streams();
        final int count = resident ? (vmIndex >= streams ? 0 : (streams - 1 - vmIndex) / vmCount + 1) : 0;
        final long[] expected = new long[count];
        for (int k = 0; k < count; k++)
        {
            expected[k] = checker.expectedSequence(vmIndex + k * vmCount);
        }
        message.putLongs(expected);
        message.putLongs(resident && sender != null ? sender.sentPerFlow() : new long[0]);
    }

    /** The VM's application also sends ({@code traffic.guestRate}): its sender, whose figures go in the report. */
    void sender(final VmSender vmSender)
    {
        sender = vmSender;
    }

    VmSender sender()
    {
        return sender;
    }

    private static void putHistogram(final ControlMessage message, final Histogram histogram)
    {
        final ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        final int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        message.putBytes(buffer.array(), 0, length);
    }
}
