package dev.twinpath.datapath;

import dev.twinpath.datapath.event.EventId;
import dev.twinpath.datapath.event.EventLog;
import dev.twinpath.datapath.host.VfDirectory;
import dev.twinpath.packet.pool.PacketPool;
import dev.twinpath.vf.nic.NicContext;
import dev.twinpath.vf.nic.PhysicalFunction;
import dev.twinpath.vf.nic.VfConfig;
import dev.twinpath.vf.nic.VirtualFunction;
import dev.twinpath.vmbus.ControlMessage;
import dev.twinpath.vmbus.ControlMessageType;
import dev.twinpath.vmbus.ControlStatus;
import dev.twinpath.vmbus.DataPath;
import dev.twinpath.vmbus.VmBusChannel;
import dev.twinpath.vmbus.VmBusEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The guest's data path switch state machine against a scripted host: every timeout path, lost
 * completions, a full control ring, offers twice, a revoke during a switch, flapping.
 */
class NetVscStateMachineTest
{
    private static final long MS = 1_000_000L;

    private long now = 1_000 * MS;
    private final PacketPool pool = new PacketPool(new PacketPool.Context().slotCount(4096));
    private final PhysicalFunction pf = new PhysicalFunction(new NicContext().pool(pool).totalVfs(2).clock(() -> now));
    private final VmBusChannel channel = new VmBusChannel(new VmBusChannel.Context().name("vm1").controlRingBytes(16 * 1024));
    private final VmBusEndpoint host = channel.host();
    private final VfDirectory directory = new VfDirectory();
    private final EventLog events = new EventLog(1000, () -> now);
    private final NetVscAdapter adapter = new NetVscAdapter(new NetVscContext().name("vm1/eth0").index(3)
        .mac(0x0215_5D00_0001L).minDwell(10, TimeUnit.MILLISECONDS).completionTimeout(50, TimeUnit.MILLISECONDS)
        .detachTimeout(50, TimeUnit.MILLISECONDS).fenceTimeout(50, TimeUnit.MILLISECONDS),
        pool, channel.guest(), directory, (a, e) -> true, events, () -> now, new SwitchTimes());
    private final List<ControlMessage> fromGuest = new ArrayList<>();
    private final ControlMessage out = new ControlMessage();
    private VirtualFunction vf;
    private final long[] received = new long[64];

    @AfterEach
    void close()
    {
        channel.close();
    }

    private int offer(final int serial)
    {
        if (vf == null)
        {
            vf = pf.allocate("vm1", 1);
            pf.assign(vf, new VfConfig().mac(0x0215_5D00_0001L).rxSteeredToPf(true));
        }
        directory.publish(serial, vf);
        assertTrue(host.sendControl(out.reset().vfAssociation(true, serial)));
        return serial;
    }

    private void step(final long millis)
    {
        for (int i = 0; i < millis; i++)
        {
            now += MS;
            adapter.doWork();
            pf.doWork();
            final int fromPf = pf.pfDefaultRing().dequeueBurst(received, 0, received.length);
            host.sendBurst(received, 0, fromPf); // a one-port switch: the PF default queue to the VM
            final int n = adapter.receive(received, 0, received.length);
            for (int k = 0; k < n; k++)
            {
                pool.free(dev.twinpath.packet.pool.PacketDescriptor.handle(received[k]));
            }
            host.pollControl(m -> fromGuest.add(new ControlMessage().copyFrom(m)), 16);
        }
    }

    private ControlMessage last(final ControlMessageType type)
    {
        for (int i = fromGuest.size() - 1; i >= 0; i--)
        {
            if (fromGuest.get(i).type() == type)
            {
                return fromGuest.get(i);
            }
        }
        throw new AssertionError("guest sent no " + type + ": " + fromGuest);
    }

    private void complete(final ControlMessage request, final ControlStatus status)
    {
        if (request.dataPath() == DataPath.VF && status == ControlStatus.SUCCESS)
        {
            pf.moveMacToVf(vf, request.transactionId());
        }
        else if (request.dataPath() == DataPath.SYNTHETIC)
        {
            pf.moveMacToPf(vf, request.transactionId());
        }
        assertTrue(host.sendControl(out.reset().switchDataPathComplete(request.transactionId(), request.dataPath(), status)));
    }

    @Test
    void offerCompleteRevokeCompleteReleases()
    {
        offer(7);
        step(1);
        assertEquals(NetVscState.SWITCHING_TO_VF, adapter.state());
        final ControlMessage toVf = last(ControlMessageType.SWITCH_DATA_PATH);
        assertEquals(DataPath.VF, toVf.dataPath());
        complete(toVf, ControlStatus.SUCCESS);
        step(2);
        assertEquals(NetVscState.VF_ACTIVE, adapter.state());
        assertEquals(Path.VF, adapter.txPath());
        assertTrue(host.sendControl(out.reset().vfAssociation(false, 7)));
        step(1);
        assertEquals(NetVscState.SWITCHING_TO_SYNTHETIC, adapter.state());
        complete(last(ControlMessageType.SWITCH_DATA_PATH), ControlStatus.SUCCESS);
        step(3);
        assertEquals(NetVscState.SYNTHETIC, adapter.state(), events.events().toString());
        final ControlMessage released = last(ControlMessageType.VF_ASSOCIATION);
        assertFalse(released.vfOffered());
        assertEquals(7, released.vfSerial());
        assertEquals(0, adapter.counters().get(AdapterCounter.CONTROL_TIMEOUTS));
    }

    @Test
    void lostCompletionFallsBackToSyntheticAndReleasesTheVf()
    {
        offer(1);
        step(1);
        assertEquals(NetVscState.SWITCHING_TO_VF, adapter.state());
        step(60); // no completion
        assertEquals(NetVscState.SWITCHING_TO_SYNTHETIC, adapter.state());
        assertEquals(DataPath.SYNTHETIC, last(ControlMessageType.SWITCH_DATA_PATH).dataPath());
        step(60); // nor for the way back
        assertEquals(NetVscState.DETACHING_VF, adapter.state(), "the host never moved the filter: no marker comes");
        step(60);
        assertEquals(NetVscState.SYNTHETIC, adapter.state(), events.events().toString());
        assertEquals(Path.SYNTHETIC, adapter.txPath());
        assertFalse(last(ControlMessageType.VF_ASSOCIATION).vfOffered());
        assertEquals(3, events.count(EventId.CONTROL_TIMEOUT));
        adapter.publishCounters();
        assertEquals(3, adapter.counters().get(AdapterCounter.CONTROL_TIMEOUTS));
    }

    @Test
    void refusedSwitchStaysSynthetic()
    {
        offer(1);
        step(1);
        complete(last(ControlMessageType.SWITCH_DATA_PATH), ControlStatus.BUSY);
        step(3);
        assertEquals(NetVscState.SYNTHETIC, adapter.state(), events.events().toString());
        assertEquals(Path.SYNTHETIC, adapter.txPath());
    }

    @Test
    void fullControlRingIsReportedAndTheTimeoutStillRecovers()
    {
        final ControlMessage filler = new ControlMessage().linkStatus(true);
        int sent = 0;
        while (channel.guest().sendControl(filler))
        {
            sent++; // the host reads nothing: the guest's control ring fills
        }
        assertTrue(sent > 0);
        offer(1);
        now += MS;
        adapter.doWork(); // the request cannot be sent
        assertEquals(NetVscState.SWITCHING_TO_VF, adapter.state());
        assertTrue(events.events().stream().anyMatch(e -> e.reason().contains("control ring full")), events.events().toString());
        step(200);
        assertEquals(NetVscState.SYNTHETIC, adapter.state(), events.events().toString());
        assertTrue(adapter.counters().get(AdapterCounter.CONTROL_TIMEOUTS) >= 1);
    }

    @Test
    void vfOfferedTwiceIsRefusedWithoutChangingState()
    {
        offer(1);
        step(1);
        offer(2);
        step(1);
        assertEquals(NetVscState.SWITCHING_TO_VF, adapter.state());
        assertEquals(1, events.count(EventId.CONTROL_REFUSED));
        complete(last(ControlMessageType.SWITCH_DATA_PATH), ControlStatus.SUCCESS);
        step(1);
        offer(3);
        step(1);
        assertEquals(NetVscState.VF_ACTIVE, adapter.state());
        assertEquals(2, events.count(EventId.CONTROL_REFUSED));
    }

    @Test
    void revokeDuringSwitchIgnoresTheStaleCompletion()
    {
        offer(1);
        step(1);
        final ControlMessage toVf = last(ControlMessageType.SWITCH_DATA_PATH);
        assertTrue(host.sendControl(out.reset().vfAssociation(false, 1)));
        step(1);
        assertEquals(NetVscState.SWITCHING_TO_SYNTHETIC, adapter.state());
        final ControlMessage toSynthetic = last(ControlMessageType.SWITCH_DATA_PATH);
        complete(toVf, ControlStatus.SUCCESS); // late answer to the first request
        step(1);
        assertEquals(NetVscState.SWITCHING_TO_SYNTHETIC, adapter.state());
        assertEquals(1, events.count(EventId.CONTROL_REFUSED));
        complete(toSynthetic, ControlStatus.SUCCESS);
        step(5);
        assertEquals(NetVscState.SYNTHETIC, adapter.state(), events.events().toString());
        assertEquals(Path.SYNTHETIC, adapter.rxPath());
    }

    /**
     * A revoke while the switch to the VF is under way, and the host refuses that switch (it is revoking):
     * the filter never moved to the VF, so no marker will ever close the synthetic path for it. The
     * VF's close (the host marks the VF's queues when it answers the switch back) must not wait for one:
     * no hold-back timeout, and the adapter is settled at once.
     */
    @Test
    void aRefusedSwitchToTheVfLeavesNothingWaitingForAMarker()
    {
        offer(1);
        step(1);
        final ControlMessage toVf = last(ControlMessageType.SWITCH_DATA_PATH);
        assertTrue(host.sendControl(out.reset().vfAssociation(false, 1)));
        step(1);
        final ControlMessage toSynthetic = last(ControlMessageType.SWITCH_DATA_PATH);
        complete(toVf, ControlStatus.INVALID_REQUEST); // the host was revoking: the filter stays on the PF
        complete(toSynthetic, ControlStatus.SUCCESS);  // markers in the VF's queues all the same
        step(5);
        assertEquals(NetVscState.SYNTHETIC, adapter.state(), events.events().toString());
        assertTrue(adapter.isQuiescent(), "nothing held, no close deferred: " + events.events());
        step(1_100); // past the hold timeout
        assertEquals(0, events.events().stream().filter(e -> e.reason().startsWith("RX hold-back timed out")).count(),
            events.events().toString());
    }

    @Test
    void flappingOffersWaitForTheMinimumDwell()
    {
        offer(1);
        step(1);
        complete(last(ControlMessageType.SWITCH_DATA_PATH), ControlStatus.SUCCESS);
        step(1);
        assertTrue(host.sendControl(out.reset().vfAssociation(false, 1)));
        step(1);
        complete(last(ControlMessageType.SWITCH_DATA_PATH), ControlStatus.SUCCESS);
        step(2);
        assertEquals(NetVscState.SYNTHETIC, adapter.state());
        offer(2); // at once: sooner than the 10 ms dwell
        step(1);
        assertEquals(NetVscState.SYNTHETIC, adapter.state());
        assertEquals(1, adapter.counters().get(AdapterCounter.FLAPS_DAMPED));
        assertEquals(1, events.count(EventId.FLAP_DAMPED));
        step(12);
        assertEquals(NetVscState.SWITCHING_TO_VF, adapter.state(), events.events().toString());
    }

    @Test
    void revokedWhileDeferredCancelsTheOffer()
    {
        offer(1);
        step(1);
        complete(last(ControlMessageType.SWITCH_DATA_PATH), ControlStatus.SUCCESS);
        step(1);
        assertTrue(host.sendControl(out.reset().vfAssociation(false, 1)));
        step(1);
        complete(last(ControlMessageType.SWITCH_DATA_PATH), ControlStatus.SUCCESS);
        step(2);
        offer(2);
        step(1);
        assertTrue(host.sendControl(out.reset().vfAssociation(false, 2)));
        step(20);
        assertEquals(NetVscState.SYNTHETIC, adapter.state());
    }

    @Test
    void offerOfAnUnknownDeviceIsRefused()
    {
        assertTrue(host.sendControl(out.reset().vfAssociation(true, 99)));
        step(1);
        assertEquals(NetVscState.SYNTHETIC, adapter.state());
        assertEquals(1, events.count(EventId.CONTROL_REFUSED));
    }
}
