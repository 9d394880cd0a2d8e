package dev.twinpath.vmbus;

import org.agrona.MutableDirectBuffer;

import static dev.twinpath.vmbus.ControlMessageDescriptor.BODY_LENGTH_OFFSET;
import static dev.twinpath.vmbus.ControlMessageDescriptor.BODY_WORD_0_OFFSET;
import static dev.twinpath.vmbus.ControlMessageDescriptor.BODY_WORD_1_OFFSET;
import static dev.twinpath.vmbus.ControlMessageDescriptor.BYTE_ORDER;
import static dev.twinpath.vmbus.ControlMessageDescriptor.FLAGS_OFFSET;
import static dev.twinpath.vmbus.ControlMessageDescriptor.TRANSACTION_ID_OFFSET;
import static dev.twinpath.vmbus.ControlMessageDescriptor.TYPE_OFFSET;
import static dev.twinpath.vmbus.ControlMessageDescriptor.VERSION_OFFSET;

/**
 * Flyweight over one control message in a buffer (a claimed or a received ring record), laid out as
 * {@link ControlMessageDescriptor} says: getters {@code field()}, fluent setters {@code field(value)},
 * unsigned fields returned as non-negative {@code int}s. It checks nothing: {@link ControlMessageCodec}
 * reads a field only after checking that the record is long enough for it.
 * <p>
 * Threading: one instance per thread (each endpoint role that encodes or decodes has its own).
 */
public final class ControlMessageFlyweight
{
    private MutableDirectBuffer buffer;
    private int offset;

    /** Point at the message that starts at {@code offset}. */
    public ControlMessageFlyweight wrap(final MutableDirectBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        this.offset = offset;
        return this;
    }

    /** @return the raw type id (u16). */
    public int type()
    {
        return buffer.getShort(offset + TYPE_OFFSET, BYTE_ORDER) & 0xFFFF;
    }

    public ControlMessageFlyweight type(final int typeId)
    {
        buffer.putShort(offset + TYPE_OFFSET, (short)typeId, BYTE_ORDER);
        return this;
    }

    /** @return the protocol version (u16). */
    public int version()
    {
        return buffer.getShort(offset + VERSION_OFFSET, BYTE_ORDER) & 0xFFFF;
    }

    public ControlMessageFlyweight version(final int version)
    {
        buffer.putShort(offset + VERSION_OFFSET, (short)version, BYTE_ORDER);
        return this;
    }

    /** @return the flags (u16). */
    public int flags()
    {
        return buffer.getShort(offset + FLAGS_OFFSET, BYTE_ORDER) & 0xFFFF;
    }

    public ControlMessageFlyweight flags(final int flags)
    {
        buffer.putShort(offset + FLAGS_OFFSET, (short)flags, BYTE_ORDER);
        return this;
    }

    /** @return the body length in bytes (u16). */
    public int bodyLength()
    {
        return buffer.getShort(offset + BODY_LENGTH_OFFSET, BYTE_ORDER) & 0xFFFF;
    }

    public ControlMessageFlyweight bodyLength(final int bodyLength)
    {
        buffer.putShort(offset + BODY_LENGTH_OFFSET, (short)bodyLength, BYTE_ORDER);
        return this;
    }

    public long transactionId()
    {
        return buffer.getLong(offset + TRANSACTION_ID_OFFSET, BYTE_ORDER);
    }

    public ControlMessageFlyweight transactionId(final long transactionId)
    {
        buffer.putLong(offset + TRANSACTION_ID_OFFSET, transactionId, BYTE_ORDER);
        return this;
    }

    /** @return body word 0 (u32, as the bits of an {@code int}). */
    public int word0()
    {
        return buffer.getInt(offset + BODY_WORD_0_OFFSET, BYTE_ORDER);
    }

    public ControlMessageFlyweight word0(final int value)
    {
        buffer.putInt(offset + BODY_WORD_0_OFFSET, value, BYTE_ORDER);
        return this;
    }

    /** @return body word 1 (u32, as the bits of an {@code int}). */
    public int word1()
    {
        return buffer.getInt(offset + BODY_WORD_1_OFFSET, BYTE_ORDER);
    }

    public ControlMessageFlyweight word1(final int value)
    {
        buffer.putInt(offset + BODY_WORD_1_OFFSET, value, BYTE_ORDER);
        return this;
    }
}
