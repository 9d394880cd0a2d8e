package dev.twinpath.vswitch;

import dev.twinpath.packet.pool.PacketPool;
import dev.twinpath.vmbus.VmBusChannel;
import dev.twinpath.vmbus.VmBusConfigurationException;
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
 * Hostile values for the switch module's configuration: {@link VmBusChannel.Context}, {@link VirtualSwitchContext}
 * and {@link PortSettings}. Each is refused before anything is built, by an exception whose message starts with
 * the field's setter name and says what is allowed; nothing ends in an {@link OutOfMemoryError}.
 */
class HostileConfigurationTest
{
    private static final PacketPool POOL = new PacketPool(new PacketPool.Context().name("hostile").slotCount(1024));

    static Stream<Arguments> hostileChannels()
    {
        return Stream.of(
            channel("name", "must not be null or blank", c -> c.name(" ")),
            channel("maxBurst", "must be 1..256", c -> c.maxBurst(0)),
            channel("maxBurst", "must be 1..256", c -> c.maxBurst(Integer.MIN_VALUE)),
            channel("maxBurst", "must be 1..256", c -> c.maxBurst(Integer.MAX_VALUE)),
            channel("dataRingBytes", "must be a power of two up to 2^30", c -> c.dataRingBytes(0)),
            channel("dataRingBytes", "must be a power of two up to 2^30", c -> c.dataRingBytes(-4096)),
            channel("dataRingBytes", "must be a power of two up to 2^30", c -> c.dataRingBytes(100_000)),
            channel("dataRingBytes", "must be a power of two up to 2^30", c -> c.dataRingBytes(Integer.MIN_VALUE)),
            channel("dataRingBytes", "is too small for maxBurst=256", c -> c.dataRingBytes(8192).maxBurst(256)),
            channel("controlRingBytes", "must be a power of two from", c -> c.controlRingBytes(0)),
            channel("controlRingBytes", "must be a power of two from", c -> c.controlRingBytes(3000)),
            channel("controlRingBytes", "must be a power of two from", c -> c.controlRingBytes(Integer.MAX_VALUE)));
    }

    static Stream<Arguments> hostileSwitches()
    {
        return Stream.of(
            vswitch("name", "a switch needs a name", c -> c.name(null)),
            vswitch("type", "External, Internal or Private", c -> c.type(null)),
            vswitch("pool", "the switch needs the packet pool", c -> c.pool(null)),
            vswitch("maxPorts", "must be 1..255", c -> c.maxPorts(0)),
            vswitch("maxPorts", "must be 1..255", c -> c.maxPorts(-1)),
            vswitch("maxPorts", "must be 1..255", c -> c.maxPorts(Integer.MAX_VALUE)),
            vswitch("macTableCapacity", "must be 1..4194304", c -> c.macTableCapacity(0)),
            vswitch("macTableCapacity", "must be 1..4194304", c -> c.macTableCapacity(1 << 30)),
            vswitch("macAgingNanos", "must be > 0", c -> c.macAgingNanos(0)),
            vswitch("macAgingNanos", "must be > 0", c -> c.macAgingNanos(Long.MIN_VALUE)),
            vswitch("ringBursts", "must be a power of two 2..65536", c -> c.ringBursts(0)),
            vswitch("ringBursts", "must be a power of two 2..65536", c -> c.ringBursts(100)),
            vswitch("ringBursts", "must be a power of two 2..65536", c -> c.ringBursts(1 << 20)),
            vswitch("ringBursts", "must be a power of two 2..65536", c -> c.ringBursts(Integer.MIN_VALUE)),
            vswitch("ringBursts", "ringBursts x maxBurst must be at most 1048576 descriptors", c -> c.ringBursts(65_536).maxBurst(256)),
            vswitch("maxBurst", "must be 1..256", c -> c.maxBurst(0)),
            vswitch("maxBurst", "must be 1..256", c -> c.maxBurst(257)),
            vswitch("nanoClock", "required", c -> c.nanoClock(null)),
            vswitch("errorHandler", "required", c -> c.errorHandler(null)),
            vswitch("commandTimeoutNanos", "must be > 0", c -> c.commandTimeoutNanos(0)),
            vswitch("commandTimeoutNanos", "must be > 0", c -> c.commandTimeoutNanos(-1)));
    }

    static Stream<Arguments> hostilePorts()
    {
        return Stream.of(
            port("name", "a port needs a name", () -> new PortSettings().name("").macAddress(0x0200_0000_0001L)),
            port("macAddress", "needs a unicast station address", () -> new PortSettings().name("p").macAddress(0)),
            port("macAddress", "needs a unicast station address", () -> new PortSettings().name("p").macAddress(-1)),
            port("macAddress", "needs a unicast station address",
                () -> new PortSettings().name("p").macAddress(0x0100_5E00_0001L)),
            port("maximumBandwidth", "must be >= 0 bits/s", () -> valid().maximumBandwidth(-1)),
            port("maximumBandwidth", "must be >= 0 bits/s", () -> valid().maximumBandwidth(Long.MIN_VALUE)),
            port("burstBytes", "must be 9216..2^30 bytes", () -> valid().maximumBandwidth(1_000_000).burstBytes(64)),
            port("burstBytes", "must be 9216..2^30 bytes", () -> valid().maximumBandwidth(1_000_000).burstBytes(Long.MAX_VALUE)));
    }

    private static PortSettings valid()
    {
        return new PortSettings().name("p").macAddress(0x0200_0000_0001L);
    }

    private static Arguments channel(final String field, final String allowed,
        final java.util.function.UnaryOperator<VmBusChannel.Context> change)
    {
        return Arguments.of(field, allowed, (Supplier<VmBusChannel.Context>)() -> change.apply(new VmBusChannel.Context()));
    }

    private static Arguments vswitch(final String field, final String allowed,
        final java.util.function.UnaryOperator<VirtualSwitchContext> change)
    {
        return Arguments.of(field, allowed, (Supplier<VirtualSwitchContext>)() ->
            change.apply(new VirtualSwitchContext().name("sw").type(SwitchType.PRIVATE).pool(POOL)));
    }

    private static Arguments port(final String field, final String allowed, final Supplier<PortSettings> settings)
    {
        return Arguments.of(field, allowed, settings);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("hostileChannels")
    void aChannelIsRefusedNamingTheField(final String field, final String allowed, final Supplier<VmBusChannel.Context> context)
    {
        final VmBusConfigurationException concluded = assertThrows(VmBusConfigurationException.class, () -> context.get().conclude());
        assertEquals(field, concluded.field());
        assertNamed(field, allowed, concluded);
        final VmBusConfigurationException built = assertThrows(VmBusConfigurationException.class,
            () -> new VmBusChannel(context.get()));
        assertEquals(concluded.getMessage(), built.getMessage());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("hostileSwitches")
    void aSwitchIsRefusedNamingTheField(final String field, final String allowed, final Supplier<VirtualSwitchContext> context)
    {
        assertNamed(field, allowed, assertThrows(SwitchConfigurationException.class, () -> context.get().conclude()));
        assertNamed(field, allowed, assertThrows(SwitchConfigurationException.class, () -> new VirtualSwitch(context.get())));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("hostilePorts")
    void aPortIsRefusedNamingTheField(final String field, final String allowed, final Supplier<PortSettings> settings)
    {
        assertNamed(field, allowed, assertThrows(SwitchConfigurationException.class,
            () -> settings.get().validate(PortKind.VM_ADAPTER)));
    }

    @Test
    void theLargestRingEitherWayStillFits()
    {
        new VirtualSwitchContext().name("sw").pool(POOL).ringBursts(65_536).maxBurst(16).conclude();
        new VirtualSwitchContext().name("sw").pool(POOL).ringBursts(4096).maxBurst(256).conclude();
    }

    private static void assertNamed(final String field, final String allowed, final RuntimeException ex)
    {
        assertTrue(ex.getMessage().startsWith(field + ": "), ex.getMessage());
        assertTrue(ex.getMessage().contains(allowed), ex.getMessage());
    }

    /** Run in a JVM of its own with little direct memory: asks for a channel of two 64 MiB data rings. */
    public static void main(final String[] args)
    {
        try
        {
            new VmBusChannel(new VmBusChannel.Context().dataRingBytes(1 << 26)).close();
            System.out.println("built");
        }
        catch (final VmBusConfigurationException ex)
        {
            System.out.println("refused " + ex.field() + " | " + ex.getMessage());
        }
    }

    @Test
    void aChannelBeyondTheJvmsDirectMemoryIsRefusedNamingDataRingBytesNotAnOutOfMemoryError() throws Exception
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
        assertTrue(output.startsWith("refused dataRingBytes | dataRingBytes: two data rings of 67108864 bytes and two " +
            "control rings of 16384 bytes need more direct memory than this JVM can reserve"), output);
        assertFalse(output.contains("OutOfMemoryError"), output);
    }
}
