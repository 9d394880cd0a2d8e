package dev.twinpath.datapath.lab;

import dev.twinpath.datapath.NetVscAdapter;
import dev.twinpath.datapath.hyperv.AdapterIovSettings;

/**
 * One network adapter of a {@link VirtualMachine}: its name in the guest ({@code eth0}), MAC, IOV
 * settings (they move with the VM), the NIC of the host it is connected to, and what it is made of
 * there now: the guest's {@link NetVscAdapter}, its per-flow steering, and the host side
 * ({@link HostNic.Attachment}: VMBus channel, switch port, IOV controller).
 * <p>
 * The placement is changed by the control thread only while the guest is paused (or before it runs)
 * and read by the guest thread through volatile fields.
 */
public final class VmAdapter
{
    private final VirtualMachine vm;
    private final String name;
    private final int slot;
    private final int steeringIndex;
    private final long mac;
    private final int nicIndex;
    private final AdapterIovSettings iovSettings;
    private final boolean teamed;
    private volatile HostNic.Attachment attachment;
    private volatile NetVscAdapter adapter;
    private volatile FlowSteering flows;

    VmAdapter(final VirtualMachine vm, final String name, final int slot, final int steeringIndex, final long mac,
        final int nicIndex, final AdapterIovSettings iovSettings, final boolean teamed)
    {
        this.teamed = teamed;
        this.vm = vm;
        this.name = name;
        this.slot = slot;
        this.steeringIndex = steeringIndex;
        this.mac = mac;
        this.nicIndex = nicIndex;
        this.iovSettings = iovSettings;
    }

    private volatile dev.twinpath.datapath.steer.RxTap rxTap;

    void place(final HostNic.Attachment attachment, final NetVscAdapter adapter, final FlowSteering flows)
    {
        adapter.rxTap(rxTap); // before the volatile write below publishes the adapter to the guest thread
        this.attachment = attachment;
        this.adapter = adapter;
        this.flows = flows;
    }

    /**
     * Show every descriptor this adapter's RX reads (each path, each queue, before hold-back) to {@code tap}, here and
     * on every host the VM migrates to. Control thread, before the lab starts.
     */
    public void rxTap(final dev.twinpath.datapath.steer.RxTap tap)
    {
        this.rxTap = tap;
        final NetVscAdapter current = adapter;
        if (current != null)
        {
            current.rxTap(tap);
        }
    }

    public VirtualMachine vm()
    {
        return vm;
    }

    /** @return the adapter's name in the guest, e.g. {@code eth0}. */
    public String name()
    {
        return name;
    }

    /** @return {@code vm1/eth0}. */
    public String fullName()
    {
        return vm.name() + "/" + name;
    }

    /** @return its position among the VM's adapters (0 for the first). */
    public int slot()
    {
        return slot;
    }

    /** @return the lab-wide index its steering epochs carry. */
    public int steeringIndex()
    {
        return steeringIndex;
    }

    public long mac()
    {
        return mac;
    }

    /** @return which NIC of its host the adapter's switch is bound to. */
    public int nicIndex()
    {
        return nicIndex;
    }

    /** @return true when the guest teams this adapter with others. */
    public boolean teamed()
    {
        return teamed;
    }

    public AdapterIovSettings iovSettings()
    {
        return iovSettings;
    }

    public NetVscAdapter adapter()
    {
        return adapter;
    }

    public FlowSteering flows()
    {
        return flows;
    }

    public HostNic.Attachment attachment()
    {
        return attachment;
    }

    @Override
    public String toString()
    {
        final NetVscAdapter a = adapter;
        return fullName() + " (" + (a == null ? "-" : a.state()) + ")";
    }
}
