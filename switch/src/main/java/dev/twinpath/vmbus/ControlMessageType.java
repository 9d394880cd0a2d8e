package dev.twinpath.vmbus;

import static dev.twinpath.vmbus.ControlMessageDescriptor.VERSION_1;
import static dev.twinpath.vmbus.ControlMessageDescriptor.VERSION_2;

/**
 * The control messages of a VMBus channel, modelled on the NVSP messages of Linux hv_netvsc that a
 * steering layer needs. Each has a stable wire id, the protocol version that introduced it and the
 * length of its body ({@link ControlMessageDescriptor} has the field offsets).
 * <p>
 * Threading: immutable, any thread.
 */
public enum ControlMessageType
{
    /** Guest to host: the protocol versions the guest speaks, min..max ({@code NVSP_MSG_TYPE_INIT}). */
    INIT(1, VERSION_1, 8),
    /** Host to guest: the chosen version and a status ({@code NVSP_MSG_TYPE_INIT_COMPLETE}). */
    INIT_COMPLETE(2, VERSION_1, 8),
    /** Host to guest: the adapter's link is up or down (RNDIS media connect/disconnect indication). */
    LINK_STATUS(3, VERSION_1, 4),
    /** Host to guest: a VF is offered or revoked, with its serial ({@code NVSP_MSG4_TYPE_SEND_VF_ASSOCIATION}). */
    VF_ASSOCIATION(4, VERSION_1, 8),
    /** Guest to host: use on the VF or the synthetic path ({@code NVSP_MSG4_TYPE_SWITCH_DATA_PATH}). */
    SWITCH_DATA_PATH(5, VERSION_1, 4),
    /** Host to guest: the switch with the same transaction id is done, with the path now active and a status. */
    SWITCH_DATA_PATH_COMPLETE(6, VERSION_1, 8),
    /** Guest to host: open this many sub-channels, one per extra queue ({@code NVSP_MSG5_TYPE_SUBCHANNEL}). */
    SUBCHANNEL_REQUEST(7, VERSION_2, 4),
    /** Host to guest: the sub-channels granted, with a status. */
    SUBCHANNEL_COMPLETE(8, VERSION_2, 8);

    private static final ControlMessageType[] BY_ID = new ControlMessageType[9];

    static
    {
        for (final ControlMessageType t : values())
        {
            BY_ID[t.id] = t;
        }
    }

    private final int id;
    private final int sinceVersion;
    private final int bodyLength;

    ControlMessageType(final int id, final int sinceVersion, final int bodyLength)
    {
        this.id = id;
        this.sinceVersion = sinceVersion;
        this.bodyLength = bodyLength;
    }

    /** @return the wire id. */
    public int id()
    {
        return id;
    }

    /** @return the first protocol version that has this type. */
    public int sinceVersion()
    {
        return sinceVersion;
    }

    /** @return bytes of the body this type needs. */
    public int bodyLength()
    {
        return bodyLength;
    }

    /** @return the type with this wire id, or null when there is none. */
    public static ControlMessageType fromId(final int id)
    {
        return id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
    }
}
