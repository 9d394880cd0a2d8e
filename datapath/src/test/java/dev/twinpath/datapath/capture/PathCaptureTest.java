package dev.twinpath.datapath.capture;

import dev.twinpath.datapath.lab.Lab;
import dev.twinpath.datapath.lab.ThreadingMode;
import dev.twinpath.datapath.run.FailoverRun;
import dev.twinpath.datapath.run.RunContext;
import dev.twinpath.datapath.run.RunListener;
import dev.twinpath.datapath.run.RunSummary;
import dev.twinpath.packet.pcap.CaptureReader;
import dev.twinpath.packet.pcap.CaptureRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A capture of a run's paths stays within its bounds, accounts for every frame it left out, and
 * in switch-only mode keeps just the frames that arrived during a path switch.
 */
class PathCaptureTest
{
    @TempDir
    Path dir;

    @Test
    void theFrameLimitStopsTheCaptureAndCountsTheRest() throws Exception
    {
        final Path file = dir.resolve("limit.pcapng");
        final Result r = capture(new PathCapture(file, 1_000, Long.MAX_VALUE, false));
        assertEquals(1_000, r.capture.packets());
        assertEquals(1_000, frames(file));
        assertEquals(r.summary.traffic().delivered(), r.capture.packets() + r.capture.leftOut(),
            "every delivered frame is written or counted as left out");
    }

    @Test
    void theSizeCapKeepsTheFileWholeAndBelowIt() throws Exception
    {
        final Path file = dir.resolve("cap.pcapng");
        final long cap = 64 * 1024;
        final Result r = capture(new PathCapture(file, Long.MAX_VALUE, cap, false));
        assertTrue(Files.size(file) <= cap, Files.size(file) + " bytes");
        assertTrue(r.capture.packets() > 100, r.capture.describe());
        assertEquals(r.capture.packets(), frames(file), "the file reads to its end");
        assertEquals(r.summary.traffic().delivered(), r.capture.packets() + r.capture.leftOut());
        assertTrue(r.capture.describe().contains("left out"), r.capture.describe());
    }

    @Test
    void switchOnlyModeKeepsTheFramesOfTheSwitchWindows() throws Exception
    {
        final Path file = dir.resolve("switches.pcapng");
        final Result r = capture(new PathCapture(file, Long.MAX_VALUE, Long.MAX_VALUE, true));
        assertTrue(r.capture.packets() > 0, r.capture.describe());
        assertTrue(r.capture.packets() < r.summary.traffic().delivered() / 2, r.capture.describe() + " of " +
            r.summary.traffic().delivered());
        assertEquals(0, r.capture.leftOut());
        assertEquals(r.capture.packets(), frames(file));
    }

    private record Result(PathCapture capture, RunSummary summary)
    {
    }

    private static Result capture(final PathCapture capture) throws Exception
    {
        final RunContext context = new RunContext().duration(800, TimeUnit.MILLISECONDS).ratePps(50_000).flows(64)
            .switchInterval(300, TimeUnit.MILLISECONDS).syntheticTime(50, TimeUnit.MILLISECONDS)
            .warmup(0, TimeUnit.NANOSECONDS).threading(ThreadingMode.TWO);
        final RunSummary summary;
        try (capture)
        {
            summary = new FailoverRun(context).run(new RunListener()
            {
                @Override
                public void onLabReady(final Lab lab)
                {
                    capture.attach(lab);
                    capture.start();
                }
            });
        }
        assertTrue(summary.passed(), summary.toJson());
        return new Result(capture, summary);
    }

    private static long frames(final Path file) throws Exception
    {
        long n = 0;
        try (CaptureReader reader = CaptureReader.open(file))
        {
            final CaptureRecord record = new CaptureRecord();
            while (reader.next(record))
            {
                n++;
            }
        }
        return n;
    }
}
