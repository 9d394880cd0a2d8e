package dev.twinpath.datapath.team;

/**
 * The team's receive side: one stream out of its members. Members the team just moved away from (a
 * member whose link went down, the old home member after the team's MAC moved) are <em>drained</em>
 * first, oldest move first, until one returns less than it was asked for: what a member had already
 * received is older than what its successor receives, so a flow that changed member keeps its order.
 * Then every member whose link is up is polled, the home member last.
 * <p>
 * Owned by the team's guest thread; allocation-free.
 */
final class TeamReceive
{
    private final TeamMember[] members;
    private final TeamCounters counters;
    private final int[] draining;
    private final int[] polled;
    private int drainingCount;
    private int polledCount;

    TeamReceive(final TeamMember[] members, final TeamCounters counters)
    {
        this.members = members;
        this.counters = counters;
        this.draining = new int[members.length];
        this.polled = new int[members.length];
    }

    /** Drain {@code member} before the others from now on, until it has nothing left. */
    void drain(final int member)
    {
        for (int k = 0; k < drainingCount; k++)
        {
            if (draining[k] == member)
            {
                return;
            }
        }
        draining[drainingCount++] = member;
    }

    /**
     * The members to poll after the drained ones: every member in {@code upMask}, {@code home} last. In
     * switch-independent teaming only the home member receives; a member the team's MAC just moved away from
     * may still get a few frames the network sent before it re-learned, and polling it first keeps those
     * ahead of the home member's newer ones within a call.
     */
    void poll(final int home, final int upMask)
    {
        polledCount = 0;
        for (int m = 0; m < members.length; m++)
        {
            if (m != home && (upMask & 1 << m) != 0)
            {
                polled[polledCount++] = m;
            }
        }
        if (home != TeamAssignment.NONE && (upMask & 1 << home) != 0)
        {
            polled[polledCount++] = home;
        }
    }

    /** @return true while a member is being drained. */
    boolean isDraining()
    {
        return drainingCount > 0;
    }

    int receive(final long[] into, final int offset, final int max)
    {
        int n = 0;
        while (drainingCount > 0 && n < max)
        {
            final int m = draining[0];
            final int want = max - n;
            final int got = members[m].receive(into, offset + n, want);
            n += got;
            if (got > 0)
            {
                counters.add(m, TeamMemberCounter.RX, got);
            }
            if (got == want)
            {
                break; // full: the drained member may hold more; it stays first
            }
            System.arraycopy(draining, 1, draining, 0, --drainingCount);
        }
        for (int k = 0; k < polledCount && n < max; k++)
        {
            final int m = polled[k];
            final int got = members[m].receive(into, offset + n, max - n);
            n += got;
            if (got > 0)
            {
                counters.add(m, TeamMemberCounter.RX, got);
            }
        }
        return n;
    }
}
