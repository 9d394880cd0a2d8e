package dev.twinpath.packet.pcap;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Buffered sequential output to a capture file: little-endian fields and frame bytes are
 * copied into a direct {@link ByteBuffer} that is written to a {@link FileChannel} when full or
 * on {@link #flush()}. Frames larger than the buffer are copied in pieces, so nothing is
 * allocated per write.
 * <p>
 * Not thread-safe: owned by the thread that writes the file.
 */
final class CaptureFileOutput implements AutoCloseable
{
    static final int CAPACITY = 64 * 1024;
    static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;

    private final FileChannel channel;
    private final ByteBuffer byteBuffer = ByteBuffer.allocateDirect(CAPACITY);
    private final UnsafeBuffer view = new UnsafeBuffer(byteBuffer);
    private int position;
    private long bytesWritten;
    private boolean closed;

    CaptureFileOutput(final Path file) throws IOException
    {
        channel = FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
    }

    /**
     * Make room for {@code length} bytes of fixed fields, at most {@link #CAPACITY}.
     */
    void reserve(final int length) throws IOException
    {
        if (CAPACITY - position < length)
        {
            flush();
        }
    }

    /**
     * Put a field into space made by {@link #reserve(int)}.
     */
    void putShort(final int value)
    {
        view.putShort(position, (short)value, ORDER);
        position += 2;
    }

    void putInt(final int value)
    {
        view.putInt(position, value, ORDER);
        position += 4;
    }

    void putLong(final long value)
    {
        view.putLong(position, value, ORDER);
        position += 8;
    }

    void putByte(final int value)
    {
        view.putByte(position, (byte)value);
        position += 1;
    }

    void putZeros(final int length)
    {
        view.setMemory(position, length, (byte)0);
        position += length;
    }

    /**
     * Copy bytes of any length, flushing as the buffer fills.
     */
    void putBytes(final DirectBuffer source, final int sourceIndex, final int length) throws IOException
    {
        int done = 0;
        while (done < length)
        {
            if (CAPACITY == position)
            {
                flush();
            }
            final int chunk = Math.min(length - done, CAPACITY - position);
            view.putBytes(position, source, sourceIndex + done, chunk);
            position += chunk;
            done += chunk;
        }
    }

    void putBytes(final byte[] source) throws IOException
    {
        int done = 0;
        while (done < source.length)
        {
            if (CAPACITY == position)
            {
                flush();
            }
            final int chunk = Math.min(source.length - done, CAPACITY - position);
            view.putBytes(position, source, done, chunk);
            position += chunk;
            done += chunk;
        }
    }

    /**
     * Bytes handed to this output so far, flushed or not: the file offset of the next byte.
     */
    long offset()
    {
        return bytesWritten + position;
    }

    void flush() throws IOException
    {
        byteBuffer.limit(position).position(0);
        while (byteBuffer.hasRemaining())
        {
            channel.write(byteBuffer);
        }
        bytesWritten += position;
        position = 0;
        byteBuffer.clear();
    }

    boolean isClosed()
    {
        return closed;
    }

    public void close() throws IOException
    {
        if (!closed)
        {
            closed = true;
            try
            {
                flush();
            }
            finally
            {
                channel.close();
            }
        }
    }
}
