package dev.twinpath.datapath.team;

import dev.twinpath.packet.codec.EthernetFrames;
import dev.twinpath.packet.pool.PacketDescriptor;
import dev.twinpath.packet.pool.PacketPool;
import dev.twinpath.packet.rss.ToeplitzHash;
import dev.twinpath.vf.nic.FlowRuleHash;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The team's transmit side: picks each packet's member and hands runs of packets to members. Active/
 * standby sends the whole burst to the active member. Address hash hashes each frame's flow (the RSS hash
 * a NIC computes, {@link FlowRuleHash}) into {@link TeamAssignment}'s bucket table and hands each run of
 * consecutive packets bound for one member to it in one call; group frames (broadcast, multicast) and
 * anything that is not an Ethernet frame go to the home member. Frames sent on a member other than the home
 * member get that member's MAC as their source (Windows' source MAC replacement in switch-independent
 * address-hash teams), so the switches never see the team's MAC on two ports; a packet the member refused
 * gets the team's MAC back.
 * <p>
 * A member that takes only part of a run stops the burst there: the team returns a prefix, so the caller
 * keeps the rest in order (back-pressure, never a drop).
 * <p>
 * Owned by the team's guest thread; allocation-free.
 */
final class TeamTransmit
{
    private final TeamMember[] members;
    private final long[] macs;
    private final long teamMac;
    private final boolean addressHash;
    private final PacketPool pool;
    private final UnsafeBuffer memory;
    private final ToeplitzHash toeplitz;
    private final TeamAssignment assignment;
    private final TeamCounters counters;
    private final long[] one = new long[1];

    TeamTransmit(
        final TeamMember[] members,
        final long teamMac,
        final TeamMode mode,
        final PacketPool pool,
        final TeamAssignment assignment,
        final TeamCounters counters)
    {
        this.members = members;
        this.macs = new long[members.length];
        for (int m = 0; m < members.length; m++)
        {
            macs[m] = members[m].mac();
        }
        this.teamMac = teamMac;
        this.addressHash = mode == TeamMode.ADDRESS_HASH;
        this.pool = pool;
        this.memory = pool.buffer();
        this.toeplitz = ToeplitzHash.microsoftDefault();
        this.assignment = assignment;
        this.counters = counters;
    }

    /** @return the member packet {@code d} goes to now, or {@link TeamAssignment#NONE} when no member carries traffic. */
    int route(final long d)
    {
        if (!addressHash || assignment.carriers() == 0)
        {
            return assignment.route(0);
        }
        final int length = PacketDescriptor.length(d);
        if (!PacketDescriptor.isPacket(d) || length < 14)
        {
            return assignment.home();
        }
        final int at = pool.dataOffset(PacketDescriptor.handle(d));
        if (EthernetFrames.isGroup(EthernetFrames.dstMac(memory, at)))
        {
            return assignment.home();
        }
        return assignment.route(FlowRuleHash.of(toeplitz, memory, at, length));
    }

    /** Application packets. @return how many were taken, a prefix of the burst. */
    int send(final long[] src, final int offset, final int count)
    {
        if (!addressHash)
        {
            final int m = assignment.active();
            if (m == TeamAssignment.NONE)
            {
                return 0;
            }
            final int n = members[m].send(src, offset, count);
            if (n > 0)
            {
                counters.add(m, TeamMemberCounter.TX, n);
            }
            return n;
        }
        final int home = assignment.home();
        int i = 0;
        int m = route(src[offset]);
        while (i < count && m != TeamAssignment.NONE)
        {
            int j = i + 1;
            int next = TeamAssignment.NONE;
            while (j < count)
            {
                next = route(src[offset + j]);
                if (next != m)
                {
                    break;
                }
                j++;
            }
            final int run = j - i;
            if (m != home)
            {
                replaceSource(src, offset + i, run, teamMac, macs[m]);
            }
            final int n = members[m].send(src, offset + i, run);
            if (n > 0)
            {
                counters.add(m, TeamMemberCounter.TX, n);
            }
            i += n;
            if (n < run)
            {
                if (m != home)
                {
                    replaceSource(src, offset + i, run - n, macs[m], teamMac);
                }
                break;
            }
            m = next;
        }
        return i;
    }

    /**
     * Send what {@code queue} holds, oldest first, up to its limit; stops at the first packet whose member
     * is full, is still giving packets back, or when no member carries traffic.
     *
     * @return packets sent.
     */
    int resend(final ResendQueue queue)
    {
        final int limit = queue.limit();
        int sent = 0;
        while (!queue.isEmpty() && queue.head() < limit)
        {
            final long d = queue.peek();
            final int m = route(d);
            if (m == TeamAssignment.NONE || queue.isOpen(m))
            {
                break;
            }
            if (addressHash)
            {
                restoreSource(d, m);
            }
            one[0] = d;
            if (members[m].send(one, 0, 1) != 1)
            {
                break;
            }
            counters.add(m, TeamMemberCounter.TX, 1);
            queue.advance();
            sent++;
        }
        if (sent > 0)
        {
            counters.add(TeamCounter.RESENT, sent);
        }
        return sent;
    }

    /** Frames in {@code [offset, offset + count)} whose source is {@code from} get {@code to}. */
    private void replaceSource(final long[] src, final int offset, final int count, final long from, final long to)
    {
        for (int i = offset, end = offset + count; i < end; i++)
        {
            final long d = src[i];
            if (PacketDescriptor.isPacket(d) && PacketDescriptor.length(d) >= 14)
            {
                final int at = pool.dataOffset(PacketDescriptor.handle(d));
                if (EthernetFrames.srcMac(memory, at) == from)
                {
                    TeamAnnouncement.putMac(memory, at + 6, to);
                }
            }
        }
    }

    /** A re-sent frame whose source is a member's MAC (replaced for its first member) gets the one right for {@code member}. */
    private void restoreSource(final long d, final int member)
    {
        if (!PacketDescriptor.isPacket(d) || PacketDescriptor.length(d) < 14)
        {
            return;
        }
        final int at = pool.dataOffset(PacketDescriptor.handle(d));
        final long source = EthernetFrames.srcMac(memory, at);
        for (final long mac : macs)
        {
            if (source == mac)
            {
                TeamAnnouncement.putMac(memory, at + 6, member == assignment.home() ? teamMac : macs[member]);
                return;
            }
        }
    }
}
