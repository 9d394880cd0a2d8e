package dev.twinpath.packet.pool;

/**
 * Counters a {@link PacketPool} keeps, by id. Each {@link PoolCache} keeps its own block (one
 * writer, no shared cache line on the hot path); the pool keeps one shared block for calls made on
 * the pool itself and for caches that have been closed. {@link PacketPool#counter(PoolCounter)}
 * sums them: exact at a quiescent point, a recent snapshot otherwise.
 * <p>
 * Threading: constants only, any thread.
 */
public enum PoolCounter
{
    /**
     * Handles handed to the application (not counting moves between the free ring and caches).
     */
    ALLOCATIONS(0, "Handles allocated"),

    /**
     * Handles the application gave back and the pool accepted.
     */
    FREES(1, "Handles freed"),

    /**
     * Allocation calls that obtained fewer handles than asked for (a bulk or single call that
     * returned {@link PacketPool#EXHAUSTED}, or a short burst).
     */
    ALLOCATION_FAILURES(2, "Allocation calls short of handles"),

    /**
     * Frees refused because the handle was out of range ({@link PacketPool#INVALID_HANDLE}).
     */
    INVALID_HANDLES(3, "Frees of an out-of-range handle"),

    /**
     * Frees refused in debug mode because the handle was already free ({@link PacketPool#DOUBLE_FREE}).
     */
    DOUBLE_FREES(4, "Frees of a handle already free"),

    /**
     * Handles dropped because the free ring was full ({@link PacketPool#OVERFLOW}); only possible
     * after an undetected double free, i.e. outside debug mode.
     */
    OVERFLOWS(5, "Frees dropped on a full free ring");

    /**
     * Number of counters.
     */
    public static final int COUNT = values().length;

    private final int id;
    private final String label;

    PoolCounter(final int id, final String label)
    {
        this.id = id;
        this.label = label;
    }

    /**
     * @return stable id, also the counter's index in a counter block.
     */
    public int id()
    {
        return id;
    }

    /**
     * @return human-readable label.
     */
    public String label()
    {
        return label;
    }

    int offset()
    {
        return id * Long.BYTES;
    }
}
