package dev.twinpath.packet.pool;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

import static dev.twinpath.packet.pool.PacketPool.DOUBLE_FREE;
import static dev.twinpath.packet.pool.PacketPool.EXHAUSTED;
import static dev.twinpath.packet.pool.PacketPool.INVALID_HANDLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random sequences of single, bulk and burst allocations and frees, on the pool and on several
 * caches, checked after every step against a model of which handles the test holds. Single
 * threaded, so every step ends at a quiescent point and the accounting must be exact.
 */
class PacketPoolPropertyTest
{
    private static final int MAX_BURST = 48;

    enum Kind
    {
        ALLOCATE, ALLOCATE_BULK, ALLOCATE_BURST, FREE, FREE_BULK, FLUSH, BAD_FREE
    }

    record Op(int actor, Kind kind, int count, int pick)
    {
    }

    @Property(tries = 300)
    void randomBurstsKeepExactAccountingAndEndWithNoLeak(
        @ForAll @IntRange(min = 1, max = 300) final int slotCount,
        @ForAll @IntRange(max = 40) final int requestedCacheSize,
        @ForAll @IntRange(max = 3) final int cacheCount,
        @ForAll final boolean debug,
        @ForAll("operations") final List<Op> operations)
    {
        final PacketPool pool = new PacketPool(new PacketPool.Context()
            .name("property")
            .slotCount(slotCount)
            .dataRoom(64)
            .cacheSize(Math.min(requestedCacheSize, slotCount))
            .debug(debug));
        final PoolCache[] caches = new PoolCache[cacheCount];
        for (int i = 0; i < cacheCount; i++)
        {
            caches[i] = pool.newCache();
        }
        final Model model = new Model(pool);

        for (final Op op : operations)
        {
            final int actor = op.actor() % (cacheCount + 1);
            model.apply(op, actor == 0 ? null : caches[actor - 1]);
            assertEquals(model.held.size(), pool.inUse(), "inUse after " + op);
            assertEquals(model.held.size(), pool.allocations() - pool.frees(), "counters after " + op);
        }

        int next = 0;
        while (!model.held.isEmpty())
        {
            final int actor = next++ % (cacheCount + 1);
            model.freeBurst(actor == 0 ? null : caches[actor - 1], MAX_BURST);
        }
        for (int i = 0; i < cacheCount; i += 2)
        {
            caches[i].close();
        }

        pool.assertNoLeak();
        assertEquals(slotCount, pool.available());
        Statistics.label("hit exhaustion").collect(model.exhausted > 0);
        Statistics.label("cache flushed or refilled").collect(cacheCount > 0 && pool.cacheSize() > 0);
        Statistics.label("hit exhaustion").coverage((c) -> c.check(true).percentage((p) -> p > 15));
        Statistics.label("cache flushed or refilled").coverage((c) -> c.check(true).percentage((p) -> p > 40));
        assertEquals(model.invalidFrees, pool.counter(PoolCounter.INVALID_HANDLES));
        assertEquals(model.doubleFrees, pool.counter(PoolCounter.DOUBLE_FREES));
        assertEquals(0, pool.counter(PoolCounter.OVERFLOWS));
    }

    @Provide
    Arbitrary<List<Op>> operations()
    {
        return Combinators.combine(
            Arbitraries.integers().between(0, 3),
            Arbitraries.of(Kind.class),
            Arbitraries.integers().between(0, MAX_BURST),
            Arbitraries.integers().between(0, 1_000_000))
            .as(Op::new)
            .list().ofMinSize(1).ofMaxSize(200);
    }

    private static final class Model
    {
        private final PacketPool pool;
        private final List<Integer> held = new ArrayList<>();
        private final BitSet live = new BitSet();
        private final int[] scratch = new int[MAX_BURST];
        private long invalidFrees;
        private long doubleFrees;
        private int exhausted;

        private Model(final PacketPool pool)
        {
            this.pool = pool;
        }

        private void apply(final Op op, final PoolCache cache)
        {
            final int count = op.count();
            final boolean bypass = null == cache || count > pool.cacheSize();
            final int inRing = ringSize();
            final int reachable = inRing + (null == cache ? 0 : cache.size());
            switch (op.kind())
            {
                case ALLOCATE:
                {
                    final boolean viaCache = null != cache && pool.cacheSize() > 0;
                    final int canReach = viaCache ? reachable : inRing;
                    final int handle = null == cache ? pool.allocate() : cache.allocate();
                    assertEquals(canReach == 0, handle == EXHAUSTED, "allocate " + handle + " reachable " + canReach);
                    if (handle >= 0)
                    {
                        take(handle);
                    }
                    else
                    {
                        exhausted++;
                    }
                    break;
                }

                case ALLOCATE_BULK:
                {
                    final int canReach = bypass ? inRing : reachable;
                    final int inUse = pool.inUse();
                    final int result = null == cache ?
                        pool.allocateBulk(scratch, 0, count) : cache.allocateBulk(scratch, 0, count);
                    if (count == 0)
                    {
                        assertEquals(0, result);
                    }
                    else if (canReach < count)
                    {
                        assertEquals(EXHAUSTED, result);
                        assertEquals(inUse, pool.inUse(), "all or none");
                        exhausted++;
                    }
                    else
                    {
                        assertEquals(count, result);
                        takeAll(result);
                    }
                    break;
                }

                case ALLOCATE_BURST:
                {
                    final int canReach = bypass ? inRing : reachable;
                    final int result = null == cache ?
                        pool.allocateBurst(scratch, 0, count) : cache.allocateBurst(scratch, 0, count);
                    assertEquals(Math.min(count, canReach), result);
                    takeAll(result);
                    exhausted += result < count ? 1 : 0;
                    break;
                }

                case FREE:
                {
                    if (!held.isEmpty())
                    {
                        final int handle = give(op.pick());
                        assertEquals(1, null == cache ? pool.free(handle) : cache.free(handle));
                    }
                    break;
                }

                case FREE_BULK:
                    freeBurst(cache, count);
                    break;

                case FLUSH:
                    if (null != cache)
                    {
                        final int before = pool.available();
                        cache.flush();
                        assertEquals(0, cache.size());
                        assertEquals(before, pool.available());
                    }
                    break;

                case BAD_FREE:
                {
                    final int outOfRange = (op.pick() & 1) == 0 ? pool.capacity() + op.pick() : -1 - op.pick();
                    assertEquals(INVALID_HANDLE, null == cache ? pool.free(outOfRange) : cache.free(outOfRange));
                    invalidFrees++;

                    final int handle = op.pick() % pool.capacity();
                    if (pool.isDebug() && !live.get(handle))
                    {
                        assertEquals(DOUBLE_FREE, null == cache ? pool.free(handle) : cache.free(handle));
                        doubleFrees++;
                    }
                    break;
                }

                default:
                    throw new IllegalStateException(op.kind().name());
            }
        }

        private void freeBurst(final PoolCache cache, final int count)
        {
            final int n = Math.min(count, held.size());
            for (int i = 0; i < n; i++)
            {
                scratch[i] = give(i * 7919);
            }
            assertEquals(n, null == cache ? pool.freeBulk(scratch, 0, n) : cache.freeBulk(scratch, 0, n));
        }

        private int ringSize()
        {
            return pool.audit().freeInRing();
        }

        private void takeAll(final int count)
        {
            for (int i = 0; i < count; i++)
            {
                take(scratch[i]);
            }
        }

        private void take(final int handle)
        {
            assertTrue(handle >= 0 && handle < pool.capacity(), "handle " + handle);
            assertFalse(live.get(handle), "handle " + handle + " handed out twice while live");
            live.set(handle);
            held.add(handle);
        }

        private int give(final int pick)
        {
            final int handle = held.remove(Math.floorMod(pick, held.size()));
            live.clear(handle);
            return handle;
        }
    }
}
