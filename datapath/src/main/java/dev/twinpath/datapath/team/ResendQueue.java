package dev.twinpath.datapath.team;

import java.util.Arrays;

/**
 * The packets a team took back from its members ({@link TeamMember#reclaim}) and sends again, in an order
 * that keeps every flow's packets in sequence.
 * <p>
 * Why the order is right: while this queue is not empty, or a reclaim is open, the team takes no new
 * packet from the application, so for any flow the packets still staged inside a member are older than
 * the flow's packets in this queue (they were either staged before the move or re-sent from the front of
 * this queue). A member's reclaim therefore {@link #open opens} at the front, and each reclaimed batch is
 * inserted at that member's <em>mark</em>, right after what it gave back before; the mark moves with
 * the batch. Packets behind an open mark may be newer than what that member still holds, so
 * {@link #limit()} stops the re-send at the first open mark.
 * <p>
 * The team reclaims everything a member holds in one pass (the queue grows for it, up to its bound), so a
 * reclaim stays open across calls only in tests of this class; the marks make the order right either way.
 * <p>
 * A flat array, compacted when an insertion needs room at the end and grown (doubling) when it needs more
 * than the array holds; insertions shift the packets behind the mark (control path: moves are rare).
 * Owned by the team's guest thread.
 */
final class ResendQueue
{
    /** A member with no open reclaim. */
    static final int CLOSED = -1;

    private final int bound;
    private final int[] marks;
    private long[] slots;
    private int head;
    private int tail;
    private int open;

    ResendQueue(final int capacity, final int bound, final int memberCount)
    {
        this.bound = bound;
        this.slots = new long[capacity];
        this.marks = new int[memberCount];
        Arrays.fill(marks, CLOSED);
    }

    int capacity()
    {
        return slots.length;
    }

    int size()
    {
        return tail - head;
    }

    boolean isEmpty()
    {
        return tail == head;
    }

    int free()
    {
        return slots.length - size();
    }

    /** @return the most packets it may hold. */
    int bound()
    {
        return bound;
    }

    /** @return how many more packets it may take, growing if it must. */
    int room()
    {
        return bound - size();
    }

    /** @return members (bit per index) whose reclaim is open. */
    int openMask()
    {
        return open;
    }

    boolean isOpen(final int member)
    {
        return marks[member] != CLOSED;
    }

    /** Open {@code member}'s reclaim at the front, unless it is open already (then it continues at its mark). */
    void open(final int member)
    {
        if (marks[member] == CLOSED)
        {
            marks[member] = head;
            open |= 1 << member;
        }
    }

    /** {@code member} has nothing more to give back. */
    void close(final int member)
    {
        marks[member] = CLOSED;
        open &= ~(1 << member);
    }

    /**
     * Insert {@code count} packets from {@code src}, oldest first, at {@code member}'s mark; the caller checked
     * {@link #room()}. Grows the array (doubling, up to the bound) when they do not fit: control path.
     */
    void insert(final int member, final long[] src, final int count)
    {
        if (size() + count > slots.length)
        {
            final long[] grown = new long[Math.min(bound, Math.max(slots.length * 2, size() + count))];
            System.arraycopy(slots, head, grown, 0, size());
            slots = grown;
            shiftMarks(head);
        }
        else if (tail + count > slots.length)
        {
            compact();
        }
        final int at = marks[member];
        System.arraycopy(slots, at, slots, at + count, tail - at);
        System.arraycopy(src, 0, slots, at, count);
        tail += count;
        for (int m = 0; m < marks.length; m++)
        {
            if (m != member && marks[m] > at)
            {
                marks[m] += count;
            }
        }
        marks[member] = at + count;
    }

    /** @return the index (compare with {@link #head()}) up to which packets may be sent: the first open mark, else the tail. */
    int limit()
    {
        int limit = tail;
        for (final int mark : marks)
        {
            if (mark != CLOSED && mark < limit)
            {
                limit = mark;
            }
        }
        return limit;
    }

    int head()
    {
        return head;
    }

    /** @return the oldest packet; the queue must not be empty. */
    long peek()
    {
        return slots[head];
    }

    /** Remove the oldest packet. */
    void advance()
    {
        head++;
        if (head == tail && open == 0)
        {
            head = 0;
            tail = 0;
        }
    }

    /** Remove and return the oldest packet ignoring marks (closing the team). */
    long poll()
    {
        final long d = slots[head];
        advance();
        return d;
    }

    private void compact()
    {
        System.arraycopy(slots, head, slots, 0, tail - head);
        shiftMarks(head);
    }

    /** The packets moved {@code by} slots toward the start. */
    private void shiftMarks(final int by)
    {
        for (int m = 0; m < marks.length; m++)
        {
            if (marks[m] != CLOSED)
            {
                marks[m] -= by;
            }
        }
        tail -= by;
        head = 0;
    }
}
