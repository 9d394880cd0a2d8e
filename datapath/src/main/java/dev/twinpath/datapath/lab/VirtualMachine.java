package dev.twinpath.datapath.lab;

import dev.twinpath.datapath.NetVscAdapter;
import dev.twinpath.datapath.host.IovPortController;
import dev.twinpath.vmbus.VmBusChannel;
import dev.twinpath.vswitch.SwitchPort;

/**
 * A VM of a {@link Lab}: its one network adapter (the guest's {@link NetVscAdapter}, the host's
 * {@link IovPortController}, the VMBus channel between them and the switch port behind it, on the
 * {@link Host} it runs on now), and what its application does: a {@link PacketHandler} for what it
 * receives, an optional {@link TrafficSource} for what it sends.
 * <p>
 * A live migration pauses the guest, moves the adapter to another host (a new channel, port and
 * controller; the adapter's counters carried) and resumes it; the handlers stay.
 * <p>
 * Handlers are set from any thread (volatile); they run on the guest-side thread. The placement
 * (attachment, adapter) is changed by the control thread only while the guest is paused, and read by
 * the guest thread through volatile fields.
 */
public final class VirtualMachine
{
    /** The guest runs. */
    static final int RUNNING = 0;
    /** The control thread asked the guest to stop: it sends its TX end marker, drains what it was sent, then pauses. */
    static final int PAUSE_REQUESTED = 1;
    /** The guest is stopped (live migration blackout). */
    static final int PAUSED = 2;
    /** The control thread moved the guest: it announces itself (gratuitous ARP) and runs. */
    static final int RESUME_REQUESTED = 3;

    private final String name;
    private final int index;
    private final long mac;
    private volatile Host.Attachment attachment;
    private volatile NetVscAdapter adapter;
    private volatile FlowSteering flows;
    private volatile PacketHandler receiveHandler;
    private volatile TrafficSource transmitSource;
    private volatile int runState = RUNNING;
    private volatile long pauseMarkerEpoch;
    private volatile long announcements;
    private volatile boolean migrating;
    private final dev.twinpath.datapath.hyperv.AdapterIovSettings iovSettings;

    VirtualMachine(final String name, final int index, final long mac, final PacketHandler defaultHandler,
        final dev.twinpath.datapath.hyperv.AdapterIovSettings iovSettings)
    {
        this.iovSettings = iovSettings;
        this.name = name;
        this.index = index;
        this.mac = mac;
        this.receiveHandler = defaultHandler;
    }

    void place(final Host.Attachment attachment, final NetVscAdapter adapter, final FlowSteering flows)
    {
        this.attachment = attachment;
        this.adapter = adapter;
        this.flows = flows;
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

    /** @return the host the VM runs on now. */
    public Host location()
    {
        return attachment.host();
    }

    public NetVscAdapter adapter()
    {
        return adapter;
    }

    /** @return the host side of the adapter's SR-IOV, on the host it runs on now. */
    public IovPortController host()
    {
        return attachment.controller();
    }

    public SwitchPort switchPort()
    {
        return attachment.port();
    }

    Host.Attachment attachment()
    {
        return attachment;
    }

    /** @return per-flow steering of this VM's adapter. */
    public FlowSteering flows()
    {
        return flows;
    }

    public VmBusChannel channel()
    {
        return attachment.channel();
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

    /** @return gratuitous ARP announcements the guest sent (one per arrival on a host). */
    public long announcements()
    {
        return announcements;
    }

    void announced()
    {
        announcements = announcements + 1; // guest thread only
    }

    int runState()
    {
        return runState;
    }

    long pauseMarkerEpoch()
    {
        return pauseMarkerEpoch;
    }

    /** Control thread: ask the guest to stop after putting an end marker of {@code epoch} behind its TX. */
    void requestPause(final long markerEpoch)
    {
        pauseMarkerEpoch = markerEpoch;
        runState = PAUSE_REQUESTED; // release: the epoch is visible with the request
    }

    /** Guest thread: stopped. */
    void paused()
    {
        runState = PAUSED;
    }

    /** Control thread: the guest was moved; let it announce itself and run. */
    void requestResume()
    {
        runState = RESUME_REQUESTED;
    }

    /** Guest thread: running again. */
    void resumed()
    {
        runState = RUNNING;
    }

    /** @return the adapter's IOV settings (IovWeight, IovQueuePairsRequested); they move with the VM. */
    public dev.twinpath.datapath.hyperv.AdapterIovSettings iovSettings()
    {
        return iovSettings;
    }

    /** @return true while a live migration moves the VM (schedules leave its VF alone). */
    public boolean isMigrating()
    {
        return migrating;
    }

    void migrating(final boolean moving)
    {
        migrating = moving;
    }

    /** @return true while the guest is stopped. */
    public boolean isPaused()
    {
        return runState == PAUSED;
    }

    @Override
    public String toString()
    {
        final NetVscAdapter a = adapter;
        return name + " on " + location().name() + " (" + a.name() + ", " + a.state() + ")";
    }
}
