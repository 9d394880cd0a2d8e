package dev.twinpath.datapath.run;

import dev.twinpath.datapath.traffic.TrafficProfile;

/**
 * Which one of the two paths a {@link FailoverRun} measures (an RFC 2544 trial), and the bottleneck injected on it.
 * <p>
 * On {@link #VF} the VMs get their VF as in every run; on {@link #SYNTHETIC} the run offers no VF, so every VM stays
 * on the synthetic path (VMBus and the host's virtual switch) for the whole run. Either way the run expects no packet
 * on the other path ({@link RunSummary.Traffic#deliveredVf()}, {@link RunSummary.Traffic#deliveredSynthetic()}).
 * <p>
 * {@code capacityPps} above 0 injects a known capacity on that path: each VM's receive side passes at most
 * {@code capacityPps / vms} packets per second of that path to the application and drops the rest, counted under
 * {@value #CAPACITY_DROP_CAUSE}. The limit is a token bucket of {@value #BUCKET_PACKETS} packets clocked by each
 * packet's <em>intended</em> send time (its payload header), not by its arrival: it behaves as a link of that
 * capacity with a {@value #BUCKET_PACKETS}-packet buffer fed by the constant-rate wire peer, so a guest thread the
 * operating system preempts for a few milliseconds does not move it. At a rate at or below the capacity it drops
 * nothing; above it, it drops {@code (rate - capacity) x time - }{@value #BUCKET_PACKETS} packets, so a search finds
 * the capacity within {@code BUCKET_PACKETS / (capacity x time)} above it (0.26 % for 200 kpps and 2 s trials). The
 * bucket is that deep because an unpaced wire peer stamps a whole call of up to 512 packets with one time. It is where the
 * injected bottleneck lives because the VF's own rate limiter ({@code VfConfig.rateLimit}) shapes only what the VM
 * sends and the virtual switch's {@code -MaximumBandwidth} only what a port sends into the switch, while the wire
 * peer's traffic runs the other way.
 * <p>
 * Immutable; any thread.
 *
 * @param path        {@link #VF} (0) or {@link #SYNTHETIC} (1), the path numbers of {@link RunSummary}.
 * @param capacityPps injected capacity of the path, all VMs together, in packets per second; 0 for none.
 */
public record PathUnderTest(int path, long capacityPps)
{
    /** Path 0: the VMs' VFs. */
    public static final int VF = 0;
    /** Path 1: VMBus and the host's virtual switch; no VF is offered. */
    public static final int SYNTHETIC = 1;
    /** Depth of the injected capacity's token bucket, packets. */
    public static final int BUCKET_PACKETS = 1024;
    /** The key of the injected capacity's drops in {@link RunSummary#droppedByCause()}. */
    public static final String CAPACITY_DROP_CAUSE = "run.INJECTED_CAPACITY";

    /** @throws IllegalArgumentException naming the field refused. */
    public PathUnderTest
    {
        if (path != VF && path != SYNTHETIC)
        {
            throw new IllegalArgumentException("path must be 0 (VF) or 1 (synthetic): " + path);
        }
        if (capacityPps < 0 || capacityPps > TrafficProfile.MAX_RATE_PPS)
        {
            throw new IllegalArgumentException("capacityPps must be 0 (none) or 1.." + TrafficProfile.MAX_RATE_PPS + ": " +
                capacityPps);
        }
    }

    /** @return the path's name, {@code vf} or {@code synthetic}. */
    public String pathName()
    {
        return path == VF ? "vf" : "synthetic";
    }
}
