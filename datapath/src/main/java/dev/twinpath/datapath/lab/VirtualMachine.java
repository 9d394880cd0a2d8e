package dev.twinpath.datapath.lab;

import dev.twinpath.datapath.NetVscAdapter;
import dev.twinpath.datapath.host.IovPortController;
import dev.twinpath.vmbus.VmBusChannel;
import dev.twinpath.vswitch.SwitchPort;

/**
 * A VM of a {@link Lab}: its one network adapter (the guest's {@link NetVscAdapter}, the host's
 * {@link IovPortController}, the VMBus channel between them and the switch port behind it), and what
 * its application does: a {@link PacketHandler} for what it receives, an optional
 * {@link TrafficSource} for what it sends.
 * <p>
 * Handlers are set from any thread (volatile); they run on the guest-side thread.
 */
public final class VirtualMachine
{
    private final String name;
    private final int index;
    private final long mac;
    private final VmBusChannel channel;
    private final SwitchPort port;
    private final NetVscAdapter adapter;
    private final IovPortController host;
    private final FlowSteering flows;
    private volatile PacketHandler receiveHandler;
    private volatile TrafficSource transmitSource;

    VirtualMachine(
        final String name,
        final int index,
        final long mac,
        final VmBusChannel channel,
        final SwitchPort port,
        final NetVscAdapter adapter,
        final IovPortController host,
        final PacketHandler defaultHandler,
        final FlowSteering flows)
    {
        this.flows = flows;
        this.name = name;
        this.index = index;
        this.mac = mac;
        this.channel = channel;
        this.port = port;
        this.adapter = adapter;
        this.host = host;
        this.receiveHandler = defaultHandler;
    }

    public String name()
    {
        return name;
    }

    public int index()
    {
        return index;
    }

    public long mac()
    {
        return mac;
    }

    public NetVscAdapter adapter()
    {
        return adapter;
    }

    public IovPortController host()
    {
        return host;
    }

    public SwitchPort switchPort()
    {
        return port;
    }

    /** @return per-flow steering of this VM's adapter. */
    public FlowSteering flows()
    {
        return flows;
    }

    public VmBusChannel channel()
    {
        return channel;
    }

    public PacketHandler receiveHandler()
    {
        return receiveHandler;
    }

    /** What the guest application does with received packets (it must free them). */
    public VirtualMachine onReceive(final PacketHandler handler)
    {
        this.receiveHandler = handler;
        return this;
    }

    public TrafficSource transmitSource()
    {
        return transmitSource;
    }

    /** What the guest application sends (null: nothing). */
    public VirtualMachine transmit(final TrafficSource source)
    {
        this.transmitSource = source;
        return this;
    }

    @Override
    public String toString()
    {
        return name + " (" + adapter.name() + ", " + adapter.state() + ")";
    }
}
