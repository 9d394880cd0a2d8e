package dev.twinpath.vmbus;

import org.jetbrains.kotlinx.lincheck.LinChecker;
import org.jetbrains.kotlinx.lincheck.annotations.Operation;
import org.jetbrains.kotlinx.lincheck.annotations.Param;
import org.jetbrains.kotlinx.lincheck.paramgen.IntGen;
import org.jetbrains.kotlinx.lincheck.strategy.stress.StressOptions;
import org.junit.jupiter.api.Test;

/**
 * Linearizability of one control direction (host to guest) with one sending and one receiving
 * thread, checked by Lincheck against the channel itself run sequentially. The control ring is a
 * handoff of its own, apart from the data ring {@code VmBusDataLincheckTest} covers: another Agrona
 * ring per direction, written with {@code tryClaim}/{@code commit} and read with {@code read} through
 * {@link ControlMessageAdapter} (pairs (C1), (C2) of {@link VmBusEndpoint}), and its records are
 * typed messages that are encoded and decoded in place.
 * <p>
 * Operations: {@code sendVfAssociation} and {@code sendLinkStatus} ({@code sendControl}: true, or
 * false when the ring is full), and {@code pollOne} ({@code pollControl} with {@code limit = 1}: the
 * decoded message or -1). Each sent message carries a value from its parameter in a field of its body,
 * and the receiver returns type and fields, so a lost, duplicated, reordered or torn message (a record
 * read before all of it was written) is a wrong result. The ring has the smallest size the channel
 * takes (256 bytes, eight 32-byte records); the constructor sends and takes six messages and leaves
 * four queued, so short scenarios reach full and the wrap to index 0. The sender's operations share
 * one non-parallel group and the receiver's another, so each role stays on one thread.
 * <p>
 * Left out: {@code pollControl} with a larger {@code limit}. Agrona's {@code read} stops at the first
 * record not yet committed and publishes the head it frees only after the loop, so with two or more
 * records its count is not linearizable (as for every SPSC ring with a batched head: see
 * {@code VmBusDataLincheckTest}); order, loss and malformed records over larger polls are covered by
 * {@code VmBusControlTest}.
 * <p>
 * Checked by breaking the endpoint on purpose: with {@code sendControl} committing the record before
 * encoding it, this test reports a message read with the fields of an older one.
 * <p>
 * Only the stress strategy runs: Lincheck's model checker stops with an internal error inside
 * Agrona (see {@code VmBusDataLincheckTest}).
 */
@Param(name = "value", gen = IntGen.class, conf = "0:999")
public class VmBusControlLincheckTest
{
    private static final int QUEUED_AT_START = 4;

    private final VmBusChannel channel = new VmBusChannel(new VmBusChannel.Context()
        .name("vm1/eth0")
        .dataRingBytes(4096)
        .controlRingBytes(VmBusChannel.Context.MIN_CONTROL_RING_BYTES)
        .maxBurst(32));
    private final VmBusEndpoint host = channel.host();
    private final VmBusEndpoint guest = channel.guest();
    private final ControlMessage outbound = new ControlMessage();
    private long received;
    private final ControlMessageHandler handler = this::onControl;

    public VmBusControlLincheckTest()
    {
        for (int i = 0; i < 6; i++)
        {
            host.sendControl(outbound.linkStatus(true));
            guest.pollControl(handler, 1);
        }
        for (int i = 0; i < QUEUED_AT_START; i++)
        {
            host.sendControl(outbound.vfAssociation(true, 5000 + i));
        }
    }

    @Operation(nonParallelGroup = "sender")
    public boolean sendVfAssociation(@Param(name = "value") final int serial)
    {
        return host.sendControl(outbound.vfAssociation((serial & 1) == 0, serial));
    }

    @Operation(nonParallelGroup = "sender")
    public boolean sendLinkStatus(@Param(name = "value") final int value)
    {
        return host.sendControl(outbound.linkStatus((value & 1) == 0));
    }

    @Operation(nonParallelGroup = "receiver")
    public long pollOne()
    {
        received = -1;
        final int n = guest.pollControl(handler, 1);
        return n == 1 ? received : -n - 1;
    }

    private void onControl(final ControlMessage message)
    {
        final long type = message.type().id();
        received = switch (message.type())
        {
            case VF_ASSOCIATION -> (type << 32) | ((message.vfOffered() ? 1L : 0L) << 31) | message.vfSerial();
            case LINK_STATUS -> (type << 32) | (message.linkUp() ? 1 : 0);
            default -> type << 32 | 0x7FFF_FFFFL;
        };
    }

    @Test
    void stress()
    {
        LinChecker.check(VmBusControlLincheckTest.class, new StressOptions()
            .threads(2)
            .actorsPerThread(4)
            .actorsBefore(3)
            .actorsAfter(2)
            .iterations(20)
            .invocationsPerIteration(300));
    }
}
