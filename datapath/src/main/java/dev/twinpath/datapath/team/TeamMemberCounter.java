package dev.twinpath.datapath.team;

/**
 * The counters a {@link NicTeam} keeps for each of its members, off-heap in {@link TeamCounters}.
 * <p>
 * Immutable, any thread.
 */
public enum TeamMemberCounter
{
    /** Packets the member took from the team: first sends, re-sends and announcements. */
    TX,
    /** Packets the team received from the member and handed to the application. */
    RX,
    /** Packets the member gave back to the team ({@link TeamMember#reclaim}). */
    RECLAIMED,
    /** Times the team saw the member's link go down. */
    LINK_DOWN,
    /** Times the team saw the member's link come back up. */
    LINK_UP;

    private static final TeamMemberCounter[] VALUES = values();

    /** @return how many counters there are. */
    public static int count()
    {
        return VALUES.length;
    }
}
