package dev.twinpath.datapath.event;

/**
 * What a {@link SteeringEvent} reports, with a stable numeric id (for filters and files) and its
 * default level. Immutable, any thread.
 */
public enum EventId
{
    /** Host: a VF was allocated for an adapter and offered to its guest (VF_ASSOCIATION offered). */
    VF_OFFERED(100, EventLevel.INFORMATION),
    /** Host: no VF could be offered (pool exhausted, IOV off, weight 0); the adapter stays synthetic. */
    VF_NOT_OFFERED(101, EventLevel.WARNING),
    /** Guest: the offered VF was found and bound; the data path switch to it is requested. */
    VF_ASSOCIATED(102, EventLevel.INFORMATION),
    /** Host: the guest asked to switch its data path (SWITCH_DATA_PATH); the NIC filter moved. */
    DATA_PATH_SWITCH_REQUESTED(103, EventLevel.INFORMATION),
    /** Guest: the host completed a data path switch (SWITCH_DATA_PATH_COMPLETE). */
    DATA_PATH_SWITCHED(104, EventLevel.INFORMATION),
    /** Guest: every old-path RX queue delivered its end marker; held packets were released in order. */
    RX_PATH_CLOSED(105, EventLevel.INFORMATION),
    /** Guest: the old TX path's fence passed; held packets went out on the new path. */
    TX_PATH_CLOSED(106, EventLevel.INFORMATION),
    /** Host: the VF is being revoked (VF_ASSOCIATION revoked sent to the guest). */
    VF_REVOKE_REQUESTED(107, EventLevel.INFORMATION),
    /** Host: the guest let go of the VF; it was reset and returned to the pool. */
    VF_RELEASED(108, EventLevel.INFORMATION),
    /** The VF vanished without notice; what it held is accounted (G5). */
    VF_SURPRISE_REMOVED(109, EventLevel.ERROR),
    /** A control-plane wait ran out and took its fallback (G7). */
    CONTROL_TIMEOUT(110, EventLevel.WARNING),
    /** A VF offer came less than the minimum dwell time after the last switch and was deferred. */
    FLAP_DAMPED(111, EventLevel.WARNING),
    /** A per-flow move (flows to the synthetic path or back to the VF) started. */
    FLOWS_MOVED(112, EventLevel.INFORMATION),
    /** A control message that made no sense in the current state was refused. */
    CONTROL_REFUSED(113, EventLevel.WARNING),
    /** Live migration: a phase of a VM's move between hosts (started, VF closed, blackout, resumed, forwarded, completed). */
    MIGRATION(114, EventLevel.INFORMATION),
    /** Host: the IOV support of the host's platform, NIC and switch was evaluated (reasons when it is not supported). */
    IOV_SUPPORT(115, EventLevel.INFORMATION),
    /** A setting was refused (IOV after switch creation, IovWeight out of range, ...): the reason names the setting. */
    SETTING_REFUSED(116, EventLevel.WARNING),
    /** A setting changed (IovWeight, queue pairs requested). */
    SETTING_CHANGED(117, EventLevel.INFORMATION),
    /** Host: VF arbitration decided which adapter gets a VF of the finite pool, or why one waits on the synthetic path. */
    VF_ARBITRATION(118, EventLevel.INFORMATION),
    /** Guest NIC team: a member changed state or the team moved its traffic to another member. */
    TEAM_FAILOVER(119, EventLevel.WARNING),
    /** Top-of-rack switch: a MAC address moved to another port (re-learned from an announcement). */
    MAC_MOVED(120, EventLevel.INFORMATION),
    /** A cable went down or came back up (a rack port; the media state a NIC team watches). */
    LINK_STATE(121, EventLevel.WARNING),
    /** A fault was injected on purpose (a lab file's schedule or a test): what, where, for how long. */
    FAULT_INJECTED(122, EventLevel.WARNING),
    /** A host went down or came back (a fault): unreachable from the rack, refused as a migration destination. */
    HOST_STATE(123, EventLevel.WARNING),
    /** A lab of processes: a control message that could not be read or sent, a schedule action not run there, an agent error. */
    LAB_PROCESS(124, EventLevel.WARNING);

    private final int code;
    private final EventLevel level;

    EventId(final int code, final EventLevel level)
    {
        this.code = code;
        this.level = level;
    }

    public int code()
    {
        return code;
    }

    public EventLevel level()
    {
        return level;
    }
}
