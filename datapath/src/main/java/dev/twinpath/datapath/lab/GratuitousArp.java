package dev.twinpath.datapath.lab;

import dev.twinpath.packet.pool.PacketDescriptor;
import dev.twinpath.packet.pool.PacketPool;

import java.nio.ByteOrder;

/**
 * Recognises ARP frames (other VMs' announcements, built by {@code team.TeamAnnouncement}), which a
 * guest's or the peer's network stack consumes before the application sees traffic.
 * <p>
 * Stateless; any thread.
 */
final class GratuitousArp
{
    static final int ETHERTYPE_ARP = 0x0806;

    private GratuitousArp()
    {
    }

    /** @return true when {@code descriptor} is an untagged ARP frame. */
    static boolean isArp(final PacketPool pool, final long descriptor)
    {
        if (!PacketDescriptor.isPacket(descriptor) || PacketDescriptor.length(descriptor) < 14)
        {
            return false;
        }
        final int at = pool.dataOffset(PacketDescriptor.handle(descriptor));
        return (pool.buffer().getShort(at + 12, ByteOrder.BIG_ENDIAN) & 0xFFFF) == ETHERTYPE_ARP;
    }
}
