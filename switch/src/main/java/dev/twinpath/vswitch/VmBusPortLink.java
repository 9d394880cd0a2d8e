package dev.twinpath.vswitch;

import dev.twinpath.vmbus.VmBusEndpoint;

/**
 * A VM adapter's (or host virtual NIC's) port link: the host side of its VMBus channel. Frames the
 * guest sent come in on the guest-to-host ring; the switch delivers on the host-to-guest ring.
 * <p>
 * Threading: the switch thread (see {@link PortLink}).
 */
public final class VmBusPortLink implements PortLink
{
    private final VmBusEndpoint host;

    public VmBusPortLink(final VmBusEndpoint host)
    {
        this.host = host;
    }

    @Override
    public int receive(final long[] into, final int offset, final int max)
    {
        return host.receiveBurst(into, offset, max);
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
