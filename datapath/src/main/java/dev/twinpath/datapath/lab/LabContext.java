package dev.twinpath.datapath.lab;

import dev.twinpath.datapath.NetVscContext;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * What a {@link Lab} is made of: one host with an SR-IOV NIC (VF pool, queue pairs, ring sizes), an
 * IOV-enabled External virtual switch on it, {@code vms} VMs with one NetVSC adapter each, a packet
 * pool, and how the agents share threads. Fluent setters; {@link #conclude()} validates and names the
 * field it refuses.
 * <p>
 * Control-path object; not thread-safe.
 */
public final class LabContext
{
    /** Deepest ring: the NIC model's bound ({@code NicContext}). */
    public static final int MAX_RING_CAPACITY = 1 << 20;

    private int vms = 2;
    private int totalVfs = 8;
    private int queuePairs = 1;
    private int poolSlots = 65_536;
    private int dataRoom = 2048;
    private int ringCapacity = 1024;
    private int burst = 32;
    private ThreadingMode threading = ThreadingMode.TWO;
    private Supplier<IdleStrategy> idleStrategy = () -> new BackoffIdleStrategy(64, 16, 1_000, 50_000);
    private NanoClock clock = SystemNanoClock.INSTANCE;
    private long hostTimeoutNanos = TimeUnit.SECONDS.toNanos(2);
    private long peerMac = 0x0200_5EE4_0001L;
    private long vmMacBase = 0x0215_5D00_0100L;
    private int eventLogCapacity = 100_000;
    private NetVscContext adapterTemplate = new NetVscContext();
    private final java.util.List<HostConfig> hosts = new java.util.ArrayList<>();
    private final java.util.Map<Integer, String> placement = new java.util.HashMap<>();
    private String rackName = "tor1";
    private final java.util.Map<Integer, int[]> adapterIov = new java.util.HashMap<>();
    private final java.util.Map<Integer, Long> vmMacs = new java.util.HashMap<>();
    private final java.util.Map<Integer, Integer> adapterCounts = new java.util.HashMap<>();
    private final java.util.Map<Integer, TeamSetup> teams = new java.util.HashMap<>();
    private LabProcess process;

    public LabContext vms(final int count)
    {
        vms = count;
        return this;
    }

    public int vms()
    {
        return vms;
    }

    public LabContext totalVfs(final int count)
    {
        totalVfs = count;
        return this;
    }

    public int totalVfs()
    {
        return totalVfs;
    }

    public LabContext queuePairs(final int count)
    {
        queuePairs = count;
        return this;
    }

    public int queuePairs()
    {
        return queuePairs;
    }

    /** Packet buffers, 1,024..2^24, at least {@link #rxRingSlots()}; default 65,536. */
    public LabContext poolSlots(final int slots)
    {
        poolSlots = slots;
        return this;
    }

    public int poolSlots()
    {
        return poolSlots;
    }

    public LabContext dataRoom(final int bytes)
    {
        dataRoom = bytes;
        return this;
    }

    public int dataRoom()
    {
        return dataRoom;
    }

    /** Descriptors per NIC ring: a power of two from 2 x {@link #burst()} to 2^20; default 1,024. */
    public LabContext ringCapacity(final int capacity)
    {
        ringCapacity = capacity;
        return this;
    }

    public int ringCapacity()
    {
        return ringCapacity;
    }

    public LabContext burst(final int burst)
    {
        this.burst = burst;
        return this;
    }

    public int burst()
    {
        return burst;
    }

    public LabContext threading(final ThreadingMode mode)
    {
        threading = mode;
        return this;
    }

    public ThreadingMode threading()
    {
        return threading;
    }

    public LabContext idleStrategy(final Supplier<IdleStrategy> supplier)
    {
        idleStrategy = supplier;
        return this;
    }

    public Supplier<IdleStrategy> idleStrategy()
    {
        return idleStrategy;
    }

    public LabContext clock(final NanoClock clock)
    {
        this.clock = clock;
        return this;
    }

    public NanoClock clock()
    {
        return clock;
    }

    /** How long the host waits for a guest's answer before its fallback (G7). */
    public LabContext hostTimeout(final long duration, final TimeUnit unit)
    {
        hostTimeoutNanos = unit.toNanos(duration);
        return this;
    }

    public long hostTimeoutNanos()
    {
        return hostTimeoutNanos;
    }

    /** MAC of the host at the other end of the wire. */
    public LabContext peerMac(final long mac)
    {
        peerMac = mac;
        return this;
    }

    public long peerMac()
    {
        return peerMac;
    }

    /** MAC of the first VM's adapter; VM i gets base + i. */
    public LabContext vmMacBase(final long mac)
    {
        vmMacBase = mac;
        return this;
    }

    public long vmMacBase()
    {
        return vmMacBase;
    }

    public LabContext eventLogCapacity(final int capacity)
    {
        eventLogCapacity = capacity;
        return this;
    }

    public int eventLogCapacity()
    {
        return eventLogCapacity;
    }

    /** Settings every adapter starts from (name, index and MAC are set per VM). */
    public LabContext adapterTemplate(final NetVscContext template)
    {
        adapterTemplate = template;
        return this;
    }

    public NetVscContext adapterTemplate()
    {
        return adapterTemplate;
    }

    /**
     * Add a host (the first added is where VMs go unless {@link #placeVm} says otherwise). A lab with no
     * host added has one, "host", with {@link #totalVfs()} VFs of {@link #queuePairs()} queue pairs. A lab
     * of two or more hosts joins them, and the wire peer, with a top-of-rack switch.
     */
    public LabContext addHost(final HostConfig host)
    {
        hosts.add(host);
        return this;
    }

    /** @return the hosts, as {@link #conclude()} settled them. */
    public java.util.List<HostConfig> hosts()
    {
        return java.util.List.copyOf(hosts);
    }

    /** Start VM {@code vm} (0-based) on host {@code host}. */
    public LabContext placeVm(final int vm, final String host)
    {
        placement.put(vm, host);
        return this;
    }

    /** @return the host VM {@code vm} starts on. */
    public String hostOf(final int vm)
    {
        return placement.getOrDefault(vm, hosts.isEmpty() ? "host" : hosts.get(0).name());
    }

    /** VM {@code vm}'s adapter settings: IovWeight 0..100 and IovQueuePairsRequested 1..16 (checked when the lab is built). */
    public LabContext adapterIov(final int vm, final int iovWeight, final int queuePairsRequested)
    {
        return adapterIov(vm, 0, iovWeight, queuePairsRequested);
    }

    /** VM {@code vm}'s adapter {@code slot} settings: IovWeight 0..100 and IovQueuePairsRequested 1..16. */
    public LabContext adapterIov(final int vm, final int slot, final int iovWeight, final int queuePairsRequested)
    {
        if (slot < 0 || slot > 7)
        {
            // refused here: the key below would otherwise name another VM's adapter
            throw new IllegalArgumentException("adapterIov: slot must be 0..7 (a VM has 1..8 adapters): " + slot);
        }
        adapterIov.put(vm * 16 + slot, new int[] {iovWeight, queuePairsRequested});
        return this;
    }

    /** VM {@code vm} has {@code count} network adapters (1..8; adapter k on its host's NIC k, or the last NIC). */
    public LabContext adapterCount(final int vm, final int count)
    {
        adapterCounts.put(vm, count);
        return this;
    }

    public int adapterCount(final int vm)
    {
        return adapterCounts.getOrDefault(vm, 1);
    }

    /** VM {@code vm}'s guest teams its adapters (needs two or more) as {@code team} says. */
    public LabContext team(final int vm, final TeamSetup team)
    {
        teams.put(vm, team);
        return this;
    }

    /** @return VM {@code vm}'s team, or null. */
    public TeamSetup team(final int vm)
    {
        return teams.get(vm);
    }

    /** @return VM {@code vm}'s adapter {@code slot} settings (default: IovWeight 100, {@link #queuePairs()} queue pairs requested). */
    public dev.twinpath.datapath.hyperv.AdapterIovSettings adapterIov(final int vm, final int slot)
    {
        final int[] set = adapterIov.get(vm * 16 + slot);
        return new dev.twinpath.datapath.hyperv.AdapterIovSettings()
            .setIovWeight(set == null ? dev.twinpath.datapath.hyperv.AdapterIovSettings.DEFAULT_IOV_WEIGHT : set[0])
            .setIovQueuePairsRequested(set == null ? queuePairs : set[1]);
    }

    /** VM {@code vm}'s MAC address (default {@link #vmMacBase()} + vm). */
    public LabContext vmMac(final int vm, final long mac)
    {
        vmMacs.put(vm, mac);
        return this;
    }

    /** @return VM {@code vm}'s MAC address. */
    public long vmMac(final int vm)
    {
        return vmMacs.getOrDefault(vm, vmMacBase + vm);
    }

    /** The top-of-rack switch's name (labs of two or more hosts). */
    public LabContext rackName(final String name)
    {
        rackName = name;
        return this;
    }

    /** Run only one host of the lab, in this process, its uplink over a wire (see {@link LabProcess}); null: the whole lab. */
    public LabContext process(final LabProcess hostProcess)
    {
        process = hostProcess;
        return this;
    }

    /** @return the host this process runs, or null for a whole lab. */
    public LabProcess process()
    {
        return process;
    }

    public String rackName()
    {
        return rackName;
    }

    /** Validate. @throws IllegalArgumentException naming the field. */
    public LabContext conclude()
    {
        range("vms", vms, 1, 64); // first: the checks below loop over the VMs
        range("totalVfs", totalVfs, 1, 256);
        range("queuePairs", queuePairs, 1, 16);
        range("poolSlots", poolSlots, 1024, 1 << 24);
        range("dataRoom", dataRoom, 128, 9216);
        if (!unicast(peerMac))
        {
            throw new IllegalArgumentException("peerMac must be a unicast 48-bit address: " + Long.toHexString(peerMac));
        }
        if (!unicast(vmMacBase))
        {
            throw new IllegalArgumentException("vmMacBase must be a unicast 48-bit address: " + Long.toHexString(vmMacBase));
        }
        if (hosts.isEmpty())
        {
            hosts.add(new HostConfig("host").totalVfs(totalVfs).queuePairsPerVf(queuePairs));
        }
        final java.util.Set<String> names = new java.util.HashSet<>();
        for (final HostConfig host : hosts)
        {
            host.conclude();
            if (!names.add(host.name()))
            {
                throw new IllegalArgumentException("hosts: duplicate host name '" + host.name() + "'");
            }
        }
        final java.util.Set<Long> macs = new java.util.HashSet<>();
        for (int i = 0; i < vms; i++)
        {
            final long mac = vmMac(i);
            if (!unicast(mac) || mac == peerMac || !macs.add(mac))
            {
                throw new IllegalArgumentException("vmMac: VM " + i + "'s MAC must be a unicast 48-bit address, unique: " +
                    Long.toHexString(mac));
            }
        }
        for (final var counted : adapterCounts.entrySet())
        {
            if (counted.getValue() < 1 || counted.getValue() > 8)
            {
                throw new IllegalArgumentException("adapterCount: VM " + counted.getKey() + " must have 1..8 adapters: " +
                    counted.getValue());
            }
            if (counted.getValue() > 1 && teams.get(counted.getKey()) == null)
            {
                throw new IllegalArgumentException("adapterCount: VM " + counted.getKey() + " has " + counted.getValue() +
                    " adapters but no team: a lab guest uses several adapters through a NIC team");
            }
        }
        knownVms("vmMac", vmMacs.keySet());
        knownVms("adapterCount", adapterCounts.keySet());
        knownVms("team", teams.keySet());
        knownVms("adapterIov", adapterIov.keySet().stream().map(key -> Math.floorDiv(key, 16)).toList());
        for (final var placed : placement.entrySet())
        {
            if (placed.getKey() < 0 || placed.getKey() >= vms)
            {
                throw new IllegalArgumentException("placeVm: no VM " + placed.getKey() + " (vms = " + vms + ")");
            }
            if (!names.contains(placed.getValue()))
            {
                throw new IllegalArgumentException("placeVm: VM " + placed.getKey() + " on unknown host '" + placed.getValue() + "'");
            }
        }
        range("burst", burst, 1, 256);
        if (ringCapacity < 2 * burst || ringCapacity > MAX_RING_CAPACITY || Integer.bitCount(ringCapacity) != 1)
        {
            throw new IllegalArgumentException("ringCapacity must be a power of two from 2 x burst (" + 2 * burst +
                ") to 2^20: " + ringCapacity);
        }
        final long rxSlots = rxRingSlots();
        if (poolSlots < rxSlots)
        {
            throw new IllegalArgumentException("poolSlots must be at least " + rxSlots + ", the descriptors the lab's RX " +
                "rings hold (" + rxSlots / ringCapacity + " rings of ringCapacity " + ringCapacity + "), or the pool " +
                "runs dry before they fill: " + poolSlots);
        }
        if (threading == null)
        {
            throw new IllegalArgumentException("threading must be set");
        }
        if (hostTimeoutNanos <= 0)
        {
            throw new IllegalArgumentException("hostTimeout must be > 0: " + hostTimeoutNanos + " ns");
        }
        range("eventLogCapacity", eventLogCapacity, 16, 10_000_000);
        if (process != null)
        {
            process.check(this);
        }
        return this;
    }

    /**
     * The descriptors the lab's RX rings hold when full, which the packet pool must be able to fill: for every NIC of
     * every host its wire RX ring and PF default queue, for every VM adapter the RX rings of its VF (the queue pairs it
     * requests, at most what the widest NIC gives), each {@link #ringCapacity()} deep. Meaningful once {@link #vms()}
     * and the adapter counts are in range ({@link #conclude()} checks them first).
     *
     * @return descriptors; {@link #conclude()} refuses a {@link #poolSlots()} below it.
     */
    public long rxRingSlots()
    {
        long rings = hosts.isEmpty() ? 2 : 0;
        int widest = hosts.isEmpty() ? queuePairs : 1;
        for (final HostConfig host : hosts)
        {
            rings += 2L * host.nics();
            widest = Math.max(widest, host.queuePairsPerVf());
        }
        for (int vm = 0; vm < vms; vm++)
        {
            for (int slot = 0; slot < adapterCount(vm); slot++)
            {
                final int[] set = adapterIov.get(vm * 16 + slot);
                rings += Math.max(1, Math.min(set == null ? queuePairs : set[1], widest));
            }
        }
        return rings * ringCapacity;
    }

    private void knownVms(final String field, final java.util.Collection<Integer> configured)
    {
        for (final int vm : configured)
        {
            if (vm < 0 || vm >= vms)
            {
                throw new IllegalArgumentException(field + ": no VM " + vm + " (vms = " + vms + ", so 0.." + (vms - 1) + ")");
            }
        }
    }

    private static boolean unicast(final long mac)
    {
        return mac > 0 && mac <= 0xFFFF_FFFF_FFFFL && (mac & 0x0100_0000_0000L) == 0;
    }

    private static void range(final String field, final long value, final long min, final long max)
    {
        if (value < min || value > max)
        {
            throw new IllegalArgumentException(field + " must be " + min + ".." + max + ": " + value);
        }
    }
}
