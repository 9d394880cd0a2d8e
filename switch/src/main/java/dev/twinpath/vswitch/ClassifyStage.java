package dev.twinpath.vswitch;

import dev.twinpath.packet.codec.FrameBytes;
import dev.twinpath.packet.pool.PacketDescriptor;
import dev.twinpath.packet.pool.PacketPool;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Stage 1, classify: reads what the later stages decide on straight from packet memory: MACs, the
 * outer VLAN tag and, when some port has an ACL, the IP addresses, protocol and TCP/UDP ports. It
 * validates only what it reads (a descriptor naming no slot of the pool or longer than its data room,
 * a frame shorter than an Ethernet header, or an IP header cut short, is dropped as
 * {@link DropCause#MALFORMED}); checksums are not the switch's business. IPv6
 * extension headers are not walked: the protocol is the first next-header value and there are no
 * ports (an ACL on TCP/UDP ports then does not match). Markers get their target as verdict.
 * <p>
 * Stateless apart from its settings; allocation-free; runs on the thread of the classify stage.
 */
final class ClassifyStage
{
    private static final int ETHERNET_HEADER = 14;

    /** {@link #frameAddress}: not a packet descriptor of this pool (its handle names nothing to free). */
    private static final long INVALID = -2;
    /** {@link #frameAddress}: a slot of the pool, but the length does not fit it or an Ethernet header. */
    private static final long MALFORMED = -1;

    private final PacketPool pool;
    private final byte[] array;
    private final long base;
    private final int slots;
    private final int dataRoom;
    /** Keeps {@link #touchHeaders}' loads from being removed as dead code. */
    long sink;

    ClassifyStage(final PacketPool pool)
    {
        final UnsafeBuffer memory = pool.buffer();
        this.pool = pool;
        this.array = memory.byteArray();
        this.base = memory.addressOffset();
        this.slots = pool.capacity();
        this.dataRoom = pool.dataRoom();
    }

    /**
     * A descriptor names a slot of the pool and a length within its data room, or the frame is
     * malformed; a descriptor of another kind, or naming no slot, is invalid. This is the one check per frame: every read below stays inside that slot (a data
     * room is at least 64 bytes), so fields are read with {@link FrameBytes}' plain loads.
     */
    private long frameAddress(final long d)
    {
        final int handle = PacketDescriptor.handle(d);
        final int length = PacketDescriptor.length(d);
        if (!PacketDescriptor.isPacket(d) || handle >= slots)
        {
            return INVALID;
        }
        if (length > dataRoom || length < ETHERNET_HEADER)
        {
            return MALFORMED;
        }
        return base + pool.dataOffset(handle);
    }

    void onBurst(final SwitchBurst burst, final boolean needL3)
    {
        touchHeaders(burst);
        for (int i = 0, n = burst.count; i < n; i++)
        {
            final long d = burst.descriptors[i];
            if (PacketDescriptor.isMarker(d))
            {
                final int target = PacketDescriptor.port(d);
                burst.verdict[i] = target == PacketDescriptor.MAX_PORT ? SwitchBurst.ALL_PORTS : target;
                continue;
            }
            burst.verdict[i] = 0;
            final long at = burst.address[i]; // checked by touchHeaders
            if (at < 0)
            {
                burst.drop(i, at == INVALID ? DropCause.INVALID_DESCRIPTOR : DropCause.MALFORMED);
                continue;
            }
            final int length = PacketDescriptor.length(d);
            final long w0 = FrameBytes.u64(array, at);     // destination MAC, first 2 bytes of the source
            final long w1 = FrameBytes.u64(array, at + 8); // rest of the source, EtherType/TPID, TCI or payload
            burst.dstMac[i] = w0 >>> 16;
            burst.srcMac[i] = (w0 & 0xFFFF) << 32 | w1 >>> 32;
            final int type = (int)(w1 >>> 16) & 0xFFFF;
            burst.tag[i] = (type == 0x8100 || type == 0x88A8) && length >= 18 ? (int)w1 & 0x0FFF : SwitchBurst.NO_TAG;
            burst.ipVersion[i] = 0;
            burst.protocol[i] = -1;
            burst.srcPort[i] = -1;
            burst.dstPort[i] = -1;
            if (needL3 && !readL3(burst, i, at, length))
            {
                burst.drop(i, DropCause.MALFORMED);
            }
        }
    }

    /**
     * Check every descriptor of the burst ({@link #frameAddress}, kept in {@code burst.address}) and
     * read the first word of every frame before classifying any: the loads do not depend
     * on each other, so the CPU overlaps their cache misses (the frames were last written by the
     * sender's core) instead of taking them one after the other inside the classify loop. Java has
     * no prefetch instruction; this is the portable equivalent.
     */
    private void touchHeaders(final SwitchBurst burst)
    {
        long touched = 0;
        for (int i = 0, n = burst.count; i < n; i++)
        {
            final long d = burst.descriptors[i];
            final long at = PacketDescriptor.isMarker(d) ? -1 : frameAddress(d);
            burst.address[i] = at;
            if (at >= 0)
            {
                touched ^= FrameBytes.load(array, at);
            }
        }
        sink = touched;
    }

    /** @return false when an IP header is cut short. All reads stay inside [at, at + length). */
    private boolean readL3(final SwitchBurst burst, final int i, final long at, final int length)
    {
        final long end = at + length;
        long l3 = at + ETHERNET_HEADER;
        int type = FrameBytes.u16(array, at + 12);
        while ((type == 0x8100 || type == 0x88A8) && l3 + 4 <= end)
        {
            type = FrameBytes.u16(array, l3 + 2);
            l3 += 4;
        }
        if (type == 0x0800)
        {
            if (l3 + 20 > end)
            {
                return false;
            }
            final int ihl = (FrameBytes.u8(array, l3) & 0x0F) * 4;
            if (ihl < 20 || l3 + ihl > end)
            {
                return false;
            }
            final int proto = FrameBytes.u8(array, l3 + 9);
            burst.ipVersion[i] = 4;
            burst.protocol[i] = proto;
            burst.srcHi[i] = 0;
            burst.dstHi[i] = 0;
            burst.srcLo[i] = FrameBytes.u32(array, l3 + 12) & 0xFFFF_FFFFL;
            burst.dstLo[i] = FrameBytes.u32(array, l3 + 16) & 0xFFFF_FFFFL;
            final boolean fragment = (FrameBytes.u16(array, l3 + 6) & 0x1FFF) != 0; // a first fragment (offset 0) has the ports
            readPorts(burst, i, proto, !fragment, l3 + ihl, end);
            return true;
        }
        if (type == 0x86DD)
        {
            if (l3 + 40 > end)
            {
                return false;
            }
            final int next = FrameBytes.u8(array, l3 + 6);
            burst.ipVersion[i] = 6;
            burst.protocol[i] = next;
            burst.srcHi[i] = FrameBytes.u64(array, l3 + 8);
            burst.srcLo[i] = FrameBytes.u64(array, l3 + 16);
            burst.dstHi[i] = FrameBytes.u64(array, l3 + 24);
            burst.dstLo[i] = FrameBytes.u64(array, l3 + 32);
            readPorts(burst, i, next, true, l3 + 40, end);
            return true;
        }
        return true;
    }

    private void readPorts(
        final SwitchBurst burst, final int i, final int proto, final boolean first, final long l4, final long end)
    {
        if (first && (proto == 6 || proto == 17) && l4 + 4 <= end)
        {
            final int ports = FrameBytes.u32(array, l4);
            burst.srcPort[i] = ports >>> 16;
            burst.dstPort[i] = ports & 0xFFFF;
        }
    }
}
