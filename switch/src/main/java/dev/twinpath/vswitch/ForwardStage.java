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
        for (int i = 0, n = burst.count; i < n; i++)
        {
            if (burst.verdict[i] < 0 || PacketDescriptor.isMarker(burst.descriptors[i]))
            {
                continue;
            }
            final int vlan = burst.vlan[i];
            table.learn(burst.srcMac[i], vlan, ingress, nowNanos);
            final long dst = burst.dstMac[i];
            if (EthernetFrames.isGroup(dst))
            {
                burst.verdict[i] = SwitchBurst.FLOOD;
                continue;
            }
            final int port = table.lookup(dst, vlan, nowNanos);
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
