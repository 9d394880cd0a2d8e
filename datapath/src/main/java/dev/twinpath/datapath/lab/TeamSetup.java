package dev.twinpath.datapath.lab;

import dev.twinpath.datapath.team.TeamMode;

/**
 * How a VM's guest teams its network adapters: the team's name and mode (switch-independent
 * active/standby or address hash). The members are the VM's adapters, the first being the primary
 * (its MAC is the team's); each must be on a different NIC of the host.
 * <p>
 * Immutable, any thread.
 */
public record TeamSetup(String name, TeamMode mode)
{
    public TeamSetup
    {
        if (name == null || name.isBlank())
        {
            throw new IllegalArgumentException("team name must be set");
        }
        if (mode == null)
        {
            throw new IllegalArgumentException("team " + name + ": mode must be set");
        }
    }
}
