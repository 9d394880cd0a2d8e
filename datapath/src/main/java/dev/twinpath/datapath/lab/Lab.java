package dev.twinpath.datapath.lab;

import dev.twinpath.datapath.SwitchTimes;
import dev.twinpath.datapath.event.EventLog;
import dev.twinpath.datapath.migrate.ForwardingChannel;
import dev.twinpath.datapath.rack.RackPort;
import dev.twinpath.datapath.rack.TopOfRackSwitch;
import dev.twinpath.datapath.host.IovHostAgent;
import dev.twinpath.datapath.host.IovPortController;
import dev.twinpath.datapath.host.NicUplinkLink;
import dev.twinpath.packet.pool.PacketDescriptor;
import dev.twinpath.packet.pool.PacketPool;
import dev.twinpath.packet.pool.PoolCache;
import dev.twinpath.vf.nic.PhysicalFunction;
import dev.twinpath.vf.nic.SurpriseRemovalReport;
import dev.twinpath.vswitch.VirtualSwitch;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.NanoClock;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A lab in a few lines: Hyper-V hosts ({@link Host}: an SR-IOV NIC, an External virtual switch, the IOV
 * service deciding VFs by the Hyper-V model), VMs whose NetVSC adapters have both paths, the host at the
 * other end of the wire, a top-of-rack switch joining them when there are two hosts or more, and the
 * agents that run it all on threads chosen by a {@link ThreadingMode}. VMs live-migrate between hosts.
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
 * Threads: build, start, the VF operations, migrations and close from one control thread; the agents on theirs.
 */
public final class Lab implements AutoCloseable
{
    private final LabContext context;
    private final NanoClock clock;
    private final PacketPool pool;
    private final LabFabric fabric;
    private final EventLog events;
    private final SwitchTimes switchTimes = new SwitchTimes();
    private final List<VirtualMachine> vms = new ArrayList<>();
    private final List<GuestAgent> guests = new ArrayList<>();
    private final PoolCache discardCache;
    private final AtomicReference<Throwable> firstError = new AtomicReference<>();
    private final LiveMigration migration;
    private final LabThreads threads;
    private final LabCommands commands;
    private final LabVms builder;
    private final LabFaults faults;

    public Lab(final LabContext labContext)
    {
        context = labContext.conclude();
        clock = context.clock();
        commands = new LabCommands(this::hostCommandAgent, this::running);
        pool = new PacketPool(new PacketPool.Context().name("lab").slotCount(context.poolSlots()).dataRoom(context.dataRoom()));
        events = new EventLog(context.eventLogCapacity(), clock);
        fabric = new LabFabric(context, pool, events, this::onError);
        if (fabric.peer() != null)
        {
            fabric.peer().handler(this::discard);
        }
        discardCache = pool.newCache();
        builder = new LabVms(context, pool, events, switchTimes, commands.sides(), fabric.rack(), fabric::rackPort, this::discard);
        for (int i = 0; i < context.vms(); i++)
        {
            if (context.process() == null)
            {
                addVm(i, host(context.hostOf(i)));
            }
            else if (context.process().vms().contains(i))
            {
                addVm(i, hosts().get(0)); // a host process builds the VMs it starts with
            }
        }
        migration = new LiveMigration(this);
        faults = new LabFaults(this);
        threads = new LabThreads(context, fabric.hostSideAgents(), guests, this::onError);
    }

    private void addVm(final int i, final Host host)
    {
        final VirtualMachine vm = builder.create(i, host);
        vms.add(vm);
        guests.add(new GuestAgent(vm, clock, context.burst(), pool));
    }

    /** Build {@code adapter} on {@code host} without moving the VM there yet (see {@link LabVms#prepare}). */
    LabVms.Placement prepare(final VmAdapter adapter, final Host host, final ForwardingChannel inbound,
        final dev.twinpath.datapath.AdapterCounters carried)
    {
        return builder.prepare(adapter, host, inbound, carried);
    }

    /** A host process: build VM {@code index} (0-based, lab-wide) arriving by live migration, not yet placed. */
    VirtualMachine arriving(final int index)
    {
        return builder.arriving(index);
    }

    /** A host process: the VM is placed here and its guest runs from now on. Control thread. */
    void admit(final VirtualMachine vm)
    {
        final GuestAgent guest = new GuestAgent(vm, clock, context.burst(), pool);
        vms.add(vm);
        guests.add(guest);
        if (!threads.addGuest(guest))
        {
            throw new IllegalStateException("vm migrate: the guest of " + vm.name() + " was not added within 10 s");
        }
    }

    /** A host process: the VM left by live migration; its guest stops and its cached buffers go back. Control thread. */
    void release(final VirtualMachine vm)
    {
        final int i = vms.indexOf(vm);
        if (i >= 0)
        {
            if (!threads.removeGuest(guests.get(i)))
            {
                throw new IllegalStateException("vm migrate: the guest of " + vm.name() + " was not removed within 10 s");
            }
            vms.remove(i);
            guests.remove(i);
        }
    }

    /** @return fault injection into this lab: surprise removals, control faults, stalls, pool exhaustion, hosts down. */
    public LabFaults faults()
    {
        return faults;
    }

    LabCommands commands()
    {
        return commands;
    }

    private boolean running()
    {
        return threads != null && threads.running();
    }

    private dev.twinpath.datapath.host.IovHostAgent hostCommandAgent()
    {
        return fabric.hosts().get(0).iovService();
    }

    /** @return the rack port {@code host}'s first NIC is cabled to (labs of two or more hosts). */
    RackPort rackPort(final Host host)
    {
        return fabric.rackPort(host.nic(0));
    }

    /** @return the rack port {@code nic} is cabled to. */
    RackPort rackPort(final HostNic nic)
    {
        return fabric.rackPort(nic);
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

    /** @return the first host's NIC (the only one of a one-host lab). */
    public PhysicalFunction nic()
    {
        return fabric.hosts().get(0).nic();
    }

    /** @return the first host's virtual switch. */
    public VirtualSwitch virtualSwitch()
    {
        return fabric.hosts().get(0).virtualSwitch();
    }

    /** @return the first host's uplink. */
    public NicUplinkLink uplink()
    {
        return fabric.hosts().get(0).uplink();
    }

    public List<Host> hosts()
    {
        return List.copyOf(fabric.hosts());
    }

    /** @return the host named {@code name}. @throws IllegalArgumentException naming the hosts there are. */
    public Host host(final String name)
    {
        for (final Host host : fabric.hosts())
        {
            if (host.name().equals(name))
            {
                return host;
            }
        }
        throw new IllegalArgumentException("no host '" + name + "'; hosts: " + fabric.hosts().stream().map(Host::name).toList());
    }

    /** @return the VM named {@code name}. @throws IllegalArgumentException naming the VMs there are. */
    public VirtualMachine vm(final String name)
    {
        for (final VirtualMachine vm : vms)
        {
            if (vm.name().equals(name))
            {
                return vm;
            }
        }
        throw new IllegalArgumentException("no VM '" + name + "'; VMs: " + vms.stream().map(VirtualMachine::name).toList());
    }

    /** @return the top-of-rack switch joining the hosts, or null in a one-host lab. */
    public TopOfRackSwitch rack()
    {
        return fabric.rack();
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
        fabric.requirePeer().source(source);
    }

    /** What the host at the other end of the wire does with what it receives (it must free it). */
    public void wireHandler(final PacketHandler handler)
    {
        fabric.requirePeer().handler(handler == null ? this::discard : handler);
    }

    // ---------------------------------------------------------------- threads

    /** @return the agents by thread, as the threading mode groups them. */
    List<Agent> agentsByThread()
    {
        return threads.agentsByThread();
    }

    /** Start the agents on their threads. */
    public void start()
    {
        threads.start();
    }

    /** Stop the agents (they finish their current duty cycle). */
    public void stop()
    {
        threads.stop();
    }

    /** Run every agent once on the caller's thread (a lab that was not started). @return work done. */
    public int doWork()
    {
        return threads.doWork();
    }

    // ---------------------------------------------------------------- operations

    /**
     * Run {@code duty} on the host's thread at every duty cycle (with the NIC, switch and IOV control
     * agents): for control work that must not wake a thread of its own, such as a switch schedule.
     * Its {@code doWork} may call the VMs' {@link IovPortController}s directly.
     */
    public void onHostThread(final IovHostAgent.Duty duty)
    {
        fabric.hosts().get(0).iovService().addDuty(duty);
    }

    /** Stop running a duty added by {@link #onHostThread}. */
    public void removeFromHostThread(final IovHostAgent.Duty duty)
    {
        fabric.hosts().get(0).iovService().removeDuty(duty);
    }

    /** Offer a VF to {@code vm}'s adapter. @return false when none could be offered (see the event log). */
    public boolean offerVf(final VirtualMachine vm)
    {
        return offerVf(vm.adapters().get(0));
    }

    /** Ask a VF for one of a VM's adapters. @return false when none was offered (the event log says why). */
    public boolean offerVf(final VmAdapter adapter)
    {
        return onHost(() -> adapter.attachment().host().requestVf(adapter.attachment().controller(), clock.nanoTime()));
    }

    /**
     * Pull ({@code up} false) or plug the cable of the host NIC {@code adapter}'s switch is bound to: the
     * rack stops reading and writing that NIC, and a NIC team over the adapter fails over to another member.
     */
    public void link(final VmAdapter adapter, final boolean up)
    {
        if (fabric.rack() == null)
        {
            throw new IllegalStateException("link: a lab of one host and one NIC has no rack switch to pull a cable from");
        }
        fabric.rack().linkUp(rackPort(adapter.attachment().nic()), up);
    }

    /**
     * {@code Set-VMNetworkAdapter -IovWeight}: 0..100, 0 revokes the VF and keeps the adapter synthetic.
     *
     * @throws dev.twinpath.datapath.hyperv.IovSettingException naming IovWeight when out of range.
     */
    public void setIovWeight(final VirtualMachine vm, final int weight)
    {
        setIovWeight(vm.adapters().get(0), weight);
    }

    /** {@code Set-VMNetworkAdapter -IovWeight} on one of a VM's adapters. */
    public void setIovWeight(final VmAdapter adapter, final int weight)
    {
        onHost(() ->
        {
            adapter.attachment().host().setIovWeight(adapter.fullName(), weight, clock.nanoTime());
            return null;
        });
    }

    /**
     * {@code Set-VMNetworkAdapter -IovQueuePairsRequested}: 1..16, capped by the NIC for the next VF.
     *
     * @return requested, granted and the NIC's cap.
     * @throws dev.twinpath.datapath.hyperv.IovSettingException naming IovQueuePairsRequested when out of range.
     */
    public dev.twinpath.datapath.hyperv.AdapterIovSettings.Grant setQueuePairsRequested(final VirtualMachine vm, final int queuePairs)
    {
        return onHost(() -> vm.location().setQueuePairsRequested(vm.host().adapterName(), queuePairs));
    }

    /** @return {@code vm}'s adapter status: VF or synthetic, and why. */
    public dev.twinpath.datapath.hyperv.AdapterIovStatus adapterStatus(final VirtualMachine vm)
    {
        return vm.location().adapterStatus(vm.name(), vm.host().adapterName());
    }

    /**
     * Live-migrate {@code vm} to {@code destination} with its traffic running: the VF path closes, the
     * guest pauses, its adapter moves, it announces itself, what reached the old host meanwhile is
     * forwarded in order, and a VF is offered again where the destination can. Control thread; returns
     * when the migration is complete.
     *
     * @throws IllegalStateException when a step timed out (the event log says which).
     */
    public MigrationReport migrate(final VirtualMachine vm, final Host destination)
    {
        return migration.run(vm, destination, threads.running());
    }

    /** Revoke {@code vm}'s VF (planned): its traffic moves to the synthetic path losing nothing. */
    public boolean revokeVf(final VirtualMachine vm)
    {
        return revokeVf(vm.adapters().get(0));
    }

    /** Revoke the VF of one of a VM's adapters (planned): its traffic moves to the synthetic path losing nothing. */
    public boolean revokeVf(final VmAdapter adapter)
    {
        return onHost(() -> adapter.attachment().controller().revoke(clock.nanoTime()));
    }

    /** Make {@code vm}'s VF vanish without notice. @return the NIC's report, or null when it had none. */
    public SurpriseRemovalReport surpriseRemove(final VirtualMachine vm)
    {
        return onHost(() -> vm.host().surpriseRemove(clock.nanoTime()));
    }

    <T> T onHost(final java.util.function.Supplier<T> command)
    {
        return commands.onHost(command);
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
        if (fabric.peer() != null)
        {
            wireSource(null);
        }
        for (final VirtualMachine vm : vms)
        {
            vm.transmit(null);
        }
        if (threads.running())
        {
            final List<PhysicalFunction> nics = fabric.nics().stream().map(HostNic::nic).toList();
            final boolean quiet = LabQuiescence.awaitQuiet(nics, fabric.cables(),
                () -> fabric.rack() == null ? 0 : fabric.rack().inFlight(), vms, TimeUnit.MILLISECONDS.toNanos(50),
                TimeUnit.SECONDS.toNanos(10));
            stop();
            return quiet;
        }
        return threads.runUntilQuiet();
    }

    /** @return pool slots still allocated after every cache went back (call after {@link #drain()}). */
    public int leakedBuffers()
    {
        fabric.flushCaches();
        for (final GuestAgent guest : guests)
        {
            guest.flushCache();
        }
        for (final VirtualMachine vm : vms)
        {
            vm.adapters().forEach(adapter -> adapter.adapter().flushCache());
        }
        discardCache.flush();
        return pool.inUse();
    }

    @Override
    public void close()
    {
        stop();
        fabric.close();
        for (final VirtualMachine vm : vms)
        {
            vm.adapters().forEach(adapter -> adapter.attachment().channel().close());
            if (vm.team() != null)
            {
                vm.team().close();
            }
        }
    }
}
