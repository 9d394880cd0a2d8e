package dev.twinpath.packet.rss;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link IndirectionTable}: low-order-bit indexing, round-robin spreading, validation.
 */
class IndirectionTableTest
{
    @Test
    void spreadEvenlyOverFourQueuesGivesEachThirtyTwoEntries()
    {
        final IndirectionTable table = new IndirectionTable(8).spreadEvenly(4);

        assertEquals(128, table.size());
        for (int queue = 0; queue < 4; queue++)
        {
            assertEquals(32, table.entryCount(queue), "queue " + queue);
        }
        for (int queue = 4; queue < 8; queue++)
        {
            assertEquals(0, table.entryCount(queue), "queue " + queue);
        }
        for (int i = 0; i < 128; i++)
        {
            assertEquals(i % 4, table.get(i));
        }
    }

    @Test
    void unevenSpreadDiffersByAtMostOne()
    {
        final IndirectionTable table = new IndirectionTable(3);
        assertEquals(43, table.entryCount(0));
        assertEquals(43, table.entryCount(1));
        assertEquals(42, table.entryCount(2));
    }

    @Test
    void startsSpreadOverAsManyQueuesAsFit()
    {
        final IndirectionTable small = new IndirectionTable(4, 16);
        for (int i = 0; i < 4; i++)
        {
            assertEquals(i, small.get(i));
        }
        assertEquals(128, new IndirectionTable(1).entryCount(0));
        final IndirectionTable eight = new IndirectionTable(8);
        for (int queue = 0; queue < 8; queue++)
        {
            assertEquals(16, eight.entryCount(queue));
        }
    }

    @Test
    void queueForUsesTheLowSevenBits()
    {
        final IndirectionTable table = new IndirectionTable(8).spreadEvenly(1).set(5, 3).set(127, 7);

        assertEquals(3, table.queueFor(5));
        assertEquals(3, table.queueFor(0x80 | 5));
        assertEquals(3, table.queueFor(0xFFFF_FF85));
        assertEquals(7, table.queueFor(-1));
        assertEquals(0, table.queueFor(5 << 7));
        assertEquals(0x05, table.indexFor(0x1234_5685));
    }

    @Property(tries = 200)
    void queueForIgnoresHighBits(@ForAll final int hash, @ForAll final int highBits)
    {
        final IndirectionTable table = new IndirectionTable(128, 128);
        for (int i = 0; i < 128; i++)
        {
            table.set(i, (i * 37) & 127);
        }

        assertEquals(table.get(hash & 0x7F), table.queueFor(hash));
        assertEquals(table.queueFor(hash), table.queueFor((hash & 0x7F) | (highBits & ~0x7F)));
    }

    @Test
    void sizeIsConfigurable()
    {
        final IndirectionTable table = new IndirectionTable(512, 4).spreadEvenly(4);
        assertEquals(512, table.size());
        table.set(0x1FF, 2);
        assertEquals(2, table.queueFor(0xFFFF_FFFF));
        assertEquals(table.get(0x0FF), table.queueFor(0xFFFF_FEFF));
    }

    @Test
    void refusesBadQueueCounts()
    {
        final IndirectionTable table = new IndirectionTable(8);
        assertMessage("queueCount must be in [1, 8] (availableQueues): 0", () -> table.spreadEvenly(0));
        assertMessage("queueCount must be in [1, 8] (availableQueues): -1", () -> table.spreadEvenly(-1));
        assertMessage("queueCount must be in [1, 8] (availableQueues): 9", () -> table.spreadEvenly(9));
        assertMessage("exceeds the table size 4", () -> new IndirectionTable(4, 16).spreadEvenly(8));
        assertMessage("availableQueues must be in [1, 65536]: 0", () -> new IndirectionTable(0));
    }

    @Test
    void refusesBadEntriesAndSizes()
    {
        final IndirectionTable table = new IndirectionTable(8);
        assertMessage("queue must be in [0, 7] (availableQueues=8): 8", () -> table.set(0, 8));
        assertMessage("queue must be in [0, 7] (availableQueues=8): -1", () -> table.set(0, -1));
        assertMessage("index must be in [0, 127]: 128", () -> table.set(128, 0));
        assertMessage("index must be in [0, 127]: -1", () -> table.get(-1));
        assertMessage("size must be a power of two in [1, 65536]: 100", () -> new IndirectionTable(100, 4));
        assertMessage("size must be a power of two in [1, 65536]: 0", () -> new IndirectionTable(0, 4));
        assertMessage("size must be a power of two in [1, 65536]: 131072", () -> new IndirectionTable(1 << 17, 4));
    }

    private static void assertMessage(final String expected, final Runnable action)
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, action::run);
        assertTrue(ex.getMessage().contains(expected), () -> "expected '" + expected + "' in: " + ex.getMessage());
    }
}
