package dev.twinpath.datapath.host;

import dev.twinpath.packet.pool.PacketDescriptor;
import dev.twinpath.vmbus.VmBusEndpoint;
import dev.twinpath.vswitch.PortLink;

/**
 * The host side of a VM adapter's VMBus channel as a switch port. Markers the guest sends (ends of TX
 * epochs on the synthetic path) are addressed to the uplink here, so the switch carries them, in
 * order with the guest's packets, to the {@link NicUplinkLink} that turns them into TX fences.
 * <p>
 * Called on the switch's thread only.
 */
public final class AdapterPortLink implements PortLink
{
    private final VmBusEndpoint host;
    private final int uplinkPortId;

    public AdapterPortLink(final VmBusEndpoint host, final int uplinkPortId)
    {
        this.host = host;
        this.uplinkPortId = uplinkPortId;
    }

    @Override
    public int receive(final long[] into, final int offset, final int max)
    {
        final int n = host.receiveBurst(into, offset, max);
        for (int i = offset; i < offset + n; i++)
        {
            if (PacketDescriptor.isMarker(into[i]))
            {
                into[i] = PacketDescriptor.withPort(into[i], uplinkPortId);
            }
        }
        return n;
    }

    @Override
    public int transmit(final long[] descriptors, final int offset, final int count)
    {
        return host.sendBurst(descriptors, offset, count);
    }

    @Override
    public String name()
    {
        return host.name();
    }
}
