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
import dev.twinpath.datapath.run.LabFilePlans;
import dev.twinpath.datapath.run.RunContext;
import dev.twinpath.datapath.traffic.StreamChecker;
import dev.twinpath.datapath.traffic.TrafficProfile;
import dev.twinpath.datapath.wire.AeronWire;
import dev.twinpath.datapath.wire.WireContext;
import dev.twinpath.packet.pool.PacketPool;
import org.agrona.CloseHelper;

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
    private static final long RACK_SILENCE_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final long SETTLE_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final long REFRESH_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

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
    private final List<VmSender> senders = new ArrayList<>();
    private final TrafficProfile profile;
    private final LabContext labContext;
    private java.nio.file.Path countersDirectory;
    private dev.twinpath.datapath.stat.LabCounters counters;
    private long nextRefresh;
    private Lab lab;
    private PacketPool pool;
    private final HostWires wires;
    private long runId;
    private boolean started;
    private boolean exit;
    private volatile boolean crash;
    /** Tells this process from an earlier one of the same host (a restart), even in one JVM. */
    private final long token = new java.util.Random().nextLong() | 1;
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
        this.labContext = run.labContext().threading(ThreadingMode.ONE);
        labContext.process(new LabProcess(name, startingVms(), (n, p) -> List.of())).conclude(); // refuses what a process cannot run;
        // the lab itself is built at START, with the VMs the rack names
        this.profile = LabTraffic.profile(run, labContext);
        this.wire = AeronWire.launch(new WireContext().channel(addresses.hostChannel(index)).mtu(addresses.mtu())
            .aeronDirectory(aeronDirectory));
        this.wires = new HostWires(wire, addresses, index, labPool -> pool = labPool);
        try
        {
            control = new ControlLink(wire.aeron(), addresses.hostChannel(index), LabAddresses.controlToHost(index));
            rack = control.connect(addresses.rackChannel(), LabAddresses.CONTROL_TO_RACK);
        }
        catch (final RuntimeException ex)
        {
            close();
            throw ex;
        }
    }

    /** @return the VMs the lab file starts on this host. */
    private java.util.Set<Integer> startingVms()
    {
        final java.util.Set<Integer> vms = new java.util.TreeSet<>();
        for (int i = 0; i < spec.vms().size(); i++)
        {
            if (spec.vms().get(i).host().equals(name))
            {
                vms.add(i);
            }
        }
        return vms;
    }

    /** Build the lab with the VMs the rack names (the lab file's, or none for a host rejoining after its process died). */
    private void build(final long[] vms)
    {
        final java.util.Set<Integer> set = new java.util.TreeSet<>();
        for (final long vm : vms)
        {
            set.add((int)vm);
        }
        labContext.process(new LabProcess(name, set, wires::uplink));
        lab = new Lab(labContext);
        for (final VirtualMachine vm : lab.vms())
        {
            receivers.put(vm.name(), newReceiver(vm));
            vm.onReceive(receivers.get(vm.name()));
            attachSender(vm, receivers.get(vm.name()));
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
        if (countersDirectory != null)
        {
            counters = HostCounters.publish(this, countersDirectory);
        }
    }

    /** Give {@code vm}'s application a sender when the lab's traffic has a guest rate. @return it, or null. */
    VmSender attachSender(final VirtualMachine vm, final VmReceiver receiver)
    {
        if (run.guestRatePps() == 0)
        {
            return null;
        }
        final VmSender sender = new VmSender(vm.index(), vm.mac(), labContext.peerMac(), run.guestFlows(), run.frameLengths(),
            run.guestRatePps(), pool);
        senders.add(sender);
        receiver.sender(sender);
        vm.transmit(sender);
        return sender;
    }

    VmReceiver newReceiver(final VirtualMachine vm)
    {
        return new VmReceiver(vm.name(), vm.index(), run.vms(), new StreamChecker(profile, "vf", "synthetic"), pool,
            profile.streamIdBase());
    }

    /**
     * Run until the rack process says the run is over.
     *
     * @return 0 when the run ended and this host reported; 1 when the rack process went away or a report failed.
     */
    public int run()
    {
        out.printf(Locale.ROOT, "host %s: listening on %s; waiting for the rack at %s%n", name, addresses.hostChannel(index),
            addresses.rackChannel());
        long nextBeat = System.nanoTime();
        long lastFromRack = System.nanoTime();
        while (!exit)
        {
            if (crash)
            {
                if (lab != null)
                {
                    lab.stop();
                }
                CloseHelper.quietClose(wire); // as if the process died: no drain, no report, its driver gone
                return 1;
            }
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
            if (counters != null && now - nextRefresh >= 0)
            {
                nextRefresh = now + REFRESH_NANOS;
                counters.refresh(System.currentTimeMillis());
            }
            if (started && now - lastFromRack > RACK_SILENCE_NANOS && wires.downlink().imageCount() == 0)
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
            send(message.begin(ControlKind.HELLO, index, 0).putLong(ProcessHandle.current().pid()).putLong(token));
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
                build(m.getLongs());
                start();
            }
            return;
        }
        if (!started && m.kind() == ControlKind.EXIT)
        {
            exit = true; // came back too late for this run: the rack did not start it
            out.println("host " + name + ": the rack's run is ending, this host was not started: exiting");
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
        out.printf(Locale.ROOT, "host %s: started with %d VMs %s; %d on a VF%s%n", name, lab.vms().size(),
            lab.vms().stream().map(VirtualMachine::name).toList(), onVf,
            refused == 0 ? "" : " (" + refused + " synthetic: see the event log)");
        send(message.begin(ControlKind.READY, index, runId).putLong(onVf).putLong(lab.vms().size())
            .putLong(wires.uplinkSender().sessionId()));
        senders.forEach(VmSender::requestStart);
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
        new HostEnd(this).stop(position);
    }

    List<VmReceiver> allReceivers()
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

    // ---------------------------------------------------------------- what the migration steps and the end use

    List<VmSender> senders()
    {
        return senders;
    }

    ControlLink control()
    {
        return control;
    }

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

    /** Make {@link #run} stop at once as if the process had died (tests of a host's death in one JVM). Any thread. */
    void crash()
    {
        crash = true;
    }

    /** Publish live counters in {@code directory} once the lab is built ({@code twinpath stat}); null: none. */
    public HostProcess liveCounters(final java.nio.file.Path directory)
    {
        countersDirectory = directory;
        return this;
    }

    Lab lab()
    {
        return lab;
    }

    HostWires wires()
    {
        return wires;
    }

    LabSpec spec()
    {
        return spec;
    }

    String labName()
    {
        return spec.name();
    }

    /** @return every VM of the lab file, by name. */
    List<String> labVmNames()
    {
        return spec.vms().stream().map(vm -> vm.name()).toList();
    }

    /** @return packets VM {@code vm} received in this process, over its stays here. Control thread; no allocation. */
    long receivedHere(final String vm)
    {
        long sum = 0;
        final VmReceiver resident = receivers.get(vm);
        if (resident != null)
        {
            sum += resident.checker().delivered();
        }
        for (int i = 0; i < departed.size(); i++)
        {
            final VmReceiver r = departed.get(i);
            if (r.vm().equals(vm) && r != resident)
            {
                sum += r.checker().delivered();
            }
        }
        return sum;
    }

    @Override
    public void close()
    {
        CloseHelper.quietClose(counters);
        senders.forEach(CloseHelper::quietClose);
        if (lab != null)
        {
            lab.close();
        }
        CloseHelper.quietCloseAll(control, wire);
    }
}
