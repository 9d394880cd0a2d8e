package dev.twinpath.vf.nic;

/**
 * Life cycle of a virtual function:
 * {@code FREE -> ALLOCATED -> ACTIVE -> REVOKING -> REVOKED -> FREE}, with a function-level reset
 * possible from ALLOCATED, REVOKED and REMOVED, and surprise removal from ACTIVE or REVOKING.
 */
public enum VfState
{
    /** In the PF's pool, owned by nobody. */
    FREE,
    /** Handed to an adapter; no filter installed, no traffic. */
    ALLOCATED,
    /** MAC/VLAN filter installed: traffic flows. */
    ACTIVE,
    /** Planned removal under way: filter gone, end markers queued, TX still drained. */
    REVOKING,
    /** Planned removal done: every queue ends with its marker; the guest drains then releases it. */
    REVOKED,
    /** Surprise removal: stopped at once; what it held is reported. */
    REMOVED
}
