package dev.twinpath.vf.nic;

import dev.twinpath.vf.ring.OverflowMode;
import org.jetbrains.kotlinx.lincheck.LinChecker;
import org.jetbrains.kotlinx.lincheck.annotations.Operation;
import org.jetbrains.kotlinx.lincheck.annotations.Param;
import org.jetbrains.kotlinx.lincheck.paramgen.LongGen;
import org.jetbrains.kotlinx.lincheck.strategy.managed.modelchecking.ModelCheckingOptions;
import org.jetbrains.kotlinx.lincheck.strategy.stress.StressOptions;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

/**
 * Handshake (D) of {@link QueuePair}: the guest thread's {@code receive}, {@code send} and
 * {@code reclaimAfterRemoval} against the control thread detaching the queue pair, closing its TX,
 * and taking its RX ring over, checked by Lincheck for linearizability against the queue pair itself
 * run sequentially. The guest's operations share one non-parallel group and the control thread's
 * another.
 * <p>
 * Thread roles: the guest is the RX consumer and TX producer; the control thread stands in for the
 * NIC as TX consumer (the NIC does not run while the control thread holds the NIC lock, and there is
 * no NIC in this test) and, once it has taken the RX ring over, as its consumer. The RX ring is filled
 * by the NIC before the threads start (three descriptors, so the guest has something to receive and
 * reclaim). The promise under test is the one {@link FunctionTeardown} relies on: once
 * {@code detach()} (or {@code closeTx()}, {@code takeOverRx()}) returns, no guest call is under way
 * and every later one answers {@link QueuePair#FUNCTION_REMOVED} (or {@link QueuePair#FUNCTION_REVOKED},
 * or leaves RX alone), so the control thread drains the rings alone and what it reports is exact.
 * <p>
 * Operations. Guest: {@code send} of one descriptor (1, or the negative answer), {@code receive} of one
 * ({@code max = 1}), {@code reclaim} (all RX left after a surprise removal; -10 before one). Control:
 * {@code surpriseRemove} (detach, then drain TX: the descriptors the guest queued), {@code takeOverRx}
 * (after a detach: take RX over and drain it; with {@code surpriseRemove} before it, the steps of a
 * function-level reset), {@code closeTx} (close TX, then drain it). Each drain
 * returns the descriptors it took, so a send that slipped past the handshake (answered 1 and missed by
 * the drain, or drained twice), an RX descriptor taken by both sides, or a guest call answered as if
 * the removal had not happened after the control thread finished, is a wrong result. The TX ring has
 * 16 slots, more than a scenario sends, so "full" never enters the results: a full ring is a ring
 * property, checked by {@code SpscDescriptorRingLincheckTest}.
 * <p>
 * Checked by breaking the handshake on purpose: with {@code send} reading {@code removed} before it
 * raises its busy flag, model checking finds a send that answers 1 while the drain after the detach
 * misses it.
 * <p>
 * Model checking interleaves the two threads at every volatile and VarHandle access (the flags and
 * the rings are plain Java fields and arrays); stress runs them on real threads. Both are bounded for CI.
 */
@Param(name = "descriptor", gen = LongGen.class, conf = "1:999")
public class QueuePairLincheckTest
{
    private static final int NOT_REMOVED = -10;

    private final QueuePair qp = new QueuePair("vf0", 0, 16, 4, new FunctionCounters("vf0"), OverflowMode.DROP);
    private final long[] one = new long[1];
    private final long[] guestBuffer = new long[4];
    private final long[] controlBuffer = new long[16];

    public QueuePairLincheckTest()
    {
        for (long d = 1001; d <= 1003; d++)
        {
            qp.rxRing().offer(d); // the NIC's deliveries before the threads start
        }
    }

    @Operation(nonParallelGroup = "guest")
    public int send(@Param(name = "descriptor") final long descriptor)
    {
        one[0] = descriptor;
        return qp.send(one, 0, 1);
    }

    @Operation(nonParallelGroup = "guest")
    public long receive()
    {
        final int n = qp.receive(guestBuffer, 0, 1);
        return n == 1 ? guestBuffer[0] : n == 0 ? 0 : n;
    }

    @Operation(nonParallelGroup = "guest")
    public String reclaim()
    {
        if (!qp.isRemoved())
        {
            return String.valueOf(NOT_REMOVED);
        }
        final int n = qp.reclaimAfterRemoval(guestBuffer);
        return Arrays.toString(Arrays.copyOf(guestBuffer, n));
    }

    @Operation(nonParallelGroup = "control")
    public String surpriseRemove()
    {
        qp.detach();
        return "tx=" + drain(qp.txRing());
    }

    @Operation(nonParallelGroup = "control")
    public String takeOverRx()
    {
        if (!qp.isRemoved())
        {
            return String.valueOf(NOT_REMOVED); // FunctionTeardown.reset() detaches first
        }
        qp.takeOverRx();
        return "rx=" + drain(qp.rxRing());
    }

    @Operation(nonParallelGroup = "control")
    public String closeTx()
    {
        qp.closeTx();
        return "tx=" + drain(qp.txRing());
    }

    private String drain(final dev.twinpath.vf.ring.SpscDescriptorRing ring)
    {
        final int n = ring.dequeueBurst(controlBuffer, 0, controlBuffer.length);
        return Arrays.toString(Arrays.copyOf(controlBuffer, n));
    }

    @Test
    void modelChecking()
    {
        LinChecker.check(QueuePairLincheckTest.class, new ModelCheckingOptions()
            .threads(2)
            .actorsPerThread(3)
            .actorsBefore(1)
            .actorsAfter(1)
            .iterations(6)
            .invocationsPerIteration(80));
    }

    @Test
    void stress()
    {
        LinChecker.check(QueuePairLincheckTest.class, new StressOptions()
            .threads(2)
            .actorsPerThread(3)
            .actorsBefore(1)
            .actorsAfter(1)
            .iterations(6)
            .invocationsPerIteration(100));
    }
}
