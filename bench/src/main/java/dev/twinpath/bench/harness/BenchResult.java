package dev.twinpath.bench.harness;

/**
 * What one {@link BenchEntry} measured, with its baseline comparison once the whole suite has run.
 *
 * @param entry       the entry measured.
 * @param value       score in millions of operations per second.
 * @param error       JMH's 99.9% confidence half-width of the score, same unit (NaN when unknown).
 * @param allocBytes  bytes allocated per operation (JMH {@code gc.alloc.rate.norm}), NaN when unknown.
 * @param baselineValue score of the baseline entry, NaN for a baseline itself.
 */
public record BenchResult(BenchEntry entry, double value, double error, double allocBytes, double baselineValue)
{
    /** @return value / baseline, or NaN without a baseline. */
    public double ratio()
    {
        return Double.isNaN(baselineValue) || baselineValue == 0 ? Double.NaN : value / baselineValue;
    }

    /** @return null when the entry meets its goals, else a sentence saying which goal it missed. */
    public String problem()
    {
        if (entry.zeroAlloc() && Double.isNaN(allocBytes))
        {
            return entry.name() + ": no allocation figure from the GC profiler, so zero allocation is unproven";
        }
        if (entry.zeroAlloc() && allocBytes > BenchEntry.ALLOC_TOLERANCE_BYTES)
        {
            return String.format("%s allocates %.1f B/op on the per-packet path (goal 0)", entry.name(), allocBytes);
        }
        if (entry.minRatio() > 0 && !Double.isNaN(ratio()) && ratio() < entry.minRatio())
        {
            return String.format("%s is %.2fx %s (goal >= %.2fx)", entry.name(), ratio(), entry.baseline(), entry.minRatio());
        }
        return null;
    }

    public BenchResult withBaseline(final double baseline)
    {
        return new BenchResult(entry, value, error, allocBytes, baseline);
    }
}
