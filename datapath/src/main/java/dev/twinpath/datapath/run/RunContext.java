package dev.twinpath.datapath.run;

import dev.twinpath.datapath.NetVscContext;
import dev.twinpath.datapath.lab.LabContext;
import dev.twinpath.datapath.lab.ThreadingMode;
import dev.twinpath.datapath.traffic.TrafficProfile;
import dev.twinpath.packet.codec.EthernetHeader;
import org.agrona.concurrent.IdleStrategy;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * What a {@link FailoverRun} does: the lab (VMs, VFs, threading), the wire peer's traffic (flows,
 * frame length, rate) and the planned switches. Each VM starts on its VF; every
 * {@link #switchIntervalNanos()} its VF is revoked, the VM runs on the synthetic path for
 * {@link #syntheticTimeNanos()}, and a VF is offered again. VM {@code i} of {@code n} revokes first at
 * {@code interval * (i + 1) / n}, so the VMs take turns. A cycle is started only if its offer comes at
 * least one synthetic time before the end, so every run ends with its switches done.
 * <p>
 * Context-style: fluent setters, {@link #conclude()} validates and names the field it refuses.
 * <p>
 * Control-path object; not thread-safe.
 */
public final class RunContext
{
    /** Rate value for an unpaced wire peer: as fast as the NIC takes frames. */
    public static final long MAX_RATE = TrafficProfile.UNPACED;
    /** Time between two revokes of one VM during the warm-up. */
    public static final long WARMUP_INTERVAL_MS = 200;
    /** Longest time on the synthetic path per cycle during the warm-up. */
    public static final long WARMUP_SYNTHETIC_MS = 100;

    private int vms = 2;
    private int totalVfs = 8;
    private int queuePairs = 1;
    private int flows = 1024;
    private int frameLength = EthernetHeader.MIN_FRAME_LENGTH;
    private int[] frameCycle;
    private PathUnderTest pathUnderTest;
    private long ratePps = 1_000_000L;
    private long guestRatePps;
    private int guestFlows = 64;
    private long durationNanos = TimeUnit.SECONDS.toNanos(10);
    private long switchIntervalNanos = TimeUnit.SECONDS.toNanos(2);
    private long syntheticTimeNanos = TimeUnit.MILLISECONDS.toNanos(100);
    private long maxSwitches = Long.MAX_VALUE;
    private ThreadingMode threading = ThreadingMode.TWO;
    private long progressIntervalNanos = TimeUnit.SECONDS.toNanos(1);
    private long timelineIntervalNanos = TimeUnit.MILLISECONDS.toNanos(10);
    private long settleTimeoutNanos = TimeUnit.SECONDS.toNanos(5);
    private long warmupNanos = TimeUnit.SECONDS.toNanos(2);
    private NetVscContext adapterTemplate = new NetVscContext();
    private Supplier<IdleStrategy> idleStrategy;
    private LabPlan plan;
    private int eventLogCapacity = 100_000;
    private java.nio.file.Path liveCounters;
    private String liveCountersCommand = "FailoverRun";

    /** @param count VMs, one NetVSC adapter each, 1..64; default 2. */
    public RunContext vms(final int count)
    {
        vms = count;
        return this;
    }

    public int vms()
    {
        return vms;
    }

    /** @param count VFs of the NIC, at least {@link #vms()}; default 8. */
    public RunContext totalVfs(final int count)
    {
        totalVfs = count;
        return this;
    }

    public int totalVfs()
    {
        return totalVfs;
    }

    /** @param count queue pairs each VF gets, 1..16; default 1. */
    public RunContext queuePairs(final int count)
    {
        queuePairs = count;
        return this;
    }

    public int queuePairs()
    {
        return queuePairs;
    }

    /** @param count flows (streams) of the wire peer; flow {@code i} goes to VM {@code i % vms}; default 1024. */
    public RunContext flows(final int count)
    {
        flows = count;
        return this;
    }

    public int flows()
    {
        return flows;
    }

    /** @param length frame length without FCS; default 60 (64 bytes on the wire). */
    public RunContext frameLength(final int length)
    {
        frameLength = length;
        frameCycle = null;
        return this;
    }

    /** @return the frame length, or with {@link #frameLengths(int...)} the longest. */
    public int frameLength()
    {
        return frameLength;
    }

    /** @param lengths mixed frame lengths without FCS, packet {@code k} of length {@code k % n}: {@link TrafficProfile#frameLengths(int...)}. */
    public RunContext frameLengths(final int... lengths)
    {
        frameLength(java.util.Arrays.stream(lengths).max().orElse(0));
        frameCycle = lengths.length > 1 ? lengths.clone() : null;
        return this;
    }

    /** @return a copy of the frame lengths the wire peer cycles through (one unless mixed). */
    public int[] frameLengths()
    {
        return frameCycle == null ? new int[] {frameLength} : frameCycle.clone();
    }

    /** @param path measure one path only, optionally with an injected capacity (an RFC 2544 trial); null (default) for both. */
    public RunContext pathUnderTest(final PathUnderTest path)
    {
        pathUnderTest = path;
        return this;
    }

    public PathUnderTest pathUnderTest()
    {
        return pathUnderTest;
    }

    /** @param pps total rate of the wire peer in packets per second, or {@link #MAX_RATE}; default 1,000,000. */
    public RunContext ratePps(final long pps)
    {
        ratePps = pps;
        return this;
    }

    public long ratePps()
    {
        return ratePps;
    }

    /**
     * @param pps rate at which each VM's application sends UDP to the wire peer (its TX moves with the
     *            VF too), 0 for none (the default).
     */
    public RunContext guestRatePps(final long pps)
    {
        guestRatePps = pps;
        return this;
    }

    public long guestRatePps()
    {
        return guestRatePps;
    }

    /** @param count flows each VM sends on, 1..65,536; default 64. */
    public RunContext guestFlows(final int count)
    {
        guestFlows = count;
        return this;
    }

    public int guestFlows()
    {
        return guestFlows;
    }

    /** How long the wire peer sends. */
    public RunContext duration(final long duration, final TimeUnit unit)
    {
        durationNanos = unit.toNanos(duration);
        return this;
    }

    public long durationNanos()
    {
        return durationNanos;
    }

    /** Time between two revokes of one VM's VF; 0 for no planned switch. */
    public RunContext switchInterval(final long interval, final TimeUnit unit)
    {
        switchIntervalNanos = unit.toNanos(interval);
        return this;
    }

    public long switchIntervalNanos()
    {
        return switchIntervalNanos;
    }

    /** How long a VM stays on the synthetic path in each cycle before its VF is offered again. */
    public RunContext syntheticTime(final long time, final TimeUnit unit)
    {
        syntheticTimeNanos = unit.toNanos(time);
        return this;
    }

    public long syntheticTimeNanos()
    {
        return syntheticTimeNanos;
    }

    /** @param count most planned switches (a revoke or an offer each) in the run; default no limit. */
    public RunContext maxSwitches(final long count)
    {
        maxSwitches = count;
        return this;
    }

    public long maxSwitches()
    {
        return maxSwitches;
    }

    public RunContext threading(final ThreadingMode mode)
    {
        threading = mode;
        return this;
    }

    public ThreadingMode threading()
    {
        return threading;
    }

    /**
     * @param directory where the run publishes its live counters for {@code twinpath stat}, refreshed every 100 ms (file
     *                  {@code twinpath-<pid>.dat}, deleted at the end); null (default) for none.
     * @param command   what runs, as {@code twinpath stat} shows it (null: {@code FailoverRun}).
     */
    public RunContext liveCounters(final java.nio.file.Path directory, final String command)
    {
        liveCounters = directory;
        liveCountersCommand = command == null ? liveCountersCommand : command;
        return this;
    }

    public java.nio.file.Path liveCounters()
    {
        return liveCounters;
    }

    public String liveCountersCommand()
    {
        return liveCountersCommand;
    }

    /**
     * @param capacity events the lab's log keeps (a ring: the oldest go first), 1,000..10,000,000; default
     *                 100,000. A long run (a soak) keeps fewer so its heap stops growing early.
     */
    public RunContext eventLogCapacity(final int capacity)
    {
        range("eventLogCapacity", capacity, 1_000, 10_000_000);
        eventLogCapacity = capacity;
        return this;
    }

    public int eventLogCapacity()
    {
        return eventLogCapacity;
    }

    /** How often the run reports progress; default 1 s. */
    public RunContext progressInterval(final long interval, final TimeUnit unit)
    {
        progressIntervalNanos = unit.toNanos(interval);
        return this;
    }

    public long progressIntervalNanos()
    {
        return progressIntervalNanos;
    }

    /** Width of the intervals delivered packets are counted in, for the throughput dip; default 10 ms. */
    public RunContext timelineInterval(final long interval, final TimeUnit unit)
    {
        timelineIntervalNanos = unit.toNanos(interval);
        return this;
    }

    public long timelineIntervalNanos()
    {
        return timelineIntervalNanos;
    }

    /** How long the run waits for VFs to become active at the start and for switches to finish at the end. */
    public RunContext settleTimeout(final long timeout, final TimeUnit unit)
    {
        settleTimeoutNanos = unit.toNanos(timeout);
        return this;
    }

    public long settleTimeoutNanos()
    {
        return settleTimeoutNanos;
    }

    /**
     * How long a warm-up runs first: the same lab and traffic, each VM's VF revoked every
     * {@value #WARMUP_INTERVAL_MS} ms, so the JIT has compiled both paths before the measured run; its
     * figures are not counted but its invariants are checked. 0 for none; default 2 s.
     */
    public RunContext warmup(final long duration, final TimeUnit unit)
    {
        warmupNanos = unit.toNanos(duration);
        return this;
    }

    public long warmupNanos()
    {
        return warmupNanos;
    }

    /** Settings of every VM's adapter (hold-back bound, timeouts, minimum dwell). */
    public RunContext adapterTemplate(final NetVscContext template)
    {
        adapterTemplate = template;
        return this;
    }

    public NetVscContext adapterTemplate()
    {
        return adapterTemplate;
    }

    /** How the lab's agent threads wait for work; null (default) for the lab's own default. */
    public RunContext idleStrategy(final Supplier<IdleStrategy> supplier)
    {
        idleStrategy = supplier;
        return this;
    }

    public Supplier<IdleStrategy> idleStrategy()
    {
        return idleStrategy;
    }

    /** The lab's hosts, VM placement and schedule (null: one host, no schedule). */
    public RunContext plan(final LabPlan plan)
    {
        this.plan = plan;
        return this;
    }

    public LabPlan plan()
    {
        return plan;
    }

    /** @return true when the wire peer sends as fast as the NIC takes frames. */
    public boolean isMaxRate()
    {
        return ratePps == MAX_RATE;
    }

    /** @return true when the run has planned switches. */
    public boolean hasSwitches()
    {
        return switchIntervalNanos > 0 && maxSwitches > 0;
    }

    /** Validate. @throws IllegalArgumentException naming the field. */
    public RunContext conclude()
    {
        range("vms", vms, 1, 64);
        range("totalVfs", totalVfs, plan == null ? vms : 1, 256); // a planned lab sizes each host's pool itself
        range("queuePairs", queuePairs, 1, 16);
        range("flows", flows, vms, TrafficProfile.MAX_FLOWS);
        range("frameLength", frameLength, TrafficProfile.MIN_FRAME_LENGTH, TrafficProfile.MAX_FRAME_LENGTH);
        range("frameLengths", frameCycle == null ? 1 : frameCycle.length, 1, TrafficProfile.MAX_FRAME_CYCLE);
        for (final int length : frameCycle == null ? new int[0] : frameCycle)
        {
            range("frameLengths", length, TrafficProfile.MIN_FRAME_LENGTH, TrafficProfile.MAX_FRAME_LENGTH);
        }
        range("ratePps", ratePps, 0, TrafficProfile.MAX_RATE_PPS);
        range("guestRatePps", guestRatePps, 0, TrafficProfile.MAX_RATE_PPS);
        range("guestFlows", guestFlows, 1, 65_536);
        range("duration", durationNanos, TimeUnit.MILLISECONDS.toNanos(10), TimeUnit.DAYS.toNanos(1));
        range("switchInterval", switchIntervalNanos, 0, TimeUnit.DAYS.toNanos(1));
        if (switchIntervalNanos > 0)
        {
            range("syntheticTime", syntheticTimeNanos, 1, switchIntervalNanos - 1);
        }
        range("maxSwitches", maxSwitches, 0, Long.MAX_VALUE);
        range("progressInterval", progressIntervalNanos, TimeUnit.MILLISECONDS.toNanos(10), TimeUnit.HOURS.toNanos(1));
        range("timelineInterval", timelineIntervalNanos, TimeUnit.MICROSECONDS.toNanos(100), TimeUnit.SECONDS.toNanos(10));
        range("warmup", warmupNanos, 0, TimeUnit.HOURS.toNanos(1));
        range("settleTimeout", settleTimeoutNanos, TimeUnit.MILLISECONDS.toNanos(1), TimeUnit.MINUTES.toNanos(10));
        if (pathUnderTest != null && (hasSwitches() || plan != null))
        {
            throw new IllegalArgumentException("pathUnderTest: a run of one path has no switches and no plan (switchInterval 0)");
        }
        if (threading == null)
        {
            throw new IllegalArgumentException("threading must be set");
        }
        if (adapterTemplate == null)
        {
            throw new IllegalArgumentException("adapterTemplate must be set");
        }
        RunLabSizing.concludeLab(this);
        return this;
    }

    /**
     * @return the settings of the warm-up: these, for the warm-up's duration, each VM's VF revoked every
     * {@value #WARMUP_INTERVAL_MS} ms for at most {@value #WARMUP_SYNTHETIC_MS} ms, no progress, no warm-up of its own.
     */
    RunContext warmupContext()
    {
        return copy().duration(warmupNanos, TimeUnit.NANOSECONDS).warmup(0, TimeUnit.NANOSECONDS)
            .progressInterval(1, TimeUnit.HOURS).switchInterval(pathUnderTest != null ? 0 : WARMUP_INTERVAL_MS, TimeUnit.MILLISECONDS)
            .syntheticTime(Math.min(syntheticTimeNanos, TimeUnit.MILLISECONDS.toNanos(WARMUP_SYNTHETIC_MS)), TimeUnit.NANOSECONDS)
            .maxSwitches(Long.MAX_VALUE).plan(plan == null ? null : plan.withoutActions())
            .liveCounters(liveCounters, liveCountersCommand + " (warm-up)");
    }

    /** @return a copy of these settings (the adapter template copied too). */
    public RunContext copy()
    {
        final RunContext c = new RunContext();
        c.vms = vms;
        c.totalVfs = totalVfs;
        c.queuePairs = queuePairs;
        c.flows = flows;
        c.frameLength = frameLength;
        c.frameCycle = frameCycle;
        c.pathUnderTest = pathUnderTest;
        c.ratePps = ratePps;
        c.guestRatePps = guestRatePps;
        c.guestFlows = guestFlows;
        c.durationNanos = durationNanos;
        c.switchIntervalNanos = switchIntervalNanos;
        c.syntheticTimeNanos = syntheticTimeNanos;
        c.maxSwitches = maxSwitches;
        c.threading = threading;
        c.progressIntervalNanos = progressIntervalNanos;
        c.eventLogCapacity = eventLogCapacity;
        c.liveCounters = liveCounters;
        c.liveCountersCommand = liveCountersCommand;
        c.timelineIntervalNanos = timelineIntervalNanos;
        c.settleTimeoutNanos = settleTimeoutNanos;
        c.warmupNanos = warmupNanos;
        c.adapterTemplate = adapterTemplate.copy();
        c.idleStrategy = idleStrategy;
        c.plan = plan == null ? null : plan.copy();

        return c;
    }

    /**
     * @return the lab these settings describe: pool slots sized for the frames, buffers for every hold-back and for
     * every RX ring ({@link LabContext#rxRingSlots()}); {@link #conclude()} refuses a pool no JVM may have.
     */
    public LabContext labContext()
    {
        return RunLabSizing.labContext(this);
    }

    private static void range(final String field, final long value, final long min, final long max)
    {
        if (value < min || value > max)
        {
            throw new IllegalArgumentException(field + " must be " + min + ".." + max + ": " + value);
        }
    }

    @Override
    public String toString()
    {
        return "RunContext{vms=" + vms + ", totalVfs=" + totalVfs + ", queuePairs=" + queuePairs + ", flows=" + flows +
            ", frameLength=" + frameLength + ", ratePps=" + (isMaxRate() ? "max" : Long.toString(ratePps)) +
            ", durationNanos=" + durationNanos + ", switchIntervalNanos=" + switchIntervalNanos +
            ", syntheticTimeNanos=" + syntheticTimeNanos + ", maxSwitches=" + maxSwitches + ", warmupNanos=" + warmupNanos +
            ", threading=" + threading + '}';
    }
}
