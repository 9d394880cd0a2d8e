package dev.twinpath.bench.harness;

/**
 * One line of a benchmark suite: a JMH benchmark method, the name it is reported under, and for a
 * measurement the baseline entry it is compared with in the same run.
 *
 * @param name         reported name, e.g. {@code parse-mix}.
 * @param benchmark    JMH benchmark, {@code Class#method} simple form, e.g. {@code CodecBenchmark.parseMix}.
 * @param baseline     name of the baseline entry in the same suite, or null for a baseline itself.
 * @param zeroAlloc    true when the entry is on the per-packet path and must allocate nothing.
 * @param minRatio     the lowest acceptable value/baseline ratio, or 0 for no goal.
 * @param result       the JMH result that is the entry's value: null for the primary score, or the
 *                     label of a secondary result, e.g. the {@code @AuxCounters} field {@code received}
 *                     of a producer/consumer group whose primary score would add both sides' calls.
 */
public record BenchEntry(String name, String benchmark, String baseline, boolean zeroAlloc, double minRatio, String result)
{
    /** Allocation above this many bytes per operation counts as allocating (JMH's estimate is noisy near 0). */
    public static final double ALLOC_TOLERANCE_BYTES = 1.0;

    /** An entry scored by JMH's primary result. */
    public BenchEntry(final String name, final String benchmark, final String baseline, final boolean zeroAlloc, final double minRatio)
    {
        this(name, benchmark, baseline, zeroAlloc, minRatio, null);
    }

    public static BenchEntry measurement(final String name, final String benchmark, final String baseline, final double minRatio)
    {
        return new BenchEntry(name, benchmark, baseline, true, minRatio);
    }

    public static BenchEntry baseline(final String name, final String benchmark)
    {
        return new BenchEntry(name, benchmark, null, false, 0);
    }

    /**
     * @param secondaryResult label of the JMH secondary result to report instead of the primary score.
     * @return this entry scored by that result.
     */
    public BenchEntry scoredBy(final String secondaryResult)
    {
        return new BenchEntry(name, benchmark, baseline, zeroAlloc, minRatio, secondaryResult);
    }

    /** @return the JMH include pattern that selects exactly this benchmark. */
    public String includePattern()
    {
        return "^" + BenchSuite.JMH_PACKAGE.replace(".", "\\.") + "\\." + benchmark.replace(".", "\\.") + "$";
    }
}
