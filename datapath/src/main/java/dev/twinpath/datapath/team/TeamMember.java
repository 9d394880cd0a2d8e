package dev.twinpath.datapath.team;

/**
 * What a {@link NicTeam} needs of one member adapter (a guest's VM network adapter: NetVSC with its VF
 * and synthetic paths, or a test double). The data path methods follow {@code NetVscAdapter}'s
 * conventions: bursts of packet descriptors, counts returned, back-pressure instead of drops.
 * <p>
 * Called on the guest thread that owns the team, which is the member's guest thread too; only
 * {@link #linkUp()} may also be changed by another thread (the host side pulling a cable), so an
 * implementation backs it with a volatile or acquire read.
 */
public interface TeamMember
{
    /** @return the adapter's name (the {@code Name} of {@code Get-NetLbfoTeamMember}). */
    String name();

    /** @return the adapter's own MAC address (48 bits); the primary member's is the team's MAC. */
    long mac();

    /**
     * Send {@code count} packets in order; ownership of the packets taken passes to the member.
     *
     * @return how many it took, a prefix of the burst (the rest stays with the caller).
     */
    int send(long[] descriptors, int offset, int count);

    /**
     * Take up to {@code max} packets the member received, in order per flow; the caller owns them.
     *
     * @return how many were written to {@code into} from {@code offset}.
     */
    int receive(long[] into, int offset, int max);

    /**
     * The member's control work (timers, control messages, TX staging).
     *
     * @return work done.
     */
    int doWork();

    /**
     * @return true while the member's media is connected: the path from it to the network (its
     * virtual switch's uplink, the NIC cable behind it) is up.
     */
    boolean linkUp();

    /**
     * Give back packets the team handed to this member with {@link #send} that the member still holds
     * and has NOT put on a ring yet (staged or held back inside the adapter), so the team can send them
     * on another member. The contract:
     * <ul>
     *   <li>The packets written to {@code into} are owned by the team again; the member forgets them
     *   completely (it will never send, free or count them as sent).</li>
     *   <li>They come in the order they were sent, oldest first; a call that returns {@code max} may be
     *   followed by another that returns the next ones, continuing in the same order.</li>
     *   <li>Packets already on a ring (a VF TX queue, the VMBus data ring) are not given back: they belong
     *   to the path they are on.</li>
     *   <li>The team calls it after the member's link went down, and on a planned move of traffic away
     *   from the member while its link is up (failback, rebalance). An implementation that cannot take
     *   packets back returns 0; what it holds then leaves on its own path (see docs/teaming.md for what
     *   that costs).</li>
     *   <li>It never blocks and never allocates; it returns 0 when it holds nothing.</li>
     * </ul>
     *
     * @return how many packets were written to {@code into} from {@code offset}, at most {@code max}.
     */
    int reclaim(long[] into, int offset, int max);
}
