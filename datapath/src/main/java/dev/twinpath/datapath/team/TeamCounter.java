package dev.twinpath.datapath.team;

/**
 * The team-wide counters of a {@link NicTeam}, kept off-heap in {@link TeamCounters}. At a quiescent
 * point: {@code TX_ACCEPTED + ANNOUNCEMENTS = sum of TeamMemberCounter.TX - RESENT} and
 * {@code RECLAIMED = RESENT + RESEND_QUEUED} (plus {@code FREED_ON_CLOSE} once the team is closed).
 * <p>
 * Immutable, any thread.
 */
public enum TeamCounter
{
    /** Application packets the team took from {@code send}. */
    TX_ACCEPTED,
    /** Application packets {@code send} did not take (no member up, a member full, a re-send under way): back-pressure, never a drop. */
    TX_REFUSED,
    /** Packets handed to the application by {@code receive}. */
    RX_DELIVERED,
    /** A member carrying traffic lost its link and its traffic moved (or, with no member up, was taken back to wait). */
    FAILOVERS,
    /** Active/standby: the primary took the traffic back after its link had been up for the dwell time. */
    FAILBACKS,
    /** Address-hash: a member whose link had been up for the dwell time was given its share of the flows. */
    REBALANCES,
    /** Address-hash: hash buckets (groups of flows) that changed member. */
    BUCKETS_MOVED,
    /** Packets members gave back ({@link TeamMember#reclaim}) after a failure or before a planned move. */
    RECLAIMED,
    /** Reclaimed packets sent again, on the member their flow maps to now. */
    RESENT,
    /** Reclaims cut short because the team already held its resendBound of packets: what the member still holds stays with it. */
    RECLAIMS_ABANDONED,
    /** Gratuitous ARPs a member took: the team announced its MAC where it now receives. */
    ANNOUNCEMENTS,
    /** Announcement attempts put off (the pool had no buffer or the member was full); retried at the next doWork. */
    ANNOUNCEMENTS_DEFERRED,
    /** Times every member's link was down (the team's Status went Down). */
    TEAM_DOWN,
    /** Packets the team holds now, waiting to be re-sent (a level, not a sum). */
    RESEND_QUEUED,
    /** Packets the team still held when it was closed, freed to the pool (the only way the team frees an accepted packet). */
    FREED_ON_CLOSE;

    private static final TeamCounter[] VALUES = values();

    /** @return how many counters there are. */
    public static int count()
    {
        return VALUES.length;
    }
}
