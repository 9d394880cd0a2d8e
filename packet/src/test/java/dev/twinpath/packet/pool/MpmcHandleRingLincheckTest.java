package dev.twinpath.packet.pool;

import org.jetbrains.kotlinx.lincheck.LinChecker;
import org.jetbrains.kotlinx.lincheck.annotations.Operation;
import org.jetbrains.kotlinx.lincheck.annotations.Param;
import org.jetbrains.kotlinx.lincheck.paramgen.IntGen;
import org.jetbrains.kotlinx.lincheck.strategy.stress.StressOptions;
import org.junit.jupiter.api.Test;

/**
 * Linearizability of the pool's shared free ring, {@link MpmcHandleRing}, as a FIFO queue, with two
 * threads that both enqueue and dequeue (no operation groups: two producers may race for
 * {@code tail} and two consumers for {@code head}), checked by Lincheck against the ring itself run
 * sequentially. Every handle offered is a distinct parameter value, so a lost, duplicated, stale
 * (previous lap) or reordered handle is a wrong result. A capacity of 4 makes short scenarios reach
 * full, empty and the lap boundary, where the cell sequences carry the state.
 * <p>
 * Operations: {@code offer} (its "full" is linearizable: it is reported only when the ring holds
 * {@code capacity} claimed positions, and waits out a consumer that has claimed the cell and not yet
 * released it); {@code poll} and {@code dequeueBulk} of 2 (all or none), each retried while the ring's
 * {@code size()} says positions are claimed but not yet published. The retry is what makes them
 * linearizable: the ring's dequeue never waits, so with two producers it may answer empty while one
 * producer is between its claim and its publish and the other has already published behind it, a
 * result no sequential history gives (documented on the ring: "may come back short while a free is
 * between its claim and its publish"). {@code size()} counts claimed positions, so "empty" or "fewer
 * than 2" is returned only when the snapshot says so, and that snapshot is a moment when it was true.
 * The pool copes with the short answer the same way (a short allocation while a free is publishing).
 * <p>
 * Left out on purpose: {@code enqueueBurst} and {@code dequeueBurst}. Their count is what was free, or
 * published, at the cells they looked at: a burst may stop at a cell a consumer of the previous lap
 * has claimed but not yet released (enqueue) or that a producer has claimed but not yet published
 * (dequeue), which no sequential history explains. Their loss and duplication guarantees are covered
 * by {@code PacketPoolLincheckTest} (cache refills and flushes are such bursts, checked for
 * conservation), {@code PacketPoolConcurrencyTest} and {@code MpmcHandleRingTest}.
 * <p>
 * Checked by breaking the ring on purpose: with the CAS on {@code head} in {@code poll} replaced by a
 * read and a store, this test reports a handle dequeued twice.
 * <p>
 * Only the stress strategy runs (real threads): the cells are Agrona {@code UnsafeBuffer} accesses to
 * off-heap memory, where Lincheck's model checker stops with an internal error (see
 * {@code VmBusDataLincheckTest} in the switch module) and would have nothing to interleave on anyway.
 */
@Param(name = "handle", gen = IntGen.class, conf = "0:999")
public class MpmcHandleRingLincheckTest
{
    private final MpmcHandleRing ring = new MpmcHandleRing(4);

    @Operation
    public boolean offer(@Param(name = "handle") final int handle)
    {
        return ring.offer(handle);
    }

    @Operation
    public int poll()
    {
        while (true)
        {
            final int handle = ring.poll();
            if (handle != MpmcHandleRing.EMPTY || ring.size() == 0)
            {
                return handle;
            }
            Thread.onSpinWait(); // a producer has claimed the head cell and not yet published it
        }
    }

    @Operation
    public long dequeueBulk()
    {
        final int[] dst = new int[2]; // per call: both threads may run this operation at once
        while (true)
        {
            if (ring.dequeueBulk(dst, 0, 2) == 2)
            {
                return ((long)dst[0] << 32) | dst[1];
            }
            if (ring.size() < 2)
            {
                return -1;
            }
            Thread.onSpinWait(); // two or more claimed, not all published yet
        }
    }

    @Test
    void stress()
    {
        LinChecker.check(MpmcHandleRingLincheckTest.class, new StressOptions()
            .threads(2)
            .actorsPerThread(4)
            .actorsBefore(2)
            .actorsAfter(2)
            .iterations(20)
            .invocationsPerIteration(500));
    }
}
