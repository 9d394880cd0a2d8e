package dev.twinpath.datapath.lab;

import dev.twinpath.datapath.NetVscAdapter;
import dev.twinpath.datapath.NetVscContext;
import dev.twinpath.datapath.SwitchTimes;
import dev.twinpath.datapath.event.EventLog;
import dev.twinpath.datapath.host.AdapterPortLink;
import dev.twinpath.datapath.host.IovHostAgent;
import dev.twinpath.datapath.host.IovPortController;
import dev.twinpath.datapath.host.NicUplinkLink;
import dev.twinpath.datapath.host.VfDirectory;
import dev.twinpath.packet.pool.PacketDescriptor;
import dev.twinpath.packet.pool.PacketPool;
import dev.twinpath.packet.pool.PoolCache;
import dev.twinpath.vf.nic.NicContext;
import dev.twinpath.vf.nic.PhysicalFunction;
import dev.twinpath.vf.nic.SurpriseRemovalReport;
import dev.twinpath.vf.ring.OverflowMode;
import dev.twinpath.vmbus.VmBusChannel;
import dev.twinpath.vswitch.PortSettings;
import dev.twinpath.vswitch.SwitchType;
import dev.twinpath.vswitch.VirtualSwitch;
import dev.twinpath.vswitch.VirtualSwitchContext;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.CompositeAgent;
import org.agrona.concurrent.NanoClock;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A lab in a few lines: one host with an SR-IOV NIC, an IOV-enabled External virtual switch on it,
 * VMs whose NetVSC adapters have both paths, the host at the other end of the wire, and the agents
 * that run them on threads chosen by a {@link ThreadingMode}.
 * <pre>{@code
 * try (Lab lab = new Lab(new LabContext().vms(2).totalVfs(8)))
 * {
 *     lab.vm(0).onReceive((packets, n, now) -> ...);     // the guest application
 *     lab.wireSource(generator);                          // the wire-side traffic
 *     lab.start();
 *     lab.offerVf(lab.vm(0));                             // data moves to the VF
 *     lab.revokeVf(lab.vm(0));                            // and back, losing nothing
 * }
 * }</pre>
 * Threads: build, start, the VF operations and close from one control thread; the agents on theirs.
 */
public final class Lab implements AutoCloseable
{
    private final LabContext context;
    private final NanoClock clock;
    private final PacketPool pool;
    private final PhysicalFunction nic;
    private final NicUplinkLink uplink;
    private final VirtualSwitch vSwitch;
    private final VfDirectory directory = new VfDirectory();
    private final EventLog events;
    private final SwitchTimes switchTimes = new SwitchTimes();
    private final IovHostAgent hostAgent;
    private final WirePeer peer;
    private final List<VirtualMachine> vms = new ArrayList<>();
    private final List<GuestAgent> guests = new ArrayList<>();
    private final PoolCache discardCache;
    private final List<AgentRunner> runners = new ArrayList<>();
    private final AtomicReference<Throwable> firstError = new AtomicReference<>();
    private boolean started;
    private volatile boolean running;
    private Agent[] flat;

    public Lab(final LabContext labContext)
    {
        context = labContext.conclude();
        clock = context.clock();
        pool = new PacketPool(new PacketPool.Context().name("lab").slotCount(context.poolSlots()).dataRoom(context.dataRoom()));
        nic = new PhysicalFunction(new NicContext().name("nic0").pool(pool).totalVfs(context.totalVfs())
            .maxQueuePairs(context.queuePairs()).ringCapacity(context.ringCapacity()).burst(context.burst())
            .overflowMode(OverflowMode.BACKPRESSURE).clock(clock));
        uplink = new NicUplinkLink(nic);
        vSwitch = new VirtualSwitch(new VirtualSwitchContext().name("External").type(SwitchType.EXTERNAL).enableIov(true)
            .pool(pool).uplink(uplink).uplinkName("nic0").lossless(true).nanoClock(clock)
            .errorHandler(this::onError));
        events = new EventLog(context.eventLogCapacity(), clock);
        hostAgent = new IovHostAgent(clock);
        peer = new WirePeer(nic.wireRxRing(), nic.wireTxRing(), clock, context.burst());
        discardCache = pool.newCache();
        peer.handler(this::discard);
        vSwitch.addStaticMac(context.peerMac(), 0, vSwitch.uplink());
        for (int i = 0; i < context.vms(); i++)
        {
            addVm(i);
        }
    }

    private void addVm(final int i)
    {
        final String name = "vm" + (i + 1);
        final long mac = context.vmMacBase() + i;
        final VmBusChannel channel = new VmBusChannel(new VmBusChannel.Context().name(name + "/netvsc"));
        final var port = vSwitch.addVmAdapter(new PortSettings().name(name).macAddress(mac),
            new AdapterPortLink(channel.host(), vSwitch.uplink().id()));
        vSwitch.addStaticMac(mac, 0, port);
        final NetVscContext adapterContext = context.adapterTemplate().copy().name(name + "/eth0").index(i).mac(mac)
            .burst(context.burst());
        final NetVscAdapter adapter = new NetVscAdapter(adapterContext, pool, channel.guest(), directory, uplink,
            events.forSource(name + "/netvsc"), clock, switchTimes);
        final IovPortController host = new IovPortController(name + "/eth0", i, mac, context.queuePairs(), nic,
            pool, directory, channel.host(), port.id(), events.forSource("host/iov"), context.hostTimeoutNanos());
        hostAgent.add(host);
        final VirtualMachine vm = new VirtualMachine(name, i, mac, channel, port, adapter, host, this::discard,
            new FlowSteering(adapter, host, sides));
        vms.add(vm);
        guests.add(new GuestAgent(vm, clock, context.burst()));
    }

    private void discard(final long[] descriptors, final int count, final long nowNanos)
    {
        for (int i = 0; i < count; i++)
        {
            if (PacketDescriptor.isPacket(descriptors[i]))
            {
                discardCache.free(PacketDescriptor.handle(descriptors[i]));
            }
        }
    }

    private void onError(final Throwable error)
    {
        firstError.compareAndSet(null, error);
    }

    // ---------------------------------------------------------------- parts

    public LabContext context()
    {
        return context;
    }

    public PacketPool pool()
    {
        return pool;
    }

    public PhysicalFunction nic()
    {
        return nic;
    }

    public VirtualSwitch virtualSwitch()
    {
        return vSwitch;
    }

    public NicUplinkLink uplink()
    {
        return uplink;
    }

    public EventLog events()
    {
        return events;
    }

    public SwitchTimes switchTimes()
    {
        return switchTimes;
    }

    public List<VirtualMachine> vms()
    {
        return List.copyOf(vms);
    }

    public VirtualMachine vm(final int index)
    {
        return vms.get(index);
    }

    public NanoClock clock()
    {
        return clock;
    }

    /** @return the first error an agent reported, or null. */
    public Throwable firstError()
    {
        return firstError.get();
    }

    /** What the host at the other end of the wire sends (null: nothing). */
    public void wireSource(final TrafficSource source)
    {
        peer.source(source);
    }

    /** What the host at the other end of the wire does with what it receives (it must free it). */
    public void wireHandler(final PacketHandler handler)
    {
        peer.handler(handler == null ? this::discard : handler);
    }

    // ---------------------------------------------------------------- threads

    /** @return the agents by thread, as the threading mode groups them. */
    List<Agent> agentsByThread()
    {
        final List<Agent> host = hostSide();
        final List<Agent> guest = new ArrayList<>(guests);
        final List<Agent> all = new ArrayList<>(host);
        all.addAll(guest);
        return switch (context.threading())
        {
            case ONE -> List.of(new CompositeAgent(all));
            case TWO -> List.of(new CompositeAgent(host), new CompositeAgent(guest));
            case PER_AGENT -> all;
        };
    }

    /**
     * The host side of the lab: the NIC, the switch, the IOV control, and the wire peer, which runs with
     * the NIC (the frames it builds and checks are the NIC's to touch next, and the guests' thread
     * already carries every VM packet: measured, with traffic both ways the guests' thread no longer
     * falls behind).
     */
    private List<Agent> hostSide()
    {
        return List.of(nic.agent(), vSwitch.agent(), hostAgent, peer);
    }

    /** Start the agents. */
    public void start()
    {
        if (started)
        {
            throw new IllegalStateException("lab already started");
        }
        started = true;
        running = true;
        for (final Agent agent : agentsByThread())
        {
            final AgentRunner runner = new AgentRunner(context.idleStrategy().get(), this::onError, null, agent);
            runners.add(runner);
            AgentRunner.startOnThread(runner);
        }
    }

    /** Stop the agents (they finish their current duty cycle). */
    public void stop()
    {
        for (final AgentRunner runner : runners)
        {
            runner.close();
        }
        runners.clear();
        running = false;
    }

    /** Run every agent once on the caller's thread (a lab that was not started). @return work done. */
    public int doWork()
    {
        int work = 0;
        if (flat == null)
        {
            final List<Agent> all = new ArrayList<>(hostSide());
            all.addAll(guests);
            flat = all.toArray(new Agent[0]);
        }
        try
        {
            for (final Agent agent : flat)
            {
                work += agent.doWork();
            }
        }
        catch (final Exception ex)
        {
            onError(ex);
        }
        return work;
    }

    // ---------------------------------------------------------------- operations

    /**
     * Run {@code duty} on the host's thread at every duty cycle (with the NIC, switch and IOV control
     * agents): for control work that must not wake a thread of its own, such as a switch schedule.
     * Its {@code doWork} may call the VMs' {@link IovPortController}s directly.
     */
    public void onHostThread(final IovHostAgent.Duty duty)
    {
        hostAgent.addDuty(duty);
    }

    /** Stop running a duty added by {@link #onHostThread}. */
    public void removeFromHostThread(final IovHostAgent.Duty duty)
    {
        hostAgent.removeDuty(duty);
    }

    /** Offer a VF to {@code vm}'s adapter. @return false when none could be offered (see the event log). */
    public boolean offerVf(final VirtualMachine vm)
    {
        return onHost(() -> vm.host().offer(clock.nanoTime()));
    }

    /** Revoke {@code vm}'s VF (planned): its traffic moves to the synthetic path losing nothing. */
    public boolean revokeVf(final VirtualMachine vm)
    {
        return onHost(() -> vm.host().revoke(clock.nanoTime()));
    }

    /** Make {@code vm}'s VF vanish without notice. @return the NIC's report, or null when it had none. */
    public SurpriseRemovalReport surpriseRemove(final VirtualMachine vm)
    {
        return onHost(() -> vm.host().surpriseRemove(clock.nanoTime()));
    }

    private final FlowSteering.Sides sides = new FlowSteering.Sides()
    {
        @Override
        public <T> T onGuest(final NetVscAdapter adapter, final java.util.function.Supplier<T> command)
        {
            final java.util.concurrent.CompletableFuture<T> future = new java.util.concurrent.CompletableFuture<>();
            if (!adapter.execute(() -> future.complete(command.get())))
            {
                throw new IllegalStateException(adapter.name() + ": command queue full");
            }
            if (!running)
            {
                adapter.doWork();
            }
            return await(future);
        }

        @Override
        public <T> T onHost(final java.util.function.Supplier<T> command)
        {
            return Lab.this.onHost(command);
        }
    };

    private <T> T onHost(final java.util.function.Supplier<T> command)
    {
        final var future = hostAgent.submit(command);
        if (!running)
        {
            hostAgent.doWork();
        }
        return await(future);
    }

    private static <T> T await(final java.util.concurrent.Future<T> future)
    {
        try
        {
            return future.get(10, TimeUnit.SECONDS);
        }
        catch (final java.util.concurrent.ExecutionException ex)
        {
            throw ex.getCause() instanceof RuntimeException re ? re : new IllegalStateException(ex.getCause());
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException("host agent did not run the command: " + ex, ex);
        }
    }

    /**
     * Stop the sources and let everything in flight arrive: a running lab runs on until nothing has
     * moved for 50 ms with every NIC ring empty (its agents keep their threads: the switch's
     * single-producer ring must not change hands), then stops; a lab that was never started is run on
     * this thread until a long quiet spell.
     *
     * @return true when the lab went quiet (false: it was still moving after 10 s).
     */
    public boolean drain()
    {
        wireSource(null);
        for (final VirtualMachine vm : vms)
        {
            vm.transmit(null);
        }
        if (running)
        {
            final boolean quiet = LabQuiescence.awaitQuiet(nic, vms, TimeUnit.MILLISECONDS.toNanos(50),
                TimeUnit.SECONDS.toNanos(10));
            stop();
            return quiet;
        }
        int quiet = 0;
        int rounds = 0;
        while (quiet < 64 && rounds < 1_000_000)
        {
            quiet = doWork() == 0 ? quiet + 1 : 0;
            rounds++;
        }
        return quiet >= 64;
    }

    /** @return pool slots still allocated after every cache went back (call after {@link #drain()}). */
    public int leakedBuffers()
    {
        nic.flushCaches();
        discardCache.flush();
        return pool.inUse();
    }

    @Override
    public void close()
    {
        stop();
        vSwitch.close();
        for (final VirtualMachine vm : vms)
        {
            vm.channel().close();
        }
    }
}
