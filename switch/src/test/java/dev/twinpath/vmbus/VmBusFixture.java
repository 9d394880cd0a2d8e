package dev.twinpath.vmbus;

import dev.twinpath.packet.pool.PacketDescriptor;

/**
 * Shared test helpers: channels of a given shape, and a numbered stream of descriptors in which
 * every seventh is an end-of-epoch marker, so order, loss and duplication show as a wrong value.
 */
final class VmBusFixture
{
    private VmBusFixture()
    {
    }

    static VmBusChannel channel(final int dataRingBytes, final int maxBurst)
    {
        return new VmBusChannel(new VmBusChannel.Context()
            .name("vm1/eth0")
            .dataRingBytes(dataRingBytes)
            .controlRingBytes(1024)
            .maxBurst(maxBurst));
    }

    /** @return descriptor number {@code sequence}: a marker every seventh, else a packet; all fields from the sequence. */
    static long descriptor(final long sequence)
    {
        final int port = (int)(sequence & 3);
        return sequence % 7 == 6 ?
            PacketDescriptor.marker(sequence & PacketDescriptor.MAX_EPOCH, port) :
            PacketDescriptor.packet((int)(sequence & PacketDescriptor.MAX_HANDLE),
                (int)((sequence >>> 24) & PacketDescriptor.MAX_LENGTH), (int)((sequence >>> 40) & 0xFF), port);
    }

    /** Fill {@code dst[0..n)} with descriptors {@code first..first+n-1}. */
    static long[] fill(final long[] dst, final long first, final int n)
    {
        for (int i = 0; i < n; i++)
        {
            dst[i] = descriptor(first + i);
        }
        return dst;
    }
}
