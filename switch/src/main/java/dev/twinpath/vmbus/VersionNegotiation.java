package dev.twinpath.vmbus;

/**
 * Picks the protocol version of a channel, as NVSP does at channel open: the guest offers a range in
 * {@link ControlMessageType#INIT}, the host answers {@link ControlMessageType#INIT_COMPLETE} with the
 * highest version both sides speak, or refuses with the reason; the guest checks the answer. One
 * instance holds one side's own range.
 * <p>
 * Threading: immutable, any thread (the messages belong to the caller's control thread).
 */
public final class VersionNegotiation
{
    /** What {@link #negotiate} returns when there is no common version. */
    public static final int NO_VERSION = 0;

    private final int minVersion;
    private final int maxVersion;

    /**
     * @param minVersion lowest version this side speaks, at least 1.
     * @param maxVersion highest version this side speaks, at least {@code minVersion}, at most 65535.
     * @throws IllegalArgumentException naming the bad bound.
     */
    public VersionNegotiation(final int minVersion, final int maxVersion)
    {
        if (minVersion < 1 || minVersion > ControlMessageDescriptor.MAX_WIRE_VERSION)
        {
            throw new IllegalArgumentException("minVersion must be 1..65535: " + minVersion);
        }
        if (maxVersion < minVersion || maxVersion > ControlMessageDescriptor.MAX_WIRE_VERSION)
        {
            throw new IllegalArgumentException(
                "maxVersion must be minVersion (" + minVersion + ")..65535: " + maxVersion);
        }
        this.minVersion = minVersion;
        this.maxVersion = maxVersion;
    }

    /** @return a negotiation over every version this implementation understands. */
    public static VersionNegotiation supported()
    {
        return new VersionNegotiation(ControlMessageDescriptor.MIN_VERSION, ControlMessageDescriptor.MAX_VERSION);
    }

    public int minVersion()
    {
        return minVersion;
    }

    public int maxVersion()
    {
        return maxVersion;
    }

    /** @return the highest version in both ranges, or {@link #NO_VERSION}. */
    public int negotiate(final int peerMin, final int peerMax)
    {
        return outcome(peerMin, peerMax) == ControlStatus.SUCCESS ? Math.min(maxVersion, peerMax) : NO_VERSION;
    }

    /**
     * @return {@link ControlStatus#SUCCESS} when the ranges meet; else {@link ControlStatus#INVALID_REQUEST}
     * for an empty or non-positive peer range, {@link ControlStatus#PROTOCOL_TOO_NEW} when the peer's
     * lowest is above our highest, {@link ControlStatus#PROTOCOL_TOO_OLD} when its highest is below our lowest.
     */
    public ControlStatus outcome(final int peerMin, final int peerMax)
    {
        if (peerMin < 1 || peerMin > peerMax)
        {
            return ControlStatus.INVALID_REQUEST;
        }
        if (peerMin > maxVersion)
        {
            return ControlStatus.PROTOCOL_TOO_NEW;
        }
        if (peerMax < minVersion)
        {
            return ControlStatus.PROTOCOL_TOO_OLD;
        }
        return ControlStatus.SUCCESS;
    }

    /**
     * Guest side: fill {@code init} with the INIT that offers this side's range, written in
     * {@link ControlMessageDescriptor#MIN_VERSION} so that any host reads it.
     *
     * @return {@code init}.
     */
    public ControlMessage offer(final long transactionId, final ControlMessage init)
    {
        return init.reset().version(ControlMessageDescriptor.MIN_VERSION).init(transactionId, minVersion, maxVersion);
    }

    /**
     * Host side: fill {@code reply} with the INIT_COMPLETE that answers {@code init} (same transaction
     * id; the version chosen, or {@link #NO_VERSION} and the refusal). The reply is written in
     * {@link ControlMessageDescriptor#MIN_VERSION}, which every peer reads.
     *
     * @return {@code reply}.
     * @throws IllegalArgumentException when {@code init} is not an INIT (a caller's bug).
     */
    public ControlMessage answer(final ControlMessage init, final ControlMessage reply)
    {
        if (init.type() != ControlMessageType.INIT)
        {
            throw new IllegalArgumentException("not an INIT: " + init);
        }
        final ControlStatus status = outcome(init.minVersion(), init.maxVersion());
        final int version = negotiate(init.minVersion(), init.maxVersion()); // NO_VERSION unless SUCCESS
        return reply.reset()
            .version(ControlMessageDescriptor.MIN_VERSION)
            .initComplete(init.transactionId(), version, status);
    }

    /**
     * Guest side: does the host's INIT_COMPLETE accept a version this side speaks?
     *
     * @return the version to use, or {@link #NO_VERSION} when refused or out of this side's range.
     */
    public int accepted(final ControlMessage initComplete)
    {
        if (initComplete.type() != ControlMessageType.INIT_COMPLETE || initComplete.status() != ControlStatus.SUCCESS)
        {
            return NO_VERSION;
        }
        final int version = initComplete.negotiatedVersion();
        return version >= minVersion && version <= maxVersion ? version : NO_VERSION;
    }

    @Override
    public String toString()
    {
        return "VersionNegotiation{" + minVersion + ".." + maxVersion + '}';
    }
}
