package dev.twinpath.datapath.stat;

import dev.twinpath.datapath.lab.Lab;
import dev.twinpath.datapath.lab.LabContext;
import dev.twinpath.datapath.lab.ThreadingMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link LabCounters#refresh} allocates nothing: a run refreshes ten times a second for as long as it runs. */
class LabCountersAllocationTest
{
    @TempDir
    Path dir;

    @Test
    void aRefreshAllocatesNothing() throws Exception
    {
        try (Lab lab = new Lab(new LabContext().vms(2).totalVfs(4).queuePairs(2).poolSlots(8_192).threading(ThreadingMode.ONE));
            LabCounters live = new LabCounters(lab).publish(dir, "allocation test"))
        {
            lab.offerVf(lab.vm(0));
            for (int i = 0; i < 20; i++)
            {
                lab.doWork();
            }
            final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
            final long id = Thread.currentThread().getId();
            long best = Long.MAX_VALUE;
            for (int round = 0; round < 5; round++)
            {
                final long before = threads.getThreadAllocatedBytes(id);
                for (int i = 0; i < 2_000; i++)
                {
                    live.refresh(i);
                }
                best = Math.min(best, threads.getThreadAllocatedBytes(id) - before);
            }
            assertTrue(live.size() > 200, "counters: " + live.size());
            assertEquals(0, best, "bytes allocated by 2,000 refreshes of " + live.size() + " counters");
        }
    }
}
