package dev.twinpath.datapath.wire;

import org.junit.jupiter.api.Test;

import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link WireContext#conclude()} refuses bad fields by name and derives the publication channel. Test thread.
 */
class WireContextTest
{
    private static void refused(final String field, final UnaryOperator<WireContext> setup)
    {
        final WireConfigurationException ex = assertThrows(WireConfigurationException.class,
            () -> setup.apply(new WireContext()).conclude());
        assertEquals(field, ex.field());
        assertTrue(ex.getMessage().startsWith(field + ": "), ex.getMessage());
    }

    @Test
    void badFieldsAreRefusedByName()
    {
        refused("channel", c -> c.channel(null));
        refused("channel", c -> c.channel("tcp://localhost:80"));
        refused("channel", c -> c.channel("aeron:udp"));
        refused("channel", c -> c.channel("aeron:udp?endpoint=localhost"));
        refused("channel", c -> c.channel("aeron:udp?endpoint=localhost:99999"));
        refused("channel", c -> c.channel("aeron:ipc?mtu=8192"));
        refused("channel", c -> c.channel("aeron:ipc?term-length=65536"));
        refused("streamId", c -> c.streamId(0));
        refused("mtu", c -> c.mtu(1000));
        refused("mtu", c -> c.mtu(65536));
        refused("termLength", c -> c.termLength(100_000));
        refused("termLength", c -> c.termLength(32 * 1024));
        refused("maxFrameLength", c -> c.termLength(64 * 1024)); // 9,216 > 64 KiB / 8
        refused("maxFrameLength", c -> c.maxFrameLength(70_000));
        refused("batchBytes", c -> c.batchBytes(10));
        refused("batchBytes", c -> c.batchBytes(1 << 20));
        refused("burst", c -> c.burst(0));
        refused("fragmentLimit", c -> c.fragmentLimit(0));
        refused("flushNanos", c -> c.flushNanos(-1));
        refused("flushNanos", c -> c.flushNanos(WireContext.MAX_FLUSH_NANOS + 1));
        refused("aeronDirectory", c -> c.aeronDirectory("/nonexistent/aeron-dir"));
        refused("idleStrategy", c -> c.idleStrategy(null));
        refused("driverIdleStrategy", c -> c.driverIdleStrategy(null));
    }

    @Test
    void concludeDerivesTheChannelAndTheBudget()
    {
        final WireContext ipc = new WireContext().conclude();
        assertEquals("aeron:ipc?mtu=1408|term-length=4194304", ipc.publicationChannel());
        assertEquals(1408 - 32, ipc.effectiveBatchBytes());
        assertEquals(512 * 1024, ipc.maxMessageLength());
        assertTrue(ipc.embeddedDriver());
        assertEquals(WireContext.DEFAULT_FLUSH_NANOS, ipc.flushNanos());
        assertEquals(0, new WireContext().flushNanos(0).conclude().flushNanos(), "0: publish at the end of every send");

        final WireContext udp = new WireContext().channel("aeron:udp?endpoint=localhost:40123").mtu(8192)
            .batchBytes(16_384).conclude();
        assertTrue(udp.isUdp());
        assertEquals("aeron:udp?endpoint=localhost:40123|mtu=8192|term-length=4194304", udp.publicationChannel());
        assertEquals(16_384, udp.effectiveBatchBytes());
    }
}
