package dev.twinpath.datapath.team;

/**
 * How a switch-independent {@link NicTeam} spreads its traffic over its members. In switch-independent
 * teaming the switches know nothing of the team: each member is an ordinary port, and inbound traffic
 * arrives on the one member where the network learned the team's MAC (the primary member, or the
 * member the team announced its MAC on after a failover).
 * <p>
 * Immutable, any thread.
 */
public enum TeamMode
{
    /**
     * One member carries all traffic both ways; the others wait, and one of them takes over when the
     * active member's link goes down. With failback on, the primary member takes the traffic back once
     * its link has been up for the dwell time.
     */
    ACTIVE_STANDBY("None"),

    /**
     * Windows' "Address Hash" ({@code TransportPorts} in PowerShell): each outbound packet's member is
     * picked by the RSS hash of its flow (the 4-tuple for TCP/UDP over IP, the address pair for other
     * IP, one bucket for non-IP), through a table of hash buckets so that a flow stays on one member
     * while membership is stable and only a failed member's flows move. Inbound traffic arrives on the
     * primary member (the team's MAC lives there).
     */
    ADDRESS_HASH("TransportPorts");

    private final String loadBalancingAlgorithm;

    TeamMode(final String loadBalancingAlgorithm)
    {
        this.loadBalancingAlgorithm = loadBalancingAlgorithm;
    }

    /** @return what {@code Get-NetLbfoTeam} shows as {@code LoadBalancingAlgorithm} for this mode. */
    public String loadBalancingAlgorithm()
    {
        return loadBalancingAlgorithm;
    }
}
