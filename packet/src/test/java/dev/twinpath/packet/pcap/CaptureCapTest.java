package dev.twinpath.packet.pcap;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A capped capture file never grows past its cap, stays whole and readable, and counts what it left out. */
class CaptureCapTest
{
    private static final int FRAMES = 100;
    private static final int FRAME = 100;

    @TempDir
    Path dir;

    private final UnsafeBuffer frame = new UnsafeBuffer(new byte[FRAME]);

    @Test
    void aCappedPcapStopsAtWholeRecords() throws IOException
    {
        final Path file = dir.resolve("capped.pcap");
        final long cap = 24 + 10 * (16 + FRAME) + 50; // the header, ten records and part of an eleventh
        try (PcapWriter writer = new PcapWriter(file).maxFileBytes(cap))
        {
            for (int i = 0; i < FRAMES; i++)
            {
                final int stored = writer.write(frame, 0, FRAME, FRAME, i * 1_000L);
                assertEquals(i < 10 ? FRAME : -1, stored, "frame " + i);
            }
            assertEquals(10, writer.recordCount());
            assertEquals(FRAMES - 10, writer.framesOverCap());
        }
        assertEquals(24 + 10 * (16 + FRAME), Files.size(file));
        assertTrue(Files.size(file) <= cap);
        assertEquals(10, PcapTestSupport.readAll(file).size(), "whole records only: the file reads back cleanly");
    }

    @Test
    void aCappedPcapngStopsAtWholeBlocks() throws IOException
    {
        final Path file = dir.resolve("capped.pcapng");
        final long cap = 4096;
        final long written;
        try (PcapngWriter writer = new PcapngWriter(file))
        {
            final int vf = writer.addInterface("vm1/eth0 vf0 rx0", 1, 0);
            writer.maxFileBytes(cap);
            for (int i = 0; i < FRAMES; i++)
            {
                writer.write(vf, frame, 0, FRAME, FRAME, i * 1_000L, i % 10 == 0 ? "around a switch" : null);
            }
            written = writer.packetCount();
            assertTrue(written > 0 && written < FRAMES, written + " of " + FRAMES);
            assertEquals(FRAMES - written, writer.framesOverCap());
        }
        assertTrue(Files.size(file) <= cap, Files.size(file) + " > " + cap);
        assertEquals(written, PcapTestSupport.readAll(file).size());
    }

    @Test
    void aCapBelowWhatIsWrittenIsRefused() throws IOException
    {
        try (PcapWriter writer = new PcapWriter(dir.resolve("x.pcap")))
        {
            final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> writer.maxFileBytes(10));
            assertEquals("maxFileBytes must be at least 24 (the header): 10", ex.getMessage());
        }
    }
}
