package dev.twinpath.datapath.rfc2544;

import dev.twinpath.datapath.run.RunContext;
import dev.twinpath.datapath.traffic.TrafficProfile;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What an {@link Rfc2544Benchmark} measures: the paths, the frame sizes, the trial duration, the search's resolution,
 * the PDR loss threshold, the rate bounds, an injected capacity and the lab's VMs.
 * <p>
 * Context-style: fluent setters, {@link #conclude()} validates and names the field it refuses.
 * <p>
 * Control-path object; not thread-safe.
 */
public final class Rfc2544Context
{
    private List<TestedPath> paths = List.of(TestedPath.VF, TestedPath.SYNTHETIC);
    private List<FrameSize> frameSizes = defaultFrameSizes();
    private long trialNanos = TimeUnit.SECONDS.toNanos(2);
    private double resolution = 0.02;
    private double pdrLoss = 0.001;
    private long maxRatePps;
    private long floorPps = 1_000;
    private long capacityPps;
    private int vms = 1;
    private int maxTrials = 40;
    private boolean warmup = true;
    private double[] latencyFractions = {0.1, 0.5, 0.9};

    /** @return 64, 128, 256, 512, 1024, 1280, 1518 and IMIX. */
    public static List<FrameSize> defaultFrameSizes()
    {
        final List<FrameSize> sizes = new ArrayList<>();
        for (final int size : FrameSize.STANDARD_SIZES)
        {
            sizes.add(FrameSize.of(size));
        }
        sizes.add(FrameSize.IMIX);
        return List.copyOf(sizes);
    }

    /** @param list the paths, in order; default VF then synthetic. */
    public Rfc2544Context paths(final List<TestedPath> list)
    {
        paths = list == null ? null : List.copyOf(list);
        return this;
    }

    public List<TestedPath> paths()
    {
        return paths;
    }

    /** @param list the frame sizes, in order; default {@link #defaultFrameSizes()}. */
    public Rfc2544Context frameSizes(final List<FrameSize> list)
    {
        frameSizes = list == null ? null : List.copyOf(list);
        return this;
    }

    public List<FrameSize> frameSizes()
    {
        return frameSizes;
    }

    /** @param duration how long each trial sends, 10 ms..1 h; default 2 s (RFC 2544 asks 60 s for a final figure). */
    public Rfc2544Context trial(final long duration, final TimeUnit unit)
    {
        trialNanos = unit.toNanos(duration);
        return this;
    }

    public long trialNanos()
    {
        return trialNanos;
    }

    /**
     * @param fraction the search stops when its interval is at most this fraction of its upper bound, 0.001..0.5;
     *                 default 0.02 (2 %).
     */
    public Rfc2544Context resolution(final double fraction)
    {
        resolution = fraction;
        return this;
    }

    public double resolution()
    {
        return resolution;
    }

    /** @param fraction highest loss ratio a PDR trial may have, 0 (exclusive)..0.5; default 0.001 (0.1 %). */
    public Rfc2544Context pdrLoss(final double fraction)
    {
        pdrLoss = fraction;
        return this;
    }

    public double pdrLoss()
    {
        return pdrLoss;
    }

    /** @param pps upper bound of the search; 0 (default) to find it with an unpaced first trial. */
    public Rfc2544Context maxRatePps(final long pps)
    {
        maxRatePps = pps;
        return this;
    }

    public long maxRatePps()
    {
        return maxRatePps;
    }

    /** @param pps lowest rate the search tries; a path losing frames even there has an NDR of 0. Default 1,000. */
    public Rfc2544Context floorPps(final long pps)
    {
        floorPps = pps;
        return this;
    }

    public long floorPps()
    {
        return floorPps;
    }

    /** @param pps capacity injected on the path under test ({@link dev.twinpath.datapath.run.PathUnderTest}); 0 for none. */
    public Rfc2544Context capacityPps(final long pps)
    {
        capacityPps = pps;
        return this;
    }

    public long capacityPps()
    {
        return capacityPps;
    }

    /** @param count VMs receiving the traffic (flow {@code i} to VM {@code i % vms}), 1..64; default 1. */
    public Rfc2544Context vms(final int count)
    {
        vms = count;
        return this;
    }

    public int vms()
    {
        return vms;
    }

    /** @param count most trials of one search (maximum-rate, NDR and PDR trials), 2..1000; default 40. */
    public Rfc2544Context maxTrials(final int count)
    {
        maxTrials = count;
        return this;
    }

    public int maxTrials()
    {
        return maxTrials;
    }

    /** @param on run one uncounted warm-up trial per path and frame size first (default on): the JIT compiles the path. */
    public Rfc2544Context warmup(final boolean on)
    {
        warmup = on;
        return this;
    }

    public boolean warmup()
    {
        return warmup;
    }

    /** @param fractions of the NDR at which latency trials run, each 0 (exclusive)..1; default 0.1, 0.5, 0.9; none for no latency trials. */
    public Rfc2544Context latencyFractions(final double... fractions)
    {
        latencyFractions = fractions == null ? null : fractions.clone();
        return this;
    }

    public double[] latencyFractions()
    {
        return latencyFractions.clone();
    }

    /** @return the lab every trial starts from: {@link #vms()} VMs, as many VFs as the default run has (at least one each). */
    public RunContext labSettings()
    {
        return new RunContext().vms(vms).totalVfs(Math.max(8, vms)).flows(Math.max(1024, vms));
    }

    /** Validate. @return this. @throws IllegalArgumentException naming the field. */
    public Rfc2544Context conclude()
    {
        check(paths != null && !paths.isEmpty() && paths.stream().distinct().count() == paths.size(),
            "paths must name vf and/or synthetic once each: " + paths);
        check(frameSizes != null && !frameSizes.isEmpty() && frameSizes.size() <= 64, "frameSizes must hold 1..64 sizes: " +
            (frameSizes == null ? "null" : frameSizes.size()));
        check(trialNanos >= TimeUnit.MILLISECONDS.toNanos(10) && trialNanos <= TimeUnit.HOURS.toNanos(1),
            "trial must be 10 ms..1 h: " + trialNanos + " ns");
        check(resolution >= 0.001 && resolution <= 0.5, "resolution must be 0.001..0.5 (0.1 %..50 %): " + resolution);
        check(pdrLoss > 0 && pdrLoss <= 0.5, "pdrLoss must be above 0 and at most 0.5 (50 %): " + pdrLoss);
        check(maxRatePps >= 0 && maxRatePps <= TrafficProfile.MAX_RATE_PPS,
            "maxRatePps must be 0 (find it) or 1.." + TrafficProfile.MAX_RATE_PPS + ": " + maxRatePps);
        check(floorPps >= 1 && (maxRatePps == 0 || floorPps < maxRatePps),
            "floorPps must be at least 1 and below maxRatePps: " + floorPps);
        check(capacityPps >= 0 && capacityPps <= TrafficProfile.MAX_RATE_PPS,
            "capacityPps must be 0 (none) or 1.." + TrafficProfile.MAX_RATE_PPS + ": " + capacityPps);
        check(vms >= 1 && vms <= 64, "vms must be 1..64: " + vms);
        check(maxTrials >= 2 && maxTrials <= 1000, "maxTrials must be 2..1000: " + maxTrials);
        check(latencyFractions != null, "latencyFractions must not be null");
        for (final double f : latencyFractions)
        {
            check(f > 0 && f <= 1, "latencyFractions must each be above 0 and at most 1: " + f);
        }
        final int longest = frameSizes.stream().flatMapToInt(s -> java.util.Arrays.stream(s.frameLengths())).max().orElse(60);
        labSettings().frameLength(longest).conclude(); // the lab of the largest frames fits a pool
        return this;
    }

    private static void check(final boolean valid, final String message)
    {
        if (!valid)
        {
            throw new IllegalArgumentException(message);
        }
    }
}
