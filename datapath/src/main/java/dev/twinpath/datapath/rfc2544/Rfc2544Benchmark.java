package dev.twinpath.datapath.rfc2544;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * RFC 2544 on the lab: for each path and frame size, an uncounted warm-up trial, the NDR/PDR
 * {@link ThroughputSearch}, then latency trials at fractions of the NDR.
 * <pre>{@code
 * Rfc2544Context c = new Rfc2544Context().frameSizes(List.of(FrameSize.of(64))).trial(1, TimeUnit.SECONDS).conclude();
 * Rfc2544Result r = new Rfc2544Benchmark(c, new LabTrialRunner(c.labSettings(), c.capacityPps())).run(Rfc2544Listener.NONE);
 * }</pre>
 * {@link #requestStop()} (from any thread, e.g. a shutdown hook) ends the benchmark after the trial under way: the
 * result keeps what was measured, the interrupted search with its bounds so far and a note.
 * <p>
 * {@link #run} on one thread (the control thread); {@link #requestStop()} and {@link #stopRequested()} from any.
 */
public final class Rfc2544Benchmark
{
    private final Rfc2544Context context;
    private final TrialRunner runner;
    private volatile boolean stop;

    /**
     * @param context the settings; concluded here.
     * @param runner  runs each trial.
     */
    public Rfc2544Benchmark(final Rfc2544Context context, final TrialRunner runner)
    {
        this.context = context.conclude();
        this.runner = runner;
    }

    /** Ask the benchmark to end after the trial under way. Any thread. */
    public void requestStop()
    {
        stop = true;
    }

    /** @return true once {@link #requestStop()} was called. Any thread. */
    public boolean stopRequested()
    {
        return stop;
    }

    /** Measure every path and frame size, or until stopped. */
    public Rfc2544Result run(final Rfc2544Listener listener)
    {
        final List<SizeResult> results = new ArrayList<>();
        final ThroughputSearch search = new ThroughputSearch(context, runner, listener, this::stopRequested);
        for (final TestedPath path : context.paths())
        {
            for (final FrameSize size : context.frameSizes())
            {
                if (stop)
                {
                    return new Rfc2544Result(Rfc2544Result.Settings.of(context), results, false);
                }
                if (context.warmup())
                {
                    final long rate = context.maxRatePps() == 0 ? TrialRunner.UNPACED : context.maxRatePps();
                    final Trial w = runner.run(path, size, rate, context.trialNanos());
                    listener.onTrial("warm-up", w, w.valid() ? "not counted" : "invalid: " + w.invalid());
                    if (stop)
                    {
                        return new Rfc2544Result(Rfc2544Result.Settings.of(context), results, false);
                    }
                }
                final ThroughputSearch.Outcome o = search.search(path, size);
                final List<LatencyPoint> latency = new ArrayList<>();
                for (final double fraction : context.latencyFractions())
                {
                    final long rate = Math.round(o.ndrPps() * fraction);
                    if (stop || rate < 1)
                    {
                        break;
                    }
                    final Trial t = runner.run(path, size, rate, context.trialNanos());
                    listener.onTrial("latency", t, ThroughputSearch.verdict(t, context.pdrLoss()));
                    latency.add(new LatencyPoint(fraction, t));
                }
                final SizeResult r = new SizeResult(path, size, o.ndrPps(), o.pdrPps(), o.lossAtPdr(), latency, o.trials(),
                    o.note() != null ? o.note() : latency.size() < context.latencyFractions().length && o.ndrPps() > 0 ?
                        "stopped before every latency trial" : null);
                results.add(r);
                listener.onNote(String.format(Locale.ROOT, "%s %s: NDR %.4f Mpps (%.3f Gbit/s), PDR %.4f Mpps at %.4f %% " +
                    "loss, after %d trials%s", path.label(), size.name(), r.ndrMpps(), r.ndrGbps(), r.pdrMpps(),
                    r.lossAtPdr() * 100, r.trials().size(), r.note() == null ? "" : " (" + r.note() + ")"));
            }
        }
        return new Rfc2544Result(Rfc2544Result.Settings.of(context), results, !stop);
    }
}
