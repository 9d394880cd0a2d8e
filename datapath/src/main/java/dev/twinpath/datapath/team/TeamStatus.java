package dev.twinpath.datapath.team;

import java.util.List;

/**
 * A snapshot of a team as PowerShell's NetLbfo cmdlets show one: {@link #formatTeam()} in the style of
 * {@code Get-NetLbfoTeam | Format-List}, {@link #formatMembers()} in the style of
 * {@code Get-NetLbfoTeamMember | Format-List}.
 * <p>
 * {@code Status} is {@code Up} when every member is Active or Standby with no failure, {@code Down} when
 * no member carries traffic, {@code Degraded} otherwise. An active/standby team shows
 * {@code LoadBalancingAlgorithm : None}, because one member carries everything and nothing is hashed
 * (Windows would show the configured algorithm, which Twinpath does not model for this mode), and a
 * {@code StandbyAdapter} line (the NIC Teaming dialog's "Standby adapter"); an address-hash team shows
 * {@code TransportPorts}, the PowerShell name of "Address Hash" over the 4-tuple.
 * <p>
 * Immutable, any thread.
 *
 * @param name    the team's name.
 * @param mode    how it spreads traffic.
 * @param status  {@code Up}, {@code Degraded} or {@code Down}.
 * @param home    the member the team's MAC lives on (it receives), or null when no member is up.
 * @param members each member, in member order.
 */
public record TeamStatus(String name, TeamMode mode, String status, String home, List<Member> members)
{
    /**
     * One member.
     *
     * @param name               the adapter's name.
     * @param team               its team's name.
     * @param administrativeMode {@code Active}, or {@code Standby} for the non-primary members of an active/standby team.
     * @param operationalStatus  {@code Active} (carries traffic), {@code Standby} (ready), {@code Failed}.
     * @param failureReason      {@code NoFailure}, {@code PhysicalMediaDisconnected} or {@code WaitingForStableConnectivity}.
     * @param buckets            address hash: hash buckets (of {@value TeamAssignment#BUCKETS}) it carries; active/standby:
     *                           all of them on the active member.
     */
    public record Member(
        String name, String team, String administrativeMode, String operationalStatus, String failureReason, int buckets)
    {
    }

    public TeamStatus
    {
        members = List.copyOf(members);
    }

    /** @return the member named {@code memberName}. @throws IllegalArgumentException when there is none. */
    public Member member(final String memberName)
    {
        for (final Member m : members)
        {
            if (m.name().equals(memberName))
            {
                return m;
            }
        }
        throw new IllegalArgumentException("no member " + memberName + " in team " + name);
    }

    /** @return the team in the style of {@code Get-NetLbfoTeam | Format-List}. */
    public String formatTeam()
    {
        final StringBuilder names = new StringBuilder("{");
        final StringBuilder standby = new StringBuilder();
        for (final Member m : members)
        {
            names.append(names.length() > 1 ? ", " : "").append(m.name());
            if ("Standby".equals(m.administrativeMode()))
            {
                standby.append(standby.length() > 0 ? ", " : "").append(m.name());
            }
        }
        names.append('}');
        final StringBuilder sb = new StringBuilder();
        line(sb, "Name", name);
        line(sb, "Members", names.toString());
        line(sb, "TeamNics", name);
        line(sb, "TeamingMode", "SwitchIndependent");
        line(sb, "LoadBalancingAlgorithm", mode.loadBalancingAlgorithm());
        if (mode == TeamMode.ACTIVE_STANDBY)
        {
            line(sb, "StandbyAdapter", standby.toString());
        }
        line(sb, "Status", status);
        return sb.toString();
    }

    /** @return every member in the style of {@code Get-NetLbfoTeamMember | Format-List}, a blank line between members. */
    public String formatMembers()
    {
        final StringBuilder sb = new StringBuilder();
        for (final Member m : members)
        {
            if (sb.length() > 0)
            {
                sb.append('\n');
            }
            memberLine(sb, "Name", m.name());
            memberLine(sb, "Team", m.team());
            memberLine(sb, "AdministrativeMode", m.administrativeMode());
            memberLine(sb, "OperationalStatus", m.operationalStatus());
            memberLine(sb, "FailureReason", m.failureReason());
        }
        return sb.toString();
    }

    /** @return {@link #formatTeam()}, a blank line, {@link #formatMembers()}. */
    public String formatList()
    {
        return formatTeam() + '\n' + formatMembers();
    }

    private static void line(final StringBuilder sb, final String property, final String value)
    {
        pad(sb, property, "LoadBalancingAlgorithm".length()).append(" : ").append(value).append('\n');
    }

    private static void memberLine(final StringBuilder sb, final String property, final String value)
    {
        pad(sb, property, "AdministrativeMode".length()).append(" : ").append(value).append('\n');
    }

    private static StringBuilder pad(final StringBuilder sb, final String property, final int width)
    {
        sb.append(property);
        for (int i = property.length(); i < width; i++)
        {
            sb.append(' ');
        }
        return sb;
    }
}
