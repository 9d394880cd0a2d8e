package dev.twinpath.datapath.process;

import dev.twinpath.datapath.NetVscState;
import dev.twinpath.datapath.lab.Lab;
import dev.twinpath.datapath.lab.LabContext;
import dev.twinpath.datapath.lab.LabProcess;
import dev.twinpath.datapath.lab.ProcessMigration;
import dev.twinpath.datapath.lab.ThreadingMode;
import dev.twinpath.datapath.lab.VirtualMachine;
import dev.twinpath.datapath.lab.VmAdapter;
import dev.twinpath.datapath.labfile.LabSpec;
import dev.twinpath.datapath.migrate.ForwardingChannel;
import dev.twinpath.datapath.run.LabFilePlans;
import dev.twinpath.datapath.run.RunContext;
import dev.twinpath.datapath.traffic.StreamChecker;
import dev.twinpath.datapath.traffic.TrafficProfile;
import dev.twinpath.datapath.wire.AeronWire;
import dev.twinpath.datapath.wire.WireContext;
import dev.twinpath.datapath.wire.WireReceiver;
import dev.twinpath.datapath.wire.WireSender;
import dev.twinpath.packet.pool.PacketDescriptor;
import dev.twinpath.packet.pool.PacketPool;
import dev.twinpath.packet.pool.PoolCache;
import dev.twinpath.vf.nic.PhysicalFunction;
import org.agrona.CloseHelper;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.DynamicCompositeAgent;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One host of a lab in a process of its own ({@code twinpath host --lab FILE --name A}): its NIC, virtual switch,
 * IOV service and the VMs placed on it, a {@link Lab} of one host ({@link LabProcess}) whose NIC's cable is an Aeron
 * wire to the rack process: the downlink (rack to NIC wire RX ring) and the uplink (NIC wire TX ring to rack). Frames
 * forwarded during a live migration come and go on streams of their own ({@link LabAddresses}).
 * <p>
 * The rack process runs the lab; this process introduces itself ({@link ControlKind#HELLO}) until the rack starts
 * it, reports progress every 200 ms, carries out the migration steps it is asked for ({@link HostMigrationSteps}),
 * and at the end drains, checks that no buffer leaked and reports each VM's results. It exits when the rack says so,
 * or with an error when the rack process is gone.
 * <p>
 * Threads: the caller's (control: {@link #run}); the lab's agents (with the wire agents) on one thread; the
 * embedded media driver's.
 */
public final class HostProcess implements AutoCloseable
{
    private static final long HELLO_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    private static final long RACK_SILENCE_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final long SETTLE_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final LabSpec spec;
    private final String name;
    private final int index;
    private final LabAddresses addresses;
    private final PrintStream out;
    private final RunContext run;
    private final AeronWire wire;
    private final ControlLink control;
    private final int rack;
    private final ControlMessage message = new ControlMessage();
    private final Map<String, VmReceiver> receivers = new LinkedHashMap<>();
    private final List<VmReceiver> departed = new ArrayList<>();
    private final TrafficProfile profile;
    private Lab lab;
    private PhysicalFunction nic;
    private PacketPool pool;
    private PoolCache strayCache;
    private WireReceiver downlink;
    private WireSender uplinkSender;
    private WireReceiver forwardIn;
    private final DynamicCompositeAgent forwardOut = new DynamicCompositeAgent("forward-out");
    private volatile ForwardingChannel inbound;
    private long strayForwarded;
    private long runId;
    private boolean started;
    private boolean exit;
    private long stopPosition = -1;
    private HostMigrationSteps steps;

    /**
     * @param aeronDirectory an external media driver's directory (all processes of an {@code aeron:ipc} lab share
     *                       one), or null for an embedded driver.
     * @throws IllegalArgumentException naming the host or the part of the lab file a host process cannot run.
     */
    public HostProcess(final LabSpec spec, final String name, final LabAddresses addresses, final String aeronDirectory,
        final PrintStream out)
    {
        this.spec = spec;
        this.name = name;
        this.index = addresses.hostIndex(name);
        this.addresses = addresses;
        this.out = out;
        this.run = LabFilePlans.toRunContext(spec).conclude();
        final LabContext labContext = run.labContext().threading(ThreadingMode.ONE)
            .process(new LabProcess(name, this::uplink));
        labContext.conclude();
        this.profile = LabTraffic.profile(run, labContext);
        this.wire = AeronWire.launch(new WireContext().channel(addresses.hostChannel(index)).aeronDirectory(aeronDirectory));
        try
        {
            control = new ControlLink(wire.aeron(), addresses.hostChannel(index), LabAddresses.controlToHost(index));
            rack = control.connect(addresses.rackChannel(), LabAddresses.CONTROL_TO_RACK);
            lab = new Lab(labContext);
            strayCache = pool.newCache();
            for (final VirtualMachine vm : lab.vms())
            {
                receivers.put(vm.name(), newReceiver(vm));
                vm.onReceive(receivers.get(vm.name()));
            }
            steps = new HostMigrationSteps(this, new ProcessMigration(lab));
            final long origin = System.nanoTime();
            lab.events().listener(event ->
            {
                if (event.level() == dev.twinpath.datapath.event.EventLevel.ERROR)
                {
                    out.println("host " + name + ": " + event.format(origin));
                }
            });
        }
        catch (final RuntimeException ex)
        {
            close();
            throw ex;
        }
    }

    private List<Agent> uplink(final PhysicalFunction hostNic, final PacketPool labPool)
    {
        nic = hostNic;
        pool = labPool;
        final String own = addresses.hostChannel(index);
        downlink = wire.newReceiver(labPool, hostNic.wireRxRing()::enqueueBurst, own, LabAddresses.downlink(index));
        uplinkSender = wire.newSender(labPool, addresses.rackChannel(), LabAddresses.uplink(index));
        uplinkSender.source(hostNic.wireTxRing()::dequeueBurst);
        forwardIn = wire.newReceiver(labPool, this::onForwarded, own, LabAddresses.forwardTo(index));
        return List.of(downlink, uplinkSender, forwardIn, forwardOut);
    }

    /** Frames forwarded from a migration's source process: into the arriving VM's inbound channel. Lab thread. */
    private int onForwarded(final long[] descriptors, final int offset, final int count)
    {
        final ForwardingChannel channel = inbound;
        if (channel != null)
        {
            return channel.offer(descriptors, offset, count);
        }
        for (int i = offset; i < offset + count; i++)
        {
            if (PacketDescriptor.isPacket(descriptors[i]))
            {
                strayCache.free(PacketDescriptor.handle(descriptors[i])); // no migration waits for them: counted
                strayForwarded++;
            }
        }
        return count;
    }

    VmReceiver newReceiver(final VirtualMachine vm)
    {
        return new VmReceiver(vm.name(), vm.index(), run.vms(), new StreamChecker(profile, "vf", "synthetic"), pool);
    }

    /**
     * Run until the rack process says the run is over.
     *
     * @return 0 when the run ended and this host reported; 1 when the rack process went away or a report failed.
     */
    public int run()
    {
        out.printf(Locale.ROOT, "host %s: %d VMs (%s), listening on %s; waiting for the rack at %s%n", name, receivers.size(),
            String.join(", ", receivers.keySet()), addresses.hostChannel(index), addresses.rackChannel());
        long nextBeat = System.nanoTime();
        long lastFromRack = System.nanoTime();
        while (!exit)
        {
            final int read = control.poll(this::onMessage, 16);
            final long now = System.nanoTime();
            if (read > 0)
            {
                lastFromRack = now;
            }
            if (now - nextBeat >= 0)
            {
                nextBeat = now + HELLO_INTERVAL_NANOS;
                beat();
            }
            if (started && now - lastFromRack > RACK_SILENCE_NANOS && downlink.imageCount() == 0)
            {
                out.println("host " + name + ": the rack process is gone (no control message for " +
                    TimeUnit.NANOSECONDS.toSeconds(RACK_SILENCE_NANOS) + " s, downlink image unavailable): exiting");
                return 1;
            }
            if (read == 0)
            {
                LockSupport.parkNanos(1_000_000);
            }
        }
        return 0;
    }

    private void beat()
    {
        if (!started)
        {
            send(message.begin(ControlKind.HELLO, index, 0).putLong(ProcessHandle.current().pid()));
        }
        else if (stopPosition < 0)
        {
            message.begin(ControlKind.PROGRESS, index, runId);
            final List<VmReceiver> all = allReceivers();
            message.putLong(all.size());
            for (final VmReceiver r : all)
            {
                message.putString(r.vm()).putLong(r.checker().delivered());
            }
            send(message);
        }
    }

    private void onMessage(final ControlMessage m)
    {
        if (m.kind() == ControlKind.START)
        {
            if (!started)
            {
                runId = m.runId();
                start();
            }
            return;
        }
        if (!started || m.runId() != runId)
        {
            return; // another run's message (a rack that restarted): ignored
        }
        switch (m.kind())
        {
            case STOP -> stop(m.getLong());
            case EXIT -> exit = true;
            default -> steps.onMessage(m);
        }
    }

    private void start()
    {
        started = true;
        lab.start();
        int refused = 0;
        for (final VirtualMachine vm : lab.vms())
        {
            for (final VmAdapter adapter : vm.adapters())
            {
                refused += lab.offerVf(adapter) ? 0 : 1;
            }
        }
        final long deadline = System.nanoTime() + SETTLE_NANOS;
        while (System.nanoTime() - deadline < 0 && !settled())
        {
            LockSupport.parkNanos(1_000_000);
        }
        final long onVf = lab.vms().stream().filter(vm -> vm.adapter().state() == NetVscState.VF_ACTIVE).count();
        out.printf(Locale.ROOT, "host %s: started; %d of %d VMs on a VF%s%n", name, onVf, lab.vms().size(),
            refused == 0 ? "" : " (" + refused + " synthetic: see the event log)");
        send(message.begin(ControlKind.READY, index, runId).putLong(onVf).putLong(lab.vms().size()));
    }

    private boolean settled()
    {
        for (final VirtualMachine vm : lab.vms())
        {
            final NetVscState state = vm.adapter().state();
            if (state != NetVscState.VF_ACTIVE && state != NetVscState.SYNTHETIC)
            {
                return false;
            }
            if (state == NetVscState.SYNTHETIC && vm.host().state() == dev.twinpath.datapath.host.HostVfState.OFFERED)
            {
                return false;
            }
        }
        return true;
    }

    /** The traffic stopped: take everything the rack sent up to {@code position}, drain, check, report. */
    private void stop(final long position)
    {
        stopPosition = position;
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (downlink.position() < position && System.nanoTime() - deadline < 0)
        {
            LockSupport.parkNanos(1_000_000);
        }
        final boolean complete = downlink.position() >= position;
        final boolean quiet = lab.drain();
        final long uplinkPosition = uplinkSender.position();
        downlink.flushCache();
        uplinkSender.flushCache();
        forwardIn.flushCache();
        strayCache.flush();
        allReceivers().forEach(VmReceiver::flush);
        final int leaked = lab.leakedBuffers();
        final List<String> problems = new ArrayList<>();
        if (!complete)
        {
            problems.add("downlink stopped at position " + downlink.position() + " of " + position);
        }
        if (!quiet)
        {
            problems.add("the lab was still moving 10 s after the traffic stopped");
        }
        if (leaked != 0)
        {
            problems.add(leaked + " buffers leaked");
        }
        if (strayForwarded != 0)
        {
            problems.add(strayForwarded + " forwarded frames arrived with no migration waiting for them");
        }
        if (lab.firstError() != null)
        {
            problems.add("agent error: " + lab.firstError());
        }
        if (control.unreadable() != 0)
        {
            problems.add(control.unreadable() + " unreadable control messages (last: " + control.lastProblem() + ")");
        }
        message.begin(ControlKind.REPORT, index, runId).putLong(uplinkPosition).putString(String.join("; ", problems))
            .putLong(lab.events().count(dev.twinpath.datapath.event.EventLevel.ERROR));
        final List<VmReceiver> all = allReceivers();
        message.putLong(all.size());
        all.forEach(r -> r.write(message));
        send(message);
        out.printf(Locale.ROOT, "host %s: drained; %d segments reported%s%n", name, all.size(),
            problems.isEmpty() ? "" : "; problems: " + String.join("; ", problems));
    }

    private List<VmReceiver> allReceivers()
    {
        final List<VmReceiver> all = new ArrayList<>(departed);
        all.addAll(receivers.values());
        return all;
    }

    boolean send(final ControlMessage m)
    {
        if (!control.send(rack, m, ControlLink.SEND_TIMEOUT_NANOS))
        {
            out.println("host " + name + ": could not send " + m.kind() + " to the rack process within 5 s");
            return false;
        }
        return true;
    }

    // ---------------------------------------------------------------- what the migration steps use

    String name()
    {
        return name;
    }

    int index()
    {
        return index;
    }

    long runId()
    {
        return runId;
    }

    ControlMessage message()
    {
        return message;
    }

    PrintStream out()
    {
        return out;
    }

    LabAddresses addresses()
    {
        return addresses;
    }

    Map<String, VmReceiver> receivers()
    {
        return receivers;
    }

    List<VmReceiver> departed()
    {
        return departed;
    }

    /** Frames forwarded to this process go into {@code channel} from now on (null: none expected). */
    void inbound(final ForwardingChannel channel)
    {
        inbound = channel;
    }

    /** @return a sender of frames forwarded to host {@code destination}, running on the lab thread. */
    WireSender forwardSender(final int destination, final ForwardingChannel channel)
    {
        final WireSender sender = wire.newSender(pool, addresses.hostChannel(destination), LabAddresses.forwardTo(destination));
        sender.source(channel::poll);
        while (!forwardOut.tryAdd(sender))
        {
            LockSupport.parkNanos(100_000);
        }
        while (!forwardOut.hasAddAgentCompleted())
        {
            LockSupport.parkNanos(100_000);
        }
        return sender;
    }

    /** Stop a forward sender (its channel drained); it is closed on the lab thread. */
    void removeForwardSender(final WireSender sender)
    {
        while (!forwardOut.tryRemove(sender))
        {
            LockSupport.parkNanos(100_000);
        }
        while (!forwardOut.hasRemoveAgentCompleted())
        {
            LockSupport.parkNanos(100_000);
        }
    }

    @Override
    public void close()
    {
        if (lab != null)
        {
            lab.close();
        }
        CloseHelper.quietCloseAll(control, wire);
    }
}
