package dev.twinpath.vswitch;

/**
 * One slot of the switch's Disruptor ring: a burst of descriptors read from one port, and what each
 * stage found out about each frame, in struct-of-arrays form so no stage allocates or chases
 * references per frame. The ingress agent fills {@link #descriptors}, {@link #count} and
 * {@link #ingressPort}; classify fills the header fields; policy and forward set {@link #verdict}
 * (a port id, {@link #FLOOD}, {@link #DROP} with a {@link #cause}, or a marker target); egress reads it.
 * <p>
 * Threading: owned by whichever stage holds the slot's sequence; the Disruptor's sequences order the
 * hand-offs (the producer's publish is a release, each poller's read of it an acquire).
 */
final class SwitchBurst
{
    /** Verdict: deliver to every port of the frame's VLAN but the ingress port. */
    static final int FLOOD = -1;
    /** Verdict: drop, for {@link #cause}. */
    static final int DROP = -2;
    /** Verdict of a marker addressed to every port but the ingress port. */
    static final int ALL_PORTS = -3;
    /** {@link #tag} of an untagged frame. */
    static final int NO_TAG = PortVlan.NO_TAG;

    final long[] descriptors;
    int count;
    int ingressPort;
    /** The port the burst was read from: if it has left the switch since, the burst is dropped whole. */
    SwitchPort source;

    final long[] address;   // raw address of the frame, or -1 when the descriptor is malformed (classify)
    final int[] tag;        // outer VLAN tag as read, or NO_TAG
    final int[] vlan;       // VLAN inside the switch
    final long[] srcMac;
    final long[] dstMac;
    final int[] ipVersion;  // 0 = not IP
    final long[] srcHi;
    final long[] srcLo;
    final long[] dstHi;
    final long[] dstLo;
    final int[] protocol;   // -1 = not IP
    final int[] srcPort;    // -1 = none
    final int[] dstPort;
    final int[] verdict;
    final int[] cause;      // DropCause ordinal when verdict == DROP

    SwitchBurst(final int maxBurst)
    {
        descriptors = new long[maxBurst];
        address = new long[maxBurst];
        tag = new int[maxBurst];
        vlan = new int[maxBurst];
        srcMac = new long[maxBurst];
        dstMac = new long[maxBurst];
        ipVersion = new int[maxBurst];
        srcHi = new long[maxBurst];
        srcLo = new long[maxBurst];
        dstHi = new long[maxBurst];
        dstLo = new long[maxBurst];
        protocol = new int[maxBurst];
        srcPort = new int[maxBurst];
        dstPort = new int[maxBurst];
        verdict = new int[maxBurst];
        cause = new int[maxBurst];
    }

    void drop(final int i, final DropCause dropCause)
    {
        verdict[i] = DROP;
        cause[i] = dropCause.ordinal();
    }
}
