package dev.twinpath.vswitch.table;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.twinpath.vswitch.table.LearnResult.FULL;
import static dev.twinpath.vswitch.table.LearnResult.IGNORED;
import static dev.twinpath.vswitch.table.LearnResult.LEARNED;
import static dev.twinpath.vswitch.table.LearnResult.MOVED;
import static dev.twinpath.vswitch.table.LearnResult.REFRESHED;
import static dev.twinpath.vswitch.table.LearnResult.STATIC;
import static dev.twinpath.vswitch.table.MacTable.MISS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MacTableTest
{
    private static final long SECOND = 1_000_000_000L;
    private static final long AGING = 300 * SECOND;
    private static final long A = 0x00_15_5D_00_00_01L; // Hyper-V's OUI
    private static final long B = 0x00_15_5D_00_00_02L;
    private static final long C = 0x00_15_5D_00_00_03L;

    private final MacTable table = new MacTable(16, AGING, 42);

    private static void assertLearn(final int expected, final int actual)
    {
        assertEquals(LearnResult.name(expected), LearnResult.name(actual));
    }

    private static void assertLearn(final int expected, final int actual, final String message)
    {
        assertEquals(LearnResult.name(expected), LearnResult.name(actual), message);
    }

    record Entry(long mac, int vlan, int port, boolean isStatic, long ageNanos)
    {
    }

    private List<Entry> list(final long nowNanos)
    {
        final List<Entry> entries = new ArrayList<>();
        table.forEach(nowNanos, (mac, vlan, port, isStatic, age) -> entries.add(new Entry(mac, vlan, port, isStatic, age)));
        return entries;
    }

    @Test
    void learnThenLookup()
    {
        assertEquals(MISS, table.lookup(A, 1, 0));
        assertLearn(LEARNED, table.learn(A, 1, 7, 0));
        assertLearn(LEARNED, table.learn(B, 1, 8, 0));
        assertEquals(7, table.lookup(A, 1, SECOND));
        assertEquals(8, table.lookup(B, 1, SECOND));
        assertEquals(MISS, table.lookup(C, 1, SECOND));
        assertEquals(2, table.size());
        assertEquals(2, table.learned());
        assertEquals(4, table.lookups());
        assertEquals(2, table.misses());
    }

    @Test
    void learningTheSamePortRefreshes()
    {
        table.learn(A, 1, 7, 0);
        assertLearn(REFRESHED, table.learn(A, 1, 7, 200 * SECOND));
        assertEquals(7, table.lookup(A, 1, 450 * SECOND), "refreshed at 200 s: alive until 500 s");
        assertEquals(1, table.learned());
        assertEquals(0, table.moves());
    }

    @Test
    void learningAnotherPortMovesAndCounts()
    {
        table.learn(A, 1, 7, 0);
        assertLearn(MOVED, table.learn(A, 1, 9, SECOND));
        assertEquals(9, table.lookup(A, 1, SECOND));
        assertLearn(MOVED, table.learn(A, 1, 7, 2 * SECOND));
        assertEquals(2, table.moves());
        assertEquals(1, table.size());
    }

    @Test
    void staticEntriesAreNotMovedByLearning()
    {
        table.addStatic(A, 1, 3);
        assertLearn(STATIC, table.learn(A, 1, 9, 0));
        assertEquals(3, table.lookup(A, 1, 0));
        assertEquals(0, table.moves());
        assertEquals(0, table.learned());
    }

    @Test
    void staticEntriesNeverAge()
    {
        table.addStatic(A, 1, 3);
        assertEquals(0, table.age(1_000 * AGING, table.slots()));
        assertEquals(3, table.lookup(A, 1, 1_000 * AGING));
        assertEquals(List.of(new Entry(A, 1, 3, true, 0)), list(1_000 * AGING));
    }

    @Test
    void addStaticOverADynamicEntryPinsItAndRemoveDropsIt()
    {
        table.learn(A, 1, 7, 0);
        table.addStatic(A, 1, 3);
        assertEquals(1, table.size());
        assertEquals(3, table.lookup(A, 1, 10 * AGING));
        table.addStatic(A, 1, 4);
        assertEquals(4, table.lookup(A, 1, 0), "a static entry takes the new port");
        assertTrue(table.remove(A, 1));
        assertFalse(table.remove(A, 1));
        assertEquals(MISS, table.lookup(A, 1, 0));
        assertLearn(LEARNED, table.learn(A, 1, 9, 0));
    }

    @Test
    void sameMacOnTwoVlansIsTwoEntries()
    {
        assertLearn(LEARNED, table.learn(A, 10, 1, 0));
        assertLearn(LEARNED, table.learn(A, 20, 2, 0));
        assertEquals(1, table.lookup(A, 10, 0));
        assertEquals(2, table.lookup(A, 20, 0));
        assertEquals(MISS, table.lookup(A, 30, 0));
        assertEquals(MISS, table.lookup(A, 0, 0));
        assertEquals(0, table.moves(), "not a move: another VLAN");
        assertTrue(table.remove(A, 10));
        assertEquals(2, table.lookup(A, 20, 0));
        assertEquals(1, table.size());
    }

    @Test
    void vlanZeroAndVlan4095AreDistinctKeys()
    {
        table.learn(A, 0, 1, 0);
        table.learn(A, 4_095, 2, 0);
        assertEquals(1, table.lookup(A, 0, 0));
        assertEquals(2, table.lookup(A, 4_095, 0));
    }

    @Test
    void groupZeroAndInvalidAddressesAreNeverLearnt()
    {
        assertLearn(IGNORED, table.learn(0xFFFF_FFFF_FFFFL, 1, 1, 0));
        assertLearn(IGNORED, table.learn(0x0100_5E00_0001L, 1, 1, 0));
        assertLearn(IGNORED, table.learn(0, 1, 1, 0));
        assertLearn(IGNORED, table.learn(1L << 48 | A, 1, 1, 0));
        assertLearn(IGNORED, table.learn(A, 4_096, 1, 0));
        assertLearn(IGNORED, table.learn(A, -1, 1, 0));
        assertLearn(IGNORED, table.learn(A, 1, -1, 0));
        assertEquals(0, table.size());
        assertEquals(0, table.learned());
        assertEquals(MISS, table.lookup(0, 0, 0), "MAC 0 does not match an empty slot");
        assertEquals(MISS, table.lookup(A, -1, 0));
    }

    @Test
    void expiredEntryIsAMissOnLookupAndIsRemoved()
    {
        table.learn(A, 1, 7, 0);
        assertEquals(7, table.lookup(A, 1, AGING), "exactly agingNanos old: still alive");
        assertEquals(MISS, table.lookup(A, 1, AGING + 1));
        assertEquals(0, table.size());
        assertEquals(1, table.aged());
        assertEquals(1, table.misses());
    }

    @Test
    void learningOverAnExpiredEntryIsANewLearnNotAMove()
    {
        table.learn(A, 1, 7, 0);
        assertLearn(LEARNED, table.learn(A, 1, 9, AGING + 1));
        assertEquals(9, table.lookup(A, 1, AGING + 1));
        assertEquals(0, table.moves());
        assertEquals(1, table.aged());
        assertEquals(2, table.learned());
        assertEquals(1, table.size());
    }

    @Test
    void sweepRemovesExpiredAndNothingYoung()
    {
        final MacTable big = new MacTable(1_000, AGING, 7);
        for (int i = 1; i <= 1_000; i++)
        {
            big.learn(A + i, 1, i, (i % 2) * 100 * SECOND); // even at 0 s, odd at 100 s
        }
        assertEquals(0, big.age(AGING, big.slots()), "nothing older than the aging time yet");
        int removed = 0;
        for (int call = 0; call < big.slots() / 64; call++)
        {
            removed += big.age(AGING + 1, 64);
        }
        assertEquals(500, removed);
        assertEquals(500, big.size());
        assertEquals(500, big.aged());
        for (int i = 1; i <= 1_000; i++)
        {
            assertEquals(i % 2 == 1 ? i : MISS, big.lookup(A + i, 1, AGING + 1), "address " + i);
        }
    }

    @Test
    void sweepCursorContinuesWhereItStopped()
    {
        final MacTable big = new MacTable(100, AGING, 7);
        for (int i = 1; i <= 100; i++)
        {
            big.learn(A + i, 1, 1, 0);
        }
        int removed = 0;
        for (int call = 0; call < 12; call++)
        {
            removed += big.age(AGING + 1, 10);
        }
        assertTrue(removed > 0 && big.size() > 0, "120 of " + big.slots() + " slots swept: some removed, some left");
        for (int call = 12; call < (big.slots() + 9) / 10; call++)
        {
            removed += big.age(AGING + 1, 10);
        }
        assertEquals(100, removed, "one lap of 10-slot calls removes all: removals do not use the budget");
        assertEquals(0, big.size());
        assertEquals(0, big.age(AGING + 1, 0));
        assertEquals(0, big.age(AGING + 1, -5));
    }

    @Test
    void fullTableRefusesNewAddressesAndKeepsWorking()
    {
        final MacTable small = new MacTable(3, AGING, 1);
        assertLearn(LEARNED, small.learn(A, 1, 1, 0));
        assertLearn(LEARNED, small.learn(B, 1, 2, 0));
        assertLearn(LEARNED, small.learn(C, 1, 3, 0));
        assertLearn(FULL, small.learn(C + 1, 1, 4, 0));
        assertLearn(FULL, small.learn(A, 2, 4, 0));
        assertEquals(2, small.learnFailuresFull());
        assertEquals(3, small.size());
        assertEquals(MISS, small.lookup(C + 1, 1, 0));

        assertLearn(REFRESHED, small.learn(A, 1, 1, SECOND), "existing entries refresh when full");
        assertLearn(MOVED, small.learn(B, 1, 5, SECOND), "and move");
        assertEquals(1, small.lookup(A, 1, SECOND));
        assertEquals(5, small.lookup(B, 1, SECOND));
        assertEquals(3, small.lookup(C, 1, SECOND));
        assertThrows(IllegalStateException.class, () -> small.addStatic(C + 1, 1, 1));
        small.addStatic(C, 1, 9); // an existing address may still become static

        assertTrue(small.remove(B, 1));
        assertLearn(LEARNED, small.learn(C + 1, 1, 4, SECOND), "room again");
        assertLearn(FULL, small.learn(B, 1, 4, SECOND));
        assertEquals(3, small.learnFailuresFull());
    }

    @Test
    void capacityOneHoldsOneEntry()
    {
        final MacTable one = new MacTable(1, AGING);
        assertEquals(1, one.capacity());
        assertEquals(2, one.slots());
        assertLearn(LEARNED, one.learn(A, 1, 1, 0));
        assertLearn(FULL, one.learn(B, 1, 1, 0));
        assertEquals(1, one.lookup(A, 1, 0));
        assertEquals(MISS, one.lookup(B, 1, 0));
    }

    @Test
    void flushPortRemovesOnlyDynamicEntriesOfThatPort()
    {
        final MacTable big = new MacTable(1_000, AGING, 3);
        for (int i = 1; i <= 900; i++)
        {
            big.learn(A + i, i % 5, i % 3, 0);
        }
        big.addStatic(A + 1_000, 1, 1);
        assertEquals(300, big.flushPort(1));
        assertEquals(601, big.size());
        for (int i = 1; i <= 900; i++)
        {
            assertEquals(i % 3 == 1 ? MISS : i % 3, big.lookup(A + i, i % 5, 0), "address " + i);
        }
        assertEquals(1, big.lookup(A + 1_000, 1, 0), "static entry stays");
        assertEquals(0, big.flushPort(1));
        assertEquals(0, big.flushPort(77));
    }

    @Test
    void forEachListsLiveEntriesWithTheirAge()
    {
        table.learn(A, 1, 7, 0);
        table.learn(B, 2, 8, 100 * SECOND);
        table.addStatic(C, 3, 9);
        final List<Entry> entries = list(AGING + 50 * SECOND);
        assertEquals(2, entries.size(), "A expired and is not listed: " + entries);
        assertTrue(entries.contains(new Entry(B, 2, 8, false, 250 * SECOND)));
        assertTrue(entries.contains(new Entry(C, 3, 9, true, 0)));
        assertEquals(3, table.size(), "listing removes nothing");
    }

    @Test
    void forEachWithoutATimeUsesTheLatestTimeGiven()
    {
        table.learn(A, 1, 7, 10 * SECOND);
        table.lookup(B, 1, 25 * SECOND);
        final List<Entry> entries = new ArrayList<>();
        table.forEach((mac, vlan, port, isStatic, age) -> entries.add(new Entry(mac, vlan, port, isStatic, age)));
        assertEquals(List.of(new Entry(A, 1, 7, false, 15 * SECOND)), entries);
    }

    @Test
    void clockGoingBackwardsDoesNotExpireEntries()
    {
        table.learn(A, 1, 7, 10 * SECOND);
        assertEquals(7, table.lookup(A, 1, 0));
        assertEquals(0, table.age(0, table.slots()));
    }

    @Test
    void clockWrapAroundIsHandledByTheDifference()
    {
        table.learn(A, 1, 7, Long.MAX_VALUE - SECOND);
        assertEquals(7, table.lookup(A, 1, Long.MIN_VALUE + SECOND), "2 s later across the wrap");
        assertEquals(MISS, table.lookup(A, 1, Long.MAX_VALUE - SECOND + AGING + 1));
    }

    @Test
    void constructionRefusesBadValuesNamingTheField()
    {
        assertMessage("capacity", () -> new MacTable(0, AGING));
        assertMessage("capacity", () -> new MacTable(MacTable.MAX_CAPACITY + 1, AGING));
        assertMessage("capacity", () -> new MacTable(-1, AGING));
        assertMessage("agingNanos", () -> new MacTable(10, 0));
        assertMessage("agingNanos", () -> new MacTable(10, -1));
        final MacTable table = new MacTable(10, 1);
        assertEquals(10, table.capacity());
        assertEquals(32, table.slots());
        assertEquals(1, table.agingNanos());
    }

    @Test
    void addStaticRefusesBadValuesNamingTheField()
    {
        assertMessage("mac", () -> table.addStatic(0, 1, 1));
        assertMessage("mac", () -> table.addStatic(0xFFFF_FFFF_FFFFL, 1, 1));
        assertMessage("mac", () -> table.addStatic(1L << 48, 1, 1));
        assertMessage("vlan", () -> table.addStatic(A, 4_096, 1));
        assertMessage("port", () -> table.addStatic(A, 1, -1));
        assertEquals(0, table.size());
    }

    @Test
    void learnResultNames()
    {
        assertEquals("MOVED", LearnResult.name(MOVED));
        assertEquals("UNKNOWN(99)", LearnResult.name(99));
        assertTrue(LearnResult.isMapped(STATIC));
        assertFalse(LearnResult.isMapped(FULL));
        assertFalse(LearnResult.isMapped(IGNORED));
    }

    private static void assertMessage(final String field, final org.junit.jupiter.api.function.Executable call)
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, call);
        assertTrue(ex.getMessage().startsWith(field + " "), ex.getMessage());
    }
}
