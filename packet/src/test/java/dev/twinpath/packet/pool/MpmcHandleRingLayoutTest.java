package dev.twinpath.packet.pool;

import org.junit.jupiter.api.Test;
import org.openjdk.jol.info.ClassLayout;
import org.openjdk.jol.info.FieldLayout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Proves with JOL, on the JVM running the test, that the padding of {@link MpmcHandleRing} keeps
 * {@code head} and {@code tail} on their own cache lines and adjacent-line prefetch pairs.
 */
class MpmcHandleRingLayoutTest
{
    private static final int MIN_GAP = 128;

    @Test
    void hotIndicesAreAtLeast128BytesFromEachOtherTheHeaderAndEveryOtherField()
    {
        final ClassLayout layout = ClassLayout.parseClass(MpmcHandleRing.class);
        final String printable = layout.toPrintable();
        final FieldLayout head = field(layout, "head");
        final FieldLayout tail = field(layout, "tail");

        assertTrue(Math.abs(tail.offset() - head.offset()) >= MIN_GAP, printable);
        for (final FieldLayout hot : new FieldLayout[]{ head, tail })
        {
            assertTrue(
                hot.offset() - layout.headerSize() >= MIN_GAP, "header too close to " + hot.name() + "\n" + printable);
            assertTrue(layout.instanceSize() - (hot.offset() + hot.size()) >= MIN_GAP, "no trailing pad\n" + printable);
            for (final FieldLayout other : layout.fields())
            {
                if (other == head || other == tail || isPadding(other))
                {
                    continue;
                }
                final long gap = other.offset() < hot.offset() ?
                    hot.offset() - (other.offset() + other.size()) : other.offset() - (hot.offset() + hot.size());
                assertTrue(gap >= MIN_GAP, other.name() + " too close to " + hot.name() + "\n" + printable);
            }
        }
    }

    @Test
    void paddingIsTheOnlyThingAroundTheIndices()
    {
        final ClassLayout layout = ClassLayout.parseClass(MpmcHandleRing.class);
        final long padding = layout.fields().stream().filter(MpmcHandleRingLayoutTest::isPadding).count();

        assertEquals(48, padding, layout.toPrintable());
    }

    private static boolean isPadding(final FieldLayout field)
    {
        return field.name().matches("p\\d{3}");
    }

    private static FieldLayout field(final ClassLayout layout, final String name)
    {
        return layout.fields().stream()
            .filter((f) -> f.name().equals(name))
            .findFirst()
            .orElseThrow(() -> new AssertionError(name + " not found\n" + layout.toPrintable()));
    }
}
