package dev.twinpath.bench.cli;

import com.sun.management.HotSpotDiagnosticMXBean;
import dev.twinpath.datapath.lab.LabContext;
import dev.twinpath.datapath.run.RunContext;
import dev.twinpath.packet.pool.PacketPool;
import dev.twinpath.packet.pool.PacketSlotDescriptor;
import dev.twinpath.vmbus.VmBusChannel;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * Whether the packet pool of a run fits, checked before the run starts: a pool may hold at most
 * {@link PacketPool.Context#MAX_REGION_LENGTH} bytes, and this JVM must be able to reserve it as direct memory
 * ({@code -XX:MaxDirectMemorySize}, by default the heap's maximum). Without this check such a run would end with a
 * stack trace or an {@link OutOfMemoryError} once its lab is built. Stateless; called on the command's thread.
 */
final class LabMemory
{
    /** Direct memory of one adapter's VMBus channel: two data and two control rings of the default sizes, trailers. */
    private static final long VMBUS_BYTES_PER_ADAPTER =
        2L * (VmBusChannel.Context.DEFAULT_DATA_RING_BYTES + VmBusChannel.Context.DEFAULT_CONTROL_RING_BYTES) + 4096;

    private LabMemory()
    {
    }

    /**
     * @param what     what asked for the pool, in the user's words: {@code --vms 16 with --frame-size 1518}, {@code lab x}.
     * @param smaller  how to ask for less, e.g. {@code fewer --vms or a smaller --frame-size}.
     * @throws CliSupport.UsageException when the pool of {@code context}'s lab is larger than a pool may be, or than
     *                                   this JVM's direct memory.
     */
    static void requireFits(final RunContext context, final String what, final String smaller)
    {
        final LabContext lab = context.labContext();
        final long bytes = (long)lab.poolSlots() * PacketSlotDescriptor.slotLength(lab.dataRoom());
        if (lab.poolSlots() > PacketPool.Context.MAX_SLOT_COUNT || bytes > PacketPool.Context.MAX_REGION_LENGTH)
        {
            throw new CliSupport.UsageException(String.format(Locale.ROOT, "%s need a packet pool of %,d buffers " +
                "(%s), more than a pool may have (%s): %s", what, lab.poolSlots(), mib(bytes),
                mib(PacketPool.Context.MAX_REGION_LENGTH), smaller));
        }
        long adapters = 0;
        for (int vm = 0; vm < lab.vms(); vm++)
        {
            adapters += lab.adapterCount(vm);
        }
        final long rings = adapters * VMBUS_BYTES_PER_ADAPTER;
        final long limit = maxDirectMemory();
        if (bytes + rings > limit)
        {
            throw new CliSupport.UsageException(String.format(Locale.ROOT, "%s need %s of direct memory (a packet pool " +
                "of %s, VMBus rings of %s), more than this JVM may reserve (%s): %s, or a larger limit, e.g. " +
                "TWINPATH_JAVA_OPTS=-XX:MaxDirectMemorySize=%dm", what, mib(bytes + rings), mib(bytes), mib(rings),
                mib(limit), smaller, ((bytes + rings) >> 20) + 256));
        }
    }

    /** @return the bytes of direct memory this JVM may reserve: {@code -XX:MaxDirectMemorySize}, or the heap's maximum. */
    static long maxDirectMemory()
    {
        try
        {
            final HotSpotDiagnosticMXBean hotSpot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            final long configured = Long.parseLong(hotSpot.getVMOption("MaxDirectMemorySize").getValue());
            return configured > 0 ? configured : Runtime.getRuntime().maxMemory();
        }
        catch (final RuntimeException | LinkageError ex)
        {
            return Runtime.getRuntime().maxMemory(); // not a HotSpot JVM: its documented default
        }
    }

    private static String mib(final long bytes)
    {
        return String.format(Locale.ROOT, "%,d MiB", (bytes + (1 << 20) - 1) >> 20);
    }
}
