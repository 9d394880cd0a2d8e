package dev.twinpath.bench.scenario.wire;

import dev.twinpath.bench.scenario.BenchScenario;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Suite {@code wire-proc}: the wire across three processes, host A → ToR → host B, on this machine, next to raw Aeron
 * carrying the same 64-byte frames through the same three processes, one message per frame ({@link WirePath#RAW}, the
 * baseline), and to raw Aeron carrying full-batch messages with no work per frame ({@link WirePath#RAW_BATCH}, the
 * ceiling of any batching). Per transport ({@link WireTransport}), the wire and raw Aeron each run three trials
 * ({@link WireTrialKind}): as fast as it goes (Mpps at B over the window, after a warm-up); at a light fixed rate
 * ({@link Settings#lightRatePps()}) for the latency of a wire that is not queueing; and at a loaded fixed rate,
 * {@link Settings#loadShare()} of the lower of the two maxima and at most {@link Settings#maxLatencyRatePps()}; the
 * ceiling runs at max rate only. Latency is from each frame's intended send time to its arrival at B
 * (p50/p90/p99/p99.9/max). Each trial starts three fresh JVMs ({@link WireProcessTrial}).
 * <p>
 * Goals: the wire moves at least {@value #MIN_RATIO} of the baseline's frames; over IPC at least {@value #MIN_IPC_MPPS}
 * Mpps; B gets every frame A sent, in order, each timed. The ceiling has no goal: its ratio is reported. A trial whose process fails or stalls runs once more (said in
 * the progress and the result: three JVMs and their drivers share the machine); one that fails twice is reported as a
 * missed goal and the other transports still run.
 * <p>
 * Runs on the calling thread; the trials start the processes.
 */
public final class WireProcessScenario implements BenchScenario
{
    /** The lowest acceptable wire / raw ratio of the throughput. */
    public static final double MIN_RATIO = 0.8;
    /** The "3 Mpps of 64-byte frames on 2 cores", asked of the IPC transport (see docs/aeron-wire.md). */
    public static final double MIN_IPC_MPPS = 3.0;
    /** Trials per transport: max, light and loaded for the wire and for raw Aeron, and the batch ceiling at max. */
    public static final int TRIALS_PER_TRANSPORT = 7;

    /**
     * How the suite runs.
     *
     * @param warmupNanos       warm-up of each trial, from the shared start time.
     * @param measureNanos      measurement window of each trial.
     * @param transports        the transports, in order.
     * @param lightRatePps      rate of the light latency trials, frames per second.
     * @param loadShare         share of the lower maximum the loaded latency trials send at.
     * @param maxLatencyRatePps highest rate of the loaded latency trials, frames per second.
     */
    public record Settings(long warmupNanos, long measureNanos, List<WireTransport> transports, long lightRatePps,
        double loadShare, long maxLatencyRatePps)
    {
        /**
         * 2 s warm-up, 5 s window, the three transports, latency at 0.1 Mpps and at a quarter of the lower maximum (at
         * most 1 Mpps): at half of it the wire over UDP did not keep up with its schedule (see docs/aeron-wire.md).
         */
        public static final Settings FULL = new Settings(TimeUnit.SECONDS.toNanos(2), TimeUnit.SECONDS.toNanos(5),
            List.of(WireTransport.values()), 100_000, 0.25, 1_000_000);
        /** 1 s warm-up, 2 s window. */
        public static final Settings QUICK = new Settings(TimeUnit.SECONDS.toNanos(1), TimeUnit.SECONDS.toNanos(2),
            FULL.transports, FULL.lightRatePps, FULL.loadShare, FULL.maxLatencyRatePps);

        /** @return one line for the plan. */
        public String describe()
        {
            return String.format(Locale.ROOT, "A -> ToR -> B as 3 JVMs over %s; per transport the wire, raw Aeron " +
                    "(64-byte messages) and raw Aeron batch messages at max rate, then the wire and raw Aeron at %.2f Mpps and at %.0f%% of the lower max (at most %.1f Mpps) for latency; " +
                    "each trial %d ms warm-up + %d ms measured",
                transports.stream().map(WireTransport::label).collect(Collectors.joining(", ")), lightRatePps / 1e6,
                loadShare * 100, maxLatencyRatePps / 1e6, TimeUnit.NANOSECONDS.toMillis(warmupNanos),
                TimeUnit.NANOSECONDS.toMillis(measureNanos));
        }
    }

    private final Settings full;
    private final Settings quick;
    /** The trials of the current run that failed once and ran again, why each. */
    private final List<String> retried = new ArrayList<>();

    /** The suite as {@code twinpath bench wire-proc} runs it. */
    public WireProcessScenario()
    {
        this(Settings.FULL, Settings.QUICK);
    }

    /** A suite with other settings (tests). */
    public WireProcessScenario(final Settings full, final Settings quick)
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
    public WireProcessResult run(final boolean quickPlan, final PrintStream progress)
    {
        final Settings s = quickPlan ? quick : full;
        final List<WireTrialResult> trials = new ArrayList<>();
        final List<String> failures = new ArrayList<>();
        retried.clear();
        final int total = TRIALS_PER_TRANSPORT * s.transports().size();
        int index = 0;
        for (final WireTransport transport : s.transports())
        {
            try
            {
                final WireTrialResult wireMax = trial(progress, ++index, total, transport, WirePath.WIRE, WireTrialKind.MAX, 0, s);
                trials.add(wireMax);
                final WireTrialResult rawMax = trial(progress, ++index, total, transport, WirePath.RAW, WireTrialKind.MAX, 0, s);
                trials.add(rawMax);
                trials.add(trial(progress, ++index, total, transport, WirePath.RAW_BATCH, WireTrialKind.MAX, 0, s));
                trials.add(trial(progress, ++index, total, transport, WirePath.WIRE, WireTrialKind.LIGHT, s.lightRatePps(), s));
                trials.add(trial(progress, ++index, total, transport, WirePath.RAW, WireTrialKind.LIGHT, s.lightRatePps(), s));
                final long loaded = Math.max(1_000, Math.min(s.maxLatencyRatePps(),
                    Math.round(Math.min(wireMax.mpps(), rawMax.mpps()) * 1e6 * s.loadShare())));
                trials.add(trial(progress, ++index, total, transport, WirePath.WIRE, WireTrialKind.LOADED, loaded, s));
                trials.add(trial(progress, ++index, total, transport, WirePath.RAW, WireTrialKind.LOADED, loaded, s));
            }
            catch (final RuntimeException | IOException ex)
            {
                if (WireProcessTrial.shuttingDown())
                {
                    failures.add(transport.label() + ": interrupted");
                    break;
                }
                final String why = transport.label() + ": a trial failed: " + ex.getMessage();
                failures.add(why);
                progress.println("        " + why);
                index = TRIALS_PER_TRANSPORT * (s.transports().indexOf(transport) + 1);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                failures.add(transport.label() + ": interrupted");
                break;
            }
        }
        return new WireProcessResult(s, trials, failures, List.copyOf(retried));
    }

    private WireTrialResult trial(final PrintStream progress, final int index, final int total,
        final WireTransport transport, final WirePath path, final WireTrialKind kind, final long ratePps, final Settings s)
        throws IOException, InterruptedException
    {
        WireTrialResult r;
        try
        {
            r = new WireProcessTrial(transport, path, kind, ratePps, s.warmupNanos(), s.measureNanos()).run();
        }
        catch (final IllegalStateException ex)
        {
            if (WireProcessTrial.shuttingDown())
            {
                throw ex;
            }
            // a process stalled or failed (three JVMs and their drivers on a shared machine): once more, said aloud
            final String why = String.format(Locale.ROOT, "[%d/%d] %s %s ran again: %s", index, total,
                path.label(), transport.label(), ex.getMessage());
            retried.add(why);
            progress.println("        " + why);
            r = new WireProcessTrial(transport, path, kind, ratePps, s.warmupNanos(), s.measureNanos()).run();
        }
        progress.printf(Locale.ROOT, "  [%d/%d] %-34s %7.3f Mpps at B  latency p50 %8.1f us  p99 %9.1f us  " +
                "(%,d sent, %,d received, %,d out of sequence; %.1f frames/message A, %.1f ToR; cores A/ToR/B %s)%s%n",
            index, total, r.name(), r.mpps(), r.latencyNanos().p50() / 1e3, r.latencyNanos().p99() / 1e3,
            r.sent() * r.framesPerUnit(), r.received() * r.framesPerUnit(), r.outOfSequence(), r.framesPerMessage(),
            r.relayFramesPerMessage(), r.coresText(), r.keptUp() ? "" : " DID NOT KEEP UP");
        progress.flush();
        return r;
    }
}
