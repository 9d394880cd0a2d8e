package dev.twinpath.vswitch;

import dev.twinpath.packet.codec.EthernetFrames;
import dev.twinpath.packet.pool.PacketDescriptor;
import dev.twinpath.vswitch.acl.AclDirection;
import dev.twinpath.vswitch.acl.PortAcl;

/**
 * Stage 2, policy, for the port the burst came in on: the source MAC must be a station address, the
 * MAC spoofing guard (an adapter may only send with its own MAC unless spoofing is on), the port's
 * VLAN mode maps the frame to a switch VLAN or refuses it, and the port's outbound ACL rules.
 * Bandwidth limits are not applied here: the ingress agent shapes by not polling a port that is
 * over its rate, so nothing is dropped for rate.
 * <p>
 * Allocation-free; runs on the thread of the policy stage.
 */
final class PolicyStage
{
    private final SwitchPort[] ports;

    PolicyStage(final SwitchPort[] ports)
    {
        this.ports = ports;
    }

    void onBurst(final SwitchBurst burst)
    {
        final SwitchPort port = burst.source;
        if (port.removed) // read before its removal (its slot may even hold a new port now): drop it whole
        {
            for (int i = 0, n = burst.count; i < n; i++)
            {
                if (burst.verdict[i] >= 0 && !PacketDescriptor.isMarker(burst.descriptors[i]))
                {
                    burst.drop(i, DropCause.PORT_REMOVED);
                }
            }
            return;
        }
        final PortPolicy policy = port.policy; // acquire (P)
        final PortAcl acl = policy.acl;
        for (int i = 0, n = burst.count; i < n; i++)
        {
            if (burst.verdict[i] < 0 || PacketDescriptor.isMarker(burst.descriptors[i]))
            {
                continue;
            }
            final long src = burst.srcMac[i];
            if (!EthernetFrames.isUnicastStation(src))
            {
                burst.drop(i, DropCause.INVALID_SOURCE);
                continue;
            }
            if (policy.spoofCheck && src != policy.mac)
            {
                burst.drop(i, DropCause.SPOOFED_SOURCE);
                continue;
            }
            final int vlan = policy.vlan.ingressVlan(burst.tag[i]);
            if (vlan == PortVlan.REFUSED)
            {
                burst.drop(i, DropCause.VLAN_NOT_ALLOWED);
                continue;
            }
            burst.vlan[i] = vlan;
            if (acl != null && !acl.allows(
                AclDirection.OUTBOUND, src, burst.dstMac[i], burst.ipVersion[i],
                burst.srcHi[i], burst.srcLo[i], burst.dstHi[i], burst.dstLo[i],
                burst.protocol[i], burst.srcPort[i], burst.dstPort[i]))
            {
                burst.drop(i, DropCause.ACL_DENIED_OUTBOUND);
            }
        }
    }
}
