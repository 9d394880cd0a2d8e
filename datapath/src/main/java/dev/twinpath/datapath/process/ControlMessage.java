package dev.twinpath.datapath.process;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.charset.StandardCharsets;

/**
 * One control message between lab processes, written and read field by field: a header (magic, kind, the
 * sender's host index or -1 for the rack, the lab's run id) and then the kind's fields in order: longs, strings
 * (length-prefixed UTF-8) and byte arrays (length-prefixed). Little-endian, as Agrona writes.
 * <p>
 * A reader checks the header and every length before it reads: a message from another lab or a corrupt one is
 * refused with a {@link ControlMessageException} naming the offset, never read past its end.
 * <p>
 * Control threads only; a message object is reused by its owner.
 */
public final class ControlMessage
{
    static final int MAGIC = 0x54574C50; // "TWLP"
    static final int HEADER_LENGTH = 20;

    private final ExpandableArrayBuffer out = new ExpandableArrayBuffer(256);
    private int writeLimit;
    private DirectBuffer in;
    private int readOffset;
    private int readLimit;
    private ControlKind kind;
    private int sender;
    private long runId;

    /** Start writing a message. @return this. */
    public ControlMessage begin(final ControlKind messageKind, final int fromHost, final long lab)
    {
        out.putInt(0, MAGIC);
        out.putInt(4, messageKind.ordinal());
        out.putInt(8, fromHost);
        out.putLong(12, lab);
        writeLimit = HEADER_LENGTH;
        kind = messageKind;
        sender = fromHost;
        runId = lab;
        return this;
    }

    public ControlMessage putLong(final long value)
    {
        out.putLong(writeLimit, value);
        writeLimit += 8;
        return this;
    }

    public ControlMessage putString(final String value)
    {
        final byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        return putBytes(bytes, 0, bytes.length);
    }

    public ControlMessage putBytes(final byte[] bytes, final int offset, final int length)
    {
        out.putInt(writeLimit, length);
        out.putBytes(writeLimit + 4, bytes, offset, length);
        writeLimit += 4 + length;
        return this;
    }

    public ControlMessage putLongs(final long[] values)
    {
        out.putInt(writeLimit, values.length);
        writeLimit += 4;
        for (final long value : values)
        {
            out.putLong(writeLimit, value);
            writeLimit += 8;
        }
        return this;
    }

    /** @return the written message. */
    MutableDirectBuffer buffer()
    {
        return out;
    }

    /** @return its length. */
    int length()
    {
        return writeLimit;
    }

    /**
     * Read a received message.
     *
     * @throws ControlMessageException for a short message, a bad magic or an unknown kind.
     */
    public ControlMessage wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < HEADER_LENGTH)
        {
            throw new ControlMessageException("a control message of " + length + " bytes is shorter than its " +
                HEADER_LENGTH + "-byte header");
        }
        if (buffer.getInt(offset) != MAGIC)
        {
            throw new ControlMessageException("bad magic 0x" + Integer.toHexString(buffer.getInt(offset)) + " at offset 0");
        }
        kind = ControlKind.of(buffer.getInt(offset + 4));
        if (kind == null)
        {
            throw new ControlMessageException("unknown kind " + buffer.getInt(offset + 4) + " at offset 4");
        }
        sender = buffer.getInt(offset + 8);
        runId = buffer.getLong(offset + 12);
        in = buffer;
        readOffset = offset + HEADER_LENGTH;
        readLimit = offset + length;
        this.baseOffset = offset;
        return this;
    }

    private int baseOffset;

    public ControlKind kind()
    {
        return kind;
    }

    /** @return the sender's host index, or -1 for the rack. */
    public int sender()
    {
        return sender;
    }

    /** @return the id of the lab run the message belongs to. */
    public long runId()
    {
        return runId;
    }

    private void need(final int bytes, final String what)
    {
        if (bytes < 0 || readOffset + bytes > readLimit)
        {
            throw new ControlMessageException(kind + ": " + what + " at offset " + (readOffset - baseOffset) +
                " runs past the end of the " + (readLimit - baseOffset) + "-byte message");
        }
    }

    public long getLong()
    {
        need(8, "a long");
        final long value = in.getLong(readOffset);
        readOffset += 8;
        return value;
    }

    public String getString()
    {
        return new String(getBytes(), StandardCharsets.UTF_8);
    }

    public byte[] getBytes()
    {
        need(4, "a length");
        final int length = in.getInt(readOffset);
        need(4 + length, "a field of " + length + " bytes");
        final byte[] bytes = new byte[length];
        in.getBytes(readOffset + 4, bytes);
        readOffset += 4 + length;
        return bytes;
    }

    public long[] getLongs()
    {
        need(4, "a count");
        final int count = in.getInt(readOffset);
        need(4 + 8 * count, "" + count + " longs");
        final long[] values = new long[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = in.getLong(readOffset + 4 + 8 * i);
        }
        readOffset += 4 + 8 * count;
        return values;
    }
}
