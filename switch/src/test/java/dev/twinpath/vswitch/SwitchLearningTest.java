package dev.twinpath.vswitch;

import org.junit.jupiter.api.Test;

import static dev.twinpath.vswitch.SwitchFixture.MAC_A;
import static dev.twinpath.vswitch.SwitchFixture.MAC_B;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Learning as seen from the ports, including RFC 2889-style address caching and learning-rate runs. */
class SwitchLearningTest
{
    private static final long REMOTE_BASE = 0x00AA_0000_0000L;

    @Test
    void addressesAgeOutAndFloodingResumes()
    {
        try (SwitchFixture f = new SwitchFixture(SwitchType.EXTERNAL))
        {
            f.context.macAgingNanos(1_000_000_000L);
            f.start();
            final TestLink a = new TestLink("a");
            final TestLink b = new TestLink("b");
            f.vm("a", MAC_A, a);
            f.vm("b", MAC_B, b);
            f.uplink.inject(f.frame(REMOTE_BASE + 1, MAC_A, -1, 1, 0));
            f.run();
            f.consume(a, b);
            a.inject(f.frame(MAC_A, REMOTE_BASE + 1, -1, 1, 0));
            f.run();
            assertEquals(0, b.delivered.size(), "learned: unicast to the uplink");
            f.now += 2_000_000_000L;
            a.inject(f.frame(MAC_A, REMOTE_BASE + 1, -1, 1, 1));
            f.run();
            assertEquals(1, b.delivered.size(), "aged out: flooded again");
            f.consume(a, b, f.uplink);
        }
    }

    @Test
    void aStationThatMovesIsFollowed()
    {
        try (SwitchFixture f = new SwitchFixture(SwitchType.EXTERNAL))
        {
            f.start();
            final TestLink a = new TestLink("a");
            final TestLink b = new TestLink("b");
            f.vm("a", MAC_A, a);
            f.vm(new PortSettings().name("b").macAddress(MAC_B).macAddressSpoofing(true), b);
            f.uplink.inject(f.frame(REMOTE_BASE + 1, MAC_A, -1, 1, 0)); // remote behind the uplink
            f.run();
            b.inject(f.frame(REMOTE_BASE + 1, MAC_A, -1, 1, 1));       // now it speaks from B (spoofing allowed)
            f.run();
            f.consume(a, b, f.uplink);
            a.inject(f.frame(MAC_A, REMOTE_BASE + 1, -1, 2, 0));
            f.run();
            assertEquals(1, b.delivered.size());
            assertEquals(0, f.uplink.delivered.size());
            f.consume(a, b, f.uplink);
        }
    }

    @Test
    void staticEntriesAreNeitherLearnedOverNorAged()
    {
        try (SwitchFixture f = new SwitchFixture(SwitchType.EXTERNAL))
        {
            f.context.macAgingNanos(1_000L);
            f.start();
            final TestLink a = new TestLink("a");
            final TestLink b = new TestLink("b");
            f.vm("a", MAC_A, a);
            final SwitchPort pb = f.vm(new PortSettings().name("b").macAddress(MAC_B).macAddressSpoofing(true), b);
            f.vswitch.addStaticMac(REMOTE_BASE + 7, 0, pb);
            f.uplink.inject(f.frame(REMOTE_BASE + 7, MAC_A, -1, 1, 0));
            f.run();
            f.now += 10_000_000_000L;
            f.consume(a, b, f.uplink);
            a.inject(f.frame(MAC_A, REMOTE_BASE + 7, -1, 1, 0));
            f.run();
            assertEquals(1, b.delivered.size());
            assertEquals(0, f.uplink.delivered.size());
            f.consume(a, b, f.uplink);
        }
    }

    /**
     * RFC 2889 address caching capacity: learn N addresses on the uplink, then send one frame to each
     * from a VM port. With N = capacity (minus the VM's own address) none floods; one more than fits
     * is flooded, exactly once per frame to it.
     */
    @Test
    void addressCachingCapacityIsExactlyTheConfiguredCapacity()
    {
        try (SwitchFixture f = new SwitchFixture(SwitchType.EXTERNAL))
        {
            final int capacity = 256;
            f.context.macTableCapacity(capacity);
            f.start();
            final TestLink a = new TestLink("a");
            final TestLink b = new TestLink("b");
            f.vm("a", MAC_A, a);
            f.vm("b", MAC_B, b);
            a.inject(f.frame(MAC_A, MAC_B, -1, 0, 0)); // the tester's own address takes one entry
            f.run();
            f.consume(a, b, f.uplink);
            final int learnable = capacity - 1;
            for (int i = 0; i <= learnable; i++) // one more than fits
            {
                f.uplink.inject(f.frame(REMOTE_BASE + i, MAC_A, -1, 1, i));
                if (i % 64 == 63)
                {
                    f.run();
                    f.consume(a, b, f.uplink);
                }
            }
            f.run();
            f.consume(a, b, f.uplink);
            assertEquals(capacity, f.vswitch.macTableSize());
            for (int i = 0; i <= learnable; i++)
            {
                a.inject(f.frame(MAC_A, REMOTE_BASE + i, -1, 2, i));
                if (i % 64 == 63)
                {
                    f.run();
                    f.consume(a, f.uplink);
                }
            }
            f.run();
            assertEquals(1, b.delivered.size(), "only the address beyond capacity floods");
            assertEquals(2, f.vswitch.counters().flooded(), "the tester's first frame, and the address beyond capacity");
            f.consume(a, b, f.uplink);
        }
    }

    /** RFC 2889 learning rate, functionally: a back-to-back stream of new sources is learned in full. */
    @Test
    void everyAddressOfABackToBackLearningStreamIsLearned()
    {
        try (SwitchFixture f = new SwitchFixture(SwitchType.EXTERNAL))
        {
            f.context.macTableCapacity(4096);
            f.start();
            final TestLink a = new TestLink("a");
            f.vm("a", MAC_A, a);
            a.inject(f.frame(MAC_A, REMOTE_BASE, -1, 0, 0));
            for (int i = 0; i < 2000; i++)
            {
                f.uplink.inject(f.frame(REMOTE_BASE + 1 + i, MAC_A, -1, 1, i)); // all queued, read at full speed
            }
            f.run();
            assertEquals(2001, f.vswitch.macTableSize());
            assertEquals(2000, a.delivered.size());
            f.consume(a, f.uplink);
        }
    }
}
