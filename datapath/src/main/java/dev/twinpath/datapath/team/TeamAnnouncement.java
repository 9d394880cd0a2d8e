package dev.twinpath.datapath.team;

import dev.twinpath.packet.pool.PacketDescriptor;
import dev.twinpath.packet.pool.PacketPool;
import dev.twinpath.packet.pool.PoolCache;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;

/**
 * The gratuitous ARP a team sends on the member it now receives on, so that the switches between it and
 * its peers re-learn where the team's MAC lives: an ARP request, broadcast, Ethernet source and sender
 * hardware address the team's MAC, sender and target protocol address both the team's IPv4 address.
 * <p>
 * Stateless; called on the thread that owns the cache (the team's guest thread).
 */
public final class TeamAnnouncement
{
    /** EtherType of ARP. */
    public static final int ETHERTYPE_ARP = 0x0806;
    /** Length of the frame (the Ethernet minimum without FCS). */
    public static final int FRAME_LENGTH = 60;

    private TeamAnnouncement()
    {
    }

    /**
     * @return a packet descriptor of a new gratuitous ARP from {@code mac}/{@code ipv4} in a buffer of
     * {@code pool}, or -1 when the cache and the pool have no free buffer.
     */
    public static long build(final PacketPool pool, final PoolCache cache, final long mac, final int ipv4)
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

    /** @return true when {@code descriptor} is a packet holding an untagged gratuitous ARP (sender IP = target IP). */
    public static boolean isGratuitousArp(final PacketPool pool, final long descriptor)
    {
        if (!PacketDescriptor.isPacket(descriptor) || PacketDescriptor.length(descriptor) < 42)
        {
            return false;
        }
        final UnsafeBuffer b = pool.buffer();
        final int at = pool.dataOffset(PacketDescriptor.handle(descriptor));
        return (b.getShort(at + 12, ByteOrder.BIG_ENDIAN) & 0xFFFF) == ETHERTYPE_ARP &&
            b.getInt(at + 28, ByteOrder.BIG_ENDIAN) == b.getInt(at + 38, ByteOrder.BIG_ENDIAN);
    }

    /** @return the sender hardware address of the ARP frame of {@code descriptor}. */
    public static long senderMac(final PacketPool pool, final long descriptor)
    {
        final int at = pool.dataOffset(PacketDescriptor.handle(descriptor));
        return pool.buffer().getLong(at + 20, ByteOrder.BIG_ENDIAN) & 0xFFFF_FFFF_FFFFL;
    }

    static void putMac(final UnsafeBuffer b, final int at, final long mac)
    {
        b.putInt(at, (int)(mac >>> 16), ByteOrder.BIG_ENDIAN);
        b.putShort(at + 4, (short)mac, ByteOrder.BIG_ENDIAN);
    }
}
