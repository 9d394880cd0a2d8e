package dev.twinpath.vf.ring;

import org.junit.jupiter.api.Test;
import org.openjdk.jol.info.ClassLayout;
import org.openjdk.jol.info.FieldLayout;

import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Proves with JOL, on the JVM running the test, that the padding of {@link SpscDescriptorRing} keeps
 * its three groups of fields apart: the producer's ({@code tail}, {@code headCache}), the
 * consumer's ({@code head}, {@code tailCache}) and the read-only ones ({@code slots},
 * {@code mask}, {@code capacity}, {@code lapShift}), each at least 128 bytes (two cache lines, so adjacent-line
 * prefetch does not couple them) from the other groups, from the object header and from the end
 * of the object.
 */
class SpscDescriptorRingLayoutTest
{
    private static final int MIN_GAP = 128;

    private static final List<String> PRODUCER = List.of("tail", "headCache");
    private static final List<String> CONSUMER = List.of("head", "tailCache");
    private static final List<String> READ_ONLY = List.of("slots", "mask", "capacity", "lapShift");

    private final ClassLayout layout = ClassLayout.parseClass(SpscDescriptorRing.class);
    private final String printable = layout.toPrintable();

    @Test
    void eachGroupIsAtLeast128BytesFromTheOtherGroups()
    {
        final List<List<String>> groups = List.of(PRODUCER, CONSUMER, READ_ONLY);
        for (final List<String> group : groups)
        {
            for (final List<String> other : groups)
            {
                if (group == other)
                {
                    continue;
                }
                for (final String name : group)
                {
                    for (final String otherName : other)
                    {
                        final long gap = gap(field(name), field(otherName));
                        assertTrue(gap >= MIN_GAP, name + " is " + gap + " bytes from " + otherName + "\n" + printable);
                    }
                }
            }
        }
    }

    @Test
    void eachGroupIsAtLeast128BytesFromTheHeaderAndTheEndOfTheObject()
    {
        for (final List<String> group : List.of(PRODUCER, CONSUMER, READ_ONLY))
        {
            for (final String name : group)
            {
                final FieldLayout f = field(name);
                assertTrue(f.offset() - layout.headerSize() >= MIN_GAP, "header too close to " + name + "\n" + printable);
                assertTrue(layout.instanceSize() - (f.offset() + f.size()) >= MIN_GAP,
                    "end of the object too close to " + name + "\n" + printable);
            }
        }
    }

    @Test
    void onlyPaddingSitsBetweenTheGroups()
    {
        final List<String> named = layout.fields().stream()
            .map(FieldLayout::name)
            .filter((n) -> !n.matches("[p-s]\\d{3}"))
            .sorted()
            .collect(Collectors.toList());

        assertEquals(List.of("capacity", "head", "headCache", "lapShift", "mask", "slots", "tail", "tailCache"), named, printable);
    }

    private static long gap(final FieldLayout a, final FieldLayout b)
    {
        return a.offset() < b.offset() ? b.offset() - (a.offset() + a.size()) : a.offset() - (b.offset() + b.size());
    }

    private FieldLayout field(final String name)
    {
        return layout.fields().stream()
            .filter((f) -> f.name().equals(name))
            .findFirst()
            .orElseThrow(() -> new AssertionError(name + " not found\n" + printable));
    }
}
