package dev.twinpath.vswitch;

/**
 * The descriptors the egress stage has decided to deliver to one port but not yet written to the
 * port's ring, in order, each with what it is (for the counters once it is delivered). The egress
 * stage fills it while it walks a burst and writes it out once at the end of the burst (one
 * {@link PortLink#transmit} per port per burst); what the ring does not take stays here. The stage
 * takes no new burst while a lossless port has something left, or a lossy port has a burst's worth
 * of markers left, so two bursts' worth of room is enough.
 * <p>
 * Owned by the egress stage's thread.
 */
final class EgressStaging
{
    static final int UNICAST = 0;
    static final int COPY = 1;
    static final int MARKER = 2;

    final long[] descriptors;
    final int[] kinds;
    int head;
    int tail;
    /** A lossy port's ring refused these markers: until they are written, later frames are dropped. */
    boolean holdingMarkers;

    EgressStaging(final int capacity)
    {
        descriptors = new long[capacity];
        kinds = new int[capacity];
    }

    void add(final long descriptor, final int kind)
    {
        descriptors[tail] = descriptor;
        kinds[tail++] = kind;
    }

    boolean isEmpty()
    {
        return head == tail;
    }

    int size()
    {
        return tail - head;
    }

    void clear()
    {
        head = 0;
        tail = 0;
        holdingMarkers = false;
    }

    /** Keep only the markers among the undelivered entries (a lossy port drops the packets). */
    void keepMarkers()
    {
        int out = 0;
        for (int i = head; i < tail; i++)
        {
            if (kinds[i] == MARKER)
            {
                descriptors[out] = descriptors[i];
                kinds[out++] = MARKER;
            }
        }
        head = 0;
        tail = out;
        holdingMarkers = out > 0;
    }
}
