package dev.twinpath.vswitch;

import org.junit.jupiter.api.Test;

import static dev.twinpath.vswitch.SwitchFixture.MAC_A;
import static dev.twinpath.vswitch.SwitchFixture.MAC_B;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SwitchShapingTest
{
    @Test
    void maximumBandwidthShapesWithoutDropping()
    {
        try (SwitchFixture f = new SwitchFixture(SwitchType.PRIVATE))
        {
            f.context.maxBurst(8);
            f.start();
            final TestLink a = new TestLink("a");
            final TestLink b = new TestLink("b");
            // 9,600 bytes per second = 160 frames of 60 bytes; bucket 9,216 bytes
            final SwitchPort pa = f.vm(new PortSettings().name("a").macAddress(MAC_A)
                .maximumBandwidth(9_600 * 8).burstBytes(9_216), a);
            f.vm("b", MAC_B, b);
            for (int i = 0; i < 600; i++)
            {
                a.inject(f.frame(MAC_A, MAC_B, -1, 1, i));
            }
            f.run();
            final int first = b.delivered.size();
            assertTrue(first >= 9_216 / 60 && first <= 9_216 / 60 + 8, "one bucket (plus the burst that overdrew it): " + first);
            assertTrue(f.vswitch.counters().port(pa.id(), PortCounter.SHAPED_POLLS) > 0);
            f.now += 1_000_000_000L;
            f.run();
            final int second = b.delivered.size() - first;
            assertTrue(second >= 140 && second <= 9_216 / 60 + 8, "about one second's worth: " + second);
            f.now += 10_000_000_000L;
            for (int i = 0; i < 10; i++)
            {
                f.run();
                f.now += 1_000_000_000L;
            }
            assertEquals(600, b.delivered.size(), "nothing dropped, all delivered in the end");
            assertEquals(0, f.vswitch.counters().dropped());
            f.consume(a, b);
        }
    }
}
