package dev.twinpath.datapath.team;

/**
 * The link state of each team member as the team last saw it, with the dwell that damps flapping: a
 * member whose link comes back is {@link #WAITING} until it has stayed up for the dwell time, then
 * {@link #STABLE}. Members whose link is up when the team is built start stable.
 * <p>
 * Owned by the team's guest thread.
 */
final class MemberLinks
{
    /** Media disconnected. */
    static final int DOWN = 0;
    /** Link up for less than the dwell time ({@code WaitingForStableConnectivity}). */
    static final int WAITING = 1;
    /** Link up for at least the dwell time. */
    static final int STABLE = 2;

    private final TeamMember[] members;
    private final long dwellNanos;
    private final int[] state;
    private final long[] upSince;
    private int wentDown;
    private int cameUp;
    private int becameStable;

    MemberLinks(final TeamMember[] members, final long dwellNanos)
    {
        this.members = members;
        this.dwellNanos = dwellNanos;
        this.state = new int[members.length];
        this.upSince = new long[members.length];
        for (int m = 0; m < members.length; m++)
        {
            state[m] = members[m].linkUp() ? STABLE : DOWN;
        }
    }

    /**
     * Read every member's link and advance the dwell timers.
     *
     * @return true when a member changed state (see {@link #wentDown()}, {@link #cameUp()},
     * {@link #becameStable()}).
     */
    boolean poll(final long nowNanos)
    {
        wentDown = 0;
        cameUp = 0;
        becameStable = 0;
        for (int m = 0; m < members.length; m++)
        {
            final boolean up = members[m].linkUp();
            if (!up)
            {
                if (state[m] != DOWN)
                {
                    state[m] = DOWN;
                    wentDown |= 1 << m;
                }
            }
            else if (state[m] == DOWN)
            {
                state[m] = dwellNanos == 0 ? STABLE : WAITING;
                upSince[m] = nowNanos;
                cameUp |= 1 << m;
                becameStable |= dwellNanos == 0 ? 1 << m : 0;
            }
            else if (state[m] == WAITING && nowNanos - upSince[m] >= dwellNanos)
            {
                state[m] = STABLE;
                becameStable |= 1 << m;
            }
        }
        return (wentDown | cameUp | becameStable) != 0;
    }

    int state(final int member)
    {
        return state[member];
    }

    boolean isUp(final int member)
    {
        return state[member] != DOWN;
    }

    /** @return members (bit per index) in state {@code s}. */
    int mask(final int s)
    {
        int mask = 0;
        for (int m = 0; m < state.length; m++)
        {
            mask |= state[m] == s ? 1 << m : 0;
        }
        return mask;
    }

    /** @return members whose link went down at the last poll. */
    int wentDown()
    {
        return wentDown;
    }

    /** @return members whose link came up at the last poll. */
    int cameUp()
    {
        return cameUp;
    }

    /** @return members whose link had been up for the dwell time at the last poll. */
    int becameStable()
    {
        return becameStable;
    }

    long dwellNanos()
    {
        return dwellNanos;
    }
}
