package dev.twinpath.datapath.migrate;

import dev.twinpath.packet.pool.PacketDescriptor;
import dev.twinpath.packet.pool.PacketPool;
import dev.twinpath.vmbus.VmBusChannel;
import dev.twinpath.vmbus.VmBusEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A source port whose migration gave up takes part in the next migration of its VM as if it were
 * new: the switch thread acknowledges the new forwarding request again, and a second give-up takes
 * back what went into the second channel. The switch thread's calls are made here, in order.
 */
class VmPortLinkRetryTest
{
    private final VmBusChannel vmChannel = new VmBusChannel(new VmBusChannel.Context()
        .name("vm1/eth0").dataRingBytes(4096).controlRingBytes(256).maxBurst(32));
    private final VmBusEndpoint guest = vmChannel.guest();
    private final PacketPool pool = new PacketPool(new PacketPool.Context()
        .name("retry").slotCount(16).dataRoom(64).cacheSize(0));
    private final VmPortLink link = new VmPortLink(vmChannel.host(), 0, pool, () -> 0L);
    private final long[] burst = new long[4];

    @AfterEach
    void close()
    {
        vmChannel.close();
    }

    @Test
    void aSecondMigrationIsAcknowledgedAndTakenBackAgain()
    {
        migrateAndGiveUp(new ForwardingChannel("first", 77, 16), 1);
        assertEquals(1, received());

        final ForwardingChannel second = new ForwardingChannel("second", 78, 16);
        link.forwardTo(second);
        assertFalse(link.forwarding(), "acknowledged before the switch thread saw the second request");
        switchRound();
        assertTrue(link.forwarding());
        deliver(2);
        assertEquals(1, second.size());

        link.cancelForwarding();
        assertFalse(link.forwardingCancelled(), "cancelled before the switch thread took anything back");
        switchRound();
        assertTrue(link.forwardingCancelled());
        assertFalse(link.forwarding());
        assertEquals(0, second.size());
        deliver(3);
        assertEquals(2, received());
        assertEquals(3, received());
    }

    private void migrateAndGiveUp(final ForwardingChannel channel, final int frame)
    {
        link.forwardTo(channel);
        switchRound();
        assertTrue(link.forwarding());
        deliver(frame);
        link.cancelForwarding();
        switchRound();
        assertTrue(link.forwardingCancelled());
    }

    private void switchRound()
    {
        link.receive(burst, 0, burst.length);
    }

    private void deliver(final int frame)
    {
        burst[0] = PacketDescriptor.packet(frame, 1, 0);
        assertEquals(1, link.transmit(burst, 0, 1));
    }

    private long received()
    {
        return guest.receiveBurst(burst, 0, 1) == 1 ? PacketDescriptor.handle(burst[0]) : -1;
    }
}
