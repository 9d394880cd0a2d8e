package dev.twinpath.bench.report;

import dev.twinpath.datapath.run.RunRecording;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The latency files of a run report, in HdrHistogram's own formats: a percentile distribution
 * ({@code .hgrm}, values in microseconds, what HdrHistogram's {@code outputPercentileDistribution}
 * prints and its online plotter reads) and an interval log ({@code .hlog}, one compressed histogram a
 * second per path, tagged {@code vf} or {@code synthetic}, values in nanoseconds, read by
 * {@code HistogramLogReader} and {@code HistogramLogProcessor}).
 * <p>
 * Stateless; any thread.
 */
final class LatencyFiles
{
    /** .hgrm values are in microseconds: the recorded nanoseconds divided by this. */
    static final double HGRM_SCALING = 1000.0;

    private LatencyFiles()
    {
    }

    /** @return {@code histogram} (ns) as a {@code .hgrm} percentile distribution in microseconds. */
    static String hgrm(final Histogram histogram)
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 * 1024);
        try (PrintStream out = new PrintStream(bytes, false, StandardCharsets.UTF_8))
        {
            histogram.outputPercentileDistribution(out, 5, HGRM_SCALING);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** @return the interval log of {@code recording}: start time = the wire peer's start, intervals since then. */
    static String hlog(final RunRecording recording, final long startEpochMillis, final String comment)
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
        try (PrintStream out = new PrintStream(bytes, false, StandardCharsets.UTF_8))
        {
            final HistogramLogWriter writer = new HistogramLogWriter(out);
            writer.outputComment(comment);
            writer.outputComment("latency from the intended send time in ns; tags: vf, synthetic");
            writer.outputLogFormatVersion();
            writer.outputStartTime(startEpochMillis);
            writer.setBaseTime(0);
            writer.outputLegend();
            for (final RunRecording.Interval interval : recording.intervals())
            {
                writer.outputIntervalHistogram(interval.histogram());
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
