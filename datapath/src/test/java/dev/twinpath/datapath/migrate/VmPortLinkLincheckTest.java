package dev.twinpath.datapath.migrate;

import dev.twinpath.packet.pool.PacketDescriptor;
import dev.twinpath.packet.pool.PacketPool;
import dev.twinpath.vmbus.VmBusChannel;
import dev.twinpath.vmbus.VmBusEndpoint;
import org.jetbrains.kotlinx.lincheck.LinChecker;
import org.jetbrains.kotlinx.lincheck.annotations.Operation;
import org.jetbrains.kotlinx.lincheck.annotations.Param;
import org.jetbrains.kotlinx.lincheck.paramgen.IntGen;
import org.jetbrains.kotlinx.lincheck.strategy.stress.StressOptions;
import org.junit.jupiter.api.Test;

/**
 * The control handoff of a source port in a live migration, {@link VmPortLink}: the control thread
 * asks the port to forward ({@code forwardTo}) and, when the migration gives up, to take back what it
 * forwarded ({@code cancelForwarding}); the host switch's thread acknowledges each request on its
 * next call and from then on delivers to the {@link ForwardingChannel} (or, after the take-back, to
 * the VM's channel again). Checked by Lincheck for linearizability against the port run sequentially,
 * with the switch thread's operations in one non-parallel group and the other thread's in another.
 * <p>
 * Thread roles. Switch thread: {@code deliver} (one frame through {@code transmit}: to the VM's
 * channel, or into the forwarding channel) and {@code round} (a {@code receive} call: where the
 * requests are acknowledged and the take-back runs). Control thread, also standing in for the roles
 * it waits on: {@code forwardTo} and {@code cancel} (once each per scenario, as one migration does;
 * a cancel before the forwarding request does nothing, as {@code LiveMigration} never sends one),
 * {@code acked} ({@link VmPortLink#forwarding()}), {@code vmReceive} (the guest reads its channel) and
 * {@code destinationPoll} (the destination switch reads the forwarding channel; never after a cancel,
 * when the source switch has become the channel's only reader).
 * <p>
 * What a correct port makes linearizable, and so what the operations expose: a {@code transmit}
 * that has read "no forwarding" may still be writing to the VM's channel when {@code forwardTo}
 * returns, which is why the migration waits for {@code forwarding()} before it relies on the VM's
 * channel. {@code vmReceive} does the same: it answers -2 (not settled) while a forwarding request
 * is not acknowledged, and after a cancel until a switch round has seen the take-back done. From an
 * acknowledgement on, every frame is in exactly one of the two channels, in order, so a frame lost,
 * duplicated, sent to the wrong channel, or taken back out of order is a wrong result.
 * <p>
 * Left out: {@link VmPortLink#forwardingCancelled()} as a result. The take-back can run inside a
 * {@code transmit} that then delivers its own frame, two steps the other thread can tell apart (the
 * flag set, the frame not yet in the VM's channel), so the flag is read only by the switch thread's
 * {@code round} to open the gate above. End markers and what happens after the channel closes
 * (discarded flood copies, unicast sent to the uplink) are the switch thread's own logic, covered by
 * {@code MigrationLocalTrafficTest} and the live-migration runs.
 * <p>
 * Checked by breaking the port on purpose: with {@code forwardTo} acknowledging the request itself
 * (instead of the switch thread), this test finds a frame that reached the VM's channel after the
 * control thread, already acknowledged, found it empty. A port reused by a second migration after a
 * give-up is {@code VmPortLinkRetryTest}'s (sequential; the operations here run once per scenario).
 * <p>
 * Only the stress strategy runs: the VM's channel is an Agrona ring, where Lincheck's model checker
 * stops with an internal error (see {@code VmBusDataLincheckTest} in the switch module).
 */
@Param(name = "frame", gen = IntGen.class, conf = "1:999")
public class VmPortLinkLincheckTest
{
    private static final long NOT_SETTLED = -2;
    private static final long CANCELLED = -3;

    private final VmBusChannel vmChannel = new VmBusChannel(new VmBusChannel.Context()
        .name("vm1/eth0").dataRingBytes(4096).controlRingBytes(256).maxBurst(32));
    private final VmBusEndpoint guest = vmChannel.guest();
    private final PacketPool pool = new PacketPool(new PacketPool.Context()
        .name("lincheck").slotCount(16).dataRoom(64).cacheSize(0));
    private final VmPortLink link = new VmPortLink(vmChannel.host(), 0, pool, () -> 0L);
    private final ForwardingChannel forward = new ForwardingChannel("vm1 h1->h2", 77, 64);
    private final long[] switchBuffer = new long[4];
    private final long[] controlBuffer = new long[1];
    private volatile boolean settledAfterCancel;
    private boolean forwardRequested;
    private boolean cancelRequested;

    @Operation(nonParallelGroup = "switch")
    public int deliver(@Param(name = "frame") final int frame)
    {
        switchBuffer[0] = PacketDescriptor.packet(frame, 1, 0); // shorter than a MAC: never read as a flood copy
        return link.transmit(switchBuffer, 0, 1);
    }

    @Operation(nonParallelGroup = "switch")
    public void round()
    {
        link.receive(switchBuffer, 0, switchBuffer.length);
        if (link.forwardingCancelled())
        {
            settledAfterCancel = true; // the take-back is done: no later call of this thread delivers in two steps
        }
    }

    @Operation(nonParallelGroup = "control", runOnce = true)
    public void forwardTo()
    {
        forwardRequested = true;
        link.forwardTo(forward);
    }

    @Operation(nonParallelGroup = "control", runOnce = true)
    public void cancel()
    {
        if (!forwardRequested)
        {
            return; // as LiveMigration.giveUp(): a cancel follows a forwarding request
        }
        cancelRequested = true;
        link.cancelForwarding();
    }

    @Operation(nonParallelGroup = "control")
    public boolean acked()
    {
        return link.forwarding();
    }

    @Operation(nonParallelGroup = "control")
    public long vmReceive()
    {
        if (cancelRequested ? !settledAfterCancel : forwardRequested && !link.forwarding())
        {
            return NOT_SETTLED;
        }
        return guest.receiveBurst(controlBuffer, 0, 1) == 1 ? PacketDescriptor.handle(controlBuffer[0]) : -1;
    }

    @Operation(nonParallelGroup = "control")
    public long destinationPoll()
    {
        if (cancelRequested)
        {
            return CANCELLED;
        }
        return forward.poll(controlBuffer, 0, 1) == 1 ? PacketDescriptor.handle(controlBuffer[0]) : -1;
    }

    @Test
    void stress()
    {
        LinChecker.check(VmPortLinkLincheckTest.class, new StressOptions()
            .threads(2)
            .actorsPerThread(4)
            .actorsBefore(2)
            .actorsAfter(2)
            .iterations(10)
            .invocationsPerIteration(150));
    }
}
