package dev.twinpath.vswitch.table;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The table-level halves of the RFC 2889 forwarding-database tests, run functionally on a fake
 * clock (no timing is asserted).
 * <ul>
 * <li><b>Address caching capacity</b> (RFC 2889 section 5.7): learn N distinct addresses from the
 * test ports, then send to each one: the trial passes when none is flooded (a lookup miss).
 * A binary search over N must find exactly the configured capacity.</li>
 * <li><b>Address learning rate</b> (section 5.8): learning frames arrive at a given rate, one
 * pass over all addresses; then every address must be found. Any rate passes while the pass is
 * shorter than the aging time; a pass longer than it loses the earliest addresses, which is why
 * the RFC asks for an aging time longer than the test.</li>
 * </ul>
 * Addresses follow the RFC's pattern: a fixed vendor prefix, the test port in the fourth octet
 * and a sequence number in the last two, spread over a few VLANs.
 */
class MacTableRfc2889Test
{
    private static final long SECOND = 1_000_000_000L;
    private static final long AGING = 300 * SECOND;
    private static final int PORTS = 4;
    private static final int VLANS = 3;

    private static long mac(final int i)
    {
        return 0x00_15_5D_00_00_00L | ((long)(i % PORTS) << 16) | (i / PORTS);
    }

    private static int vlan(final int i)
    {
        return 1 + (i / PORTS) % VLANS;
    }

    private static int port(final int i)
    {
        return i % PORTS;
    }

    /** One RFC 2889 capacity trial: learn {@code n} addresses, then count the test frames that would flood. */
    private static int floodedAfterLearning(final int capacity, final int n)
    {
        final MacTable table = new MacTable(capacity, AGING);
        for (int i = 0; i < n; i++)
        {
            table.learn(mac(i), vlan(i), port(i), i);
        }
        int flooded = 0;
        for (int i = 0; i < n; i++)
        {
            final int port = table.lookup(mac(i), vlan(i), n);
            if (port == MacTable.MISS)
            {
                flooded++;
            }
            else
            {
                assertEquals(port(i), port, "address " + i + " forwarded to the wrong port");
            }
        }
        return flooded;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 1_000, 4_096, 6_000})
    void addressCachingCapacityIsExactlyTheConfiguredCapacity(final int capacity)
    {
        int low = 1; // passes
        int high = 2 * capacity + 1; // fails
        while (high - low > 1)
        {
            final int mid = (low + high) >>> 1;
            if (floodedAfterLearning(capacity, mid) == 0)
            {
                low = mid;
            }
            else
            {
                high = mid;
            }
        }
        assertEquals(capacity, low);
    }

    @Test
    void atCapacityEveryAddressIsFoundAndTheRestAreRefusedAndCounted()
    {
        final int capacity = 1 << 16;
        final MacTable table = new MacTable(capacity, AGING);
        for (int i = 0; i < capacity + 100; i++)
        {
            final int result = table.learn(mac(i), vlan(i), port(i), 0);
            assertEquals(i < capacity ? "LEARNED" : "FULL", LearnResult.name(result), "address " + i);
        }
        assertEquals(capacity, table.size());
        assertEquals(100, table.learnFailuresFull());
        for (int i = 0; i < capacity; i++)
        {
            assertEquals(port(i), table.lookup(mac(i), vlan(i), SECOND), "address " + i);
        }
        assertEquals(0, table.misses());
        for (int i = capacity; i < capacity + 100; i++)
        {
            assertEquals(MacTable.MISS, table.lookup(mac(i), vlan(i), SECOND), "address " + i + " was refused");
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1_000, 100_000, 14_880_952, 1_000_000_000})
    void addressLearningRateAllAddressesOfOnePassAreFound(final long framesPerSecond)
    {
        final int n = 50_000;
        final long gap = SECOND / framesPerSecond;
        final MacTable table = new MacTable(n, AGING);
        long now = 1_000;
        for (int i = 0; i < n; i++)
        {
            assertEquals("LEARNED", LearnResult.name(table.learn(mac(i), vlan(i), port(i), now)));
            now += gap;
        }
        assertEquals(n, table.learned());
        for (int i = 0; i < n; i++)
        {
            assertEquals(port(i), table.lookup(mac(i), vlan(i), now), "address " + i);
        }
        assertEquals(0, table.misses());
    }

    @Test
    void aLearningPassLongerThanTheAgingTimeLosesTheEarliestAddresses()
    {
        final int n = 1_000;
        final long gap = SECOND; // 1 frame per second: a 1000 s pass against 300 s aging
        final MacTable table = new MacTable(n, AGING);
        for (int i = 0; i < n; i++)
        {
            table.learn(mac(i), vlan(i), port(i), i * gap);
        }
        final long end = (n - 1) * gap;
        int found = 0;
        for (int i = 0; i < n; i++)
        {
            if (table.lookup(mac(i), vlan(i), end) != MacTable.MISS)
            {
                found++;
            }
        }
        assertEquals(301, found, "the addresses learnt in the last 300 s");
    }
}
