package dev.twinpath.datapath;

/**
 * The guest side of the data path switch, as NetVSC runs it: VF offered, associated, switch
 * requested, completion, active; revoke, switch back, completion, VF released.
 * <p>
 * Immutable, any thread.
 */
public enum NetVscState
{
    /** No VF: everything on VMBus. */
    SYNTHETIC,
    /** A VF was offered and bound; SWITCH_DATA_PATH(VF) sent, waiting for its completion. */
    SWITCHING_TO_VF,
    /** Data on the VF (except pinned flows and group traffic); VMBus carries control. */
    VF_ACTIVE,
    /** SWITCH_DATA_PATH(synthetic) sent (revoke, or a fallback), waiting for its completion. */
    SWITCHING_TO_SYNTHETIC,
    /** Switched back; waiting for the VF's RX markers and TX fence before letting the VF go. */
    DETACHING_VF
}
