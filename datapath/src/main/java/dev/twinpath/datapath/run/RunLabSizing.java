package dev.twinpath.datapath.run;

import dev.twinpath.datapath.lab.LabContext;
import dev.twinpath.packet.pool.PacketPool;
import dev.twinpath.packet.pool.PacketSlotDescriptor;
import dev.twinpath.packet.pool.PoolConfigurationException;

/**
 * The lab a {@link RunContext} describes: pool slots sized for its frames, buffers for every hold-back and for every
 * RX ring, and the refusal of a pool no JVM may have. Stateless; control path.
 */
final class RunLabSizing
{
    private RunLabSizing()
    {
    }

    /** @return the lab of {@code run}: see {@link RunContext#labContext()}. */
    static LabContext labContext(final RunContext run)
    {
        final int dataRoom = Math.max(192, (run.frameLength() + 63) & ~63);
        final long holdSlots = Math.max(65_536,
            Long.highestOneBit((long)run.vms() * 4 * run.adapterTemplate().holdBound()) << 1);
        final LabContext lab = new LabContext().vms(run.vms()).totalVfs(run.totalVfs()).queuePairs(run.queuePairs())
            .dataRoom(dataRoom).threading(run.threading()).adapterTemplate(run.adapterTemplate().copy())
            .eventLogCapacity(run.eventLogCapacity());
        if (run.plan() != null)
        {
            run.plan().applyTo(lab);
        }
        final long ringSlots = lab.rxRingSlots();
        final long slots = Math.max(holdSlots, ringSlots <= 1 ? 1 : Long.highestOneBit(ringSlots - 1) << 1);
        lab.poolSlots((int)Math.min(slots, Integer.MAX_VALUE));

        return run.idleStrategy() == null ? lab : lab.idleStrategy(run.idleStrategy());
    }

    /** Conclude the lab of {@code run}. @throws IllegalArgumentException naming the field when its pool or lab is refused. */
    static void concludeLab(final RunContext run)
    {
        final LabContext lab = labContext(run);
        final PacketPool.Context pool = new PacketPool.Context().name("lab").slotCount(lab.poolSlots()).dataRoom(lab.dataRoom());
        try
        {
            pool.conclude();
        }
        catch (final PoolConfigurationException ex)
        {
            final long bytes = (long)lab.poolSlots() * PacketSlotDescriptor.slotLength(lab.dataRoom());
            throw new IllegalArgumentException("vms: " + run.vms() + " VMs with frames of " + run.frameLength() +
                " bytes need a packet pool of " + lab.poolSlots() + " slots (" + bytes + " bytes), more than a pool may " +
                "have (" + PacketPool.Context.MAX_SLOT_COUNT + " slots, " + PacketPool.Context.MAX_REGION_LENGTH +
                " bytes); lower vms, frameLength, queuePairs or adapterTemplate.holdBound (" +
                run.adapterTemplate().holdBound() + ")");
        }
        lab.conclude();
    }
}
