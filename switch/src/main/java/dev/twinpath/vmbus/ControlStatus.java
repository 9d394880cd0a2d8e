package dev.twinpath.vmbus;

/**
 * The status a completion carries ({@link ControlMessageType#INIT_COMPLETE},
 * {@link ControlMessageType#SWITCH_DATA_PATH_COMPLETE}, {@link ControlMessageType#SUBCHANNEL_COMPLETE}).
 * Wire ids follow the NVSP status codes of Linux hv_netvsc ({@code NVSP_STAT_*}).
 * <p>
 * Threading: immutable, any thread.
 */
public enum ControlStatus
{
    /** Done as asked. */
    SUCCESS(1),
    /** Refused or failed for a reason the message does not say. */
    FAILURE(2),
    /** Version negotiation: the peer's lowest version is above our highest. */
    PROTOCOL_TOO_NEW(3),
    /** Version negotiation: the peer's highest version is below our lowest. */
    PROTOCOL_TOO_OLD(4),
    /** The request itself is malformed (for example a version range with min above max). */
    INVALID_REQUEST(5),
    /** Try again later (for example a data path switch while another one is in progress). */
    BUSY(6),
    /** Not available here (for example a switch to the VF path when no VF is associated). */
    UNSUPPORTED(7);

    private static final ControlStatus[] BY_ID = new ControlStatus[8];

    static
    {
        for (final ControlStatus s : values())
        {
            BY_ID[s.id] = s;
        }
    }

    private final int id;

    ControlStatus(final int id)
    {
        this.id = id;
    }

    /** @return the wire id. */
    public int id()
    {
        return id;
    }

    /** @return the status with this wire id, or null when there is none. */
    public static ControlStatus fromId(final int id)
    {
        return id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
    }
}
