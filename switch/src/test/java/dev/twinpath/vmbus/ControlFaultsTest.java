package dev.twinpath.vmbus;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static dev.twinpath.vmbus.VmBusFixture.channel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Control faults on one endpoint's outbound direction: lost, late (in order) and refused messages, each counted. */
class ControlFaultsTest
{
    private final List<Integer> serials = new ArrayList<>();
    private final ControlMessageHandler collect = (m) -> serials.add(m.vfSerial());

    private static ControlMessage offer(final int serial)
    {
        return new ControlMessage().vfAssociation(true, serial);
    }

    @Test
    void lostMessagesLookSentButNeverArrive()
    {
        try (VmBusChannel channel = channel(4096, 32))
        {
            final VmBusEndpoint host = channel.host();
            host.controlFaults().loseNext(2);
            assertTrue(host.sendControl(offer(1)), "the sender believes it sent it");
            assertTrue(host.sendControl(offer(2)));
            assertTrue(host.sendControl(offer(3)));
            assertFalse(host.controlFaults().active());
            channel.guest().pollControl(collect, 10);
            assertEquals(List.of(3), serials);
            assertEquals(2, host.counters().get(ChannelCounter.CONTROL_FAULT_LOST));
            assertEquals(1, host.counters().get(ChannelCounter.CONTROL_SENT));
        }
    }

    @Test
    void lateMessagesArriveAfterTheirDelayAndKeepTheirOrder()
    {
        try (VmBusChannel channel = channel(4096, 32))
        {
            final VmBusEndpoint host = channel.host();
            host.controlFaults().delayNext(1, TimeUnit.MILLISECONDS.toNanos(20));
            final long start = System.nanoTime();
            assertTrue(host.sendControl(offer(1)));
            assertTrue(host.sendControl(offer(2)), "queued behind the late one, as on a real channel");
            assertEquals(2, host.controlFaults().delayedCount());
            channel.guest().pollControl(collect, 10);
            assertEquals(List.of(), serials, "nothing before its time");
            while (host.controlFaults().active())
            {
                host.pollControl(m -> { }, 1); // the host's control thread writes what is due when it polls
                LockSupport.parkNanos(1_000_000);
            }
            assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(20));
            channel.guest().pollControl(collect, 10);
            assertEquals(List.of(1, 2), serials);
            assertEquals(2, host.counters().get(ChannelCounter.CONTROL_FAULT_DELAYED));
            assertEquals(2, host.counters().get(ChannelCounter.CONTROL_SENT));
        }
    }

    @Test
    void refusedMessagesAreReportedAsAFullRing()
    {
        try (VmBusChannel channel = channel(4096, 32))
        {
            final VmBusEndpoint guest = channel.guest();
            guest.controlFaults().refuseNext(1);
            assertFalse(guest.sendControl(offer(1)));
            assertTrue(guest.sendControl(offer(2)));
            channel.host().pollControl(collect, 10);
            assertEquals(List.of(2), serials);
            assertEquals(1, guest.counters().get(ChannelCounter.CONTROL_RING_FULL));
        }
    }

    @Test
    void badArgumentsAreRefusedNamingThem()
    {
        try (VmBusChannel channel = channel(4096, 32))
        {
            final ControlFaults faults = channel.host().controlFaults();
            assertTrue(assertThrows(IllegalArgumentException.class, () -> faults.loseNext(0)).getMessage().startsWith("count must be 1..1000000"));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> faults.delayNext(1, 0)).getMessage().startsWith("delay must be more than 0 ns"));
            faults.loseNext(3);
            faults.clear();
            assertFalse(faults.active());
        }
    }
}
