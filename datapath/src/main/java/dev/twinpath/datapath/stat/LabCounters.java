package dev.twinpath.datapath.stat;

import dev.twinpath.datapath.AdapterCounter;
import dev.twinpath.datapath.event.EventLevel;
import dev.twinpath.datapath.lab.Host;
import dev.twinpath.datapath.lab.HostNic;
import dev.twinpath.datapath.lab.Lab;
import dev.twinpath.datapath.lab.VirtualMachine;
import dev.twinpath.datapath.lab.VmAdapter;
import dev.twinpath.vf.nic.FunctionCounters;
import dev.twinpath.vf.nic.NicCounter;
import dev.twinpath.vf.nic.PhysicalFunction;
import dev.twinpath.vf.nic.QueuePair;
import dev.twinpath.vf.nic.VirtualFunction;
import dev.twinpath.vswitch.DropCause;
import dev.twinpath.vswitch.PortCounter;
import dev.twinpath.vswitch.SwitchCounters;
import dev.twinpath.vswitch.VirtualSwitch;
import org.agrona.concurrent.status.CountersManager;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A lab's counters published in a live counters file: the data path keeps its own padded off-heap counters
 * (NIC functions and queues, virtual switches and ports, NetVSC adapters, the pool) and this class mirrors them
 * into the file's Agrona counters, for {@code twinpath stat} or any tool with Agrona's {@code CountersReader}.
 * Build it over a lab (every part registers its counters, {@link LiveCounterType} says which), {@link #add} the
 * figures of whatever drives the lab, {@link #publish} once, then {@link #refresh} as often as the values should
 * be fresh (a run: every 100 ms).
 * <pre>{@code
 * try (LabCounters live = new LabCounters(lab).publish(LiveCountersDirectory.defaultDirectory(), "my lab tool"))
 * {
 *     while (running) { live.refresh(System.currentTimeMillis()); Thread.sleep(100); }
 * }
 * }</pre>
 * The set of counters is fixed at publication: an adapter's counters follow it when a migration rebuilds it
 * (the sources read the adapter's current parts), a queue pair's start again at 0 when its VF gets new queues.
 * Each value is read with the acquire load its writer's release store pairs with, and stored with Agrona's
 * release store ({@code setCounterValue}) that a reader's volatile load pairs with.
 * <p>
 * Owned by one thread (the control thread): build, publish, refresh and close there. {@link #refresh} allocates
 * nothing.
 */
public final class LabCounters implements AutoCloseable
{
    /** The per-function counters shown for the wire port, the PF and every VF (the bytes too). */
    private static final NicCounter[] FUNCTION_COUNTERS = {NicCounter.RX_PACKETS, NicCounter.RX_BYTES,
        NicCounter.RX_DELIVERED, NicCounter.TX_PACKETS, NicCounter.TX_BYTES, NicCounter.TX_FORWARDED};
    /** The per-queue counters. */
    private static final NicCounter[] QUEUE_COUNTERS = {NicCounter.RX_PACKETS, NicCounter.RX_DELIVERED,
        NicCounter.TX_PACKETS};
    private static final NicCounter[] DROPS = drops();

    private final List<LiveCounterType> types = new ArrayList<>();
    private final List<String> labels = new ArrayList<>();
    private final List<LongSupplier> pending = new ArrayList<>();
    private LongSupplier[] sources;
    private int[] ids;
    private LiveCountersFile file;

    /** Only the caller's counters ({@link #add}): a process that is not a lab, such as a lab's rack process. Control thread. */
    public LabCounters()
    {
    }

    /** Register the counters of every part of {@code lab}: pool, events, NICs, switches, adapters. Control thread. */
    public LabCounters(final Lab lab)
    {
        add(LiveCounterType.POOL, "pool in_use", () -> lab.pool().inUse());
        add(LiveCounterType.POOL, "pool capacity", () -> lab.pool().capacity());
        for (final EventLevel level : EventLevel.values())
        {
            add(LiveCounterType.EVENTS, "events " + lower(level.name()), () -> lab.events().count(level));
        }
        for (final Host host : lab.hosts())
        {
            for (final HostNic nic : host.nics())
            {
                addNic(nic, Math.min(nic.nic().totalVfs(), host.config().totalVfs()), host.config().queuePairsPerVf());
                addSwitch(nic);
            }
        }
        for (final VirtualMachine vm : lab.vms())
        {
            for (final VmAdapter adapter : vm.adapters())
            {
                addAdapter(adapter);
            }
        }
    }

    private void addNic(final HostNic hostNic, final int vfs, final int queuePairs)
    {
        final PhysicalFunction nic = hostNic.nic();
        final String name = "nic " + hostNic.name();
        addFunction(name + " wire", nic.wireCounters());
        addFunction(name + " pf", nic.counters());
        final FunctionCounters[] functions = new FunctionCounters[2 + vfs];
        functions[0] = nic.wireCounters();
        functions[1] = nic.counters();
        for (int i = 0; i < vfs; i++)
        {
            final VirtualFunction vf = nic.vf(i);
            functions[2 + i] = vf.counters();
            final String vfName = name + " vf" + i;
            add(LiveCounterType.VF_STATE, vfName + " state", () -> vf.state().ordinal());
            addFunction(vfName, vf.counters());
            for (int q = 0; q < queuePairs; q++)
            {
                final int index = q;
                for (final NicCounter c : QUEUE_COUNTERS)
                {
                    add(LiveCounterType.QUEUE, vfName + " q" + q + " " + lower(c.name()), () -> queueValue(vf, index, c));
                }
                add(LiveCounterType.QUEUE, vfName + " q" + q + " drops", () -> queueValue(vf, index, null));
            }
        }
        for (final NicCounter drop : DROPS)
        {
            add(LiveCounterType.NIC_DROP, name + " drop " + drop.name().substring("DROP_".length()), () ->
            {
                long sum = 0;
                for (final FunctionCounters f : functions)
                {
                    sum += f.get(drop);
                }
                return sum;
            });
        }
    }

    private void addFunction(final String name, final FunctionCounters counters)
    {
        for (final NicCounter c : FUNCTION_COUNTERS)
        {
            add(LiveCounterType.NIC_FUNCTION, name + " " + lower(c.name()), () -> counters.get(c));
        }
        add(LiveCounterType.NIC_FUNCTION, name + " drops", () -> dropped(counters));
    }

    /** @return a queue's counter ({@code null}: its drops), 0 when the VF has no such queue now. */
    private static long queueValue(final VirtualFunction vf, final int index, final NicCounter counter)
    {
        final QueuePair queue = vf.queuePairOrNull(index);
        if (queue == null)
        {
            return 0;
        }
        return counter == null ? dropped(queue.counters()) : queue.counters().get(counter);
    }

    private static long dropped(final FunctionCounters counters)
    {
        long sum = 0;
        for (final NicCounter drop : DROPS)
        {
            sum += counters.get(drop);
        }
        return sum;
    }

    private void addSwitch(final HostNic nic)
    {
        final VirtualSwitch vSwitch = nic.virtualSwitch();
        final SwitchCounters c = vSwitch.counters();
        final String name = "vswitch " + nic.name();
        add(LiveCounterType.SWITCH, name + " received", c::received);
        add(LiveCounterType.SWITCH, name + " forwarded", c::forwarded);
        add(LiveCounterType.SWITCH, name + " flooded", c::flooded);
        add(LiveCounterType.SWITCH, name + " flood_copies", c::floodCopies);
        add(LiveCounterType.SWITCH, name + " markers", c::markers);
        add(LiveCounterType.SWITCH, name + " link_errors", c::linkErrors);
        for (final DropCause cause : DropCause.values())
        {
            add(LiveCounterType.SWITCH_DROP, name + " drop " + cause.name(), () -> c.dropped(cause));
        }
        for (final DropCause cause : DropCause.values())
        {
            add(LiveCounterType.SWITCH_DROP, name + " copy_drop " + cause.name(), () -> c.copiesDropped(cause));
        }
        if (vSwitch.uplink() != null)
        {
            final int uplink = vSwitch.uplink().id();
            for (final PortCounter pc : PortCounter.values())
            {
                add(LiveCounterType.SWITCH_PORT, name + " uplink " + lower(pc.name()), () -> c.port(uplink, pc));
            }
        }
    }

    private void addAdapter(final VmAdapter a)
    {
        final String name = "adapter " + a.fullName();
        add(LiveCounterType.ADAPTER_STATE, name + " state", () -> a.adapter().state().ordinal());
        add(LiveCounterType.HOST_VF_STATE, name + " host_state", () -> a.attachment().controller().state().ordinal());
        for (final AdapterCounter c : AdapterCounter.values())
        {
            add(LiveCounterType.ADAPTER, name + " " + lower(c.name()), () -> a.adapter().counters().get(c));
        }
        for (final PortCounter pc : PortCounter.values())
        {
            add(LiveCounterType.SWITCH_PORT, "port " + a.fullName() + " " + lower(pc.name()), () ->
            {
                final var attachment = a.attachment();
                return attachment.nic().virtualSwitch().counters().port(attachment.port().id(), pc);
            });
        }
    }

    /**
     * Add a counter of the caller's: {@code source} is read at every refresh on the owner thread and must not
     * allocate. Before {@link #publish} only.
     *
     * @return this.
     */
    public LabCounters add(final LiveCounterType type, final String label, final LongSupplier source)
    {
        if (file != null)
        {
            throw new IllegalStateException("counters are added before publish: " + label);
        }
        types.add(type);
        labels.add(label);
        pending.add(source);
        return this;
    }

    /**
     * Create this process's file in {@code directory} ({@link LiveCountersFile#create}), allocate every counter in
     * it and fill in the values once.
     *
     * @param command what runs, for {@code twinpath stat}: {@code twinpath run}.
     * @return this.
     * @throws IOException when the file cannot be made.
     */
    public LabCounters publish(final Path directory, final String command) throws IOException
    {
        if (file != null)
        {
            throw new IllegalStateException("already published in " + file.path());
        }
        file = LiveCountersFile.create(directory, command, pending.size());
        final CountersManager manager = file.counters();
        sources = pending.toArray(new LongSupplier[0]);
        ids = new int[sources.length];
        for (int i = 0; i < sources.length; i++)
        {
            ids[i] = manager.allocate(labels.get(i), types.get(i).id());
        }
        refresh(System.currentTimeMillis());
        return this;
    }

    /** Copy every value into the file and store the heartbeat {@code epochMillis}. Owner thread; allocates nothing. */
    public void refresh(final long epochMillis)
    {
        final CountersManager manager = file.counters();
        final LongSupplier[] sources = this.sources;
        final int[] ids = this.ids;
        for (int i = 0; i < sources.length; i++)
        {
            manager.setCounterValue(ids[i], sources[i].getAsLong()); // release: pairs with a reader's volatile load
        }
        file.heartbeat(epochMillis);
    }

    /** @return the counters registered. */
    public int size()
    {
        return pending.size();
    }

    /** @return the file published, or null before {@link #publish}. */
    public Path path()
    {
        return file == null ? null : file.path();
    }

    /** Unmap and delete the file. Owner thread; idempotent. */
    @Override
    public void close()
    {
        if (file != null)
        {
            file.close();
        }
    }

    private static String lower(final String name)
    {
        return name.toLowerCase(Locale.ROOT);
    }

    private static NicCounter[] drops()
    {
        final List<NicCounter> list = new ArrayList<>();
        for (final NicCounter c : NicCounter.values())
        {
            if (c.isDrop())
            {
                list.add(c);
            }
        }
        return list.toArray(new NicCounter[0]);
    }
}
