package dev.twinpath.datapath.traffic;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static dev.twinpath.datapath.traffic.StreamChecker.DUPLICATE;
import static dev.twinpath.datapath.traffic.StreamChecker.GAP;
import static dev.twinpath.datapath.traffic.StreamChecker.IN_ORDER;
import static dev.twinpath.datapath.traffic.StreamChecker.LATE;
import static dev.twinpath.datapath.traffic.StreamChecker.WINDOW;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The checker classifies exactly what was injected: drops (inside a stream or at its tail), swapped
 * pairs and duplicates placed anywhere later, over several interleaved streams; and on arbitrary
 * arrival orders it agrees packet by packet with a set-based model of its rules.
 */
class StreamCheckerPropertyTest
{
    @Property(tries = 300)
    void injectedDropsSwapsAndDuplicatesAreClassifiedExactly(
        @ForAll final long seed,
        @ForAll @IntRange(min = 1, max = 4) final int streams,
        @ForAll @IntRange(min = 1, max = 400) final int length,
        @ForAll @IntRange(max = 30) final int dropPercent,
        @ForAll @IntRange(max = 30) final int swapPercent,
        @ForAll @IntRange(max = 30) final int duplicatePercent)
    {
        final Random random = new Random(seed);
        final List<List<Long>> arrivals = new ArrayList<>();
        long drops = 0;
        long internalDrops = 0;
        long swaps = 0;
        long duplicates = 0;
        for (int s = 0; s < streams; s++)
        {
            final boolean[] dropped = new boolean[length];
            int lastKept = -1;
            for (int i = 0; i < length; i++)
            {
                dropped[i] = random.nextInt(100) < dropPercent;
                lastKept = dropped[i] ? lastKept : i;
            }
            final List<Long> list = new ArrayList<>();
            for (int i = 0; i < length; i++)
            {
                if (dropped[i])
                {
                    drops++;
                    internalDrops += i < lastKept ? 1 : 0;
                }
                else if (i + 1 < length && !dropped[i + 1] && random.nextInt(100) < swapPercent)
                {
                    list.add((long)i + 1);
                    list.add((long)i);
                    swaps++;
                    i++;
                }
                else
                {
                    list.add((long)i);
                }
            }
            final int kept = list.size();
            for (int j = 0; j < kept; j++)
            {
                if (random.nextInt(100) < duplicatePercent)
                {
                    final long copy = list.get(j);
                    final int original = list.indexOf(copy);
                    list.add(original + 1 + random.nextInt(list.size() - original), copy);
                    duplicates++;
                }
            }
            arrivals.add(list);
        }

        final StreamChecker checker = new StreamChecker(streams, 0, 1_000_000, "vf", "synthetic");
        final TrafficFixtures.FrameWriter frames = new TrafficFixtures.FrameWriter();
        final int[] next = new int[streams];
        int remaining = arrivals.stream().mapToInt(List::size).sum();
        while (remaining > 0)
        {
            final int s = random.nextInt(streams);
            if (next[s] < arrivals.get(s).size())
            {
                final long sequence = arrivals.get(s).get(next[s]++);
                checker.onPacket(frames.buffer, 0, frames.write(s, sequence, 0), random.nextInt(2), 1);
                remaining--;
            }
        }

        final long[] sent = new long[streams];
        Arrays.fill(sent, length);
        assertEquals(duplicates, checker.duplicates(), "duplicates");
        assertEquals(swaps, checker.reordered(), "reordered");
        assertEquals(internalDrops, checker.lost(), "missing inside the streams");
        assertEquals(drops, checker.lostAtEnd(sent), "lost at the end");
        assertEquals((long)streams * length - drops, checker.delivered(), "delivered");
        assertEquals(checker.delivered(), checker.delivered(0) + checker.delivered(1));
        assertEquals(0, checker.foreign());
    }

    @Property(tries = 300)
    void arbitraryArrivalsAgreeWithASetBasedModel(
        @ForAll @Size(max = 600) final List<@IntRange(max = 400) Integer> sequences,
        @ForAll @IntRange(min = 1, max = 3) final int streams)
    {
        final StreamChecker checker = new StreamChecker(streams, 7, 1_000_000, "vf");
        final TrafficFixtures.FrameWriter frames = new TrafficFixtures.FrameWriter();
        final List<Set<Long>> seen = new ArrayList<>();
        final long[] expected = new long[streams];
        for (int s = 0; s < streams; s++)
        {
            seen.add(new HashSet<>());
        }
        long lateOrDelivered = 0;
        long missing = 0;
        for (int i = 0; i < sequences.size(); i++)
        {
            final int s = i % streams;
            final long sequence = sequences.get(i);
            final long e = expected[s];
            final int model;
            if (sequence == e)
            {
                model = IN_ORDER;
            }
            else if (sequence > e)
            {
                model = GAP;
                missing += sequence - e;
            }
            else if (e - sequence > WINDOW || seen.get(s).contains(sequence))
            {
                model = DUPLICATE;
            }
            else
            {
                model = LATE;
                missing--;
            }
            if (model != DUPLICATE)
            {
                seen.get(s).add(sequence);
                expected[s] = Math.max(e, sequence + 1);
                lateOrDelivered++;
            }

            final int outcome = checker.onPacket(frames.buffer, 0, frames.write(7 + s, sequence, 0), 0, 0);
            assertEquals(model, outcome, "arrival " + i + ": stream " + s + " sequence " + sequence + " expected " + e);
        }
        assertEquals(lateOrDelivered, checker.delivered());
        assertEquals(missing, checker.lost());
        long expectedTotal = 0;
        for (int s = 0; s < streams; s++)
        {
            assertEquals(expected[s], checker.expectedSequence(s));
            expectedTotal += expected[s];
        }
        assertEquals(expectedTotal, checker.delivered() + checker.lost(), "delivered + missing == expected");
    }
}
