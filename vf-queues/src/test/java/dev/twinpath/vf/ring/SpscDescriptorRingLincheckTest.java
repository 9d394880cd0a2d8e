package dev.twinpath.vf.ring;

import org.jetbrains.kotlinx.lincheck.LinChecker;
import org.jetbrains.kotlinx.lincheck.annotations.Operation;
import org.jetbrains.kotlinx.lincheck.annotations.Param;
import org.jetbrains.kotlinx.lincheck.paramgen.IntGen;
import org.jetbrains.kotlinx.lincheck.paramgen.LongGen;
import org.jetbrains.kotlinx.lincheck.strategy.managed.modelchecking.ModelCheckingOptions;
import org.jetbrains.kotlinx.lincheck.strategy.stress.StressOptions;
import org.junit.jupiter.api.Test;

/**
 * Linearizability of {@link SpscDescriptorRing#offer}, {@link SpscDescriptorRing#enqueueBulk} and
 * {@link SpscDescriptorRing#poll} with one producer and one consumer thread, checked by Lincheck
 * against the ring itself run sequentially. A capacity of 2 makes short scenarios reach full, empty
 * and the lap boundary. The producer's operations share one non-parallel group and the consumer's
 * another, so each side stays on a single thread as the ring requires.
 * <p>
 * The partial calls {@code enqueueBurst} and {@code dequeueBurst} are left out on purpose: the count
 * they return is what fitted, or what was there, when the caller looked, and the other side may
 * move before the call publishes, so that count is not linearizable (Lincheck finds such a
 * history in seconds). Their order, loss and duplication guarantees are covered by the
 * two-thread stress test and the property test.
 * <p>
 * Model checking interleaves the two threads at every shared-memory access Lincheck instruments
 * (the VarHandle accesses included); stress runs them on real threads. Both are bounded for CI.
 */
@Param(name = "descriptor", gen = LongGen.class, conf = "0:15")
@Param(name = "count", gen = IntGen.class, conf = "1:3")
public class SpscDescriptorRingLincheckTest
{
    private final SpscDescriptorRing ring = new SpscDescriptorRing(2);
    private final long[] src = new long[3];
    private long nextBurstValue = 100;

    @Operation(nonParallelGroup = "producer")
    public boolean offer(@Param(name = "descriptor") final long descriptor)
    {
        return ring.offer(descriptor);
    }

    @Operation(nonParallelGroup = "producer")
    public int enqueueBulk(@Param(name = "count") final int count)
    {
        fill(count);
        final int n = ring.enqueueBulk(src, 0, count);
        nextBurstValue += n;
        return n;
    }

    @Operation(nonParallelGroup = "consumer")
    public long poll()
    {
        return ring.poll();
    }

    private void fill(final int count)
    {
        for (int i = 0; i < count; i++)
        {
            src[i] = nextBurstValue + i;
        }
    }

    @Test
    void modelChecking()
    {
        LinChecker.check(SpscDescriptorRingLincheckTest.class, new ModelCheckingOptions()
            .threads(2)
            .actorsPerThread(4)
            .actorsBefore(2)
            .actorsAfter(2)
            .iterations(15)
            .invocationsPerIteration(300));
    }

    @Test
    void stress()
    {
        LinChecker.check(SpscDescriptorRingLincheckTest.class, new StressOptions()
            .threads(2)
            .actorsPerThread(4)
            .actorsBefore(2)
            .actorsAfter(2)
            .iterations(15)
            .invocationsPerIteration(500));
    }
}
