package dev.twinpath.datapath.lab;

import dev.twinpath.datapath.NetVscAdapter;
import dev.twinpath.datapath.rack.RackPort;
import dev.twinpath.datapath.team.TeamMember;

/**
 * A VM adapter of a {@link Lab} as a member of its guest's NIC team: the adapter's NetVSC data path,
 * its MAC, the link state of the cable behind its switch (the rack port of its host NIC; always up in a
 * lab without a rack), and the packets it can give back (staged, on no ring yet).
 * <p>
 * Guest thread (the team's); {@link #linkUp()} reads a volatile the control thread writes.
 */
final class LabTeamMember implements TeamMember
{
    private final VmAdapter slot;
    private final RackPort cable;

    LabTeamMember(final VmAdapter slot, final RackPort cable)
    {
        this.slot = slot;
        this.cable = cable;
    }

    private NetVscAdapter adapter()
    {
        return slot.adapter();
    }

    @Override
    public String name()
    {
        return slot.fullName();
    }

    @Override
    public long mac()
    {
        return slot.mac();
    }

    @Override
    public int send(final long[] descriptors, final int offset, final int count)
    {
        return adapter().send(descriptors, offset, count);
    }

    @Override
    public int receive(final long[] into, final int offset, final int max)
    {
        return adapter().receive(into, offset, max);
    }

    @Override
    public int doWork()
    {
        return adapter().doWork();
    }

    @Override
    public boolean linkUp()
    {
        return cable == null || cable.linkUp();
    }

    @Override
    public int reclaim(final long[] into, final int offset, final int max)
    {
        return adapter().reclaimStaged(into, offset, max);
    }
}
