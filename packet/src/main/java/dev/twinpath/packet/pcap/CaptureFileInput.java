package dev.twinpath.packet.pcap;

import org.agrona.BitUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Buffered sequential input over a capture file: a {@link FileChannel} read into a direct
 * {@link ByteBuffer} that is refilled, compacted and, only when a larger unit must be held in
 * one piece, grown. The file is never read whole, so large captures stream.
 * <p>
 * A reader asks for {@link #ensure(int)} bytes at the {@link #index()} of the read position,
 * decodes them through {@link #view()} and then {@link #advance(int)}s. Indices into the
 * buffer are valid until the next call to {@code ensure} or {@code skip}.
 * <p>
 * Not thread-safe: owned by the thread that reads the file.
 */
final class CaptureFileInput implements AutoCloseable
{
    /**
     * Capacity of the buffer when the file is opened.
     */
    static final int INITIAL_CAPACITY = 64 * 1024;

    private final Path file;
    private final FileChannel channel;
    private final UnsafeBuffer view = new UnsafeBuffer();
    private ByteBuffer byteBuffer;
    private long bufferStartOffset;
    private int position;
    private int limit;
    private boolean endOfFile;

    CaptureFileInput(final Path file) throws IOException
    {
        this.file = file;
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
        this.byteBuffer = ByteBuffer.allocateDirect(INITIAL_CAPACITY);
        view.wrap(byteBuffer);
    }

    Path file()
    {
        return file;
    }

    /**
     * A view over the whole buffer; decode at {@link #index()} and beyond.
     *
     * @return the view over the buffer.
     */
    UnsafeBuffer view()
    {
        return view;
    }

    /**
     * The buffer the view wraps, for wrapping frame views over it.
     *
     * @return the buffer the view wraps.
     */
    ByteBuffer byteBuffer()
    {
        return byteBuffer;
    }

    /**
     * Index in the buffer of the read position.
     *
     * @return index in the buffer of the read position.
     */
    int index()
    {
        return position;
    }

    /**
     * Byte offset in the file of the read position.
     *
     * @return byte offset in the file of the read position.
     */
    long offset()
    {
        return bufferStartOffset + position;
    }

    /**
     * Bytes in the file from the read position to its current end.
     *
     * @return bytes in the file from the read position to its current end.
     * @throws IOException if the size of the file cannot be read.
     */
    long remaining() throws IOException
    {
        return Math.max(0L, channel.size() - offset());
    }

    int capacity()
    {
        return byteBuffer.capacity();
    }

    /**
     * Make {@code length} bytes from the read position available in the buffer, reading more
     * of the file as needed. The buffer grows only when it is smaller than {@code length} and
     * the file does hold that many bytes, so a length declared by a truncated file allocates
     * nothing.
     *
     * @param length number of bytes wanted, bounded by the caller.
     * @return true if they are available, false if the file ends first.
     * @throws IOException if the file cannot be read.
     */
    boolean ensure(final int length) throws IOException
    {
        if (limit - position >= length)
        {
            return true;
        }

        if (endOfFile)
        {
            return false;
        }

        if (length > byteBuffer.capacity())
        {
            if (remaining() < length)
            {
                return false;
            }
            grow(length);
        }
        else if (byteBuffer.capacity() - position < length)
        {
            compact();
        }

        byteBuffer.limit(byteBuffer.capacity()).position(limit);
        while (limit - position < length)
        {
            final int read = channel.read(byteBuffer);
            if (read < 0)
            {
                endOfFile = true;
                break;
            }
            limit += read;
        }

        return limit - position >= length;
    }

    /**
     * Move the read position forward over bytes made available by {@link #ensure(int)}.
     *
     * @param length number of bytes to move over.
     */
    void advance(final int length)
    {
        position += length;
    }

    /**
     * Move the read position forward, reading over or seeking past the bytes skipped. The
     * caller checks first that the file holds them.
     *
     * @param length number of bytes to skip.
     * @throws IOException if the file cannot be positioned.
     */
    void skip(final long length) throws IOException
    {
        if (length <= limit - position)
        {
            position += (int)length;
        }
        else
        {
            final long target = offset() + length;
            channel.position(target);
            bufferStartOffset = target;
            position = 0;
            limit = 0;
            endOfFile = false;
        }
    }

    public void close() throws IOException
    {
        channel.close();
    }

    private void compact()
    {
        byteBuffer.limit(limit).position(position);
        byteBuffer.compact();
        bufferStartOffset += position;
        limit -= position;
        position = 0;
    }

    private void grow(final int length)
    {
        final ByteBuffer larger = ByteBuffer.allocateDirect(BitUtil.findNextPositivePowerOfTwo(length));
        byteBuffer.limit(limit).position(position);
        larger.put(byteBuffer);
        bufferStartOffset += position;
        limit -= position;
        position = 0;
        byteBuffer = larger;
        view.wrap(byteBuffer);
    }
}
