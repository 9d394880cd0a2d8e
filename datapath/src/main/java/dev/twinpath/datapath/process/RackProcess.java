package dev.twinpath.datapath.process;

import dev.twinpath.datapath.event.EventId;
import dev.twinpath.datapath.event.EventLevel;
import dev.twinpath.datapath.event.EventLog;
import dev.twinpath.datapath.lab.LabContext;
import dev.twinpath.datapath.labfile.LabSpec;
import dev.twinpath.datapath.labfile.ScheduleAction;
import dev.twinpath.datapath.labfile.VmSpec;
import dev.twinpath.datapath.rack.TopOfRackSwitch;
import dev.twinpath.datapath.run.LabFilePlans;
import dev.twinpath.datapath.run.RunContext;
import dev.twinpath.datapath.traffic.ConstantRateGenerator;
import dev.twinpath.datapath.wire.AeronWire;
import dev.twinpath.datapath.wire.WireContext;
import dev.twinpath.datapath.wire.WireReceiver;
import dev.twinpath.datapath.wire.WireSender;
import dev.twinpath.packet.pool.PacketPool;
import dev.twinpath.vf.ring.SpscDescriptorRing;
import org.agrona.CloseHelper;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.CompositeAgent;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The top-of-rack switch of a lab in a process of its own ({@code twinpath tor --lab FILE}), and the process that
 * runs the lab: the {@link TopOfRackSwitch} with one port per host process, each cabled by an Aeron wire (the host's
 * uplink received into the port, the port's output sent as the host's downlink), and the wire peer's port
 * ({@link RackPeer}: the lab's traffic).
 * <p>
 * The run: wait until every host process said hello, start them (they offer their VMs VFs), start the traffic, carry
 * out the lab file's schedule ({@link RackSchedule}: live migrations between processes through {@link RackMigrations},
 * the other entries on the VM's host or at the rack), watch the hosts ({@link HostWatch}: a host whose uplink image goes
 * away is down, the event log says so and what it took with it, the rest of the lab runs on; a restarted one rejoins),
 * and at the end ({@link RackEnd}) stop the traffic, let each host take everything up to the downlink's last position,
 * collect their reports and add them up ({@link LabProcessSummary}).
 * <p>
 * Threads: the caller's (control: {@link #run}); one agent thread for the rack, the peer and the wire agents; the
 * embedded media driver's.
 */
public final class RackProcess implements AutoCloseable
{
    private static final long JOIN_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final long STEP_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final LabSpec spec;
    private final LabAddresses addresses;
    private final PrintStream out;
    private final RunContext run;
    private final LabContext labContext;
    private final NanoClock clock = SystemNanoClock.INSTANCE;
    private final EventLog events;
    private final PacketPool pool;
    private final TopOfRackSwitch rack;
    private final ConstantRateGenerator generator;
    private final RackPeer peer;
    private final AeronWire wire;
    private final ControlLink control;
    private final List<HostLink> hosts = new ArrayList<>();
    private final int[] vmHost;
    private final ControlMessage message = new ControlMessage();
    private final long runId = ProcessHandle.current().pid() << 32 ^ System.nanoTime();
    private org.agrona.concurrent.DynamicCompositeAgent downlinks;
    private final boolean[] vmLost;
    private java.nio.file.Path countersDirectory;
    private dev.twinpath.datapath.stat.LabCounters counters;
    private long nextRefresh;
    private AgentRunner runner;
    boolean finishing; // set by RackEnd when the run begins to end
    private RackSchedule schedule;
    private final HostWatch watch = new HostWatch(this);
    private RackMigrations migrations;

    /**
     * @param aeronDirectory an external media driver's directory, or null for an embedded driver.
     * @throws IllegalArgumentException naming the part of the lab file a lab of processes cannot run.
     */
    public RackProcess(final LabSpec spec, final LabAddresses addresses, final String aeronDirectory, final PrintStream out)
    {
        this.spec = spec;
        this.addresses = addresses;
        this.out = out;
        this.run = LabFilePlans.toRunContext(spec).conclude();
        this.labContext = run.labContext();
        labContext.conclude();
        this.events = new EventLog(100_000, clock);
        final String name = spec.tor().name();
        this.pool = new PacketPool(new PacketPool.Context().name("rack").slotCount(labContext.poolSlots())
            .dataRoom(labContext.dataRoom()));
        this.rack = new TopOfRackSwitch(name, pool, events.forSource(name), labContext.burst());
        final SpscDescriptorRing peerOut = new SpscDescriptorRing(labContext.ringCapacity());
        final SpscDescriptorRing peerIn = new SpscDescriptorRing(labContext.ringCapacity());
        rack.learn(labContext.peerMac(), rack.connect("peer", peerOut, peerIn));
        this.generator = new ConstantRateGenerator(LabTraffic.profile(run, labContext), pool);
        final long[] macs = new long[run.vms()];
        for (int i = 0; i < macs.length; i++)
        {
            macs[i] = labContext.vmMac(i);
        }
        this.peer = new RackPeer(peerOut, peerIn, generator, macs, clock, labContext.burst(), run.guestRatePps() == 0 ? null :
            new dev.twinpath.datapath.traffic.StreamChecker(run.vms() * run.guestFlows(), 0,
                dev.twinpath.datapath.traffic.StreamChecker.DEFAULT_HIGHEST_LATENCY_NANOS, "wire"));
        this.vmHost = new int[run.vms()];
        this.vmLost = new boolean[run.vms()];
        this.wire = AeronWire.launch(new WireContext().channel(addresses.rackChannel()).mtu(addresses.mtu())
            .aeronDirectory(aeronDirectory));
        try
        {
            control = new ControlLink(wire.aeron(), addresses.rackChannel(), LabAddresses.CONTROL_TO_RACK);
            for (int i = 0; i < addresses.hostNames().size(); i++)
            {
                final SpscDescriptorRing in = new SpscDescriptorRing(labContext.ringCapacity());
                final SpscDescriptorRing toHost = new SpscDescriptorRing(labContext.ringCapacity());
                final String host = addresses.hostNames().get(i);
                final WireReceiver uplink = wire.newReceiver(pool, in::enqueueBurst, addresses.rackChannel(), LabAddresses.uplink(i));
                final WireSender downlink = wire.newSender(pool, addresses.hostChannel(i), LabAddresses.downlink(i));
                downlink.source(toHost::dequeueBurst);
                hosts.add(new HostLink(i, host, in, toHost, rack.connect(host, in, toHost), uplink, downlink,
                    control.connect(addresses.hostChannel(i), LabAddresses.controlToHost(i))));
            }
            for (int i = 0; i < spec.vms().size(); i++)
            {
                final VmSpec vm = spec.vms().get(i);
                vmHost[i] = addresses.hostIndex(vm.host());
                rack.learn(labContext.vmMac(i), hosts.get(vmHost[i]).port);
            }
            final long origin = clock.nanoTime();
            events.listener(event -> out.println("rack: " + event.format(origin)));
            migrations = new RackMigrations(this);
            schedule = new RackSchedule(this);
        }
        catch (final RuntimeException ex)
        {
            close();
            throw ex;
        }
    }

    /**
     * Run the lab to its end.
     *
     * @param stopRequested polled: true ends the run early (Ctrl-C); it is still stopped, collected and audited.
     * @return what the run measured and its verdict.
     */
    public LabProcessSummary run(final BooleanSupplier stopRequested)
    {
        final List<dev.twinpath.datapath.wire.WireReceiver> uplinks = hosts.stream().map(h -> h.uplink).toList();
        final List<org.agrona.concurrent.Agent> agents = new ArrayList<>(List.of(rack, peer));
        agents.addAll(uplinks);
        downlinks = new org.agrona.concurrent.DynamicCompositeAgent("downlinks", hosts.stream().map(h -> h.downlink).toList());
        agents.add(downlinks);
        runner = new AgentRunner(new BackoffIdleStrategy(64, 16, 1_000, 50_000), this::onAgentError, null,
            new CompositeAgent(agents));
        AgentRunner.startOnThread(runner);
        if (countersDirectory != null)
        {
            counters = RackCounters.publish(this, countersDirectory);
        }
        out.printf(Locale.ROOT, "rack %s: listening on %s; waiting for %d hosts: %s%n", spec.tor().name(),
            addresses.rackChannel(), hosts.size(), String.join(", ", addresses.hostNames()));
        if (!join(stopRequested))
        {
            return LabProcessSummary.notStarted(this, "not every host process joined within " +
                TimeUnit.NANOSECONDS.toSeconds(JOIN_TIMEOUT_NANOS) + " s: " + hosts.stream()
                .filter(h -> h.state == LabHostState.WAITING).map(h -> h.name).toList());
        }
        final long origin = clock.nanoTime();
        peer.requestStart();
        out.printf(Locale.ROOT, "rack: every host is running; traffic starts: %,d pps over %d flows to %d VMs for %.1f s%n",
            run.ratePps(), run.flows(), run.vms(), run.durationNanos() / 1e9);
        final List<ScheduleAction> schedule = new ArrayList<>(spec.schedule());
        final long end = origin + run.durationNanos();
        long nextProgress = origin + TimeUnit.SECONDS.toNanos(1);
        while (clock.nanoTime() - end < 0 && !stopRequested.getAsBoolean())
        {
            pollControl();
            if (!schedule.isEmpty() && clock.nanoTime() - (origin + schedule.get(0).atNanos()) >= 0)
            {
                this.schedule.run(schedule.remove(0));
            }
            if (clock.nanoTime() - nextProgress >= 0)
            {
                nextProgress += TimeUnit.SECONDS.toNanos(1);
                progress(origin);
            }
            LockSupport.parkNanos(1_000_000);
        }
        return new RackEnd(this).finish();
    }

    private boolean join(final BooleanSupplier stopRequested)
    {
        final long deadline = clock.nanoTime() + JOIN_TIMEOUT_NANOS;
        long nextNote = clock.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (hosts.stream().anyMatch(h -> h.state == LabHostState.WAITING))
        {
            if (clock.nanoTime() - deadline > 0 || stopRequested.getAsBoolean())
            {
                return false;
            }
            if (clock.nanoTime() - nextNote > 0)
            {
                nextNote += TimeUnit.SECONDS.toNanos(5);
                out.println("rack: waiting for " + hosts.stream().filter(h -> h.state == LabHostState.WAITING)
                    .map(h -> h.name).toList());
            }
            pollControl();
            LockSupport.parkNanos(1_000_000);
        }
        for (final HostLink host : hosts)
        {
            send(host, message.begin(ControlKind.START, -1, runId).putLongs(vmsOf(host)));
        }
        final long ready = clock.nanoTime() + STEP_NANOS;
        while (hosts.stream().anyMatch(h -> h.state == LabHostState.JOINED) && clock.nanoTime() - ready < 0)
        {
            pollControl();
            LockSupport.parkNanos(1_000_000);
        }
        return hosts.stream().noneMatch(h -> h.state == LabHostState.JOINED);
    }

    private long[] vmsOf(final HostLink host)
    {
        return java.util.stream.IntStream.range(0, vmHost.length).filter(v -> vmHost[v] == host.index && !vmLost[v])
            .asLongStream().toArray();
    }

    private void progress(final long origin)
    {
        final StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "rack: %4.1f s  sent %,d",
            (clock.nanoTime() - origin) / 1e9, generator.sent()));
        for (final HostLink host : hosts)
        {
            final long delivered = host.lastDelivered.values().stream().mapToLong(Long::longValue).sum();
            line.append(String.format(Locale.ROOT, "  %s %s %,d", host.name, host.up() ? "up" : "DOWN", delivered));
        }
        out.println(line);
    }

    // ---------------------------------------------------------------- control messages

    /** Read what the hosts sent, then look at their liveness. Control thread. */
    void pollControl()
    {
        control.poll(this::onMessage, 32);
        final long now = clock.nanoTime();
        if (counters != null && now - nextRefresh >= 0)
        {
            nextRefresh = now + TimeUnit.MILLISECONDS.toNanos(100);
            counters.refresh(System.currentTimeMillis());
        }
        watch.check(now);
    }

    private void onMessage(final ControlMessage m)
    {
        if (m.sender() < 0 || m.sender() >= hosts.size())
        {
            return;
        }
        final HostLink host = hosts.get(m.sender());
        if (m.kind() != ControlKind.HELLO && m.runId() != runId)
        {
            return; // from another run of the lab
        }
        host.lastHeardNanos = clock.nanoTime();
        try
        {
            switch (m.kind())
            {
                case HELLO -> watch.hello(host, m.getLong(), m.getLong());
                case READY ->
                {
                    host.state = LabHostState.RUNNING;
                    out.printf(Locale.ROOT, "rack: host %s ready: %d of %d VMs on a VF%n", host.name, m.getLong(), m.getLong());
                    host.uplinkSession = (int)m.getLong();
                    host.sessionKnown = true;
                }
                case PROGRESS ->
                {
                    final long count = m.getLong();
                    host.lastDelivered.clear();
                    for (long i = 0; i < count; i++)
                    {
                        host.lastDelivered.put(m.getString(), m.getLong());
                    }
                }
                case REPORT ->
                {
                    host.report = new HostReport(host.name, m);
                    host.state = LabHostState.REPORTED;
                }
                default -> migrations.onReply(Reply.read(m));
            }
        }
        catch (final ControlMessageException ex)
        {
            events.record(EventId.LAB_PROCESS, EventLevel.ERROR, host.name, "unreadable " + m.kind() + " from host " + host.name +
                ": " + ex.getMessage());
        }
    }

    boolean send(final HostLink host, final ControlMessage m)
    {
        if (!control.send(host.control, m, ControlLink.SEND_TIMEOUT_NANOS))
        {
            events.record(EventId.LAB_PROCESS, EventLevel.ERROR, host.name, "could not send " + m.kind() + " to host " + host.name +
                " within 5 s");
            return false;
        }
        return true;
    }

    private void onAgentError(final Throwable error)
    {
        events.record(EventId.LAB_PROCESS, EventLevel.ERROR, "rack", "agent error: " + error);
    }

    // ---------------------------------------------------------------- the end

    // ---------------------------------------------------------------- what the migrations and the summary read

    LabSpec spec()
    {
        return spec;
    }

    RunContext runContext()
    {
        return run;
    }

    LabContext labContext()
    {
        return labContext;
    }

    List<HostLink> hosts()
    {
        return hosts;
    }

    HostLink host(final String name)
    {
        return hosts.get(addresses.hostIndex(name));
    }

    int[] vmHost()
    {
        return vmHost;
    }

    TopOfRackSwitch rack()
    {
        return rack;
    }

    RackPeer peer()
    {
        return peer;
    }

    EventLog events()
    {
        return events;
    }

    ControlMessage message()
    {
        return message;
    }

    long runId()
    {
        return runId;
    }

    NanoClock clock()
    {
        return clock;
    }

    PrintStream out()
    {
        return out;
    }

    RackMigrations migrations()
    {
        return migrations;
    }

    /** Publish live counters in {@code directory} ({@code twinpath stat --lab NAME}); before {@link #run}. */
    public RackProcess liveCounters(final java.nio.file.Path directory)
    {
        countersDirectory = directory;
        return this;
    }

    /** @return true once a fault of the schedule was injected on a host: its counted drops are accepted losses. */
    boolean faultsInjected()
    {
        return schedule.faultsInjected();
    }

    /** @return each schedule entry that is not a migration, with its outcome. */
    List<String> outcomes()
    {
        return schedule.outcomes();
    }

    /** @return true once the end of the run began ({@link RackEnd}): a host coming back then is not started again. */
    boolean finishing()
    {
        return finishing;
    }

    boolean vmLost(final int vm)
    {
        return vmLost[vm];
    }

    void vmLost(final int vm, final boolean lost)
    {
        vmLost[vm] = lost;
    }

    PacketPool pool()
    {
        return pool;
    }

    AeronWire wire()
    {
        return wire;
    }

    LabAddresses addresses()
    {
        return addresses;
    }

    org.agrona.concurrent.DynamicCompositeAgent downlinks()
    {
        return downlinks;
    }

    ConstantRateGenerator generator()
    {
        return generator;
    }

    ControlLink control()
    {
        return control;
    }

    /** Stop the agent thread (the end of the run). */
    void stopAgents()
    {
        runner.close();
        runner = null;
    }

    /** Poll the control messages and the hosts until {@code condition} holds or {@code timeoutNanos} passed. */
    void awaitCondition(final BooleanSupplier condition, final long timeoutNanos)
    {
        final long deadline = clock.nanoTime() + timeoutNanos;
        while (!condition.getAsBoolean() && clock.nanoTime() - deadline < 0)
        {
            pollControl();
            LockSupport.parkNanos(1_000_000);
        }
    }

    @Override
    public void close()
    {
        if (runner != null)
        {
            runner.close();
        }
        CloseHelper.quietCloseAll(counters, control, wire);
    }
}
