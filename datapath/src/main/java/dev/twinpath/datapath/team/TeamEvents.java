package dev.twinpath.datapath.team;

import dev.twinpath.datapath.event.EventId;
import dev.twinpath.datapath.event.EventLevel;
import dev.twinpath.datapath.event.EventLog;

import java.util.concurrent.TimeUnit;

/**
 * Counts and records what a link change did to a team: one {@code TEAM_FAILOVER} event per member whose
 * link went down while it carried traffic (a failover, counted in {@link TeamCounter#FAILOVERS}), per
 * failback and rebalance (INFORMATION level), per member that went down carrying nothing, came up (and
 * waits for stable connectivity) or became ready as a standby, and when traffic resumes after the team was
 * down. The subject of every event is the team's name.
 * <p>
 * Owned by the team's guest thread; allocates (event text), only when a link changes state.
 */
final class TeamEvents
{
    private final String team;
    private final TeamMode mode;
    private final TeamMember[] members;
    private final MemberLinks links;
    private final TeamAssignment assignment;
    private final TeamCounters counters;
    private final EventLog events;

    TeamEvents(
        final String team,
        final TeamMode mode,
        final TeamMember[] members,
        final MemberLinks links,
        final TeamAssignment assignment,
        final TeamCounters counters,
        final EventLog events)
    {
        this.team = team;
        this.mode = mode;
        this.members = members;
        this.links = links;
        this.assignment = assignment;
        this.counters = counters;
        this.events = events;
    }

    /**
     * @param down          members whose link went down.
     * @param up            members whose link came up.
     * @param stable        members whose link had been up for the dwell time.
     * @param carriedBefore members that carried traffic before the change.
     * @param activeBefore  the active member before the change (active/standby).
     * @param homeMoved     whether the team's MAC moved to another member (it is announced there).
     * @param reclaimed     packets each member gave back at the change.
     */
    void onLinkChange(
        final int down, final int up, final int stable, final int carriedBefore, final int activeBefore, final boolean homeMoved,
        final int[] reclaimed)
    {
        final int carriers = assignment.carriers();
        final int gained = carriers & ~carriedBefore;
        final String announced = !homeMoved || assignment.home() == TeamAssignment.NONE ? "" :
            "; team MAC announced on " + members[assignment.home()].name();
        for (int m = 0; m < members.length; m++)
        {
            final int bit = 1 << m;
            final String name = members[m].name();
            if ((down & bit) != 0 && (carriedBefore & bit) != 0)
            {
                counters.add(TeamCounter.FAILOVERS, 1);
                if (carriers == 0)
                {
                    events.record(EventId.TEAM_FAILOVER, EventLevel.ERROR, team, "failover: " + name +
                        " PhysicalMediaDisconnected; no member is up: team Down, sends refused until a link returns; " +
                        reclaimed[m] + " packets taken back, held by the team");
                }
                else
                {
                    events.record(EventId.TEAM_FAILOVER, team, "failover: " + name + " PhysicalMediaDisconnected; its traffic moved to " +
                        names(carriers) + "; " + reclaimed[m] + " packets taken back and re-sent first" + announced);
                }
            }
            else if ((down & bit) != 0)
            {
                events.record(EventId.TEAM_FAILOVER, team, "member down: " + name + " PhysicalMediaDisconnected (carried no traffic)");
            }
            if ((up & bit) != 0 && (stable & bit) == 0)
            {
                events.record(EventId.TEAM_FAILOVER, EventLevel.INFORMATION, team, "member up: " + name +
                    " link up; WaitingForStableConnectivity for " + dwellMillis() + " ms");
            }
            if ((gained & bit) != 0 && carriedBefore == 0)
            {
                events.record(EventId.TEAM_FAILOVER, EventLevel.INFORMATION, team, "resumed: traffic on " + name + announced);
            }
            else if ((gained & bit) != 0 && (stable & bit) != 0 && mode == TeamMode.ACTIVE_STANDBY &&
                activeBefore != TeamAssignment.NONE && links.isUp(activeBefore))
            {
                counters.add(TeamCounter.FAILBACKS, 1);
                events.record(EventId.TEAM_FAILOVER, EventLevel.INFORMATION, team, "failback: " + name + " stable for " +
                    dwellMillis() + " ms; traffic moved back from " +
                    members[activeBefore].name() + "; " + reclaimed[activeBefore] + " packets taken back and re-sent first" + announced);
            }
            else if ((gained & bit) != 0 && (stable & bit) != 0 && mode == TeamMode.ADDRESS_HASH)
            {
                counters.add(TeamCounter.REBALANCES, 1);
                events.record(EventId.TEAM_FAILOVER, EventLevel.INFORMATION, team, "rebalance: " + name + " stable for " +
                    dwellMillis() + " ms; " + assignment.share(m) + " of " +
                    TeamAssignment.BUCKETS + " hash buckets moved to it; " + sum(reclaimed) +
                    " packets taken back and re-sent first" + announced);
            }
            else if ((stable & bit) != 0 && (gained & bit) == 0 && (carriers & bit) == 0)
            {
                events.record(EventId.TEAM_FAILOVER, EventLevel.INFORMATION, team, "member ready: " + name + " stable; Standby");
            }
        }
    }

    private String names(final int mask)
    {
        final StringBuilder sb = new StringBuilder();
        for (int m = 0; m < members.length; m++)
        {
            if ((mask & 1 << m) != 0)
            {
                sb.append(sb.length() > 0 ? ", " : "").append(members[m].name());
            }
        }
        return sb.toString();
    }

    private static int sum(final int[] values)
    {
        int s = 0;
        for (final int v : values)
        {
            s += v;
        }
        return s;
    }

    /** The team holds as many packets to re-send as its bound allows: what the member still holds stays with it. */
    void onReclaimAbandoned(final int member, final int bound)
    {
        counters.add(TeamCounter.RECLAIMS_ABANDONED, 1);
        events.record(EventId.TEAM_FAILOVER, team, "reclaim abandoned: " + members[member].name() +
            ": the team already holds its resendBound of " + bound +
            " packets to re-send; what the member still holds stays with it");
    }

    private long dwellMillis()
    {
        return TimeUnit.NANOSECONDS.toMillis(links.dwellNanos());
    }
}
