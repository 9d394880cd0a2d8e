package dev.twinpath.datapath.rfc2544;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;

/**
 * The NDR and PDR search of one path and frame size, RFC 2544 §26.1 in the manner of FD.io CSIT's MLRsearch.
 * <p>
 * The upper bound comes first: {@link Rfc2544Context#maxRatePps()} when set, otherwise an unpaced trial (as fast as
 * the lab takes frames), whose achieved rate is the bound. An unpaced trial is never a pass: the lab's rings push
 * back rather than drop, so it loses nothing by construction; it only says how fast the lab takes frames, and every
 * NDR and PDR is a paced trial's rate, below it. Every valid trial then narrows two intervals at once: a
 * trial that lost nothing is a lower bound of the NDR, one that lost frames an upper bound; a trial whose loss ratio
 * is at most {@link Rfc2544Context#pdrLoss()} is a lower bound of the PDR, one above it an upper bound. Results are
 * taken as monotonic: a passing trial above the lowest failing rate is ignored. The NDR interval is narrowed first,
 * then the PDR interval (which starts at or above the NDR), each until it is at most
 * {@link Rfc2544Context#resolution()} of its upper bound wide; the result is the lower bound.
 * <p>
 * The next rate is the middle of the interval, or when that is far above the lower bound, the lower bound plus
 * twice the resolution, then four times, eight times... (a lower bound found from a receive rate is usually just
 * below the NDR, so a few small steps up settle it sooner than halving a wide interval). While nothing has passed
 * yet the next rate is the rate the lowest
 * failing trial <em>delivered</em> (what MLRsearch calls the receive rate: a path that delivers 200 kpps of 3 Mpps
 * is tried at 200 kpps next, not at 1.5 Mpps), at most one resolution below the failing rate; after two such tries
 * in a row it halves, so a path that loses at every rate reaches {@link Rfc2544Context#floorPps()} in a few trials
 * and gets an NDR of 0. A search stops after {@link Rfc2544Context#maxTrials()} trials, or when asked to stop,
 * keeping its bounds so far. An invalid trial ends the search (its reason is the result's note).
 * <p>
 * Runs on the caller's thread; not thread-safe.
 */
public final class ThroughputSearch
{
    /** No failing rate yet. */
    private static final long NONE = Long.MAX_VALUE;

    private final Rfc2544Context context;
    private final TrialRunner runner;
    private final Rfc2544Listener listener;
    private final BooleanSupplier stopRequested;

    /**
     * @param context       concluded settings.
     * @param runner        runs each trial.
     * @param listener      told of each trial.
     * @param stopRequested polled between trials: true ends the search with what it has.
     */
    public ThroughputSearch(
        final Rfc2544Context context, final TrialRunner runner, final Rfc2544Listener listener,
        final BooleanSupplier stopRequested)
    {
        this.context = context;
        this.runner = runner;
        this.listener = listener;
        this.stopRequested = stopRequested;
    }

    /**
     * What a search found.
     *
     * @param ndrPps    highest rate that lost no frame (0 when none did down to the floor).
     * @param pdrPps    highest rate whose loss ratio was at most the PDR threshold.
     * @param lossAtPdr loss ratio of the trial at the PDR.
     * @param trials    every trial of the search, in order (the uncounted warm-up excluded).
     * @param note      why the search ended early, or null when it converged.
     */
    public record Outcome(long ndrPps, long pdrPps, double lossAtPdr, List<Trial> trials, String note)
    {
        public Outcome
        {
            trials = List.copyOf(trials);
        }
    }

    /** Search the NDR and PDR of {@code path} with frames of {@code size}. */
    public Outcome search(final TestedPath path, final FrameSize size)
    {
        final List<Trial> trials = new ArrayList<>();
        final long first = context.maxRatePps() == 0 ? TrialRunner.UNPACED : context.maxRatePps();
        final Trial top = trial("max-rate", path, size, first, trials);
        if (!top.valid())
        {
            return new Outcome(0, 0, 0, trials, "invalid trial: " + top.invalid());
        }
        int blindTries = 0;
        double expansion = 2 * context.resolution();
        while (true)
        {
            final Bounds ndr = bounds(trials, 0);
            final Bounds pdr = bounds(trials, context.pdrLoss());
            final boolean ndrDone = ndr.done(context.resolution(), context.floorPps());
            final boolean pdrDone = pdr.done(context.resolution(), context.floorPps());
            if (ndrDone && pdrDone)
            {
                return outcome(trials, ndr, pdr, null);
            }
            if (stopRequested.getAsBoolean())
            {
                return outcome(trials, ndr, pdr, "stopped before the search converged");
            }
            if (trials.size() >= context.maxTrials())
            {
                return outcome(trials, ndr, pdr, "stopped after " + trials.size() + " trials before the search converged");
            }
            final Bounds target = ndrDone ? pdr : ndr;
            final long rate;
            if (target.lower == 0)
            {
                final double received = target.failing.deliveredPps();
                long next = (long)Math.min(received, target.upper * (1 - context.resolution()));
                if (blindTries >= 2)
                {
                    next = Math.min(next, target.upper / 2);
                }
                rate = Math.max(next, context.floorPps());
                blindTries++;
            }
            else
            {
                final long middle = target.lower + (target.upper - target.lower) / 2;
                final long expanded = (long)(target.lower * (1 + expansion));
                rate = Math.min(middle, expanded);
                expansion = rate == expanded ? expansion * 2 : expansion;
                blindTries = 0;
            }
            final Trial t = trial(ndrDone ? "pdr" : "ndr", path, size, rate, trials);
            if (!t.valid())
            {
                return outcome(trials, bounds(trials, 0), bounds(trials, context.pdrLoss()), "invalid trial: " + t.invalid());
            }
        }
    }

    private Trial trial(
        final String phase, final TestedPath path, final FrameSize size, final long rate, final List<Trial> trials)
    {
        final Trial t = runner.run(path, size, rate, context.trialNanos());
        trials.add(t);
        listener.onTrial(phase, t, verdict(t, context.pdrLoss()));
        return t;
    }

    /** @return {@code NDR pass, PDR pass}, {@code NDR fail, PDR pass}, ..., {@code upper bound ...} or {@code invalid: why}. */
    static String verdict(final Trial t, final double pdrLoss)
    {
        if (!t.valid())
        {
            return "invalid: " + t.invalid();
        }
        if (t.unpaced())
        {
            return "upper bound (unpaced: never a pass)";
        }
        return String.format(Locale.ROOT, "NDR %s, PDR %s", t.passes(0) ? "pass" : "fail", t.passes(pdrLoss) ? "pass" : "fail");
    }

    private Outcome outcome(final List<Trial> trials, final Bounds ndr, final Bounds pdr, final String note)
    {
        final long pdrRate = Math.max(pdr.lower, ndr.lower);
        final double lossAtPdr = pdr.passing == null || pdr.lower < ndr.lower ? 0 : pdr.passing.lossRatio();
        return new Outcome(ndr.lower, pdrRate, lossAtPdr, trials, note);
    }

    /** The interval of one threshold: the highest passing rate below the lowest failing one. */
    private static final class Bounds
    {
        long lower;
        long upper = NONE;
        Trial passing;
        Trial failing;

        boolean done(final double resolution, final long floor)
        {
            return upper == NONE || upper - lower <= resolution * upper || lower == 0 && upper <= floor;
        }
    }

    private static Bounds bounds(final List<Trial> trials, final double maxLoss)
    {
        final Bounds b = new Bounds();
        for (final Trial t : trials)
        {
            if (t.valid() && (t.unpaced() || !t.passes(maxLoss)) && t.ratePps() < b.upper)
            {
                b.upper = t.ratePps();
                b.failing = t;
            }
        }
        for (final Trial t : trials)
        {
            if (!t.unpaced() && t.passes(maxLoss) && t.ratePps() < b.upper && t.ratePps() > b.lower)
            {
                b.lower = t.ratePps();
                b.passing = t;
            }
        }
        return b;
    }
}
