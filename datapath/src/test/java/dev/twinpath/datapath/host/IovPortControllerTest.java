package dev.twinpath.datapath.host;

import dev.twinpath.datapath.event.EventId;
import dev.twinpath.datapath.event.EventLog;
import dev.twinpath.packet.pool.PacketPool;
import dev.twinpath.vf.nic.NicContext;
import dev.twinpath.vf.nic.PhysicalFunction;
import dev.twinpath.vf.nic.VfState;
import dev.twinpath.vmbus.ControlMessage;
import dev.twinpath.vmbus.ControlMessageType;
import dev.twinpath.vmbus.ControlStatus;
import dev.twinpath.vmbus.DataPath;
import dev.twinpath.vmbus.VmBusChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The host side of one adapter's VF against a scripted (or silent) guest: every wait times out to its fallback. */
class IovPortControllerTest
{
    private static final long MS = 1_000_000L;

    private long now = 1_000 * MS;
    private final PacketPool pool = new PacketPool(new PacketPool.Context().slotCount(4096));
    private final PhysicalFunction pf = new PhysicalFunction(new NicContext().pool(pool).totalVfs(1).clock(() -> now));
    private final VmBusChannel channel = new VmBusChannel(new VmBusChannel.Context().name("vm1"));
    private final VmBusChannel channel2 = new VmBusChannel(new VmBusChannel.Context().name("vm2"));
    private final EventLog events = new EventLog(1000, () -> now);
    private final VfDirectory directory = new VfDirectory();
    private final IovPortController host = new IovPortController("vm1/eth0", 0, 0x0215_5D00_0001L, 1, pf, pool, directory,
        channel.host(), 1, events, 20 * MS);
    private final List<ControlMessage> toGuest = new ArrayList<>();

    @AfterEach
    void close()
    {
        channel.close();
        channel2.close();
    }

    private void step(final int millis)
    {
        for (int i = 0; i < millis; i++)
        {
            now += MS;
            host.doWork(now);
            pf.doWork();
            channel.guest().pollControl(m -> toGuest.add(new ControlMessage().copyFrom(m)), 16);
        }
    }

    @Test
    void aSilentGuestIsWalkedThroughEveryFallbackAndTheVfReturnsToThePool()
    {
        assertTrue(host.offer(now));
        assertEquals(0, pf.freeVfs());
        step(1);
        assertEquals(HostVfState.OFFERED, host.state());
        assertTrue(toGuest.get(0).vfOffered());
        step(25);
        assertEquals(HostVfState.REVOKING, host.state(), "offer withdrawn");
        assertFalse(toGuest.get(toGuest.size() - 1).vfOffered());
        step(25);
        assertEquals(HostVfState.RELEASING, host.state(), "filter moved by the host");
        step(25);
        step(2);
        assertEquals(HostVfState.NO_VF, host.state(), events.events().toString());
        assertEquals(1, pf.freeVfs());
        assertEquals(3, host.forced());
        assertEquals(3, events.count(EventId.CONTROL_TIMEOUT));
        assertEquals(1, events.count(EventId.VF_RELEASED));
        assertNull(directory.lookup(toGuest.get(0).vfSerial()));
    }

    @Test
    void aGuestThatSwitchesAndReleasesLeavesNoTimeout()
    {
        assertTrue(host.offer(now));
        step(1);
        final int serial = toGuest.get(0).vfSerial();
        final ControlMessage m = new ControlMessage();
        assertTrue(channel.guest().sendControl(m.reset().switchDataPath(11, DataPath.VF)));
        step(1);
        assertEquals(HostVfState.VF_ACTIVE, host.state());
        assertEquals(ControlMessageType.SWITCH_DATA_PATH_COMPLETE, toGuest.get(1).type());
        assertEquals(ControlStatus.SUCCESS, toGuest.get(1).status());
        assertFalse(host.vf().isRxSteeredToPf());
        assertTrue(host.revoke(now));
        step(1);
        assertTrue(channel.guest().sendControl(m.reset().switchDataPath(12, DataPath.SYNTHETIC)));
        step(1);
        assertEquals(HostVfState.RELEASING, host.state());
        assertTrue(host.vf().isRxSteeredToPf());
        assertTrue(channel.guest().sendControl(m.reset().vfAssociation(false, serial)));
        step(3);
        assertEquals(HostVfState.NO_VF, host.state(), events.events().toString());
        assertEquals(0, host.forced());
        assertEquals(1, pf.freeVfs());
    }

    @Test
    void anExhaustedPoolLeavesTheSecondAdapterSyntheticWithAReason()
    {
        final IovPortController second = new IovPortController("vm2/eth0", 1, 0x0215_5D00_0002L, 1, pf, pool, directory,
            channel2.host(), 2, events, 20 * MS);
        assertTrue(host.offer(now));
        assertFalse(second.offer(now));
        assertEquals(HostVfState.NO_VF, second.state());
        assertEquals(1, events.count(EventId.VF_NOT_OFFERED));
        assertTrue(events.events().stream().anyMatch(e -> e.reason().contains("VF_POOL_EXHAUSTED")), events.events().toString());
    }

    @Test
    void aSwitchToTheVfWithoutAnOfferIsAnsweredInvalid()
    {
        assertTrue(channel.guest().sendControl(new ControlMessage().switchDataPath(5, DataPath.VF)));
        step(1);
        assertEquals(ControlStatus.INVALID_REQUEST, toGuest.get(0).status());
        assertEquals(HostVfState.NO_VF, host.state());
    }

    @Test
    void aVfWhoseTxNeverDrainsIsStoppedAtTheDrainTimeoutAndNothingLeaks()
    {
        assertTrue(host.offer(now));
        step(1);
        final int serial = toGuest.get(0).vfSerial();
        assertTrue(channel.guest().sendControl(new ControlMessage().switchDataPath(11, DataPath.VF)));
        step(1);
        final int handle = pool.allocate();
        final long[] tx = {dev.twinpath.packet.pool.PacketDescriptor.packet(handle, 60, 0)};
        assertEquals(1, host.vf().queuePair(0).send(tx, 0, 1)); // queued; the NIC will not run to take it
        assertTrue(host.revoke(now));
        assertTrue(channel.guest().sendControl(new ControlMessage().switchDataPath(12, DataPath.SYNTHETIC)));
        assertTrue(channel.guest().sendControl(new ControlMessage().vfAssociation(false, serial)));
        for (int i = 0; i < 30; i++)
        {
            now += MS;
            host.doWork(now); // no pf.doWork(): the VF stays REVOKING with its TX queued
        }
        assertEquals(HostVfState.NO_VF, host.state(), events.events().toString());
        assertEquals(1, host.forcedTxDrops());
        assertEquals(1, pf.freeVfs());
        assertEquals(0, pool.inUse());
        assertTrue(events.count(dev.twinpath.datapath.event.EventLevel.ERROR) >= 1);
    }

    @Test
    void surpriseRemovalWaitsForTheGuestThenResets()
    {
        assertTrue(host.offer(now));
        step(1);
        assertTrue(channel.guest().sendControl(new ControlMessage().switchDataPath(11, DataPath.VF)));
        step(1);
        assertTrue(host.surpriseRemove(now) != null);
        assertEquals(VfState.REMOVED, host.vf().state());
        assertEquals(HostVfState.RELEASING, host.state());
        assertTrue(channel.guest().sendControl(new ControlMessage().vfAssociation(false, toGuest.get(0).vfSerial())));
        step(2);
        assertEquals(HostVfState.NO_VF, host.state(), events.events().toString());
        assertEquals(1, pf.freeVfs());
    }
}
