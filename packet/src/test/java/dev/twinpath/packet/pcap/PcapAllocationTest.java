package dev.twinpath.packet.pcap;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Writing and reading packets without comments allocates nothing per packet once the reader
 * and writers are set up and warmed up (the first pass pays for lazy JDK initialisation):
 * measured with the JVM's per-thread allocation counter over tens of thousands of packets,
 * against a budget far below one byte per packet.
 */
class PcapAllocationTest
{
    private static final int WARM_UP = 20_000;
    private static final int PACKETS = 20_000;
    private static final long BUDGET_BYTES = 4_096;

    private static com.sun.management.ThreadMXBean threads;

    @TempDir
    Path tempDir;

    @BeforeAll
    static void allocationCounter()
    {
        final java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "no per-thread allocation counter");
        threads = (com.sun.management.ThreadMXBean)bean;
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
    }

    @Test
    void writesAndReadsPcapWithoutAllocating() throws IOException
    {
        final Path file = tempDir.resolve("alloc.pcap");
        final UnsafeBuffer frame = new UnsafeBuffer(PcapTestSupport.udpFrame(1, 2, 1000, 2000, 1_000));
        try (PcapWriter writer = new PcapWriter(file))
        {
            writeAll(writer, frame, WARM_UP);
            final long before = threads.getCurrentThreadAllocatedBytes();
            writeAll(writer, frame, PACKETS);
            assertWithinBudget("PcapWriter.write", threads.getCurrentThreadAllocatedBytes() - before);
        }

        readAllWithinBudget(file, WARM_UP + PACKETS);
    }

    @Test
    void writesAndReadsPcapngWithoutAllocating() throws IOException
    {
        final Path file = tempDir.resolve("alloc.pcapng");
        final UnsafeBuffer frame = new UnsafeBuffer(PcapTestSupport.udpFrame(1, 2, 1000, 2000, 1_000));
        try (PcapngWriter writer = new PcapngWriter(file))
        {
            writer.addInterface("vf0", 1, 0);
            writer.addInterface("vmbus0", 1, 0);
            for (int i = 0; i < WARM_UP; i++)
            {
                writer.write(i & 1, frame, 0, frame.capacity(), frame.capacity(), i, null);
            }
            final long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < PACKETS; i++)
            {
                writer.write(i & 1, frame, 0, frame.capacity(), frame.capacity(), i, null);
            }
            assertWithinBudget("PcapngWriter.write", threads.getCurrentThreadAllocatedBytes() - before);
        }

        readAllWithinBudget(file, WARM_UP + PACKETS);
    }

    private static void writeAll(final PcapWriter writer, final UnsafeBuffer frame, final int count) throws IOException
    {
        for (int i = 0; i < count; i++)
        {
            writer.write(frame, 0, frame.capacity(), frame.capacity(), i);
        }
    }

    private static void readAllWithinBudget(final Path file, final int expected) throws IOException
    {
        final CaptureRecord record = new CaptureRecord();
        try (CaptureReader reader = CaptureReader.open(file))
        {
            int count = 0;
            while (count < WARM_UP && reader.next(record))
            {
                count++;
            }
            final long before = threads.getCurrentThreadAllocatedBytes();
            while (reader.next(record))
            {
                count++;
            }
            assertWithinBudget("CaptureReader.next", threads.getCurrentThreadAllocatedBytes() - before);
            assertEquals(expected, count);
        }
    }

    private static void assertWithinBudget(final String what, final long allocated)
    {
        assertTrue(
            allocated <= BUDGET_BYTES, what + " allocated " + allocated + " bytes for " + PACKETS + " packets");
    }
}
