package dev.twinpath.datapath.wire;

/**
 * Where a {@link WireSender} run as an agent takes its descriptors from, e.g. a NIC's wire TX ring
 * ({@code SpscDescriptorRing::dequeueBurst}). Called on the sender's thread.
 */
@FunctionalInterface
public interface WireSource
{
    /**
     * @param descriptors where to write them.
     * @param offset      first index.
     * @param count       most wanted.
     * @return number written, 0..count; the sender owns them from then on.
     */
    int dequeueBurst(long[] descriptors, int offset, int count);
}
