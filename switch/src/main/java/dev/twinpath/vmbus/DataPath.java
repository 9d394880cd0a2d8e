package dev.twinpath.vmbus;

/**
 * The data path of a VM network adapter, as in {@link ControlMessageType#SWITCH_DATA_PATH}. Wire ids
 * follow Linux hv_netvsc's {@code NVSP_DATAPATH_SYNTHETIC} (0) and {@code NVSP_DATAPATH_VF} (1).
 * <p>
 * Threading: immutable, any thread.
 */
public enum DataPath
{
    /** VMBus and the host's virtual switch. */
    SYNTHETIC(0),
    /** The NIC virtual function assigned to the guest. */
    VF(1);

    private final int id;

    DataPath(final int id)
    {
        this.id = id;
    }

    /** @return the wire id. */
    public int id()
    {
        return id;
    }

    /** @return the path with this wire id, or null when there is none. */
    public static DataPath fromId(final int id)
    {
        return id == 0 ? SYNTHETIC : id == 1 ? VF : null;
    }
}
