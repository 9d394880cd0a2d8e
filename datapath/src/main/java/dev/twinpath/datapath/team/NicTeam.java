package dev.twinpath.datapath.team;

import dev.twinpath.datapath.event.EventLog;
import dev.twinpath.packet.pool.PacketPool;
import org.agrona.concurrent.NanoClock;

import java.util.List;

/**
 * NIC teaming inside a guest (LBFO, switch-independent): one logical adapter over 2 to 8 member adapters
 * (typically SR-IOV-backed NetVSC adapters on different virtual switches). The team's MAC is the primary
 * member's. {@link #send} picks each packet's member ({@link TeamMode}); {@link #receive} merges the
 * members into one stream, in order per flow; {@link #doWork} runs the members' control work and watches
 * their links.
 * <p>
 * When a member that carries traffic loses its link the team fails over: its flows move to a member
 * that is up, the packets it still holds without having put them on a ring are taken back
 * ({@link TeamMember#reclaim}) and re-sent first on the new member, in order, and then the team announces
 * its MAC with a gratuitous ARP where it now receives, and records a {@code TEAM_FAILOVER} event. A link
 * that comes back carries traffic again only after the dwell time (failback of the primary in
 * active/standby, rebalance in address hash). While a move's packets are being re-sent, and while no
 * member is up, {@code send} takes nothing: back-pressure, never a drop. What "no loss" covers and where
 * it stops is in docs/teaming.md.
 * <p>
 * Owned by one guest thread: {@link #send}, {@link #receive}, {@link #doWork} and {@link #close} from that
 * thread only (it also drives the members: the team calls their data path and doWork itself);
 * {@link #status()} and {@link #counters()} from any thread. The data path allocates nothing.
 */
public final class NicTeam implements AutoCloseable
{
    private final String name;
    private final TeamMode mode;
    private final TeamMember[] members;
    private final long mac;
    private final NanoClock clock;
    private final TeamCounters counters;
    private final TeamTransmit transmit;
    private final TeamReceive receive;
    private final TeamControl control;

    /**
     * @param context the team's settings; concluded here (a bad setting throws before anything starts).
     * @param pool    the packet pool the members' packets live in (frames are read to hash them, and
     *                announcements are built in it).
     * @param events  where failovers, failbacks and member state changes are recorded.
     * @param clock   the clock of the dwell time.
     */
    public NicTeam(final NicTeamContext context, final PacketPool pool, final EventLog events, final NanoClock clock)
    {
        context.conclude();
        this.name = context.name();
        this.mode = context.mode();
        final List<TeamMember> list = context.members();
        this.members = list.toArray(new TeamMember[0]);
        this.clock = clock;
        this.counters = new TeamCounters(name, members.length);
        final MemberLinks links = new MemberLinks(members, context.dwellNanos());
        final int up = links.mask(MemberLinks.STABLE);
        final TeamAssignment assignment = new TeamAssignment(mode, members.length, context.primary(), context.failback(), up);
        final ResendQueue queue = new ResendQueue(
            Math.min(NicTeamContext.INITIAL_RESEND_CAPACITY, context.resendBound()), context.resendBound(), members.length);
        final long teamMac = members[context.primary()].mac();
        this.transmit = new TeamTransmit(members, teamMac, mode, pool, assignment, counters);
        this.receive = new TeamReceive(members, counters);
        this.control = new TeamControl(context, members, links, assignment, queue, transmit, receive, counters, events, pool);
        this.mac = teamMac;
    }

    public String name()
    {
        return name;
    }

    public TeamMode mode()
    {
        return mode;
    }

    /** @return the team's MAC: the primary member's. */
    public long mac()
    {
        return mac;
    }

    public int memberCount()
    {
        return members.length;
    }

    public TeamMember member(final int index)
    {
        return members[index];
    }

    /** @return the team's counters and each member's; readable from any thread. */
    public TeamCounters counters()
    {
        return counters;
    }

    /** @return the team as of its last state change ({@code Get-NetLbfoTeam}, {@code Get-NetLbfoTeamMember}). Any thread. */
    public TeamStatus status()
    {
        return control.status();
    }

    /**
     * @return true when the team holds nothing to re-send, no member is giving packets back, no announcement
     * waits and no member is being drained. Guest thread.
     */
    public boolean isSettled()
    {
        return control.isSettled();
    }

    /** @return the index of the member packet {@code descriptor} would go to now, or -1 when none is up. Guest thread (tests). */
    int memberFor(final long descriptor)
    {
        return transmit.route(descriptor);
    }

    // ---------------------------------------------------------------- data path

    /**
     * Send {@code count} packets in order; the team picks each one's member and takes ownership of those it
     * takes.
     *
     * @return how many it took, a prefix of the burst: 0 while no member is up, or a move's packets are
     * still being re-sent or its announcement waits for room; the rest stays with the caller (back-pressure).
     */
    public int send(final long[] packets, final int offset, final int count)
    {
        if (count <= 0)
        {
            return 0;
        }
        if (!control.acceptsNew())
        {
            control.catchUp();
        }
        final int n = control.acceptsNew() ? transmit.send(packets, offset, count) : 0;
        if (n > 0)
        {
            counters.add(TeamCounter.TX_ACCEPTED, n);
        }
        if (n < count)
        {
            counters.add(TeamCounter.TX_REFUSED, count - n);
        }
        return n;
    }

    /**
     * Take up to {@code max} received packets, in order per flow whichever member they came on; the caller
     * owns them. Each descriptor is as its member delivered it.
     *
     * @return how many were written to {@code into} from {@code offset}.
     */
    public int receive(final long[] into, final int offset, final int max)
    {
        if (max <= 0)
        {
            return 0;
        }
        final int n = receive.receive(into, offset, max);
        if (n > 0)
        {
            counters.add(TeamCounter.RX_DELIVERED, n);
        }
        return n;
    }

    // ---------------------------------------------------------------- control path

    /**
     * Watch the links (fail over, fail back, rebalance) and take back what members that lost traffic hold,
     * then run every member's doWork, then re-send and announce. Guest thread.
     *
     * @return work done.
     */
    public int doWork()
    {
        int work = control.doWork(clock.nanoTime());
        for (final TeamMember member : members)
        {
            work += member.doWork();
        }
        return work + control.catchUp();
    }

    /**
     * Free what the team still holds to re-send (counted as {@link TeamCounter#FREED_ON_CLOSE}) and return
     * its pool cache. The members are not closed. Guest thread.
     */
    @Override
    public void close()
    {
        control.close();
    }
}
