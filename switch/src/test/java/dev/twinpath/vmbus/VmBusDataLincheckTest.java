package dev.twinpath.vmbus;

import org.jetbrains.kotlinx.lincheck.LinChecker;
import org.jetbrains.kotlinx.lincheck.annotations.Operation;
import org.jetbrains.kotlinx.lincheck.annotations.Param;
import org.jetbrains.kotlinx.lincheck.paramgen.IntGen;
import org.jetbrains.kotlinx.lincheck.strategy.stress.StressOptions;
import org.junit.jupiter.api.Test;

/**
 * Linearizability of one data direction with one sending and one receiving thread, checked by
 * Lincheck against the channel itself run sequentially: {@code sendBulk} of 1 to 2 descriptors (one
 * record, all or none), {@code receiveBurst} with {@code max = 1} (so records of 2 are split), and
 * {@code hasData}. A 128-byte data ring with {@code maxBurst = 2} holds only a few records, so short
 * scenarios reach full, the end-of-buffer padding and the wrap to index 0. The sender's operations
 * share one non-parallel group and the receiver's another, so each side stays on one thread.
 * <p>
 * Left out on purpose: {@code sendBurst} (its count is what fitted when it looked at the head, and
 * the receiver may free room before the burst is published) and {@code receiveBurst} with a larger
 * {@code max} (a result that stops at a record not yet committed depends on the absence of later
 * records, while the head it frees is published after the call looked): neither count is
 * linearizable, for this ring as for any SPSC ring with batched indices. Their order, loss and
 * duplication guarantees are covered by the two-thread stress test and the property test.
 * <p>
 * Only Lincheck's stress strategy runs (real threads). Its model checker (Lincheck 2.39) stops with an
 * internal error inside Agrona: it looks up {@code SHOULD_BOUNDS_CHECK}, a static field Agrona declares
 * on the {@code DirectBuffer} interface, on the class that reads it ({@code NoSuchFieldException},
 * reported by Lincheck itself as a Lincheck bug). Even without that, the accesses that order this
 * channel are Agrona's {@code Unsafe} loads and stores to off-heap addresses, not Java fields or
 * arrays, so the model checker would have little to interleave on.
 */
@Param(name = "count", gen = IntGen.class, conf = "1:2")
public class VmBusDataLincheckTest
{
    private final VmBusChannel channel = VmBusFixture.channel(128, 2);
    private final VmBusEndpoint guest = channel.guest();
    private final VmBusEndpoint host = channel.host();
    private final long[] src = new long[2];
    private final long[] dst = new long[1];
    private long next = 100;

    @Operation(nonParallelGroup = "sender")
    public int sendBulk(@Param(name = "count") final int count)
    {
        src[0] = next;
        src[1] = next + 1;
        final int sent = guest.sendBulk(src, 0, count);
        next += sent;
        return sent;
    }

    @Operation(nonParallelGroup = "receiver")
    public long receiveOne()
    {
        return host.receiveBurst(dst, 0, 1) == 1 ? dst[0] : -1;
    }

    @Operation(nonParallelGroup = "receiver")
    public boolean hasData()
    {
        return host.hasData();
    }

    @Test
    void stress()
    {
        LinChecker.check(VmBusDataLincheckTest.class, new StressOptions()
            .threads(2)
            .actorsPerThread(4)
            .actorsBefore(3)
            .actorsAfter(2)
            .iterations(10)
            .invocationsPerIteration(300));
    }
}
