package dev.twinpath.packet.rss;

/**
 * RSS indirection table: maps the low-order bits of a packet's RSS hash to a receive queue, as a
 * NIC does. With a table of {@code size} entries (a power of two, default
 * {@link #DEFAULT_SIZE} = 128 as in Microsoft RSS) the entry for hash {@code h} is
 * {@code h & (size - 1)}; the upper hash bits select nothing.
 * <p>
 * A table is built for a function with {@code availableQueues} receive queues and only ever
 * names queues {@code 0 .. availableQueues - 1}. It starts spread evenly over
 * {@code min(availableQueues, size)} queues, as a NIC does at reset.
 * <p>
 * Changing an entry moves every flow whose hash lands on it to another queue, and packets of
 * those flows still in the old queue may then be overtaken: a caller that must keep per-flow
 * order (G2) moves entries through the steering layer's marker protocol, not directly.
 * <p>
 * Thread safety: not thread-safe and not safely published by itself; owned by the agent that
 * runs the receive side. Other threads reconfigure it by sending that agent a command.
 * {@link #queueFor(int)} does not allocate.
 */
public final class IndirectionTable
{
    /**
     * Default number of entries, the Microsoft RSS indirection table size.
     */
    public static final int DEFAULT_SIZE = 128;

    /**
     * Largest number of entries accepted.
     */
    public static final int MAX_SIZE = 1 << 16;

    /**
     * Largest number of queues accepted.
     */
    public static final int MAX_QUEUES = 1 << 16;

    private final int[] queues;
    private final int mask;
    private final int availableQueues;

    /**
     * A table of {@link #DEFAULT_SIZE} entries.
     *
     * @param availableQueues number of receive queues, 1 to {@link #MAX_QUEUES}.
     * @throws IllegalArgumentException if out of range.
     */
    public IndirectionTable(final int availableQueues)
    {
        this(DEFAULT_SIZE, availableQueues);
    }

    /**
     * A table of {@code size} entries.
     *
     * @param size            number of entries, a power of two from 1 to {@link #MAX_SIZE}.
     * @param availableQueues number of receive queues, 1 to {@link #MAX_QUEUES}.
     * @throws IllegalArgumentException if either is out of range or {@code size} is not a power
     *                                  of two.
     */
    public IndirectionTable(final int size, final int availableQueues)
    {
        if (size < 1 || size > MAX_SIZE || Integer.bitCount(size) != 1)
        {
            throw new IllegalArgumentException("size must be a power of two in [1, " + MAX_SIZE + "]: " + size);
        }
        if (availableQueues < 1 || availableQueues > MAX_QUEUES)
        {
            throw new IllegalArgumentException(
                "availableQueues must be in [1, " + MAX_QUEUES + "]: " + availableQueues);
        }

        this.queues = new int[size];
        this.mask = size - 1;
        this.availableQueues = availableQueues;
        spreadEvenly(Math.min(availableQueues, size));
    }

    /**
     * Receive queue for a hash: the entry at the hash's low-order bits.
     *
     * @param hash the packet's RSS hash.
     * @return the queue number.
     */
    public int queueFor(final int hash)
    {
        return queues[hash & mask];
    }

    /**
     * Entry index a hash selects.
     *
     * @param hash the packet's RSS hash.
     * @return {@code hash & (size - 1)}.
     */
    public int indexFor(final int hash)
    {
        return hash & mask;
    }

    /**
     * Fill the table round-robin with queues {@code 0 .. queueCount - 1}: entry {@code i} gets
     * queue {@code i % queueCount}, so each queue gets {@code size / queueCount} entries (one more
     * for the first {@code size % queueCount} queues).
     *
     * @param queueCount number of queues to use, 1 to {@code min(availableQueues, size)}.
     * @return this table.
     * @throws IllegalArgumentException if out of range: more queues than entries would leave some
     *                                  queues without traffic.
     */
    public IndirectionTable spreadEvenly(final int queueCount)
    {
        if (queueCount < 1 || queueCount > availableQueues)
        {
            throw new IllegalArgumentException(
                "queueCount must be in [1, " + availableQueues + "] (availableQueues): " + queueCount);
        }
        if (queueCount > queues.length)
        {
            throw new IllegalArgumentException(
                "queueCount " + queueCount + " exceeds the table size " + queues.length +
                ": queues " + queues.length + ".." + (queueCount - 1) + " would receive no traffic");
        }

        for (int i = 0; i < queues.length; i++)
        {
            queues[i] = i % queueCount;
        }

        return this;
    }

    /**
     * Point one entry at a queue.
     *
     * @param index entry, 0 to {@code size - 1}.
     * @param queue queue, 0 to {@code availableQueues - 1}.
     * @return this table.
     * @throws IllegalArgumentException if either is out of range.
     */
    public IndirectionTable set(final int index, final int queue)
    {
        if (index < 0 || index > mask)
        {
            throw new IllegalArgumentException("index must be in [0, " + mask + "]: " + index);
        }
        checkQueue(queue);
        queues[index] = queue;
        return this;
    }

    /**
     * Queue of one entry.
     *
     * @param index entry, 0 to {@code size - 1}.
     * @return the queue number.
     * @throws IllegalArgumentException if {@code index} is out of range.
     */
    public int get(final int index)
    {
        if (index < 0 || index > mask)
        {
            throw new IllegalArgumentException("index must be in [0, " + mask + "]: " + index);
        }
        return queues[index];
    }

    /**
     * Number of entries that point at a queue.
     *
     * @param queue queue, 0 to {@code availableQueues - 1}.
     * @return the count.
     * @throws IllegalArgumentException if {@code queue} is out of range.
     */
    public int entryCount(final int queue)
    {
        checkQueue(queue);
        int count = 0;
        for (final int q : queues)
        {
            if (q == queue)
            {
                count++;
            }
        }

        return count;
    }

    /**
     * Number of entries.
     *
     * @return the table size, a power of two.
     */
    public int size()
    {
        return queues.length;
    }

    /**
     * Number of queues this table may name.
     *
     * @return the queue count given at construction.
     */
    public int availableQueues()
    {
        return availableQueues;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public String toString()
    {
        final StringBuilder sb = new StringBuilder(32 + queues.length * 3)
            .append("IndirectionTable{size=").append(queues.length)
            .append(", availableQueues=").append(availableQueues).append(", entries=[");
        for (int i = 0; i < queues.length; i++)
        {
            sb.append(i == 0 ? "" : " ").append(queues[i]);
        }

        return sb.append("]}").toString();
    }

    private void checkQueue(final int queue)
    {
        if (queue < 0 || queue >= availableQueues)
        {
            throw new IllegalArgumentException(
                "queue must be in [0, " + (availableQueues - 1) + "] (availableQueues=" + availableQueues + "): " +
                queue);
        }
    }
}
