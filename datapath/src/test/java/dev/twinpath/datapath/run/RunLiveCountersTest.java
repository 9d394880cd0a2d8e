package dev.twinpath.datapath.run;

import dev.twinpath.datapath.lab.ThreadingMode;
import dev.twinpath.datapath.stat.LiveCountersDirectory;
import dev.twinpath.datapath.stat.LiveCountersReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A {@link FailoverRun} with {@link RunContext#liveCounters} publishes its file while it runs (the warm-up and then
 * the measured part, each under its command), refreshes it from its control loop, and deletes it at the end; without
 * it, nothing is published.
 */
class RunLiveCountersTest
{
    @TempDir
    Path dir;

    @Test
    void aRunPublishesItsCountersWhileItRunsAndDeletesTheFileAtTheEnd()
    {
        final List<String> commands = new ArrayList<>();
        final List<Long> delivered = new ArrayList<>();
        final List<Long> refreshes = new ArrayList<>();
        final RunContext context = new RunContext().duration(900, TimeUnit.MILLISECONDS).ratePps(100_000).flows(64)
            .switchInterval(300, TimeUnit.MILLISECONDS).syntheticTime(60, TimeUnit.MILLISECONDS)
            .progressInterval(250, TimeUnit.MILLISECONDS).warmup(200, TimeUnit.MILLISECONDS).threading(ThreadingMode.TWO)
            .liveCounters(dir, "twinpath run (test)");
        final RunSummary summary = new FailoverRun(context).run(new RunListener()
        {
            @Override
            public void onProgress(final RunProgress progress)
            {
                try
                {
                    final List<Path> files = LiveCountersDirectory.files(dir);
                    assertEquals(1, files.size(), files.toString());
                    try (LiveCountersReader reader = LiveCountersReader.open(files.get(0)))
                    {
                        commands.add(reader.command());
                        delivered.add(reader.value("run delivered vf", -1) + reader.value("run delivered synthetic", -1));
                        refreshes.add(reader.refreshes());
                        assertEquals(ProcessHandle.current().pid(), reader.pid());
                    }
                }
                catch (final IOException ex)
                {
                    throw new UncheckedIOException(ex);
                }
            }
        });

        assertEquals(List.of(), summary.problems(), summary.toJson());
        assertTrue(commands.size() >= 3, commands.toString());
        assertTrue(commands.stream().allMatch("twinpath run (test)"::equals), "the measured part's file: " + commands);
        for (int i = 1; i < delivered.size(); i++)
        {
            assertTrue(delivered.get(i) >= delivered.get(i - 1), "delivered never goes back: " + delivered);
            assertTrue(refreshes.get(i) > refreshes.get(i - 1), "refreshed between two progress lines: " + refreshes);
        }
        assertTrue(delivered.get(delivered.size() - 1) > delivered.get(0), delivered.toString());
        assertTrue(Files.isDirectory(dir));
        assertEquals(List.of(), list(), "deleted at the end");
    }

    @Test
    void theWarmUpPublishesUnderItsOwnCommandAndALibraryRunPublishesNothingUnlessAsked()
    {
        final RunContext context = new RunContext().liveCounters(dir, "twinpath soak");
        assertEquals("twinpath soak (warm-up)", context.warmupContext().liveCountersCommand());
        assertEquals(dir, context.warmupContext().liveCounters());
        assertEquals(dir, context.copy().liveCounters());
        assertEquals("twinpath soak", context.copy().liveCountersCommand());
        assertNull(new RunContext().liveCounters(), "off by default in the API");
        assertEquals("FailoverRun", new RunContext().liveCountersCommand());
    }

    private List<Path> list()
    {
        try
        {
            return LiveCountersDirectory.files(dir);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
