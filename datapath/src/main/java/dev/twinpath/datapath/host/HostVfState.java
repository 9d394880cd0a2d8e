package dev.twinpath.datapath.host;

/**
 * The host side of one adapter's VF, as the Hyper-V host runs it. Immutable, any thread.
 */
public enum HostVfState
{
    /** No VF: the adapter runs on the synthetic path. */
    NO_VF,
    /** A VF is allocated, assigned with its RX on the PF, and offered; waiting for SWITCH_DATA_PATH(VF). */
    OFFERED,
    /** The MAC filter is on the VF. */
    VF_ACTIVE,
    /** VF_ASSOCIATION(revoked) sent; waiting for the guest's SWITCH_DATA_PATH(synthetic). */
    REVOKING,
    /** The MAC is back on the PF; waiting for the guest to let go of the VF (VF_ASSOCIATION released). */
    RELEASING,
    /** The NIC drains the VF's TX before its reset and return to the pool. */
    DRAINING
}
