package dev.twinpath.vswitch.table;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random operation sequences on a {@link MacTable}, checked after every step against a
 * {@link HashMap} model with the same learning and aging rules: return codes, the exact set of held
 * entries (expired ones included), the live listing and every counter. Key pools either spread
 * over the table or are chosen so that all keys hash into a window of a few slots (one long probe
 * run, possibly wrapping past the last slot), where backward-shift deletion does the most work.
 */
class MacTablePropertyTest
{
    private static final long AGING = 100;
    private static final long HASH_SEED = 0x5EED;
    private static final long BASE_MAC = 0x00_15_5D_00_00_00L;

    enum Kind
    {
        LEARN, LOOKUP, REMOVE, ADD_STATIC, FLUSH_PORT, AGE_SOME, AGE_ALL, TICK
    }

    record Op(Kind kind, int key, int port, int amount)
    {
    }

    record Key(long mac, int vlan)
    {
    }

    static final class Entry
    {
        int port;
        long lastSeen;
        boolean isStatic;

        Entry(final int port, final long lastSeen, final boolean isStatic)
        {
            this.port = port;
            this.lastSeen = lastSeen;
            this.isStatic = isStatic;
        }
    }

    /** The reference: a HashMap of held entries and the counters the table should show. */
    static final class Model
    {
        final int capacity;
        final Map<Key, Entry> held = new HashMap<>();
        long learned;
        long moves;
        long aged;
        long full;
        long lookups;
        long misses;

        Model(final int capacity)
        {
            this.capacity = capacity;
        }

        boolean expired(final Entry e, final long now)
        {
            return !e.isStatic && now - e.lastSeen > AGING;
        }

        int learn(final Key key, final int port, final long now)
        {
            if ((key.mac() & 0x0100_0000_0000L) != 0)
            {
                return LearnResult.IGNORED;
            }
            final Entry e = held.get(key);
            if (e == null)
            {
                if (held.size() == capacity)
                {
                    full++;
                    return LearnResult.FULL;
                }
                held.put(key, new Entry(port, now, false));
                learned++;
                return LearnResult.LEARNED;
            }
            if (e.isStatic)
            {
                return LearnResult.STATIC;
            }
            final boolean wasExpired = expired(e, now);
            final int oldPort = e.port;
            e.port = port;
            e.lastSeen = now;
            if (wasExpired)
            {
                aged++;
                learned++;
                return LearnResult.LEARNED;
            }
            if (oldPort == port)
            {
                return LearnResult.REFRESHED;
            }
            moves++;
            return LearnResult.MOVED;
        }

        int lookup(final Key key, final long now)
        {
            lookups++;
            final Entry e = held.get(key);
            if (e != null)
            {
                if (!expired(e, now))
                {
                    return e.port;
                }
                held.remove(key);
                aged++;
            }
            misses++;
            return MacTable.MISS;
        }

        int flushPort(final int port)
        {
            int removed = 0;
            for (final Iterator<Entry> it = held.values().iterator(); it.hasNext(); )
            {
                final Entry e = it.next();
                if (!e.isStatic && e.port == port)
                {
                    it.remove();
                    removed++;
                }
            }
            return removed;
        }
    }

    @Property(tries = 400)
    void tableBehavesLikeTheModel(
        @ForAll @IntRange(min = 1, max = 48) final int capacity,
        @ForAll final boolean clustered,
        @ForAll final long poolSeed,
        @ForAll("operations") final List<Op> operations)
    {
        final MacTable table = new MacTable(capacity, AGING, HASH_SEED);
        final List<Key> pool = clustered ? clusteredPool(table, 2 * capacity + 2, poolSeed) :
            spreadPool(2 * capacity + 2, poolSeed);
        pool.add(new Key(0x0100_5E00_0001L, 1)); // a group address: never learnt
        final Model model = new Model(capacity);
        long now = 0;

        for (final Op op : operations)
        {
            final Key key = pool.get(op.key() % pool.size());
            final String where = op + " on " + key + " at " + now;
            switch (op.kind())
            {
                case LEARN:
                    final String learnt = LearnResult.name(model.learn(key, op.port(), now));
                    assertEquals(learnt, LearnResult.name(table.learn(key.mac(), key.vlan(), op.port(), now)), where);
                    Statistics.label("learn").collect(learnt);
                    break;
                case LOOKUP:
                    assertEquals(model.lookup(key, now), table.lookup(key.mac(), key.vlan(), now), where);
                    break;
                case REMOVE:
                    assertEquals(model.held.remove(key) != null, table.remove(key.mac(), key.vlan()), where);
                    break;
                case ADD_STATIC:
                    addStatic(table, model, key, op.port(), where);
                    break;
                case FLUSH_PORT:
                    assertEquals(model.flushPort(op.port()), table.flushPort(op.port()), where);
                    break;
                case AGE_SOME:
                    ageSome(table, model, op.amount(), now, where);
                    break;
                case AGE_ALL:
                    ageAll(table, model, now, where);
                    break;
                case TICK:
                    now += op.amount();
                    break;
                default:
                    throw new AssertionError(op);
            }
            assertSameContent(table, model, pool, now, where);
        }
        Statistics.label("clustered").collect(clustered);
    }

    private static void addStatic(final MacTable table, final Model model, final Key key, final int port, final String where)
    {
        if ((key.mac() & 0x0100_0000_0000L) != 0)
        {
            assertThrows(IllegalArgumentException.class, () -> table.addStatic(key.mac(), key.vlan(), port), where);
            return;
        }
        final Entry e = model.held.get(key);
        if (e == null && model.held.size() == model.capacity)
        {
            assertThrows(IllegalStateException.class, () -> table.addStatic(key.mac(), key.vlan(), port), where);
            return;
        }
        table.addStatic(key.mac(), key.vlan(), port);
        model.held.put(key, new Entry(port, 0, true));
    }

    private static void ageSome(final MacTable table, final Model model, final int maxSlots, final long now, final String where)
    {
        final int removed = table.age(now, maxSlots);
        int gone = 0;
        for (final Iterator<Map.Entry<Key, Entry>> it = model.held.entrySet().iterator(); it.hasNext(); )
        {
            final Map.Entry<Key, Entry> e = it.next();
            if (!table.holds(e.getKey().mac(), e.getKey().vlan()))
            {
                assertTrue(model.expired(e.getValue(), now), "swept a live entry " + e.getKey() + ": " + where);
                it.remove();
                gone++;
            }
        }
        assertEquals(gone, removed, where);
        model.aged += removed;
    }

    private static void ageAll(final MacTable table, final Model model, final long now, final String where)
    {
        int expired = 0;
        for (final Iterator<Entry> it = model.held.values().iterator(); it.hasNext(); )
        {
            if (model.expired(it.next(), now))
            {
                it.remove();
                expired++;
            }
        }
        assertEquals(expired, table.age(now, table.slots()), "a full sweep removes every expired entry: " + where);
        model.aged += expired;
    }

    private static void assertSameContent(
        final MacTable table, final Model model, final List<Key> pool, final long now, final String where)
    {
        assertEquals(model.held.size(), table.size(), "size after " + where);
        for (final Key key : pool)
        {
            assertEquals(model.held.containsKey(key), table.holds(key.mac(), key.vlan()), key + " held after " + where);
        }
        final Set<String> live = new HashSet<>();
        model.held.forEach((k, e) ->
        {
            if (!model.expired(e, now))
            {
                live.add(k + "->" + e.port + (e.isStatic ? " static" : " age " + (now - e.lastSeen)));
            }
        });
        final Set<String> listed = new HashSet<>();
        table.forEach(now, (mac, vlan, port, isStatic, age) ->
            listed.add(new Key(mac, vlan) + "->" + port + (isStatic ? " static" : " age " + age)));
        assertEquals(live, listed, "listing after " + where);
        assertEquals(model.learned, table.learned(), "learned after " + where);
        assertEquals(model.moves, table.moves(), "moves after " + where);
        assertEquals(model.aged, table.aged(), "aged after " + where);
        assertEquals(model.full, table.learnFailuresFull(), "full after " + where);
        assertEquals(model.lookups, table.lookups(), "lookups after " + where);
        assertEquals(model.misses, table.misses(), "misses after " + where);
    }

    /** Distinct unicast addresses on four VLANs, spread over the table by the hash. */
    private static List<Key> spreadPool(final int count, final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final Set<Key> keys = new HashSet<>();
        while (keys.size() < count)
        {
            final long mac = random.nextLong() & 0xFEFF_FFFF_FFFFL;
            if (mac != 0)
            {
                keys.add(new Key(mac, random.nextInt(4)));
            }
        }
        return new ArrayList<>(keys);
    }

    /**
     * Addresses whose home slots all fall in a window of 3 slots, sometimes at the end of the table
     * so the probe run wraps to slot 0. Same MAC on two VLANs, and MACs differing in one bit, included.
     */
    private static List<Key> clusteredPool(final MacTable table, final int count, final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final int slots = table.slots();
        final int start = random.nextBoolean() ? slots - 2 : random.nextInt(slots);
        final List<Key> keys = new ArrayList<>();
        for (long i = 1; keys.size() < count; i++)
        {
            for (int vlan = 0; vlan < 2 && keys.size() < count; vlan++)
            {
                final int home = table.homeSlot(BASE_MAC + i, vlan);
                if (((home - start) & (slots - 1)) < 3)
                {
                    keys.add(new Key(BASE_MAC + i, vlan));
                }
            }
        }
        return keys;
    }

    @Provide
    Arbitrary<List<Op>> operations()
    {
        final Arbitrary<Op> op = Combinators.combine(
            Arbitraries.frequency(
                Tuple.of(6, Kind.LEARN), Tuple.of(4, Kind.LOOKUP), Tuple.of(2, Kind.REMOVE),
                Tuple.of(1, Kind.ADD_STATIC), Tuple.of(1, Kind.FLUSH_PORT), Tuple.of(2, Kind.AGE_SOME),
                Tuple.of(1, Kind.AGE_ALL), Tuple.of(3, Kind.TICK)),
            Arbitraries.integers().between(0, 1_000),
            Arbitraries.integers().between(0, 3),
            Arbitraries.integers().between(0, 70))
            .as(Op::new);
        return op.list().ofMinSize(20).ofMaxSize(300);
    }
}
