package dev.twinpath.datapath.run;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunContextTest
{
    @Test
    void aBadValueIsRefusedNamingItsField()
    {
        refused("syntheticTime must be 1..", new RunContext().switchInterval(100, TimeUnit.MILLISECONDS)
            .syntheticTime(100, TimeUnit.MILLISECONDS));
        refused("totalVfs must be 3..256: 2", new RunContext().vms(3).totalVfs(2));
        refused("flows must be 2..", new RunContext().flows(1));
        refused("frameLength must be 60..9216: 59", new RunContext().frameLength(59));
        refused("ratePps must be 0..", new RunContext().ratePps(-1));
        refused("duration must be", new RunContext().duration(1, TimeUnit.MILLISECONDS));
        refused("threading must be set", new RunContext().threading(null));
        new RunContext().switchInterval(0, TimeUnit.SECONDS).syntheticTime(0, TimeUnit.SECONDS).conclude();
    }

    @Test
    void theWarmupSwitchesEvery200MillisecondsAndHasNoWarmupOfItsOwn()
    {
        final RunContext run = new RunContext().duration(10, TimeUnit.SECONDS).warmup(2, TimeUnit.SECONDS)
            .switchInterval(20, TimeUnit.MILLISECONDS).syntheticTime(5, TimeUnit.MILLISECONDS).maxSwitches(1000)
            .ratePps(123_456);
        final RunContext warmup = run.warmupContext().conclude();
        assertEquals(TimeUnit.SECONDS.toNanos(2), warmup.durationNanos());
        assertEquals(0, warmup.warmupNanos());
        assertEquals(TimeUnit.MILLISECONDS.toNanos(200), warmup.switchIntervalNanos());
        assertEquals(TimeUnit.MILLISECONDS.toNanos(5), warmup.syntheticTimeNanos());
        assertEquals(Long.MAX_VALUE, warmup.maxSwitches());
        assertEquals(123_456, warmup.ratePps());
        assertEquals(TimeUnit.MILLISECONDS.toNanos(100),
            new RunContext().syntheticTime(1, TimeUnit.SECONDS).switchInterval(5, TimeUnit.SECONDS).warmupContext()
                .syntheticTimeNanos());
    }

    @Test
    void theLabFitsTheFrames()
    {
        assertEquals(192, new RunContext().labContext().dataRoom());
        assertEquals(1536, new RunContext().frameLength(1514).labContext().dataRoom());
        assertTrue(new RunContext().labContext().poolSlots() >= 65_536);
    }

    private static void refused(final String message, final RunContext context)
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, context::conclude);
        assertTrue(ex.getMessage().startsWith(message), ex.getMessage());
    }
}
