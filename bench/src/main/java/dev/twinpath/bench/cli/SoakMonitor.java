package dev.twinpath.bench.cli;

import dev.twinpath.datapath.run.RunProgress;
import dev.twinpath.datapath.run.RunSummary;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The checks of {@code twinpath soak}: cuts the run's progress reports into check windows, prints one
 * line per window (delivered rate, heap used after a GC, buffers in use, invariants so far) and judges
 * the run at the end.
 * <p>
 * Called on the run's control thread (progress reports), then once for the verdict.
 */
final class SoakMonitor
{
    /** One check window. */
    record Window(long endNanos, double deliveredPps, long heapAfterGc, long poolInUse, long lost, long reordered,
        long duplicates)
    {
    }

    /** The soak's outcome. */
    record Verdict(boolean passed, String line)
    {
    }

    private final PrintWriter out;
    private final long windowNanos;
    private final long ratePps;
    private final long durationNanos;
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final List<Window> windows = new ArrayList<>();
    private long lastElapsed;
    private double deliveredInWindow;
    private long windowStart;

    SoakMonitor(final PrintWriter out, final long windowNanos, final long ratePps, final long durationNanos)
    {
        this.durationNanos = durationNanos;
        this.out = out;
        this.windowNanos = windowNanos;
        this.ratePps = ratePps;
    }

    void onProgress(final RunProgress p)
    {
        if (p.elapsedNanos() > durationNanos + windowNanos / 100)
        {
            return; // the report after the traffic stopped: not a window of traffic
        }
        final long dt = p.elapsedNanos() - lastElapsed;
        lastElapsed = p.elapsedNanos();
        deliveredInWindow += (p.vfPps() + p.syntheticPps()) * dt / 1e9;
        if (p.elapsedNanos() - windowStart < windowNanos)
        {
            return;
        }
        final double pps = deliveredInWindow * 1e9 / (p.elapsedNanos() - windowStart);
        System.gc(); // the heap that survives a full collection: what a leak would grow
        final long heap = memory.getHeapMemoryUsage().getUsed();
        final Window w = new Window(p.elapsedNanos(), pps, heap, p.poolInUse(), p.lost(), p.reordered(), p.duplicates());
        windows.add(w);
        out.printf(Locale.ROOT, "[%7.1f s] window %.3f Mpps (%5.1f %% of the rate)  heap after GC %6.1f MiB  " +
            "buffers in use %,d  lost %d  reordered %d  dup %d  switches %d%n", p.elapsedNanos() / 1e9, pps / 1e6,
            100.0 * pps / ratePps, heap / 1048576.0, p.poolInUse(), p.lost(), p.reordered(), p.duplicates(),
            p.pathSwitches());
        out.flush();
        windowStart = p.elapsedNanos();
        deliveredInWindow = 0;
    }

    List<Window> windows()
    {
        return List.copyOf(windows);
    }

    /**
     * @param tolerance      how far a window's rate may be off the configured rate (0.2 = 20 %).
     * @param maxHeapGrowth  bytes the heap after GC may grow from the first window to the last.
     */
    Verdict verdict(final RunSummary summary, final double tolerance, final long maxHeapGrowth)
    {
        final List<String> failed = new ArrayList<>(summary.problems());
        // The first window includes the start (VF offers, JIT): judged from the second on when there are three or more.
        final List<Window> judged = windows.size() >= 3 ? windows.subList(1, windows.size()) : windows;
        double min = Double.MAX_VALUE;
        double max = 0;
        for (final Window w : judged)
        {
            min = Math.min(min, w.deliveredPps());
            max = Math.max(max, w.deliveredPps());
            if (Math.abs(w.deliveredPps() - ratePps) > tolerance * ratePps)
            {
                failed.add(String.format(Locale.ROOT, "throughput %.3f Mpps in the window ending at %.1f s is more than " +
                    "%.0f %% off %.3f Mpps", w.deliveredPps() / 1e6, w.endNanos() / 1e9, tolerance * 100, ratePps / 1e6));
            }
        }
        if (judged.isEmpty())
        {
            failed.add("no check window completed");
        }
        final long growth = judged.isEmpty() ? 0 : judged.get(judged.size() - 1).heapAfterGc() - judged.get(0).heapAfterGc();
        if (growth > maxHeapGrowth)
        {
            failed.add(String.format(Locale.ROOT, "heap after GC grew %.1f MiB (allowed %.1f MiB)", growth / 1048576.0,
                maxHeapGrowth / 1048576.0));
        }
        final String figures = judged.isEmpty() ? "" : String.format(Locale.ROOT,
            "%d windows: %.3f..%.3f Mpps for %.3f; heap after GC %.1f -> %.1f MiB; %d lost, %d reordered, %d duplicates, " +
                "%d leaked buffers; %d migrations, %d path switches", judged.size(), min / 1e6, max / 1e6, ratePps / 1e6,
            judged.get(0).heapAfterGc() / 1048576.0, judged.get(judged.size() - 1).heapAfterGc() / 1048576.0,
            summary.traffic().lost(), summary.traffic().reordered(), summary.traffic().duplicates(), summary.leakedBuffers(),
            summary.migrations().size(), summary.switching().pathSwitches());
        return failed.isEmpty() ?
            new Verdict(true, "soak verdict: PASS (" + figures + ")") :
            new Verdict(false, "soak verdict: FAIL: " + String.join("; ", failed) + (figures.isEmpty() ? "" : " (" + figures + ")"));
    }
}
