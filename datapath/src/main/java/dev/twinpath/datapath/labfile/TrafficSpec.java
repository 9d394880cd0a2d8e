package dev.twinpath.datapath.labfile;

/**
 * The traffic of a lab: the {@code traffic} section of a lab file.
 * <p>
 * Immutable, any thread.
 *
 * @param ratePps      packets per second from the wire to the VMs, all VMs together (0..100M).
 * @param guestRatePps packets per second each VM sends to the wire (0..100M).
 * @param flows        distinct flows (5-tuples) the traffic is spread over (1..65536).
 * @param frameSize    bytes of each frame (60..9000), counted as the lab that runs the spec counts them.
 */
public record TrafficSpec(long ratePps, long guestRatePps, int flows, int frameSize)
{
    /** Default wire-to-VM rate: 200k pps. */
    public static final long DEFAULT_RATE_PPS = 200_000;
    /** Default flow count. */
    public static final int DEFAULT_FLOWS = 64;
    /** Default frame size: the smallest Ethernet frame. */
    public static final int DEFAULT_FRAME_SIZE = 64;

    /**
     * @return the traffic of a lab file without a {@code traffic} section.
     */
    public static TrafficSpec defaults()
    {
        return new TrafficSpec(DEFAULT_RATE_PPS, 0, DEFAULT_FLOWS, DEFAULT_FRAME_SIZE);
    }
}
