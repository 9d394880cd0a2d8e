package dev.twinpath.datapath.lab;

import dev.twinpath.packet.pool.PacketDescriptor;
import dev.twinpath.packet.pool.PacketPool;
import dev.twinpath.packet.pool.PoolCache;
import org.agrona.concurrent.UnsafeBuffer;

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
    static final int FRAME_LENGTH = 60;

    private GratuitousArp()
    {
    }

    /** @return a packet descriptor of a new gratuitous ARP from {@code mac}/{@code ipv4}, or -1 when the pool is empty. */
    static long build(final PacketPool pool, final PoolCache cache, final long mac, final int ipv4)
    {
        final int handle = cache.allocate();
        if (handle < 0)
        {
            return -1;
        }
        final UnsafeBuffer b = pool.buffer();
        final int at = pool.dataOffset(handle);
        b.setMemory(at, FRAME_LENGTH, (byte)0);
        putMac(b, at, 0xFFFF_FFFF_FFFFL);
        putMac(b, at + 6, mac);
        b.putShort(at + 12, (short)ETHERTYPE_ARP, ByteOrder.BIG_ENDIAN);
        b.putShort(at + 14, (short)1, ByteOrder.BIG_ENDIAN);       // hardware: Ethernet
        b.putShort(at + 16, (short)0x0800, ByteOrder.BIG_ENDIAN);  // protocol: IPv4
        b.putByte(at + 18, (byte)6);
        b.putByte(at + 19, (byte)4);
        b.putShort(at + 20, (short)1, ByteOrder.BIG_ENDIAN);       // request
        putMac(b, at + 22, mac);
        b.putInt(at + 28, ipv4, ByteOrder.BIG_ENDIAN);
        b.putInt(at + 38, ipv4, ByteOrder.BIG_ENDIAN);             // target = sender: gratuitous
        return PacketDescriptor.packet(handle, FRAME_LENGTH, 0);
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

    private static void putMac(final UnsafeBuffer b, final int at, final long mac)
    {
        b.putInt(at, (int)(mac >>> 16), ByteOrder.BIG_ENDIAN);
        b.putShort(at + 4, (short)mac, ByteOrder.BIG_ENDIAN);
    }
}
