package dev.twinpath.datapath.host;

import dev.twinpath.datapath.Path;
import dev.twinpath.datapath.steer.SteeringEpoch;
import dev.twinpath.packet.pool.PacketDescriptor;
import dev.twinpath.packet.pool.PacketPool;
import dev.twinpath.vf.nic.NicContext;
import dev.twinpath.vf.nic.PhysicalFunction;
import dev.twinpath.vf.ring.SpscDescriptorRing;
import org.jetbrains.kotlinx.lincheck.LinChecker;
import org.jetbrains.kotlinx.lincheck.annotations.Operation;
import org.jetbrains.kotlinx.lincheck.annotations.Param;
import org.jetbrains.kotlinx.lincheck.paramgen.IntGen;
import org.jetbrains.kotlinx.lincheck.strategy.managed.modelchecking.ModelCheckingOptions;
import org.jetbrains.kotlinx.lincheck.strategy.stress.StressOptions;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The TX fence of {@link NicUplinkLink} (pair (F)): the switch thread sends frames and a guest's end
 * markers on the PF TX ring and arms the fence (position, then epoch with release); the NIC consumes
 * the ring; a guest asks {@link NicUplinkLink#passed} (epoch with acquire, then the NIC's consumer
 * index and the position). The switch thread's operations share one non-parallel group; the NIC's
 * and the guest's share the other (so the NIC's progress is known exactly where the guest asks).
 * <p>
 * {@code passed} is not linearizable, by design: the marker reaches the ring before the fence is
 * armed, so a guest may hear "not yet" for a marker the NIC has already consumed, until the switch
 * thread's release a moment later (a guest polls it again). What the steering relies on is one-sided,
 * and that is what {@code fenceCheck} checks: {@link #EARLY} when the fence says passed while the NIC
 * has not consumed the marker (a frame sent before it could still be on the ring: G2 broken), and
 * {@link #LATE} when it says not passed although the NIC has consumed the marker, the switch thread
 * has finished sending it and no later marker of the adapter has started (the move would never
 * finish). Otherwise it answers {@link #OK}. The sequential specification is {@link Model}, this class
 * with {@code fenceCheck} always {@link #OK}, so either answer fails the test however it came about.
 * The other operations ({@code sendFrame}, {@code sendMarker} of up to three epochs, {@code nicConsume}
 * of one descriptor) are checked for linearizability as usual; the ring (32 slots) never fills.
 * <p>
 * Checked by breaking the fence on purpose: with the epoch released before the position is stored,
 * both strategies find an {@link #EARLY}; with the position stored one short (a sequential bug, which
 * only the {@link Model} specification can reject), the stress run does.
 * <p>
 * Model checking interleaves the threads at every volatile, atomic and VarHandle access (the fence
 * slots are an {@link AtomicLongArray}, the ring an {@link SpscDescriptorRing} over a Java array);
 * stress runs them on real threads.
 */
@Param(name = "marker", gen = IntGen.class, conf = "1:3")
public class NicUplinkLinkLincheckTest
{
    static final int OK = 0;
    static final int EARLY = 1;
    static final int LATE = 2;

    private static final int ADAPTER = 3;
    private static final int MARKERS = 3;

    private final PacketPool pool = new PacketPool(new PacketPool.Context().name("lincheck").slotCount(16).dataRoom(64)
        .cacheSize(0));
    private final PhysicalFunction pf = new PhysicalFunction(new NicContext().pool(pool).totalVfs(1).ringCapacity(32).burst(4));
    private final NicUplinkLink link = new NicUplinkLink(pf);
    private final SpscDescriptorRing pfTx = pf.pfTxRing();
    private final long[] one = new long[1];
    /** Ghost, by marker: the PF TX position just behind it (written before it is sent), and 1 once sent. */
    private final AtomicLongArray positionAfter = new AtomicLongArray(MARKERS + 1);
    private final AtomicLongArray sent = new AtomicLongArray(MARKERS + 1);
    private volatile int lastMarkerStarted;
    private long descriptorsSent;
    private int markersSent;
    private long consumed;

    static long epoch(final int marker)
    {
        return SteeringEpoch.of(ADAPTER, Path.SYNTHETIC, false, marker);
    }

    @Operation(nonParallelGroup = "switch")
    public int sendFrame()
    {
        one[0] = PacketDescriptor.packet((int)descriptorsSent, 64, 0);
        final int n = link.transmit(one, 0, 1);
        descriptorsSent += n;
        return n;
    }

    @Operation(nonParallelGroup = "switch")
    public int sendMarker()
    {
        if (markersSent == MARKERS)
        {
            return -1;
        }
        final int marker = ++markersSent;
        lastMarkerStarted = marker;
        positionAfter.set(marker, descriptorsSent + 1);
        one[0] = PacketDescriptor.marker(epoch(marker), 0);
        final int n = link.transmit(one, 0, 1);
        descriptorsSent += n;
        sent.set(marker, 1);
        return n;
    }

    @Operation(nonParallelGroup = "nic")
    public long nicConsume()
    {
        final long d = pfTx.poll();
        if (d == SpscDescriptorRing.EMPTY)
        {
            return -1;
        }
        consumed++;
        return PacketDescriptor.isMarker(d) ? -100 - SteeringEpoch.sequence(PacketDescriptor.epoch(d)) :
            PacketDescriptor.handle(d);
    }

    @Operation(nonParallelGroup = "nic")
    public int fenceCheck(@Param(name = "marker") final int marker)
    {
        if (link.passed(ADAPTER, epoch(marker)))
        {
            final long after = positionAfter.get(marker); // written before the marker was sent
            return after != 0 && consumed >= after ? OK : EARLY;
        }
        if (sent.get(marker) == 0 || lastMarkerStarted != marker)
        {
            return OK; // not sent yet, or a later marker of the adapter has taken the fence over
        }
        return consumed >= positionAfter.get(marker) ? LATE : OK;
    }

    /** The sequential specification: the fence is never early or late. */
    public static class Model extends NicUplinkLinkLincheckTest
    {
        @Override
        public int fenceCheck(final int marker)
        {
            return OK;
        }
    }

    @Test
    void modelChecking()
    {
        LinChecker.check(NicUplinkLinkLincheckTest.class, new ModelCheckingOptions()
            .sequentialSpecification(Model.class)
            .threads(2)
            .actorsPerThread(3)
            .actorsBefore(1)
            .actorsAfter(1)
            .iterations(8)
            .invocationsPerIteration(50));
    }

    @Test
    void stress()
    {
        LinChecker.check(NicUplinkLinkLincheckTest.class, new StressOptions()
            .sequentialSpecification(Model.class)
            .threads(2)
            .actorsPerThread(4)
            .actorsBefore(1)
            .actorsAfter(2)
            .iterations(6)
            .invocationsPerIteration(100));
    }
}
