package dev.twinpath.packet.pool;

/**
 * Thrown by {@link PacketPool#assertNoLeak()} on the control path when a quiescent pool does not
 * have every slot back exactly once, or its counters disagree with its free lists.
 * <p>
 * Threading: immutable, any thread.
 */
public final class PoolLeakException extends IllegalStateException
{
    private static final long serialVersionUID = 1L;

    private final transient PoolAudit audit;

    /**
     * @param audit the audit that failed.
     */
    public PoolLeakException(final PoolAudit audit)
    {
        super(audit.toString());
        this.audit = audit;
    }

    /**
     * @return the audit that failed.
     */
    public PoolAudit audit()
    {
        return audit;
    }
}
