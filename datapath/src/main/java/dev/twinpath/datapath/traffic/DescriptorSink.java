package dev.twinpath.datapath.traffic;

/**
 * Where a traffic source hands its packets: anything that takes descriptors in order from the first
 * and says how many it took, as a VF queue's {@code send}, a descriptor ring's {@code enqueueBurst}
 * or an adapter's {@code send} do. The descriptors it does not take stay with the caller, which
 * keeps them in order and offers them again later.
 * <p>
 * Threading: called only by the thread that owns the source (the generator thread); an
 * implementation is a producer of whatever it feeds and must follow that side's threading rules.
 */
@FunctionalInterface
public interface DescriptorSink
{
    /**
     * Take up to {@code count} descriptors, from {@code descriptors[offset]} on, in order. Data path:
     * must not block, should not allocate or throw.
     *
     * @param descriptors packet descriptors; the first {@code n} taken become the sink's, the rest stay
     *                    with the caller.
     * @param offset      index of the first descriptor.
     * @param count       number offered.
     * @return how many were taken, {@code 0..count}; a negative value is read as 0.
     */
    int offer(long[] descriptors, int offset, int count);
}
