package dev.twinpath.datapath.run;

import org.HdrHistogram.Histogram;

/**
 * The percentiles a report shows of an HdrHistogram, in the histogram's unit.
 * <p>
 * Immutable, any thread.
 *
 * @param count values recorded.
 * @param p50   median.
 * @param p90   90th percentile.
 * @param p99   99th percentile.
 * @param p999  99.9th percentile.
 * @param p9999 99.99th percentile.
 * @param max   highest value (equivalent-range upper bound, as HdrHistogram reports it).
 */
public record Percentiles(long count, long p50, long p90, long p99, long p999, long p9999, long max)
{
    /** Nothing recorded. */
    public static final Percentiles EMPTY = new Percentiles(0, 0, 0, 0, 0, 0, 0);

    /** @return the percentiles of {@code histogram}, or {@link #EMPTY} when it holds nothing. */
    public static Percentiles of(final Histogram histogram)
    {
        if (histogram.getTotalCount() == 0)
        {
            return EMPTY;
        }
        return new Percentiles(histogram.getTotalCount(),
            histogram.getValueAtPercentile(50), histogram.getValueAtPercentile(90),
            histogram.getValueAtPercentile(99), histogram.getValueAtPercentile(99.9),
            histogram.getValueAtPercentile(99.99), histogram.getMaxValue());
    }
}
