package dev.twinpath.datapath.process;

import org.HdrHistogram.Histogram;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.DataFormatException;

/**
 * A host process's final report, as the rack read it: the uplink position to wait for, the host's problems, its
 * error events, and one {@link Segment} per VM that ran there (a VM that migrated has a segment on each host).
 * <p>
 * Immutable after reading; control thread of the rack process.
 */
final class HostReport
{
    /** What one VM received on one host. */
    record Segment(String vm, String host, long deliveredVf, long deliveredSynthetic, long reordered, long duplicates,
        long missing, long foreign, Histogram vf, Histogram synthetic, long[] expected, long[] txSent)
    {
        long delivered()
        {
            return deliveredVf + deliveredSynthetic;
        }

        /** @return true for the VM's segment on the host it ended on (it carries the streams' expected sequences). */
        boolean resident()
        {
            return expected.length > 0;
        }
    }

    final long uplinkPosition;
    final String problems;
    final long errorEvents;
    /** Frames the host dropped and counted, by cause ({@code nic.DROP_...}, {@code vswitch....}). */
    final java.util.Map<String, Long> drops = new java.util.LinkedHashMap<>();
    final List<Segment> segments = new ArrayList<>();

    HostReport(final String host, final ControlMessage m)
    {
        uplinkPosition = m.getLong();
        problems = m.getString();
        errorEvents = m.getLong();
        final long causes = m.getLong();
        for (long i = 0; i < causes; i++)
        {
            drops.put(m.getString(), m.getLong());
        }
        final long count = m.getLong();
        for (long i = 0; i < count; i++)
        {
            segments.add(new Segment(m.getString(), host, m.getLong(), m.getLong(), m.getLong(), m.getLong(), m.getLong(),
                m.getLong(), histogram(m.getBytes()), histogram(m.getBytes()), m.getLongs(), m.getLongs()));
        }
    }

    private static Histogram histogram(final byte[] bytes)
    {
        try
        {
            return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(bytes), 2);
        }
        catch (final DataFormatException | RuntimeException ex)
        {
            throw new ControlMessageException("REPORT: a latency histogram of " + bytes.length + " bytes cannot be read: " +
                ex.getMessage());
        }
    }
}
