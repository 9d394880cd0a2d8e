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
    private final java.util.List<VmAdapter> adapters = new java.util.ArrayList<>();
    private volatile dev.twinpath.datapath.team.NicTeam team;
    private volatile PacketHandler receiveHandler;
    private volatile TrafficSource transmitSource;
    private volatile int runState = RUNNING;
    private static final java.lang.invoke.VarHandle RUN_STATE;

    static
    {
        try
        {
            RUN_STATE = java.lang.invoke.MethodHandles.lookup().findVarHandle(VirtualMachine.class, "runState", int.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }
    private volatile long pauseMarkerEpoch;
    private volatile long announcements;
    private volatile boolean migrating;
    private volatile long stalledUntilNanos; // 0: not stalled; written by the control thread (LabFaults)
    VirtualMachine(final String name, final int index, final long mac, final PacketHandler defaultHandler)
    {
        this.name = name;
        this.index = index;
        this.mac = mac;
        this.receiveHandler = defaultHandler;
    }

    /** Add a network adapter (before the lab runs). */
    VmAdapter addAdapter(final String adapterName, final int steeringIndex, final long adapterMac, final int nicIndex,
        final dev.twinpath.datapath.hyperv.AdapterIovSettings iovSettings, final boolean teamed)
    {
        final VmAdapter a = new VmAdapter(this, adapterName, adapters.size(), steeringIndex, adapterMac, nicIndex, iovSettings,
            teamed);
        adapters.add(a);
        return a;
    }

    /** @return the VM's network adapters, the first being the one the single-adapter accessors use. */
    public java.util.List<VmAdapter> adapters()
    {
        return java.util.List.copyOf(adapters);
    }

    /** @return the adapter named {@code adapterName} (e.g. eth1). @throws IllegalArgumentException naming those there are. */
    public VmAdapter adapter(final String adapterName)
    {
        for (final VmAdapter a : adapters)
        {
            if (a.name().equals(adapterName))
            {
                return a;
            }
        }
        throw new IllegalArgumentException(name + " has no adapter '" + adapterName + "'; adapters: " +
            adapters.stream().map(VmAdapter::name).toList());
    }

    void team(final dev.twinpath.datapath.team.NicTeam nicTeam)
    {
        this.team = nicTeam;
    }

    /** @return the guest's NIC team over its adapters, or null (one adapter, used directly). */
    public dev.twinpath.datapath.team.NicTeam team()
    {
        return team;
    }

    private VmAdapter first()
    {
        return adapters.get(0);
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
        return first().attachment().host();
    }

    /** @return the first adapter's guest side. */
    public NetVscAdapter adapter()
    {
        return first().adapter();
    }

    /** @return the host side of the adapter's SR-IOV, on the host it runs on now. */
    public IovPortController host()
    {
        return first().attachment().controller();
    }

    public SwitchPort switchPort()
    {
        return first().attachment().port();
    }

    HostNic.Attachment attachment()
    {
        return first().attachment();
    }

    /** @return per-flow steering of this VM's adapter. */
    public FlowSteering flows()
    {
        return first().flows();
    }

    public VmBusChannel channel()
    {
        return first().attachment().channel();
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

    /**
     * Guest thread: stopped, unless the control thread asked for a resume meanwhile (a migration that gave up
     * while the guest was pausing): a compare-and-set, so that request is never overwritten.
     */
    void paused()
    {
        RUN_STATE.compareAndSet(this, PAUSE_REQUESTED, PAUSED); // volatile CAS: orders like the plain volatile writes
    }

    /** Control thread: the guest was moved; let it announce itself and run. */
    void requestResume()
    {
        runState = RESUME_REQUESTED;
    }

    /** Guest thread: running again, unless a new pause was requested meanwhile (compare-and-set). */
    void resumed()
    {
        RUN_STATE.compareAndSet(this, RESUME_REQUESTED, RUNNING);
    }

    /** @return the adapter's IOV settings (IovWeight, IovQueuePairsRequested); they move with the VM. */
    public dev.twinpath.datapath.hyperv.AdapterIovSettings iovSettings()
    {
        return first().iovSettings();
    }

    /** @return true while a live migration moves the VM (schedules leave its VF alone). */
    /** @return the time until which the guest does not poll (a fault: {@link LabFaults#stallGuest}), or 0. Any thread. */
    public long stalledUntilNanos()
    {
        return stalledUntilNanos;
    }

    void stallUntil(final long nanos)
    {
        stalledUntilNanos = nanos;
    }

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
        return name + " on " + location().name() + " " + adapters;
    }
}
