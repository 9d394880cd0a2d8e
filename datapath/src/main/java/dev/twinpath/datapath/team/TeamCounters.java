package dev.twinpath.datapath.team;

import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The {@link TeamCounter} values of one team and the {@link TeamMemberCounter} values of each of its
 * members, off-heap: the team's block first, then one block per member in member order. The team's
 * guest thread is the single writer and adds with a release store; any thread reads a live value with an
 * acquire load (pair (T)).
 * <p>
 * Written by the team's guest thread; readable from any thread.
 */
public final class TeamCounters
{
    private static final int STRIDE = 8;

    private final UnsafeBuffer values;
    private final String name;
    private final int memberCount;
    private final int memberBase;

    public TeamCounters(final String name, final int memberCount)
    {
        this.name = name;
        this.memberCount = memberCount;
        this.memberBase = TeamCounter.count() * STRIDE;
        final int length = memberBase + memberCount * TeamMemberCounter.count() * STRIDE;
        this.values = new UnsafeBuffer(BufferUtil.allocateDirectAligned(((length + 63) / 64) * 64, 64));
    }

    public String name()
    {
        return name;
    }

    public int memberCount()
    {
        return memberCount;
    }

    /** Add {@code delta}. Guest thread only. */
    void add(final TeamCounter counter, final long delta)
    {
        addAt(counter.ordinal() * STRIDE, delta);
    }

    /** Add {@code delta} to member {@code member}'s counter. Guest thread only. */
    void add(final int member, final TeamMemberCounter counter, final long delta)
    {
        addAt(memberIndex(member, counter), delta);
    }

    /** Set a level. Guest thread only. */
    void set(final TeamCounter counter, final long value)
    {
        values.putLongRelease(counter.ordinal() * STRIDE, value); // release (T): pairs with get()
    }

    /** @return the current value. Any thread. */
    public long get(final TeamCounter counter)
    {
        return values.getLongAcquire(counter.ordinal() * STRIDE); // acquire (T)
    }

    /** @return member {@code member}'s current value. Any thread. */
    public long get(final int member, final TeamMemberCounter counter)
    {
        return values.getLongAcquire(memberIndex(member, counter)); // acquire (T)
    }

    private int memberIndex(final int member, final TeamMemberCounter counter)
    {
        if (member < 0 || member >= memberCount)
        {
            throw new IndexOutOfBoundsException("member " + member + " of " + memberCount);
        }
        return memberBase + (member * TeamMemberCounter.count() + counter.ordinal()) * STRIDE;
    }

    private void addAt(final int index, final long delta)
    {
        values.putLongRelease(index, values.getLong(index) + delta); // release (T): pairs with get()
    }

    @Override
    public String toString()
    {
        final StringBuilder sb = new StringBuilder(name).append(" {");
        for (final TeamCounter c : TeamCounter.values())
        {
            final long v = get(c);
            if (v != 0)
            {
                sb.append(' ').append(c.name().toLowerCase()).append('=').append(v);
            }
        }
        for (int m = 0; m < memberCount; m++)
        {
            for (final TeamMemberCounter c : TeamMemberCounter.values())
            {
                final long v = get(m, c);
                if (v != 0)
                {
                    sb.append(" member").append(m).append('.').append(c.name().toLowerCase()).append('=').append(v);
                }
            }
        }
        return sb.append(" }").toString();
    }
}
