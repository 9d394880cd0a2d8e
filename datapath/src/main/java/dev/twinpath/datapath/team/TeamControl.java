package dev.twinpath.datapath.team;

import dev.twinpath.datapath.event.EventLog;
import dev.twinpath.packet.pool.PacketDescriptor;
import dev.twinpath.packet.pool.PacketPool;
import dev.twinpath.packet.pool.PoolCache;

import java.util.Arrays;

/**
 * The team's control side, run from {@link NicTeam#doWork()}: watches the members' links, moves traffic
 * when a link goes down (failover) or has come back for the dwell time (failback, rebalance), takes back
 * what the members that lost traffic still hold and re-sends it first, announces the team's MAC where the
 * team now receives, and records an event for each of these.
 * <p>
 * Owned by the team's guest thread. Events and the status snapshot allocate; they happen only when a link
 * changes state.
 */
final class TeamControl
{
    private final TeamMode mode;
    private final TeamMember[] members;
    private final MemberLinks links;
    private final TeamAssignment assignment;
    private final ResendQueue queue;
    private final TeamTransmit transmit;
    private final TeamReceive receive;
    private final TeamCounters counters;
    private final TeamEvents log;
    private final TeamStatusView view;
    private final PacketPool pool;
    private final PoolCache cache;
    private final long teamMac;
    private final int ipv4;
    private final long[] scratch = new long[256];
    private final long[] one = new long[1];
    private final int[] reclaimedNow;
    private int announceOn = TeamAssignment.NONE;
    private boolean announceStarved;

    TeamControl(
        final NicTeamContext context,
        final TeamMember[] members,
        final MemberLinks links,
        final TeamAssignment assignment,
        final ResendQueue queue,
        final TeamTransmit transmit,
        final TeamReceive receive,
        final TeamCounters counters,
        final EventLog events,
        final PacketPool pool)
    {
        final String team = context.name();
        this.mode = context.mode();
        this.members = members;
        this.links = links;
        this.assignment = assignment;
        this.queue = queue;
        this.transmit = transmit;
        this.receive = receive;
        this.counters = counters;
        this.log = new TeamEvents(team, mode, members, links, assignment, counters, events);
        this.view = new TeamStatusView(team, mode, context.primary(), members, links, assignment);
        this.pool = pool;
        this.cache = pool.newCache();
        this.teamMac = members[context.primary()].mac();
        this.ipv4 = context.announceIpv4();
        this.reclaimedNow = new int[members.length];
        receive.poll(assignment.home(), upMask());
        view.publish();
    }

    TeamStatus status()
    {
        return view.status();
    }

    /** @return true when the team holds nothing to re-send and no member is giving packets back: it takes new packets. */
    boolean isIdle()
    {
        return queue.isEmpty() && queue.openMask() == 0;
    }

    /**
     * @return true when the team takes new packets: it is idle and has announced its MAC where it now
     * receives (or could not, for want of a buffer: then new packets are not held up by it).
     */
    boolean acceptsNew()
    {
        return isIdle() && (announceOn == TeamAssignment.NONE || announceStarved);
    }

    /** @return true when nothing is held, given back, announced or drained. */
    boolean isSettled()
    {
        return isIdle() && announceOn == TeamAssignment.NONE && !receive.isDraining();
    }

    /** Links, moves and reclaims. @return work done. */
    int doWork(final long nowNanos)
    {
        return links.poll(nowNanos) ? onLinkChange() : 0;
    }

    /** Re-send what was taken back, then announce. @return work done. */
    int catchUp()
    {
        int work = queue.isEmpty() ? 0 : transmit.resend(queue);
        if (isIdle() && announceOn != TeamAssignment.NONE)
        {
            work += announce();
        }
        counters.set(TeamCounter.RESEND_QUEUED, queue.size());
        return work;
    }

    private int onLinkChange()
    {
        final int down = links.wentDown();
        final int up = links.cameUp();
        final int stable = links.becameStable();
        final int carriedBefore = assignment.carriers();
        final int homeBefore = assignment.home();
        final int activeBefore = assignment.active();
        for (int m = 0; m < members.length; m++)
        {
            if ((down & 1 << m) != 0)
            {
                counters.add(m, TeamMemberCounter.LINK_DOWN, 1);
                receive.drain(m); // what it delivered before the link went is still to be read
            }
            if ((up & 1 << m) != 0)
            {
                counters.add(m, TeamMemberCounter.LINK_UP, 1);
            }
        }
        assignment.update(upMask(), links.mask(MemberLinks.STABLE));
        final int losers = assignment.losers();
        Arrays.fill(reclaimedNow, 0);
        for (int m = 0; m < members.length; m++)
        {
            if ((losers & 1 << m) != 0)
            {
                queue.open(m);
            }
        }
        reclaim();
        final int home = assignment.home();
        if (home != homeBefore)
        {
            if (homeBefore != TeamAssignment.NONE)
            {
                receive.drain(homeBefore);
            }
            announceOn = home;
            announceStarved = false;
        }
        receive.poll(home, upMask());
        counters.add(TeamCounter.BUCKETS_MOVED, mode == TeamMode.ADDRESS_HASH ? assignment.bucketsMoved() : 0);
        if (assignment.carriers() == 0 && carriedBefore != 0)
        {
            counters.add(TeamCounter.TEAM_DOWN, 1);
        }
        log.onLinkChange(down, up, stable, carriedBefore, activeBefore, home != homeBefore, reclaimedNow);
        view.publish();
        return 1;
    }

    /**
     * Take back everything open members hold, into the re-send queue at each one's mark. Once the queue holds
     * its bound, what a member still holds stays with it (recorded). @return packets taken back.
     */
    private int reclaim()
    {
        int open = queue.openMask();
        int total = 0;
        while (open != 0)
        {
            final int m = Integer.numberOfTrailingZeros(open);
            open &= open - 1;
            while (true)
            {
                final int room = Math.min(queue.room(), scratch.length);
                if (room == 0)
                {
                    queue.close(m);
                    log.onReclaimAbandoned(m, queue.bound());
                    break;
                }
                final int got = members[m].reclaim(scratch, 0, room);
                if (got > 0)
                {
                    queue.insert(m, scratch, got);
                    counters.add(TeamCounter.RECLAIMED, got);
                    counters.add(m, TeamMemberCounter.RECLAIMED, got);
                    reclaimedNow[m] += got;
                    total += got;
                }
                if (got < room)
                {
                    queue.close(m);
                    break;
                }
            }
        }
        return total;
    }

    private int announce()
    {
        final int home = assignment.home();
        if (home == TeamAssignment.NONE)
        {
            return 0; // announced when a member comes up
        }
        final long garp = TeamAnnouncement.build(pool, cache, teamMac, ipv4);
        if (garp < 0)
        {
            announceStarved = true; // no buffer: new packets go on meanwhile (they may be what frees one)
            counters.add(TeamCounter.ANNOUNCEMENTS_DEFERRED, 1);
            return 0;
        }
        announceStarved = false;
        one[0] = garp;
        if (members[home].send(one, 0, 1) != 1)
        {
            cache.free(PacketDescriptor.handle(garp));
            counters.add(TeamCounter.ANNOUNCEMENTS_DEFERRED, 1);
            return 0;
        }
        counters.add(home, TeamMemberCounter.TX, 1);
        counters.add(TeamCounter.ANNOUNCEMENTS, 1);
        announceOn = TeamAssignment.NONE;
        return 1;
    }

    private int upMask()
    {
        return links.mask(MemberLinks.WAITING) | links.mask(MemberLinks.STABLE);
    }

    /** Free what the team still holds (closing): the only way it frees an accepted packet, counted. */
    void close()
    {
        for (int m = 0; m < members.length; m++)
        {
            queue.close(m);
        }
        int freed = 0;
        while (!queue.isEmpty())
        {
            cache.free(PacketDescriptor.handle(queue.poll()));
            freed++;
        }
        counters.add(TeamCounter.FREED_ON_CLOSE, freed);
        counters.set(TeamCounter.RESEND_QUEUED, 0);
        cache.close();
    }
}
