package dev.twinpath.datapath.migrate;

import dev.twinpath.packet.pool.PacketDescriptor;
import org.jetbrains.kotlinx.lincheck.LinChecker;
import org.jetbrains.kotlinx.lincheck.annotations.Operation;
import org.jetbrains.kotlinx.lincheck.annotations.Param;
import org.jetbrains.kotlinx.lincheck.paramgen.IntGen;
import org.jetbrains.kotlinx.lincheck.strategy.managed.modelchecking.ModelCheckingOptions;
import org.jetbrains.kotlinx.lincheck.strategy.stress.StressOptions;
import org.junit.jupiter.api.Test;

/**
 * The host-to-host stream of a live migration, {@link ForwardingChannel}: the source host's switch
 * thread forwards frames (and, once, the rack's end marker behind the last of them, in the same burst
 * as {@link VmPortLink#transmit} does), the destination host's switch thread reads them one at a time
 * and, after the end marker, reads the count the migration report takes
 * ({@link ForwardingChannel#forwarded()}). Checked by Lincheck for linearizability against the
 * channel itself run sequentially; the source's operations share one non-parallel group, the
 * destination's another.
 * <p>
 * Operations. Source: {@code forward} of 1 or 2 frames (-1 once the end marker went in: as
 * {@link VmPortLink}, nothing is offered after it), {@code forwardAndEnd} of 0 or 1 frame and the end
 * marker (once per scenario), each answering how many descriptors the channel took. Destination:
 * {@code poll} (a frame's number, {@link #END} for the end marker, -1 when empty), {@code drain} (poll
 * until empty, then, once the end marker has been read, {@code forwarded()}: what the destination's
 * port does, then the report) and {@code forwardedOnceDrained} ({@code forwarded()} once this thread
 * has read the end marker, -2 before). Frames are numbered in order, so loss, duplication and reordering are wrong results, and
 * so is a count that misses frames already read (what {@code LiveMigration} reports once the
 * destination is complete). The channel (16 slots) never fills in a scenario.
 * <p>
 * Left out: {@code forwarded()} and {@code closed()} read before the end marker. They are written
 * after the ring publishes the burst, so a reader that has already taken a frame may still see the
 * old count: snapshots for progress, not linearizable, and documented as such. What is checked is the
 * value once the stream is complete, the one the report uses.
 * <p>
 * This test found a real bug: {@code offer} used to add to {@code forwarded} after the ring had
 * published the burst, so a destination that read a burst of frames and the end marker could read a
 * count without them ({@code forwardAndEnd(2) || drain(): [1 END] forwarded=0}), the count the
 * migration report then took. Model checking finds that interleaving within seconds.
 * <p>
 * Model checking interleaves the two threads at every volatile and VarHandle access (the ring is an
 * {@code SpscDescriptorRing} over a Java array); stress runs them on real threads.
 */
@Param(name = "count", gen = IntGen.class, conf = "1:2")
public class ForwardingChannelLincheckTest
{
    static final long END = -5;
    private static final long END_EPOCH = 77;

    private final ForwardingChannel channel = new ForwardingChannel("vm1 h1->h2", END_EPOCH, 16);
    private final long[] burst = new long[3];
    private final long[] one = new long[1];
    private int nextFrame = 1;
    private boolean sawEnd;

    @Operation(nonParallelGroup = "source")
    public int forward(@Param(name = "count") final int count)
    {
        if (channel.closed())
        {
            return -1; // as VmPortLink: nothing is offered after the end marker
        }
        final int n = channel.offer(frames(count), 0, count);
        nextFrame += n;
        return n;
    }

    @Operation(nonParallelGroup = "source", runOnce = true)
    public int forwardAndEnd(@Param(name = "count") final int count)
    {
        final int frames = count - 1; // 0 or 1 frame before the end marker, as a burst ending at the marker
        frames(frames)[frames] = PacketDescriptor.marker(END_EPOCH, 3);
        final int n = channel.offer(burst, 0, frames + 1);
        nextFrame += Math.min(n, frames);
        return n;
    }

    @Operation(nonParallelGroup = "destination")
    public long poll()
    {
        if (channel.poll(one, 0, 1) == 0)
        {
            return -1;
        }
        final long d = one[0];
        if (channel.isEnd(d))
        {
            channel.markDrained();
            sawEnd = true;
            return END;
        }
        return PacketDescriptor.handle(d);
    }

    @Operation(nonParallelGroup = "destination")
    public String drain()
    {
        final StringBuilder taken = new StringBuilder("[");
        long d;
        while ((d = poll()) != -1)
        {
            taken.append(d).append(' ');
        }
        return taken.append(']').append(sawEnd ? " forwarded=" + channel.forwarded() : "").toString();
    }

    @Operation(nonParallelGroup = "destination")
    public long forwardedOnceDrained()
    {
        return sawEnd ? channel.forwarded() : -2;
    }

    private long[] frames(final int count)
    {
        for (int i = 0; i < count; i++)
        {
            burst[i] = PacketDescriptor.packet(nextFrame + i, 64, 0, 1);
        }
        return burst;
    }

    @Test
    void modelChecking()
    {
        LinChecker.check(ForwardingChannelLincheckTest.class, new ModelCheckingOptions()
            .threads(2)
            .actorsPerThread(3)
            .actorsBefore(1)
            .actorsAfter(2)
            .iterations(8)
            .invocationsPerIteration(60));
    }

    @Test
    void stress()
    {
        LinChecker.check(ForwardingChannelLincheckTest.class, new StressOptions()
            .threads(2)
            .actorsPerThread(4)
            .actorsBefore(1)
            .actorsAfter(2)
            .iterations(6)
            .invocationsPerIteration(100));
    }
}
