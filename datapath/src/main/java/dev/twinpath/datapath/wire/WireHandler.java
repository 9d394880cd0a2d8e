package dev.twinpath.datapath.wire;

/**
 * Where a {@link WireReceiver} hands the descriptors it unbatched, e.g. a NIC's wire RX ring
 * ({@code SpscDescriptorRing::enqueueBurst}). Called on the receiver's thread.
 */
@FunctionalInterface
public interface WireHandler
{
    /**
     * @param descriptors packets (pool handles the handler owns once taken) and markers, in wire order.
     * @param offset      first index.
     * @param count       number offered, at least 1.
     * @return number taken, a prefix of the range, 0..count; the receiver keeps the rest and offers
     * them again first (it polls Aeron for more only once they are all taken).
     */
    int onFrames(long[] descriptors, int offset, int count);
}
