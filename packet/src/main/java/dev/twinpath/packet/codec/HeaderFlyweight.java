package dev.twinpath.packet.codec;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * Base of the protocol header flyweights: a window {@code [offset, offset + length)} over a buffer,
 * read and written in network byte order. A flyweight holds no packet data of its own and is
 * re-pointed with {@link #wrap(DirectBuffer, int, int)}, so one instance serves every packet.
 * <p>
 * Getters do not check bounds beyond what the buffer itself checks: the {@code FrameParser}
 * validates lengths before it hands out offsets. Setters need the wrapped buffer to be a
 * {@link MutableDirectBuffer}.
 * <p>
 * Not thread-safe: owned by the thread that wrapped it.
 *
 * @param <T> the concrete flyweight, so that {@code wrap} chains into its setters.
 */
public abstract class HeaderFlyweight<T extends HeaderFlyweight<T>>
{
    /** Network byte order, used for every multi-byte field. */
    protected static final ByteOrder NETWORK = ByteOrder.BIG_ENDIAN;

    protected DirectBuffer buffer;
    protected MutableDirectBuffer mutableBuffer;
    protected int offset;
    protected int length;

    /**
     * Point this flyweight at a header.
     *
     * @param buffer holding the frame.
     * @param offset of the first byte of the header.
     * @param length bytes available from {@code offset} (header and what follows it).
     * @return this for fluent use.
     */
    @SuppressWarnings("unchecked")
    public T wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        this.buffer = buffer;
        this.mutableBuffer = buffer instanceof MutableDirectBuffer ? (MutableDirectBuffer)buffer : null;
        this.offset = offset;
        this.length = length;
        return (T)this;
    }

    /** @return the wrapped buffer. */
    public DirectBuffer buffer()
    {
        return buffer;
    }

    /** @return offset of the header in the buffer. */
    public int offset()
    {
        return offset;
    }

    /** @return bytes available from {@link #offset()}. */
    public int length()
    {
        return length;
    }

    protected final int u8(final int at)
    {
        return buffer.getByte(offset + at) & 0xFF;
    }

    protected final int u16(final int at)
    {
        return buffer.getShort(offset + at, NETWORK) & 0xFFFF;
    }

    protected final int i32(final int at)
    {
        return buffer.getInt(offset + at, NETWORK);
    }

    protected final long u48(final int at)
    {
        return ((long)u16(at) << 32) | (i32(at + 2) & 0xFFFF_FFFFL);
    }

    protected final long i64(final int at)
    {
        return buffer.getLong(offset + at, NETWORK);
    }

    protected final void u8(final int at, final int value)
    {
        mutableBuffer.putByte(offset + at, (byte)value);
    }

    protected final void u16(final int at, final int value)
    {
        mutableBuffer.putShort(offset + at, (short)value, NETWORK);
    }

    protected final void i32(final int at, final int value)
    {
        mutableBuffer.putInt(offset + at, value, NETWORK);
    }

    protected final void u48(final int at, final long value)
    {
        u16(at, (int)(value >>> 32));
        i32(at + 2, (int)value);
    }

    protected final void i64(final int at, final long value)
    {
        mutableBuffer.putLong(offset + at, value, NETWORK);
    }
}
