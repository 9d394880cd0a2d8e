package dev.twinpath.datapath.rack;

import dev.twinpath.vf.ring.SpscDescriptorRing;

/**
 * One port of the {@link TopOfRackSwitch}: the cable to a host's NIC (or to the traffic peer). The
 * rack reads {@code in} (what the device sends: the NIC's wire TX ring) and writes {@code out} (what
 * the device receives: the NIC's wire RX ring).
 * <p>
 * Owned by the rack's thread; the counters are plain fields written by that thread and read by others
 * at quiescent points (or as a racy snapshot), and {@link #lastMarkerOf(int)} is published with release
 * semantics for the control thread.
 */
public final class RackPort
{
    final int index;
    final String name;
    final SpscDescriptorRing in;
    final SpscDescriptorRing out;
    final long[] pending;
    int pendingHead;
    int pendingCount;
    /**
     * What is on its way out of this port but not yet in {@code out}: frames for a MAC learned here while
     * the cable is down, and end markers that found {@code out} full, in order. While it is not empty,
     * everything for the port queues behind it; only when it is full does the sender wait.
     */
    final dev.twinpath.datapath.steer.DescriptorFifo backlog = new dev.twinpath.datapath.steer.DescriptorFifo(8192);

    long framesIn;
    long framesOut;
    long flooded;
    long filtered;
    long markersIn;
    long markersOut;
    private final java.util.concurrent.atomic.AtomicLongArray lastMarkerOf =
        new java.util.concurrent.atomic.AtomicLongArray(dev.twinpath.datapath.steer.SteeringEpoch.MAX_ADAPTERS);
    volatile boolean linkUp = true;
    volatile long discarded;
    boolean discarding; // rack thread only

    RackPort(final int index, final String name, final SpscDescriptorRing in, final SpscDescriptorRing out, final int burst)
    {
        this.index = index;
        this.name = name;
        this.in = in;
        this.out = out;
        this.pending = new long[burst];
    }

    public int index()
    {
        return index;
    }

    public String name()
    {
        return name;
    }

    /** @return frames the device sent into the rack on this port. */
    public long framesIn()
    {
        return framesIn;
    }

    /** @return frames the rack delivered to the device on this port (flood copies included). */
    public long framesOut()
    {
        return framesOut;
    }

    /** @return frames received here that went to every other port (group or unknown destination). */
    public long flooded()
    {
        return flooded;
    }

    /** @return frames received here for a MAC learned on this same port (dropped, as a learning bridge does). */
    public long filtered()
    {
        return filtered;
    }

    /** @return end markers the device sent (TX fences of its guests). */
    public long markersIn()
    {
        return markersIn;
    }

    /** @return end markers the rack sent to the device (MACs that moved away from it). */
    public long markersOut()
    {
        return markersOut;
    }

    /** @return frames freed when the device behind the port was declared gone ({@link TopOfRackSwitch#discard}). Any thread. */
    public long discarded()
    {
        return discarded;
    }

    /** @return true while the cable is up (the rack reads and writes the port). Any thread. */
    public boolean linkUp()
    {
        return linkUp;
    }

    /**
     * @return the epoch of the last end marker of adapter {@code adapter} (its steering index) the device
     * sent, or 0 (acquire (R): pairs with the rack's release). Markers of other adapters never overwrite it.
     */
    public long lastMarkerOf(final int adapter)
    {
        return lastMarkerOf.get(adapter);
    }

    void markerIn(final long epoch)
    {
        markersIn++;
        // release (R): everything the device sent before the marker has been forwarded
        lastMarkerOf.set(dev.twinpath.datapath.steer.SteeringEpoch.adapter(epoch), epoch);
    }

    @Override
    public String toString()
    {
        return name + " (in " + framesIn + ", out " + framesOut + ", flooded " + flooded + ")";
    }
}
