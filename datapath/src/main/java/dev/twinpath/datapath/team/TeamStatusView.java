package dev.twinpath.datapath.team;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds the team's {@link TeamStatus} from its link states and assignment when they change, and publishes
 * it for any thread: the guest thread writes the volatile reference, readers see a complete snapshot.
 * <p>
 * {@link #publish()} on the team's guest thread (it allocates; only on state changes); {@link #status()}
 * from any thread.
 */
final class TeamStatusView
{
    private final String team;
    private final TeamMode mode;
    private final int primary;
    private final TeamMember[] members;
    private final MemberLinks links;
    private final TeamAssignment assignment;
    private volatile TeamStatus status;

    TeamStatusView(
        final String team,
        final TeamMode mode,
        final int primary,
        final TeamMember[] members,
        final MemberLinks links,
        final TeamAssignment assignment)
    {
        this.team = team;
        this.mode = mode;
        this.primary = primary;
        this.members = members;
        this.links = links;
        this.assignment = assignment;
    }

    TeamStatus status()
    {
        return status;
    }

    void publish()
    {
        final List<TeamStatus.Member> list = new ArrayList<>(members.length);
        boolean allWell = true;
        for (int m = 0; m < members.length; m++)
        {
            final boolean carries = (assignment.carriers() & 1 << m) != 0;
            final int state = links.state(m);
            final String operational;
            final String reason;
            if (state == MemberLinks.DOWN)
            {
                operational = "Failed";
                reason = "PhysicalMediaDisconnected";
            }
            else if (carries)
            {
                operational = "Active";
                reason = "NoFailure";
            }
            else if (state == MemberLinks.WAITING)
            {
                operational = "Failed";
                reason = "WaitingForStableConnectivity";
            }
            else
            {
                operational = "Standby";
                reason = "NoFailure";
            }
            allWell &= "NoFailure".equals(reason);
            final String administrative = mode == TeamMode.ACTIVE_STANDBY && m != primary ? "Standby" : "Active";
            list.add(new TeamStatus.Member(members[m].name(), team, administrative, operational, reason, assignment.share(m)));
        }
        final String teamStatus = assignment.carriers() == 0 ? "Down" : allWell ? "Up" : "Degraded";
        final int home = assignment.home();
        status = new TeamStatus(team, mode, teamStatus, home == TeamAssignment.NONE ? null : members[home].name(), list);
    }
}
