package dev.twinpath.vswitch;

import dev.twinpath.packet.codec.EthernetFrames;
import dev.twinpath.packet.pool.PacketDescriptor;
import dev.twinpath.packet.pool.PacketPool;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;

/**
 * Stage 1, classify: reads what the later stages decide on straight from packet memory: MACs, the
 * outer VLAN tag and, when some port has an ACL, the IP addresses, protocol and TCP/UDP ports. It
 * validates only what it reads (a frame shorter than an Ethernet header, or an IP header cut short,
 * is dropped as {@link DropCause#MALFORMED}); checksums are not the switch's business. IPv6
 * extension headers are not walked: the protocol is the first next-header value and there are no
 * ports (an ACL on TCP/UDP ports then does not match). Markers get their target as verdict.
 * <p>
 * Stateless apart from its settings; allocation-free; runs on the thread of the classify stage.
 */
final class ClassifyStage
{
    private static final ByteOrder NETWORK = ByteOrder.BIG_ENDIAN;
    private static final int ETHERNET_HEADER = 14;

    private final PacketPool pool;
    private final UnsafeBuffer memory;

    ClassifyStage(final PacketPool pool)
    {
        this.pool = pool;
        this.memory = pool.buffer();
    }

    void onBurst(final SwitchBurst burst, final boolean needL3)
    {
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
            final int length = PacketDescriptor.length(d);
            if (length < ETHERNET_HEADER)
            {
                burst.drop(i, DropCause.MALFORMED);
                continue;
            }
            final int at = pool.dataOffset(PacketDescriptor.handle(d));
            burst.dstMac[i] = EthernetFrames.dstMac(memory, at);
            burst.srcMac[i] = EthernetFrames.srcMac(memory, at);
            final int outer = EthernetFrames.outerVlan(memory, at, length);
            burst.tag[i] = outer == EthernetFrames.UNTAGGED ? SwitchBurst.NO_TAG : outer;
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

    /** @return false when an IP header is cut short. */
    private boolean readL3(final SwitchBurst burst, final int i, final int at, final int length)
    {
        final int end = at + length;
        int l3 = at + ETHERNET_HEADER;
        int type = memory.getShort(at + 12, NETWORK) & 0xFFFF;
        while ((type == 0x8100 || type == 0x88A8) && l3 + 4 <= end)
        {
            type = memory.getShort(l3 + 2, NETWORK) & 0xFFFF;
            l3 += 4;
        }
        if (type == 0x0800)
        {
            if (l3 + 20 > end)
            {
                return false;
            }
            final int ihl = (memory.getByte(l3) & 0x0F) * 4;
            if (ihl < 20 || l3 + ihl > end)
            {
                return false;
            }
            final int proto = memory.getByte(l3 + 9) & 0xFF;
            burst.ipVersion[i] = 4;
            burst.protocol[i] = proto;
            burst.srcHi[i] = 0;
            burst.dstHi[i] = 0;
            burst.srcLo[i] = memory.getInt(l3 + 12, NETWORK) & 0xFFFF_FFFFL;
            burst.dstLo[i] = memory.getInt(l3 + 16, NETWORK) & 0xFFFF_FFFFL;
            final boolean fragment = (memory.getShort(l3 + 6, NETWORK) & 0x3FFF) != 0;
            readPorts(burst, i, proto, !fragment, l3 + ihl, end);
            return true;
        }
        if (type == 0x86DD)
        {
            if (l3 + 40 > end)
            {
                return false;
            }
            final int next = memory.getByte(l3 + 6) & 0xFF;
            burst.ipVersion[i] = 6;
            burst.protocol[i] = next;
            burst.srcHi[i] = memory.getLong(l3 + 8, NETWORK);
            burst.srcLo[i] = memory.getLong(l3 + 16, NETWORK);
            burst.dstHi[i] = memory.getLong(l3 + 24, NETWORK);
            burst.dstLo[i] = memory.getLong(l3 + 32, NETWORK);
            readPorts(burst, i, next, true, l3 + 40, end);
            return true;
        }
        return true;
    }

    private void readPorts(
        final SwitchBurst burst, final int i, final int proto, final boolean first, final int l4, final int end)
    {
        if (first && (proto == 6 || proto == 17) && l4 + 4 <= end)
        {
            final int ports = memory.getInt(l4, NETWORK);
            burst.srcPort[i] = ports >>> 16;
            burst.dstPort[i] = ports & 0xFFFF;
        }
    }
}
