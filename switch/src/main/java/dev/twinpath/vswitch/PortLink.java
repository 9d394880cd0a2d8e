package dev.twinpath.vswitch;

/**
 * The rings behind one switch port: where the switch reads the frames a port sends into it and
 * writes the frames it delivers to the port. For a VM adapter these are the host side of its VMBus
 * channel ({@link VmBusPortLink}); for an External switch's uplink, the physical NIC (the PF
 * default queue and the wire), adapted outside this module so that {@code switch} never depends on
 * {@code vf-queues}.
 * <p>
 * Both calls are made by the switch's thread only (the ingress agent receives, the egress stage
 * transmits; in the fused threading mode they are one thread). Data-path calls: no exceptions, no
 * allocation; they return counts.
 */
public interface PortLink
{
    /**
     * Read up to {@code max} descriptors (packets and markers, in order) sent into the switch.
     *
     * @return how many were copied into {@code into} from {@code offset}.
     */
    int receive(long[] into, int offset, int max);

    /**
     * Deliver descriptors in order; what does not fit stays with the caller.
     *
     * @return how many were taken, from the first: 0..count.
     */
    int transmit(long[] descriptors, int offset, int count);

    /** @return a name for counters and logs. */
    String name();
}
