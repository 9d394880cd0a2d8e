package dev.twinpath.datapath.steer;

import dev.twinpath.datapath.Path;
import dev.twinpath.packet.pool.PacketDescriptor;

/**
 * The epoch id an end-of-epoch marker carries (48 bits), self-describing so a receiver knows what a
 * marker closes without a side channel:
 * <pre>
 *   47         40 39 38 37                                                0
 *  +-------------+--+--+---------------------------------------------------+
 *  |   adapter   |T |S |                     sequence                      |
 *  +-------------+--+--+---------------------------------------------------+
 *  T: 1 when the move goes to the VF, 0 when it goes to the synthetic path
 *  S: 1 when the move covers a registered set of flows, 0 when it covers every flow of the adapter
 * </pre>
 * The adapter index names the NetVSC adapter within its lab (0..255), so a marker that reaches the
 * wrong adapter, or a TX fence at the shared uplink, is told apart.
 * <p>
 * Stateless, any thread.
 */
public final class SteeringEpoch
{
    public static final int MAX_ADAPTERS = 256;
    public static final long MAX_SEQUENCE = (1L << 38) - 1;
    private static final int ADAPTER_SHIFT = 40;
    private static final long TO_VF_BIT = 1L << 39;
    private static final long FLOW_SET_BIT = 1L << 38;

    private SteeringEpoch()
    {
    }

    /** @return the epoch of a move of adapter {@code adapter} to {@code target}. */
    public static long of(final int adapter, final Path target, final boolean flowSet, final long sequence)
    {
        if (adapter < 0 || adapter >= MAX_ADAPTERS)
        {
            throw new IllegalArgumentException("adapter must be 0.." + (MAX_ADAPTERS - 1) + ": " + adapter);
        }
        return ((long)adapter << ADAPTER_SHIFT) | (target == Path.VF ? TO_VF_BIT : 0) |
            (flowSet ? FLOW_SET_BIT : 0) | (sequence & MAX_SEQUENCE);
    }

    public static int adapter(final long epoch)
    {
        return (int)(epoch >>> ADAPTER_SHIFT) & 0xFF;
    }

    public static Path target(final long epoch)
    {
        return (epoch & TO_VF_BIT) != 0 ? Path.VF : Path.SYNTHETIC;
    }

    public static boolean isFlowSet(final long epoch)
    {
        return (epoch & FLOW_SET_BIT) != 0;
    }

    public static long sequence(final long epoch)
    {
        return epoch & MAX_SEQUENCE;
    }

    /** @return a readable form, e.g. {@code a1:vf:all#17}. */
    public static String toString(final long epoch)
    {
        return "a" + adapter(epoch) + ":" + target(epoch).label() + ":" + (isFlowSet(epoch) ? "set" : "all") + "#" +
            sequence(epoch);
    }

    /** @return the epoch carried by {@code markerDescriptor}. */
    public static long ofMarker(final long markerDescriptor)
    {
        return PacketDescriptor.epoch(markerDescriptor);
    }
}
