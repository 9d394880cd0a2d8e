package dev.twinpath.packet.pool;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PacketDescriptorTest
{
    @Property
    void packetRoundTrips(
        @ForAll @IntRange(max = PacketDescriptor.MAX_HANDLE) final int handle,
        @ForAll @IntRange(max = PacketDescriptor.MAX_LENGTH) final int length,
        @ForAll @IntRange(max = PacketDescriptor.MAX_FLAGS) final int flags,
        @ForAll @IntRange(max = PacketDescriptor.MAX_PORT) final int port)
    {
        final long d = PacketDescriptor.packet(handle, length, flags, port);

        assertTrue(d >= 0, "valid descriptors are non-negative");
        assertTrue(PacketDescriptor.isPacket(d));
        assertFalse(PacketDescriptor.isMarker(d));
        assertEquals(PacketDescriptor.KIND_PACKET, PacketDescriptor.kind(d));
        assertEquals(handle, PacketDescriptor.handle(d));
        assertEquals(length, PacketDescriptor.length(d));
        assertEquals(flags, PacketDescriptor.flags(d));
        assertEquals(port, PacketDescriptor.port(d));
        assertEquals(d, PacketDescriptor.of(handle, length, flags, port));
    }

    @Property
    void markerRoundTripsAndIsNeverAPacket(
        @ForAll @LongRange(max = PacketDescriptor.MAX_EPOCH) final long epoch,
        @ForAll @IntRange(max = PacketDescriptor.MAX_PORT) final int port)
    {
        final long d = PacketDescriptor.marker(epoch, port);

        assertTrue(d >= 0);
        assertTrue(PacketDescriptor.isMarker(d));
        assertFalse(PacketDescriptor.isPacket(d));
        assertEquals(PacketDescriptor.KIND_MARKER, PacketDescriptor.kind(d));
        assertEquals(epoch, PacketDescriptor.epoch(d));
        assertEquals(port, PacketDescriptor.port(d));
        assertEquals(d, PacketDescriptor.markerOf(epoch, port));
    }

    @Property
    void withersReplaceOneFieldOnly(
        @ForAll @IntRange(max = PacketDescriptor.MAX_HANDLE) final int handle,
        @ForAll @IntRange(max = PacketDescriptor.MAX_LENGTH) final int length,
        @ForAll @IntRange(max = PacketDescriptor.MAX_FLAGS) final int flags,
        @ForAll @IntRange(max = PacketDescriptor.MAX_PORT) final int port,
        @ForAll @IntRange(max = PacketDescriptor.MAX_LENGTH) final int newLength,
        @ForAll @IntRange(max = PacketDescriptor.MAX_FLAGS) final int newFlags,
        @ForAll @IntRange(max = PacketDescriptor.MAX_PORT) final int newPort)
    {
        final long d = PacketDescriptor.packet(handle, length, flags, port);

        assertEquals(
            PacketDescriptor.packet(handle, newLength, flags, port), PacketDescriptor.withLength(d, newLength));
        assertEquals(PacketDescriptor.packet(handle, length, newFlags, port), PacketDescriptor.withFlags(d, newFlags));
        assertEquals(PacketDescriptor.packet(handle, length, flags, newPort), PacketDescriptor.withPort(d, newPort));
    }

    @Test
    void jumboLengthFitsAndNullDescriptorIsNeitherKind()
    {
        final long d = PacketDescriptor.packet(PacketDescriptor.MAX_HANDLE, 9216, 0x80);
        assertEquals(9216, PacketDescriptor.length(d));
        assertEquals(PacketDescriptor.MAX_HANDLE, PacketDescriptor.handle(d));

        assertFalse(PacketDescriptor.isPacket(PacketDescriptor.NULL_DESCRIPTOR));
        assertFalse(PacketDescriptor.isMarker(PacketDescriptor.NULL_DESCRIPTOR));
        assertEquals("marker(epoch=7, port=3)", PacketDescriptor.toString(PacketDescriptor.marker(7, 3)));
    }

    @Test
    void checkedBuildersNameTheField()
    {
        assertMessageStartsWith("handle=", () -> PacketDescriptor.of(PacketDescriptor.MAX_HANDLE + 1, 0, 0, 0));
        assertMessageStartsWith("length=", () -> PacketDescriptor.of(0, 65_536, 0, 0));
        assertMessageStartsWith("flags=", () -> PacketDescriptor.of(0, 0, 256, 0));
        assertMessageStartsWith("port=", () -> PacketDescriptor.of(0, 0, 0, -1));
        assertMessageStartsWith("epoch=", () -> PacketDescriptor.markerOf(PacketDescriptor.MAX_EPOCH + 1, 0));
    }

    private static void assertMessageStartsWith(final String prefix, final Runnable call)
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, call::run);
        assertTrue(ex.getMessage().startsWith(prefix), ex.getMessage());
    }
}
