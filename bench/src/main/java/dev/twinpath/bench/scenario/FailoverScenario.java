package dev.twinpath.bench.scenario;

import dev.twinpath.datapath.NetVscContext;
import dev.twinpath.datapath.lab.ThreadingMode;
import dev.twinpath.datapath.run.FailoverRun;
import dev.twinpath.datapath.run.RunContext;
import dev.twinpath.datapath.run.RunListener;
import dev.twinpath.datapath.run.RunProgress;
import dev.twinpath.datapath.run.RunSummary;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The {@code failover} suite: how long a VF &harr; synthetic switch takes under load, what it costs
 * the traffic, and proof that it loses nothing. Two {@link FailoverRun}s in this JVM:
 * <ol>
 * <li>the VF path's maximum rate: every VM on its VF, the wire peer unpaced, no switch;</li>
 * <li>a steady run at {@value #LOAD_SHARE} of that rate while the VMs' VFs are revoked and offered
 * again until {@link Settings#switches()} switches (one revoke or one offer each) are done: switch
 * time percentiles, the lowest throughput of a timeline interval (the dip) against the steady rate,
 * the hold-back high-water mark, and loss, reordering, duplicates and leaks, which must be 0.</li>
 * </ol>
 * Each run starts with the warm-up of {@link RunContext#warmup} (both paths, switching every 200 ms).
 * The adapters' minimum dwell time is cut to {@link Settings#minDwellNanos()} so an offer a few
 * milliseconds after a revoke is not deferred by flap damping.
 * <p>
 * Runs on the calling thread; the labs start their own.
 */
public final class FailoverScenario implements BenchScenario
{
    /** Share of the VF path's maximum rate the steady run sends. */
    public static final double LOAD_SHARE = 0.5;
    /** The switch time p99 the suite aims for. */
    public static final long SWITCH_TIME_GOAL_NANOS = TimeUnit.MICROSECONDS.toNanos(100);

    /**
     * How the suite runs.
     *
     * @param maxPhaseNanos  how long the max-rate run sends.
     * @param warmupNanos    warm-up of the max-rate run (the steady run gets a quarter of it).
     * @param switches       switches of the steady run, revokes and offers counted one each (the first offers not counted).
     * @param intervalNanos  time between two revokes of one VM.
     * @param syntheticNanos time a VM stays on the synthetic path per cycle.
     * @param minDwellNanos  the adapters' minimum dwell time (flap damping).
     * @param vms            VMs, taking turns.
     * @param threading      threading mode of both runs.
     * @param timelineNanos  width of the intervals the dip is measured in.
     */
    public record Settings(
        long maxPhaseNanos, long warmupNanos, int switches, long intervalNanos, long syntheticNanos, long minDwellNanos,
        int vms, ThreadingMode threading, long timelineNanos)
    {
        /** 2 s at max rate, then 1,000 switches: each of 2 VMs' VFs revoked every 20 ms for 5 ms (a switch every 5 ms). */
        public static final Settings FULL = new Settings(TimeUnit.SECONDS.toNanos(2), TimeUnit.SECONDS.toNanos(2), 1000,
            TimeUnit.MILLISECONDS.toNanos(20), TimeUnit.MILLISECONDS.toNanos(5), TimeUnit.MILLISECONDS.toNanos(1), 2,
            ThreadingMode.TWO, TimeUnit.MILLISECONDS.toNanos(10));
        /** 1 s at max rate, then 200 switches at the same cadence. */
        public static final Settings QUICK = new Settings(TimeUnit.SECONDS.toNanos(1), TimeUnit.SECONDS.toNanos(1), 200,
            FULL.intervalNanos, FULL.syntheticNanos, FULL.minDwellNanos, FULL.vms, FULL.threading, FULL.timelineNanos);

        /** @return how long the steady run sends: its switches' cycles, one interval more, and a fifth for slips. */
        public long steadyNanos()
        {
            final long cyclesPerVm = (switches + 2L * vms - 1) / (2L * vms);
            final long nominal = (cyclesPerVm + 1) * intervalNanos;
            return nominal + nominal / 5 + TimeUnit.MILLISECONDS.toNanos(100);
        }

        /** @return one line for the plan. */
        public String describe()
        {
            return String.format(Locale.ROOT, "%d VMs, %s threads: max rate for %s ms, then %,d switches at %.0f%% of it " +
                    "(each VM's VF revoked every %d ms for %d ms, min dwell %d ms), dip in %d ms intervals",
                vms, threading.name().toLowerCase(Locale.ROOT), TimeUnit.NANOSECONDS.toMillis(maxPhaseNanos), switches,
                LOAD_SHARE * 100, TimeUnit.NANOSECONDS.toMillis(intervalNanos), TimeUnit.NANOSECONDS.toMillis(syntheticNanos),
                TimeUnit.NANOSECONDS.toMillis(minDwellNanos), TimeUnit.NANOSECONDS.toMillis(timelineNanos));
        }
    }

    private final Settings full;
    private final Settings quick;

    /** The suite as {@code twinpath bench failover} runs it. */
    public FailoverScenario()
    {
        this(Settings.FULL, Settings.QUICK);
    }

    /** A suite with other settings (tests). */
    public FailoverScenario(final Settings full, final Settings quick)
    {
        this.full = full;
        this.quick = quick;
    }

    @Override
    public String plan(final boolean quickPlan)
    {
        return (quickPlan ? quick : full).describe();
    }

    @Override
    public FailoverResult run(final boolean quickPlan, final PrintStream progress)
    {
        final Settings s = quickPlan ? quick : full;
        progress.printf("  [1/2] VF path at max rate for %d ms, no switch%n", TimeUnit.NANOSECONDS.toMillis(s.maxPhaseNanos()));
        final RunSummary max = new FailoverRun(common(s).ratePps(RunContext.MAX_RATE)
            .duration(s.maxPhaseNanos(), TimeUnit.NANOSECONDS).switchInterval(0, TimeUnit.NANOSECONDS)
            .warmup(s.warmupNanos(), TimeUnit.NANOSECONDS)).run(listener(progress));
        final long rate = Math.max(1, Math.round(max.throughputMpps() * 1e6 * LOAD_SHARE));
        progress.printf(Locale.ROOT, "  VF path max rate %.3f Mpps; [2/2] %,d switches at %.3f Mpps%n",
            max.throughputMpps(), s.switches(), rate / 1e6);
        final RunSummary steady = new FailoverRun(common(s).ratePps(rate).duration(s.steadyNanos(), TimeUnit.NANOSECONDS)
            .switchInterval(s.intervalNanos(), TimeUnit.NANOSECONDS).syntheticTime(s.syntheticNanos(), TimeUnit.NANOSECONDS)
            .maxSwitches(s.switches()).warmup(s.warmupNanos() / 4, TimeUnit.NANOSECONDS)).run(listener(progress));
        return new FailoverResult(s, max, steady, rate);
    }

    private static RunContext common(final Settings s)
    {
        return new RunContext().vms(s.vms()).totalVfs(Math.max(8, s.vms())).threading(s.threading())
            .timelineInterval(s.timelineNanos(), TimeUnit.NANOSECONDS)
            .adapterTemplate(new NetVscContext().minDwell(s.minDwellNanos(), TimeUnit.NANOSECONDS));
    }

    private static RunListener listener(final PrintStream progress)
    {
        return new RunListener()
        {
            @Override
            public void onNote(final String note)
            {
                progress.println("        " + note);
            }

            @Override
            public void onProgress(final RunProgress p)
            {
                progress.println("        " + p.format());
            }
        };
    }
}
