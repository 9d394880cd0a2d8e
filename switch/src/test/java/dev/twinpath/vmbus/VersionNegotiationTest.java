package dev.twinpath.vmbus;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VersionNegotiationTest
{
    private final VersionNegotiation host = new VersionNegotiation(2, 5);

    @Test
    void picksTheHighestCommonVersion()
    {
        assertEquals(5, host.negotiate(1, 9));
        assertEquals(4, host.negotiate(1, 4));
        assertEquals(2, host.negotiate(2, 2));
        assertEquals(5, host.negotiate(5, 5));
        assertEquals(3, host.negotiate(3, 3));
    }

    @Test
    void refusesWithAReason()
    {
        assertEquals(ControlStatus.PROTOCOL_TOO_NEW, host.outcome(6, 9));
        assertEquals(ControlStatus.PROTOCOL_TOO_OLD, host.outcome(1, 1));
        assertEquals(ControlStatus.INVALID_REQUEST, host.outcome(4, 3));
        assertEquals(ControlStatus.INVALID_REQUEST, host.outcome(0, 3));
        assertEquals(VersionNegotiation.NO_VERSION, host.negotiate(6, 9));
        assertEquals(VersionNegotiation.NO_VERSION, host.negotiate(1, 1));
        assertEquals(ControlStatus.SUCCESS, host.outcome(1, 2));
    }

    @Test
    void guestAndHostAgreeOverTheChannel()
    {
        final VersionNegotiation guestSide = VersionNegotiation.supported();
        final VersionNegotiation hostSide = new VersionNegotiation(1, 1); // an older host
        try (VmBusChannel channel = VmBusFixture.channel(4096, 32))
        {
            assertTrue(channel.guest().sendControl(guestSide.offer(77, new ControlMessage())));
            final ControlMessage reply = new ControlMessage();
            assertEquals(1, channel.host().pollControl((init) -> hostSide.answer(init, reply), 10));
            assertEquals("INIT_COMPLETE{v1, tx=77, version=1, status=SUCCESS}", reply.toString());
            assertTrue(channel.host().sendControl(reply));
            final int[] chosen = new int[1];
            assertEquals(1, channel.guest().pollControl((complete) -> chosen[0] = guestSide.accepted(complete), 10));
            assertEquals(1, chosen[0]);
        }
    }

    @Test
    void aRefusalCarriesNoVersionAndTheGuestSeesIt()
    {
        final ControlMessage init = new VersionNegotiation(7, 9).offer(1, new ControlMessage());
        final ControlMessage reply = VersionNegotiation.supported().answer(init, new ControlMessage());
        assertEquals(ControlStatus.PROTOCOL_TOO_NEW, reply.status());
        assertEquals(VersionNegotiation.NO_VERSION, reply.negotiatedVersion());
        assertEquals(null, ControlMessageCodec.validate(reply), "a refusal is a valid message");
        assertEquals(VersionNegotiation.NO_VERSION, new VersionNegotiation(7, 9).accepted(reply));
        final ControlMessage outOfRange = new ControlMessage().initComplete(1, 2, ControlStatus.SUCCESS);
        assertEquals(VersionNegotiation.NO_VERSION, new VersionNegotiation(3, 4).accepted(outOfRange),
            "a host that picks a version the guest does not speak is refused by the guest");
    }

    @Test
    void badRangesAreRefusedNamingTheBound()
    {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new VersionNegotiation(0, 2))
            .getMessage().startsWith("minVersion"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new VersionNegotiation(3, 2))
            .getMessage().startsWith("maxVersion"));
        assertThrows(IllegalArgumentException.class, () -> host.answer(new ControlMessage().linkStatus(true), new ControlMessage()));
    }
}
