package dev.twinpath.vmbus;

import java.nio.ByteOrder;

/**
 * Wire layout of a control message: the payload of one record of a control ring (Agrona's 8-byte
 * record header, length and record type {@link #CONTROL_RECORD_TYPE_ID}, comes before it). All
 * fields little-endian, as on VMBus.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-------------------------------+-------------------------------+
 *  |           type (u16)          |         version (u16)         |  0
 *  +-------------------------------+-------------------------------+
 *  |           flags (u16)         |       body length (u16)       |  4
 *  +-------------------------------+-------------------------------+
 *  |                                                               |  8
 *  +                     transaction id (u64)                      +
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                        body word 0 (u32)                      | 16
 *  +---------------------------------------------------------------+
 *  |                  body word 1 (u32), 8-byte bodies             | 20
 *  +---------------------------------------------------------------+
 *
 *  type                        body word 0                 body word 1
 *  INIT                        min version                 max version
 *  INIT_COMPLETE               negotiated version (0: none) status
 *  LINK_STATUS                 link state (0 down, 1 up)
 *  VF_ASSOCIATION              offered (0 revoked, 1 offered) VF serial
 *  SWITCH_DATA_PATH            path (0 synthetic, 1 VF)
 *  SWITCH_DATA_PATH_COMPLETE   path now active             status
 *  SUBCHANNEL_REQUEST          sub-channel count
 *  SUBCHANNEL_COMPLETE         sub-channel count granted   status
 * </pre>
 * {@code type} is a {@link ControlMessageType} id; {@code version} the protocol version the message is
 * written in ({@value #MIN_VERSION}..{@value #MAX_VERSION} are understood); {@code flags} has
 * {@link #FLAG_COMPLETION_REQUESTED}, the other bits are reserved and must be zero; {@code body length}
 * is at least the type's {@link ControlMessageType#bodyLength()} (a longer body is accepted and the
 * rest ignored, so a later minor revision may append fields); {@code transaction id} pairs a request
 * with its completion, as VMBus's request id does. Statuses are {@link ControlStatus} ids, paths
 * {@link DataPath} ids.
 * <p>
 * Threading: constants only, any thread.
 */
public final class ControlMessageDescriptor
{
    /** Agrona record type of a control record (data records use {@link DataRecordDescriptor#DATA_RECORD_TYPE_ID}). */
    public static final int CONTROL_RECORD_TYPE_ID = 2;

    /** Byte order of every field. */
    public static final ByteOrder BYTE_ORDER = ByteOrder.LITTLE_ENDIAN;

    /** Protocol version 1: init, link, VF association, data path switch. */
    public static final int VERSION_1 = 1;
    /** Protocol version 2: adds the sub-channel messages. */
    public static final int VERSION_2 = 2;
    /** Lowest version this implementation understands. */
    public static final int MIN_VERSION = VERSION_1;
    /** Highest version this implementation understands, and the one new messages are written in. */
    public static final int MAX_VERSION = VERSION_2;
    /** Largest version a message can carry (u16). */
    public static final int MAX_WIRE_VERSION = 0xFFFF;

    /** The sender asks for a completion message (the VMBus packet flag of the same name). */
    public static final int FLAG_COMPLETION_REQUESTED = 0x1;
    /** Flag bits that must be zero. */
    public static final int RESERVED_FLAGS = 0xFFFF & ~FLAG_COMPLETION_REQUESTED;

    /** Most sub-channels a request may ask for (VMBus offers at most 64 channels per adapter). */
    public static final int MAX_SUBCHANNELS = 63;

    public static final int TYPE_OFFSET = 0;
    public static final int VERSION_OFFSET = 2;
    public static final int FLAGS_OFFSET = 4;
    public static final int BODY_LENGTH_OFFSET = 6;
    public static final int TRANSACTION_ID_OFFSET = 8;
    public static final int HEADER_LENGTH = 16;

    public static final int BODY_WORD_0_OFFSET = HEADER_LENGTH;
    public static final int BODY_WORD_1_OFFSET = HEADER_LENGTH + 4;
    /** Longest body of any type this version knows. */
    public static final int MAX_BODY_LENGTH = 8;
    /** Longest message this implementation writes. */
    public static final int MAX_MESSAGE_LENGTH = HEADER_LENGTH + MAX_BODY_LENGTH;

    private ControlMessageDescriptor()
    {
    }
}
