package dev.twinpath.bench.scenario.wire;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.File;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A child process of suite {@code wire-proc} that fails, or that never gets its peer, is reported with what it said
 * and ended, leaving nothing behind.
 */
class WireProcessChildTest
{
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aChildThatFailsIsReportedWithItsOwnWordsAndEnded() throws Exception
    {
        final WireProcessChild child = WireProcessChild.start("B", new WireRoleOptions(WireRoleOptions.Role.B, WirePath.WIRE, 0,
            WireTransport.UDP, "aeron:udp?endpoint=no-port-here", null, null, SECOND, SECOND, 30 * SECOND));
        try
        {
            final IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> child.await("READY", 30 * SECOND));
            assertTrue(failure.getMessage().startsWith("process B (pid " + child.pid() + ") failed: "), failure.getMessage());
            assertTrue(failure.getMessage().contains("channel"), "the child's own reason: " + failure.getMessage());
        }
        finally
        {
            child.end();
        }
        assertFalse(child.isAlive());
        assertEquals(0, leftovers(child.pid()));
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aChildWithoutItsPeerIsEndedByExitAndClosesItsDriver() throws Exception
    {
        final WireProcessChild child = WireProcessChild.start("A", new WireRoleOptions(WireRoleOptions.Role.A, WirePath.WIRE, 0,
            WireTransport.UDP, null, "aeron:udp?endpoint=127.0.0.1:9", null, SECOND, SECOND, 60 * SECOND));
        try
        {
            final long deadline = System.nanoTime() + 30 * SECOND;
            while (leftovers(child.pid()) == 0 && System.nanoTime() < deadline) // its embedded driver started
            {
                Thread.sleep(20);
            }
            assertEquals(1, leftovers(child.pid()), "its embedded driver's directory while it runs");
            assertThrows(IllegalStateException.class, () -> child.await("READY", SECOND / 2), "nobody listens on port 9");
        }
        finally
        {
            child.end();
        }
        assertFalse(child.isAlive());
        assertEquals(0, leftovers(child.pid()), "closed on exit: no directory left");
    }

    private static int leftovers(final long pid)
    {
        final String[] left = new File("/dev/shm").list((dir, name) -> name.startsWith("twinpath-aeron-" + pid + "-"));
        return left == null ? 0 : left.length;
    }
}
