package dev.twinpath.vmbus;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VmBusChannelContextTest
{
    @Test
    void defaultsAreValid()
    {
        final VmBusChannel.Context context = new VmBusChannel.Context().conclude();
        assertEquals(256 * 1024, context.dataRingBytes());
        assertEquals(16 * 1024, context.controlRingBytes());
        assertEquals(32, context.maxBurst());
        try (VmBusChannel channel = new VmBusChannel(new VmBusChannel.Context().name("vm7/eth1")))
        {
            assertEquals("vm7/eth1", channel.name());
            assertEquals("vm7/eth1/guest", channel.guest().name());
            assertEquals(32, channel.host().maxBurst());
        }
    }

    @Test
    void eachBadValueIsRefusedNamingItsField()
    {
        assertRefused("name", () -> new VmBusChannel.Context().name(" ").conclude());
        assertRefused("name", () -> new VmBusChannel.Context().name(null).conclude());
        assertRefused("maxBurst", () -> new VmBusChannel.Context().maxBurst(0).conclude());
        assertRefused("maxBurst", () -> new VmBusChannel.Context().maxBurst(257).conclude());
        assertRefused("dataRingBytes", () -> new VmBusChannel.Context().dataRingBytes(100_000).conclude());
        assertRefused("dataRingBytes", () -> new VmBusChannel.Context().dataRingBytes(-8).conclude());
        assertRefused("dataRingBytes", () -> new VmBusChannel.Context().dataRingBytes(8192).maxBurst(256).conclude());
        assertRefused("controlRingBytes", () -> new VmBusChannel.Context().controlRingBytes(128).conclude());
        assertRefused("controlRingBytes", () -> new VmBusChannel.Context().controlRingBytes(3000).conclude());
        assertRefused("maxBurst", () -> new VmBusChannel(new VmBusChannel.Context().maxBurst(300)));
    }

    @Test
    void theSmallestRingForABurstIsAccepted()
    {
        new VmBusChannel.Context().dataRingBytes(16384).maxBurst(256).conclude();
        new VmBusChannel.Context().dataRingBytes(64).maxBurst(1).controlRingBytes(256).conclude();
        final VmBusConfigurationException tooSmall = assertThrows(VmBusConfigurationException.class,
            () -> new VmBusChannel.Context().dataRingBytes(8192).maxBurst(256).conclude());
        assertTrue(tooSmall.getMessage().contains("at least 16384"), tooSmall.getMessage());
    }

    private static void assertRefused(final String field, final Executable conclude)
    {
        final VmBusConfigurationException refused = assertThrows(VmBusConfigurationException.class, conclude);
        assertEquals(field, refused.field());
        assertTrue(refused.getMessage().startsWith(field + ": "), refused.getMessage());
    }
}
