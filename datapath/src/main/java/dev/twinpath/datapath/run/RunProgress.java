package dev.twinpath.datapath.run;

import java.util.Locale;

/**
 * One progress report of a {@link FailoverRun}, from counters read live while it runs.
 * <p>
 * Immutable, any thread.
 *
 * @param elapsedNanos  time since the wire peer started.
 * @param vfPps         packets per second delivered by the VF since the last report.
 * @param syntheticPps  the same for the synthetic path.
 * @param lost          sequences missing so far inside the streams.
 * @param reordered     packets delivered after a later one of their flow, so far.
 * @param duplicates    packets delivered twice, so far.
 * @param heldBackMax   most packets an adapter held back at once, so far.
 * @param pathSwitches  data path switches completed so far.
 * @param poolInUse     packet buffers of the lab's pool in use now (in flight, cached, held).
 */
public record RunProgress(
    long elapsedNanos, double vfPps, double syntheticPps, long lost, long reordered, long duplicates, long heldBackMax,
    long pathSwitches, long poolInUse)
{
    /** @return e.g. {@code [  3.0 s] vf 0.48 Mpps  synthetic 0.02 Mpps  lost 0  reordered 0  dup 0  held-back max 37  switches 4}. */
    public String format()
    {
        return String.format(Locale.ROOT,
            "[%5.1f s] vf %5.2f Mpps  synthetic %5.2f Mpps  lost %d  reordered %d  dup %d  held-back max %d  switches %d",
            elapsedNanos / 1e9, vfPps / 1e6, syntheticPps / 1e6, lost, reordered, duplicates, heldBackMax, pathSwitches);
    }
}
