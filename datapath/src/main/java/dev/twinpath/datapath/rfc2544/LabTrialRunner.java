package dev.twinpath.datapath.rfc2544;

import dev.twinpath.datapath.run.FailoverRun;
import dev.twinpath.datapath.run.PathUnderTest;
import dev.twinpath.datapath.run.RunContext;
import dev.twinpath.datapath.run.RunListener;
import dev.twinpath.datapath.run.RunSummary;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs each RFC 2544 trial as a {@link FailoverRun} of a fresh lab: the base settings (VMs, flows, threading),
 * the trial's frame size and rate, no warm-up, no path switch, one {@link PathUnderTest} (on the synthetic path no
 * VF is offered) with the injected capacity, if any. Then it reads the trial from the run's summary and checks that
 * every frame went by the path under test.
 * <p>
 * Called on the search's thread; the lab's agents run on their own threads during a trial.
 */
public final class LabTrialRunner implements TrialRunner
{
    private final RunContext base;
    private final long capacityPps;

    /**
     * @param base        the lab and traffic settings every trial starts from (copied per trial).
     * @param capacityPps capacity injected on the path under test, packets per second; 0 for none.
     */
    public LabTrialRunner(final RunContext base, final long capacityPps)
    {
        this.base = base.copy();
        this.capacityPps = capacityPps;
        trialContext(TestedPath.VF, FrameSize.of(FrameSize.MIN_WIRE_LENGTH), 1_000, TimeUnit.SECONDS.toNanos(1)).conclude();
    }

    /** @return the settings of one trial. */
    RunContext trialContext(final TestedPath path, final FrameSize size, final long ratePps, final long trialNanos)
    {
        return base.copy().frameLengths(size.frameLengths())
            .ratePps(ratePps == UNPACED ? RunContext.MAX_RATE : ratePps)
            .duration(trialNanos, TimeUnit.NANOSECONDS).warmup(0, TimeUnit.NANOSECONDS)
            .switchInterval(0, TimeUnit.NANOSECONDS).progressInterval(1, TimeUnit.HOURS).plan(null)
            .pathUnderTest(new PathUnderTest(path.number(), capacityPps));
    }

    @Override
    public Trial run(final TestedPath path, final FrameSize size, final long ratePps, final long trialNanos)
    {
        final RunSummary summary;
        try
        {
            summary = new FailoverRun(trialContext(path, size, ratePps, trialNanos)).run(RunListener.NONE);
        }
        catch (final RuntimeException ex) // the lab failed to build or run: an invalid trial, not a crash of the search
        {
            return new Trial(path, size, ratePps, ratePps == UNPACED, 0, 0, 0, 0, 0,
                dev.twinpath.datapath.run.Percentiles.EMPTY, java.util.Map.of(), "the trial failed: " + ex);
        }
        final RunSummary.Traffic t = summary.traffic();
        final long sendNanos = summary.setup().sendNanos();
        final boolean unpaced = ratePps == UNPACED;
        final long intended = unpaced ? t.offered() : due(ratePps, sendNanos);
        final long rate = unpaced ? (sendNanos <= 0 ? 0 : Math.round(t.offered() * 1e9 / sendNanos)) : ratePps;
        final long onPath = path == TestedPath.VF ? t.deliveredVf() : t.deliveredSynthetic();
        final long otherPath = path == TestedPath.VF ? t.deliveredSynthetic() : t.deliveredVf();
        final List<String> why = new ArrayList<>();
        if (sendNanos <= 0 || t.offered() == 0)
        {
            why.add("the wire peer sent nothing");
        }
        if (otherPath != 0)
        {
            why.add(otherPath + " frames went by the " + (path == TestedPath.VF ? "synthetic path" : "VF"));
        }
        if (summary.firstError() != null)
        {
            why.add("lab error: " + summary.firstError());
        }
        if (summary.leakedBuffers() != 0)
        {
            why.add(summary.leakedBuffers() + " leaked buffers");
        }
        if (t.reordered() != 0 || t.duplicates() != 0 || t.foreign() != 0)
        {
            why.add(t.reordered() + " reordered, " + t.duplicates() + " duplicates, " + t.foreign() + " foreign frames");
        }
        return new Trial(path, size, rate, unpaced, sendNanos, intended, t.offered(), onPath, otherPath,
            path == TestedPath.VF ? summary.latencyVf() : summary.latencySynthetic(), summary.droppedByCause(),
            why.isEmpty() ? null : String.join("; ", why));
    }

    /** @return frames due in {@code sendNanos} at {@code ratePps}: packet {@code k} is due {@code k / rate} after the start. */
    static long due(final long ratePps, final long sendNanos)
    {
        if (sendNanos < 0)
        {
            return 0;
        }
        final long seconds = sendNanos / 1_000_000_000L;
        final long nanos = sendNanos - seconds * 1_000_000_000L;
        return seconds * ratePps + nanos * ratePps / 1_000_000_000L + 1;
    }
}
