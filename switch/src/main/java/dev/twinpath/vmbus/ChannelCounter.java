package dev.twinpath.vmbus;

/**
 * The counters of one {@link VmBusEndpoint}, each with a stable id and the role whose thread is its
 * only writer. {@link ChannelCounters} keeps them off-heap, one block of two cache lines per role,
 * so the four roles of an endpoint (data sender, control sender, data receiver, control receiver)
 * may run on four threads without sharing a written line.
 * <p>
 * Threading: immutable, any thread.
 */
public enum ChannelCounter
{
    /** Descriptors (packets and markers) written to the outbound data ring. */
    DATA_DESCRIPTORS_SENT(0, Role.DATA_SENDER, 0),
    /** Data records written (one per burst of up to {@code maxBurst} descriptors). */
    DATA_RECORDS_SENT(1, Role.DATA_SENDER, 1),
    /** Send calls that wrote fewer descriptors than asked because the data ring was full. */
    DATA_RING_FULL(2, Role.DATA_SENDER, 2),
    /** Control messages written to the outbound control ring. */
    CONTROL_SENT(3, Role.CONTROL_SENDER, 0),
    /** {@code sendControl} calls refused because the control ring was full. */
    CONTROL_RING_FULL(4, Role.CONTROL_SENDER, 1),
    /** Descriptors copied out of the inbound data ring. */
    DATA_DESCRIPTORS_RECEIVED(5, Role.DATA_RECEIVER, 0),
    /** Data records fully consumed. */
    DATA_RECORDS_RECEIVED(6, Role.DATA_RECEIVER, 1),
    /** Control messages decoded and handed to the handler. */
    CONTROL_RECEIVED(7, Role.CONTROL_RECEIVER, 0),
    /** Control records skipped: {@link ControlDecodeError#UNKNOWN_TYPE}. */
    CONTROL_MALFORMED_UNKNOWN_TYPE(8, Role.CONTROL_RECEIVER, 1),
    /** Control records skipped: {@link ControlDecodeError#UNSUPPORTED_VERSION}. */
    CONTROL_MALFORMED_UNSUPPORTED_VERSION(9, Role.CONTROL_RECEIVER, 2),
    /** Control records skipped: {@link ControlDecodeError#TRUNCATED}. */
    CONTROL_MALFORMED_TRUNCATED(10, Role.CONTROL_RECEIVER, 3),
    /** Control records skipped: {@link ControlDecodeError#BAD_FIELD}. */
    CONTROL_MALFORMED_BAD_FIELD(11, Role.CONTROL_RECEIVER, 4),
    /** Control messages a {@link ControlFaults} fault lost (fault injection). */
    CONTROL_FAULT_LOST(12, Role.CONTROL_SENDER, 2),
    /** Control messages a {@link ControlFaults} fault held back before writing them (fault injection). */
    CONTROL_FAULT_DELAYED(13, Role.CONTROL_SENDER, 3);

    /** The thread that writes a counter: each role is one thread (several roles may share one). */
    public enum Role
    {
        /** Calls {@code sendBurst}/{@code sendBulk}. */
        DATA_SENDER,
        /** Calls {@code sendControl}. */
        CONTROL_SENDER,
        /** Calls {@code receiveBurst}. */
        DATA_RECEIVER,
        /** Calls {@code pollControl}. */
        CONTROL_RECEIVER
    }

    /** Bytes per role block: two cache lines, so adjacent-line prefetch does not couple two roles. */
    static final int ROLE_BLOCK_LENGTH = 128;
    /** Bytes of all the counters of one endpoint. */
    static final int LENGTH = Role.values().length * ROLE_BLOCK_LENGTH;

    private final int id;
    private final Role role;
    private final int offset;

    ChannelCounter(final int id, final Role role, final int slot)
    {
        this.id = id;
        this.role = role;
        this.offset = role.ordinal() * ROLE_BLOCK_LENGTH + slot * Long.BYTES;
    }

    /** @return the stable id. */
    public int id()
    {
        return id;
    }

    /** @return the role whose thread writes this counter. */
    public Role role()
    {
        return role;
    }

    /** @return the byte offset of the value in the endpoint's counter block. */
    int offset()
    {
        return offset;
    }
}
