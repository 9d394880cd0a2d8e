package dev.twinpath.datapath.lab;

import dev.twinpath.packet.pool.PacketDescriptor;
import dev.twinpath.packet.pool.PacketPool;
import dev.twinpath.packet.pool.PoolCache;

import java.nio.ByteOrder;

/**
 * The announcement a VM makes where it arrives (what Hyper-V's guest does after a live migration so
 * that switches re-learn where its MAC lives): a gratuitous ARP request, broadcast, sender and target
 * protocol address both the VM's own. Also recognises ARP frames, which a guest's or peer's network
 * stack consumes before the application sees traffic.
 * <p>
 * Stateless; called on the thread that owns the cache.
 */
final class GratuitousArp
{
    static final int ETHERTYPE_ARP = 0x0806;

    private GratuitousArp()
    {
    }

    /** @return a packet descriptor of a new gratuitous ARP from {@code mac}/{@code ipv4}, or -1 when the pool is empty. */
    static long build(final PacketPool pool, final PoolCache cache, final long mac, final int ipv4)
    {
        return dev.twinpath.datapath.team.TeamAnnouncement.build(pool, cache, mac, ipv4);
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
