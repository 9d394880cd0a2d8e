package dev.twinpath.datapath.team;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Configuration of one {@link NicTeam}: fluent setters, {@link #conclude()} validates and names the field
 * it refuses, so a bad team is refused before anything starts (G8).
 * <p>
 * Control-path object; not thread-safe.
 */
public final class NicTeamContext
{
    /** Fewest members a team has. */
    public static final int MIN_MEMBERS = 2;
    /** Most members a team has. */
    public static final int MAX_MEMBERS = 8;
    /** Largest {@link #resendBound(int)}. */
    public static final int MAX_RESEND_BOUND = 1 << 24;
    /** Packets the re-send queue holds before it first grows. */
    public static final int INITIAL_RESEND_CAPACITY = 1024;

    private String name = "Team1";
    private TeamMode mode = TeamMode.ADDRESS_HASH;
    private final List<TeamMember> members = new ArrayList<>();
    private int primary;
    private boolean failback = true;
    private long dwellNanos = TimeUnit.MILLISECONDS.toNanos(100);
    private int announceIpv4;
    private int resendBound = 65_536;

    /** The team's name (the {@code Name} of {@code Get-NetLbfoTeam}, the subject of its events). */
    public NicTeamContext name(final String name)
    {
        this.name = name;
        return this;
    }

    public String name()
    {
        return name;
    }

    public NicTeamContext mode(final TeamMode mode)
    {
        this.mode = mode;
        return this;
    }

    public TeamMode mode()
    {
        return mode;
    }

    /** Add members, in order: their index in the team is their position here. */
    public NicTeamContext members(final TeamMember... members)
    {
        this.members.addAll(List.of(members));
        return this;
    }

    /** @return a copy of the member list. */
    public List<TeamMember> members()
    {
        return new ArrayList<>(members);
    }

    /**
     * Index of the primary member: its MAC is the team's; it is the active member of an active/standby
     * team (the others are standby) and the member that receives in address-hash mode.
     */
    public NicTeamContext primary(final int index)
    {
        this.primary = index;
        return this;
    }

    public int primary()
    {
        return primary;
    }

    /**
     * Active/standby: whether the primary takes the traffic back once its link has been up for the dwell
     * time (default true). Address-hash teams always give the primary its share back after the dwell: its
     * MAC is the team's, so it cannot carry traffic for the team as an ordinary member.
     */
    public NicTeamContext failback(final boolean failback)
    {
        this.failback = failback;
        return this;
    }

    public boolean failback()
    {
        return failback;
    }

    /**
     * How long a member's link must stay up before the team gives it traffic again (failback, rebalance):
     * a link that flaps within this time moves nothing. Default 100 ms.
     */
    public NicTeamContext dwell(final long duration, final TimeUnit unit)
    {
        this.dwellNanos = unit.toNanos(duration);
        return this;
    }

    public long dwellNanos()
    {
        return dwellNanos;
    }

    /** The IPv4 address (host order int) the team's gratuitous ARP announces with its MAC. Required. */
    public NicTeamContext announceIpv4(final int ipv4)
    {
        this.announceIpv4 = ipv4;
        return this;
    }

    public int announceIpv4()
    {
        return announceIpv4;
    }

    /**
     * The most packets the team holds at once to re-send after a move (G4's bound): what the members that
     * lost traffic gave back. The queue starts at {@value #INITIAL_RESEND_CAPACITY} (or the bound, if
     * smaller) and doubles on the control path when a member gives back more. A member holding more than
     * the bound leaves keeps the rest, counted and recorded. Size it at least to the sum of what the members
     * can stage. Default 65,536.
     */
    public NicTeamContext resendBound(final int packets)
    {
        this.resendBound = packets;
        return this;
    }

    public int resendBound()
    {
        return resendBound;
    }

    /** Validate. @throws IllegalArgumentException naming the field. @return this. */
    public NicTeamContext conclude()
    {
        if (name == null || name.isBlank())
        {
            throw new IllegalArgumentException("name must not be blank");
        }
        if (mode == null)
        {
            throw new IllegalArgumentException("mode must be set");
        }
        if (members.size() < MIN_MEMBERS || members.size() > MAX_MEMBERS)
        {
            throw new IllegalArgumentException(
                "members must be " + MIN_MEMBERS + ".." + MAX_MEMBERS + " adapters: " + members.size());
        }
        final Set<String> names = new HashSet<>();
        final Set<Long> macs = new HashSet<>();
        for (final TeamMember m : members)
        {
            if (m == null)
            {
                throw new IllegalArgumentException("members must not contain null");
            }
            if (!names.add(m.name()))
            {
                throw new IllegalArgumentException("members must have distinct names: " + m.name() + " twice");
            }
            final long mac = m.mac();
            if (mac <= 0 || mac > 0xFFFF_FFFF_FFFFL || (mac & 0x0100_0000_0000L) != 0)
            {
                throw new IllegalArgumentException(
                    "members must have unicast 48-bit MACs: " + m.name() + " has " + Long.toHexString(mac));
            }
            if (!macs.add(mac))
            {
                throw new IllegalArgumentException("members must have distinct MACs: " + Long.toHexString(mac) + " twice");
            }
        }
        if (primary < 0 || primary >= members.size())
        {
            throw new IllegalArgumentException("primary must be a member index 0.." + (members.size() - 1) + ": " + primary);
        }
        if (dwellNanos < 0)
        {
            throw new IllegalArgumentException("dwell must be >= 0: " + dwellNanos + " ns");
        }
        if (announceIpv4 == 0)
        {
            throw new IllegalArgumentException("announceIpv4 must be set: the team's gratuitous ARP needs its address");
        }
        if (resendBound < 64 || resendBound > MAX_RESEND_BOUND)
        {
            throw new IllegalArgumentException("resendBound must be 64.." + MAX_RESEND_BOUND + ": " + resendBound);
        }
        return this;
    }
}
