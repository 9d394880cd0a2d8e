package dev.twinpath.datapath.team;

/**
 * Which member carries what. Active/standby: one {@link #active()} member carries everything. Address
 * hash: a table of {@value #BUCKETS} hash buckets, each owned by one carrier member; a packet's bucket is
 * the low bits of its flow's RSS hash, so a flow stays on one member while the table does not change.
 * When a carrier fails only its buckets move (each to the carrier with the fewest); when a member joins
 * (its link stable for the dwell time) the fullest carriers give it buckets until shares differ by at most
 * one. The {@link #home()} member is where the team's MAC lives: it receives, and sends broadcasts and
 * announcements.
 * <p>
 * A member that carries traffic keeps it while its link is up; a member whose link came back joins only
 * once it is stable, unless no member carries anything (then any member that is up is used at once).
 * <p>
 * Owned by the team's guest thread.
 */
final class TeamAssignment
{
    /** Hash buckets of the address-hash table (a power of two). */
    static final int BUCKETS = 256;
    /** No member. */
    static final int NONE = -1;

    private final TeamMode mode;
    private final int memberCount;
    private final int primary;
    private final boolean failback;
    private final byte[] owner = new byte[BUCKETS];
    private final int[] share;
    private int carriers;
    private int active = NONE;
    private int home = NONE;
    private int losers;
    private int bucketsMoved;

    TeamAssignment(final TeamMode mode, final int memberCount, final int primary, final boolean failback, final int upMask)
    {
        this.mode = mode;
        this.memberCount = memberCount;
        this.primary = primary;
        this.failback = failback;
        this.share = new int[memberCount];
        share[primary] = BUCKETS; // every bucket starts on the primary; update() spreads them over the carriers
        java.util.Arrays.fill(owner, (byte)primary);
        carriers = 1 << primary;
        active = primary;
        update(upMask, upMask);
        losers = 0;
        bucketsMoved = 0;
    }

    /**
     * Recompute the assignment from the members' link states.
     *
     * @param upMask     members whose link is up (waiting or stable).
     * @param stableMask members whose link has been up for the dwell time.
     */
    void update(final int upMask, final int stableMask)
    {
        losers = 0;
        bucketsMoved = 0;
        if (mode == TeamMode.ACTIVE_STANDBY)
        {
            updateActive(upMask, stableMask);
        }
        else
        {
            int next = (carriers & upMask) | stableMask;
            next = next != 0 ? next : upMask;
            updateBuckets(next);
        }
    }

    private void updateActive(final int upMask, final int stableMask)
    {
        int next = active;
        if (next == NONE || (upMask & 1 << next) == 0)
        {
            next = pick(stableMask) != NONE ? pick(stableMask) : pick(upMask);
        }
        else if (failback && next != primary && (stableMask & 1 << primary) != 0)
        {
            next = primary;
        }
        if (next != active && active != NONE)
        {
            losers = 1 << active;
        }
        active = next;
        carriers = next == NONE ? 0 : 1 << next;
        home = next;
    }

    /** @return the primary when it is in {@code mask}, else the lowest member in it, else NONE. */
    private int pick(final int mask)
    {
        if ((mask & 1 << primary) != 0)
        {
            return primary;
        }
        return mask == 0 ? NONE : Integer.numberOfTrailingZeros(mask);
    }

    private void updateBuckets(final int next)
    {
        if (next == 0)
        {
            losers = carriers; // no member up: what the carriers hold is taken back to wait
            carriers = 0;
            home = NONE;
            return;
        }
        for (int b = 0; b < BUCKETS; b++)
        {
            final int o = owner[b];
            if ((next & 1 << o) == 0)
            {
                losers |= 1 << o;
                move(b, o, fewest(next));
            }
        }
        while (true)
        {
            final int hi = most(next);
            final int lo = fewest(next);
            if (share[hi] - share[lo] <= 1)
            {
                break;
            }
            losers |= 1 << hi;
            move(firstBucketOf(hi), hi, lo);
        }
        carriers = next;
        if ((next & 1 << primary) != 0)
        {
            home = primary;
        }
        else if (home == NONE || (next & 1 << home) == 0)
        {
            home = Integer.numberOfTrailingZeros(next);
        }
    }

    private void move(final int bucket, final int from, final int to)
    {
        owner[bucket] = (byte)to;
        share[from]--;
        share[to]++;
        bucketsMoved++;
    }

    private int fewest(final int mask)
    {
        int best = NONE;
        for (int m = 0; m < memberCount; m++)
        {
            if ((mask & 1 << m) != 0 && (best == NONE || share[m] < share[best]))
            {
                best = m;
            }
        }
        return best;
    }

    private int most(final int mask)
    {
        int best = NONE;
        for (int m = 0; m < memberCount; m++)
        {
            if ((mask & 1 << m) != 0 && (best == NONE || share[m] > share[best]))
            {
                best = m;
            }
        }
        return best;
    }

    private int firstBucketOf(final int member)
    {
        for (int b = 0; b < BUCKETS; b++)
        {
            if (owner[b] == member)
            {
                return b;
            }
        }
        throw new IllegalStateException("member " + member + " has a share but no bucket");
    }

    /** @return the member that carries a packet of flow hash {@code hash}, or NONE when no member carries. */
    int route(final int hash)
    {
        if (carriers == 0)
        {
            return NONE;
        }
        return mode == TeamMode.ACTIVE_STANDBY ? active : owner[hash & (BUCKETS - 1)];
    }

    /** @return the member that owns {@code bucket} in the address-hash table. */
    int owner(final int bucket)
    {
        return owner[bucket];
    }

    /** @return members that carry traffic (bit per index). */
    int carriers()
    {
        return carriers;
    }

    /** @return the member carrying everything (active/standby), or NONE. */
    int active()
    {
        return active;
    }

    /** @return the member where the team's MAC lives (it receives and sends group traffic), or NONE. */
    int home()
    {
        return home;
    }

    /** @return members that lost traffic (or, down, held it) at the last update: the team takes back what they staged. */
    int losers()
    {
        return losers;
    }

    /** @return buckets that changed member at the last update. */
    int bucketsMoved()
    {
        return bucketsMoved;
    }

    /** @return buckets {@code member} owns (address hash), or all or none (active/standby). */
    int share(final int member)
    {
        if (mode == TeamMode.ACTIVE_STANDBY)
        {
            return member == active ? BUCKETS : 0;
        }
        return (carriers & 1 << member) != 0 ? share[member] : 0;
    }
}
