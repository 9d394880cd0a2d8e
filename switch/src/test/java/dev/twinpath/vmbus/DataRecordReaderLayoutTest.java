package dev.twinpath.vmbus;

import org.junit.jupiter.api.Test;
import org.openjdk.jol.info.ClassLayout;
import org.openjdk.jol.info.FieldLayout;

import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Proves with JOL, on the JVM running the test, that the receiver's fields of {@link DataRecordReader}
 * (the only heap state written on every data call) are at least 128 bytes from the object header and
 * from the end of the object, so no other object shares their cache lines or prefetch pair.
 */
class DataRecordReaderLayoutTest
{
    private static final int MIN_GAP = 128;
    private static final List<String> RECEIVER = List.of("copied", "into", "offset", "records", "remaining", "resume", "stopped");

    private final ClassLayout layout = ClassLayout.parseClass(DataRecordReader.class);
    private final String printable = layout.toPrintable();

    @Test
    void theReceiverFieldsArePaddedOnBothSides()
    {
        for (final String name : RECEIVER)
        {
            final FieldLayout f = layout.fields().stream().filter((l) -> l.name().equals(name)).findFirst().orElseThrow();
            assertTrue(f.offset() - layout.headerSize() >= MIN_GAP, "header too close to " + name + "\n" + printable);
            assertTrue(layout.instanceSize() - (f.offset() + f.size()) >= MIN_GAP,
                "end of the object too close to " + name + "\n" + printable);
        }
    }

    @Test
    void onlyPaddingSurroundsThem()
    {
        final List<String> named = layout.fields().stream()
            .map(FieldLayout::name)
            .filter((n) -> !n.matches("[pq]\\d{3}"))
            .sorted()
            .collect(Collectors.toList());
        assertEquals(RECEIVER, named, printable);
    }
}
