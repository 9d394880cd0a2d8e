package dev.twinpath.datapath.hyperv;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random sequences of register, request, release, setWeight and unregister, checked after every step
 * against a small independent model (a holder set and a waiting list served by weight, then age) and
 * against the invariants: never more holders than VFs, a weight-0 adapter never holds a VF, nobody
 * waits while a VF is free, releases go to the waiters in weight order. Seeded, so a failure repeats.
 */
class VfArbiterModelTest
{
    private static final int RUNS = 300;
    private static final int STEPS = 400;

    /** The model: who holds, who waits since when, the weights. */
    private static final class Model
    {
        final int vfs;
        final Map<String, Integer> weight = new HashMap<>();
        final Set<String> holders = new LinkedHashSet<>();
        final Map<String, Long> waitingSince = new HashMap<>();
        final Set<String> denied = new LinkedHashSet<>();
        long clock;

        Model(final int vfs)
        {
            this.vfs = vfs;
        }

        String bestWaiter()
        {
            String best = null;
            for (final Map.Entry<String, Long> e : waitingSince.entrySet())
            {
                final String n = e.getKey();
                if (best == null || weight.get(n) > weight.get(best) ||
                    (weight.get(n).equals(weight.get(best)) && e.getValue() < waitingSince.get(best)))
                {
                    best = n;
                }
            }
            return best;
        }

        List<String> fill()
        {
            final List<String> granted = new ArrayList<>();
            while (holders.size() < vfs && !waitingSince.isEmpty())
            {
                final String best = bestWaiter();
                waitingSince.remove(best);
                holders.add(best);
                granted.add(best);
            }
            return granted;
        }

        void ask(final String n)
        {
            if (holders.contains(n) || waitingSince.containsKey(n))
            {
                return;
            }
            denied.remove(n);
            if (weight.get(n) == 0)
            {
                denied.add(n);
            }
            else if (holders.size() < vfs)
            {
                holders.add(n);
            }
            else
            {
                waitingSince.put(n, ++clock);
            }
        }

        List<String> leave(final String n)
        {
            denied.remove(n);
            waitingSince.remove(n);
            return holders.remove(n) ? fill() : List.of();
        }

        List<String> reweigh(final String n, final int w)
        {
            weight.put(n, w);
            final List<String> granted = new ArrayList<>();
            if (w == 0 && holders.remove(n))
            {
                denied.add(n);
                granted.addAll(fill());
            }
            else if (w == 0 && waitingSince.remove(n) != null)
            {
                denied.add(n);
            }
            else if (w > 0 && denied.remove(n))
            {
                ask(n);
                if (holders.contains(n))
                {
                    granted.add(n);
                }
            }
            return granted;
        }
    }

    @Test
    void theArbiterAgreesWithTheModelAndKeepsItsInvariants()
    {
        for (int run = 0; run < RUNS; run++)
        {
            runOnce(run);
        }
    }

    private static void runOnce(final long seed)
    {
        final Random random = new Random(seed);
        final int vfs = random.nextInt(5);
        final int adapters = 1 + random.nextInt(10);
        final VfArbiter arbiter = new VfArbiter(vfs, IovSupport.SUPPORTED);
        final Model model = new Model(vfs);
        final List<String> names = new ArrayList<>();
        for (int i = 0; i < adapters; i++)
        {
            names.add("a" + i);
        }

        for (int step = 0; step < STEPS; step++)
        {
            final String n = names.get(random.nextInt(adapters));
            final String where = "seed " + seed + " step " + step + " adapter " + n;
            if (!arbiter.isRegistered(n))
            {
                final int w = randomWeight(random);
                arbiter.register(n, w);
                model.weight.put(n, w);
                continue;
            }
            switch (random.nextInt(10))
            {
                case 0, 1, 2, 3 ->
                {
                    final VfDecision d = arbiter.request(n);
                    model.ask(n);
                    assertEquals(model.holders.contains(n), d.granted(), where);
                }
                case 4, 5 ->
                {
                    final List<String> waitersBefore = arbiter.waiting();
                    final List<String> offers = arbiter.release(n);
                    assertEquals(model.leave(n), offers, where);
                    assertEquals(waitersBefore.subList(0, offers.size()), offers, where + ": served in weight order");
                }
                case 6, 7, 8 ->
                {
                    final int w = randomWeight(random);
                    final List<String> granted = arbiter.setWeight(n, w).stream()
                        .filter(VfDecision::granted).map(VfDecision::adapter).toList();
                    assertEquals(model.reweigh(n, w), granted, where);
                }
                default ->
                {
                    final List<String> offers = arbiter.unregister(n);
                    assertEquals(model.leave(n), offers, where);
                    model.weight.remove(n);
                }
            }
            check(arbiter, model, where);
        }
    }

    private static int randomWeight(final Random random)
    {
        final int pick = random.nextInt(4);
        return pick == 0 ? 0 : pick == 1 ? 100 : 1 + random.nextInt(5) * 20;
    }

    private static void check(final VfArbiter arbiter, final Model model, final String where)
    {
        assertTrue(arbiter.vfsInUse() <= arbiter.totalVfs(), where + ": more grants than VFs");
        assertEquals(arbiter.holders().size(), arbiter.vfsInUse(), where);
        assertEquals(model.holders, new LinkedHashSet<>(arbiter.holders()), where + ": holders");
        for (final String h : arbiter.holders())
        {
            assertTrue(arbiter.weight(h) > 0, where + ": weight 0 holds a VF: " + h);
        }
        final List<String> waiting = arbiter.waiting();
        assertEquals(model.waitingSince.keySet(), new LinkedHashSet<>(waiting), where + ": waiting");
        assertTrue(waiting.isEmpty() || arbiter.freeVfs() == 0, where + ": an adapter waits while a VF is free");
        for (int i = 1; i < waiting.size(); i++)
        {
            assertTrue(arbiter.weight(waiting.get(i - 1)) >= arbiter.weight(waiting.get(i)), where + ": waiting order");
        }
        for (final String w : waiting)
        {
            assertEquals(IovSupportReason.VF_POOL_EXHAUSTED, arbiter.reason(w), where);
            assertTrue(arbiter.weight(w) > 0, where);
        }
        for (final String d : model.denied)
        {
            assertEquals(VfArbiter.State.DENIED, arbiter.state(d), where + ": " + d);
            assertEquals(IovSupportReason.ADAPTER_IOV_WEIGHT_ZERO, arbiter.reason(d), where);
        }
    }
}
