package dev.twinpath.vswitch;

import dev.twinpath.packet.codec.EthernetFrames;
import dev.twinpath.packet.pool.PacketDescriptor;
import dev.twinpath.vswitch.table.MacTable;

/**
 * Stage 3, forward: learns each admitted frame's source (MAC, VLAN) on its ingress port, then looks
 * up the destination: a group address or an unknown unicast floods the VLAN, a known one goes to its
 * port, and a destination learned on the ingress port itself is dropped ({@link DropCause#LOOPBACK}).
 * <p>
 * Owns the {@link MacTable}; allocation-free; runs on the thread of the forward stage.
 */
final class ForwardStage
{
    private final MacTable table;

    ForwardStage(final MacTable table)
    {
        this.table = table;
    }

    void onBurst(final SwitchBurst burst, final long nowNanos)
    {
        final int ingress = burst.ingressPort;
        // A burst comes from one port and usually carries few distinct addresses: learning the same
        // source again at the same instant, or looking up the same destination again, changes and
        // answers nothing new (a source equal to the destination is not cached).
        long learnedKey = -1;
        long lookedUpKey = -1;
        int lookedUpPort = MacTable.MISS;
        for (int i = 0, n = burst.count; i < n; i++)
        {
            if (burst.verdict[i] < 0 || PacketDescriptor.isMarker(burst.descriptors[i]))
            {
                continue;
            }
            final int vlan = burst.vlan[i];
            final long src = burst.srcMac[i];
            final long srcKey = (long)vlan << 48 | src;
            if (srcKey != learnedKey)
            {
                table.learn(src, vlan, ingress, nowNanos);
                learnedKey = srcKey;
                lookedUpKey = -1;
            }
            final long dst = burst.dstMac[i];
            if (EthernetFrames.isGroup(dst))
            {
                burst.verdict[i] = SwitchBurst.FLOOD;
                continue;
            }
            final long dstKey = (long)vlan << 48 | dst;
            final int port;
            if (dstKey == lookedUpKey)
            {
                port = lookedUpPort;
            }
            else
            {
                port = table.lookup(dst, vlan, nowNanos);
                lookedUpKey = dst == src ? -1 : dstKey;
                lookedUpPort = port;
            }
            if (port == MacTable.MISS)
            {
                burst.verdict[i] = SwitchBurst.FLOOD;
            }
            else if (port == ingress)
            {
                burst.drop(i, DropCause.LOOPBACK);
            }
            else
            {
                burst.verdict[i] = port;
            }
        }
    }
}
