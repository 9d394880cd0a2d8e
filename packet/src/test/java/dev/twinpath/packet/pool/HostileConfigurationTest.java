package dev.twinpath.packet.pool;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile values for every field of {@link PacketPool.Context}: each is refused by {@code conclude()} and by the
 * pool's constructor with a {@link PoolConfigurationException} naming the field and what is allowed; a pool the
 * JVM's direct memory cannot hold is refused the same way instead of ending in an {@link OutOfMemoryError}.
 */
class HostileConfigurationTest
{
    static Stream<Arguments> hostileContexts()
    {
        return Stream.of(
            bad("name", "must not be blank", () -> new PacketPool.Context().name(null)),
            bad("name", "must not be blank", () -> new PacketPool.Context().name("")),
            bad("slotCount", "must be in [1, 16777216]", () -> new PacketPool.Context().slotCount(0)),
            bad("slotCount", "must be in [1, 16777216]", () -> new PacketPool.Context().slotCount(-1)),
            bad("slotCount", "must be in [1, 16777216]", () -> new PacketPool.Context().slotCount(Integer.MIN_VALUE)),
            bad("slotCount", "must be in [1, 16777216]", () -> new PacketPool.Context().slotCount(Integer.MAX_VALUE)),
            bad("slotCount", "more than the 1073741824-byte bound",
                () -> new PacketPool.Context().slotCount(PacketPool.Context.MAX_SLOT_COUNT).dataRoom(9216)),
            bad("dataRoom", "must be in [64, ", () -> new PacketPool.Context().dataRoom(0)),
            bad("dataRoom", "must be in [64, ", () -> new PacketPool.Context().dataRoom(-64)),
            bad("dataRoom", "must be in [64, ", () -> new PacketPool.Context().dataRoom(Integer.MAX_VALUE)),
            bad("cacheSize", "must be in [0, min(4096", () -> new PacketPool.Context().cacheSize(-1)),
            bad("cacheSize", "must be in [0, min(4096", () -> new PacketPool.Context().cacheSize(Integer.MAX_VALUE)),
            bad("cacheSize", "slotCount=8", () -> new PacketPool.Context().slotCount(8).cacheSize(9)));
    }

    private static Arguments bad(final String field, final String allowed, final Supplier<PacketPool.Context> context)
    {
        return Arguments.of(field, allowed, context);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("hostileContexts")
    void concludeAndTheConstructorRefuseNamingTheField(
        final String field, final String allowed, final Supplier<PacketPool.Context> context)
    {
        final PoolConfigurationException concluded = assertThrows(PoolConfigurationException.class, () -> context.get().conclude());
        assertEquals(field, concluded.field());
        assertTrue(concluded.getMessage().startsWith(field + ": "), concluded.getMessage());
        assertTrue(concluded.getMessage().contains(allowed), concluded.getMessage());
        final PoolConfigurationException built = assertThrows(PoolConfigurationException.class, () -> new PacketPool(context.get()));
        assertEquals(concluded.getMessage(), built.getMessage());
    }

    /** Run in a JVM of its own with little direct memory: asks for a 64 MiB pool and prints what happened. */
    public static void main(final String[] args)
    {
        try
        {
            System.out.println("built " + new PacketPool(new PacketPool.Context().slotCount(32_768).dataRoom(1984)).capacity());
        }
        catch (final PoolConfigurationException ex)
        {
            System.out.println("refused " + ex.field() + " | " + ex.getMessage());
        }
    }

    @Test
    void aPoolBeyondTheJvmsDirectMemoryIsRefusedNamingSlotCountNotAnOutOfMemoryError() throws Exception
    {
        final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        final Process process = new ProcessBuilder(List.of(java, "-XX:MaxDirectMemorySize=16m",
            "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED", "-cp",
            System.getProperty("java.class.path") + File.pathSeparator + System.getProperty("surefire.test.class.path", ""),
            HostileConfigurationTest.class.getName()))
            .redirectErrorStream(true).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the child JVM ended");
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.startsWith("refused slotCount | slotCount: 32768 slots of 2048 bytes (dataRoom=1984) need " +
            "67108864 bytes of direct memory, more than this JVM can reserve"), output);
        assertTrue(output.contains("-XX:MaxDirectMemorySize"), output);
        assertFalse(output.contains("OutOfMemoryError"), output);
    }
}
