package dev.twinpath.packet.pcap;

import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;

import static dev.twinpath.packet.pcap.PcapngDescriptor.*;

/**
 * The framing layer of a pcapng file: checks that a block's total length is at least its
 * minimum, a multiple of 4, within bounds, present in the file and equal to its trailing copy;
 * loads decoded blocks whole into the input buffer, skips the others, and walks options. Every
 * failure is a {@link CaptureFormatException} at the offset of the block. Layout in
 * {@link PcapngDescriptor}.
 * <p>
 * Not thread-safe: owned by the thread that reads the file.
 */
final class PcapngBlockInput
{
    private final CaptureFileInput input;
    private final Path file;
    private final UnsafeBuffer view;
    private ByteOrder order = ByteOrder.LITTLE_ENDIAN;

    PcapngBlockInput(final CaptureFileInput input)
    {
        this.input = input;
        this.file = input.file();
        this.view = input.view();
    }

    CaptureFileInput input()
    {
        return input;
    }

    UnsafeBuffer view()
    {
        return view;
    }

    ByteOrder order()
    {
        return order;
    }

    void order(final ByteOrder order)
    {
        this.order = order;
    }

    int unsignedShort(final int index)
    {
        return view.getShort(index, order) & 0xFFFF;
    }

    long unsignedInt(final int index)
    {
        return view.getInt(index, order) & 0xFFFF_FFFFL;
    }

    CaptureFormatException error(final long offset, final String reason)
    {
        return new CaptureFormatException(file, offset, reason);
    }

    /**
     * Check a declared total length against the minimum for its block type and 32-bit alignment.
     */
    void checkTotalLength(final long offset, final String name, final int minimum, final long totalLength)
        throws CaptureFormatException
    {
        if (totalLength < minimum)
        {
            throw error(offset, name + " total length " + totalLength + " is less than the minimum " + minimum);
        }
        if (0 != (totalLength & 3))
        {
            throw error(offset, name + " total length " + totalLength + " is not a multiple of 4");
        }
    }

    /**
     * Make the first {@code length} bytes of the block at the read position available.
     */
    void ensureHeader(final long offset, final String name, final int length, final long totalLength)
        throws IOException
    {
        if (!input.ensure(length))
        {
            throw truncated(offset, name, totalLength);
        }
    }

    /**
     * Check the block at the read position and make all of it available from {@code input().index()}.
     */
    void load(final long offset, final String name, final int minimum, final long totalLength, final int maximum)
        throws IOException
    {
        checkTotalLength(offset, name, minimum, totalLength);
        if (totalLength > maximum)
        {
            throw error(offset, name + " total length " + totalLength + " exceeds the maximum " + maximum);
        }
        ensureHeader(offset, name, (int)totalLength, totalLength);
        checkTrailer(offset, input.index() + (int)totalLength - BLOCK_TRAILER_LENGTH, totalLength);
    }

    /**
     * Check the block at the read position and move past it without buffering its body.
     */
    void skip(final long offset, final String name, final long totalLength) throws IOException
    {
        checkTotalLength(offset, name, MIN_BLOCK_LENGTH, totalLength);
        if (input.remaining() < totalLength)
        {
            throw truncated(offset, name, totalLength);
        }

        input.skip(totalLength - BLOCK_TRAILER_LENGTH);
        if (!input.ensure(BLOCK_TRAILER_LENGTH))
        {
            throw truncated(offset, name, totalLength);
        }
        checkTrailer(offset, input.index(), totalLength);
        input.advance(BLOCK_TRAILER_LENGTH);
    }

    /**
     * Check the option at {@code option} and return the length of its value, or -1 at the end of
     * the options ({@code opt_endofopt} or the end of the block).
     *
     * @param offset     file offset of the block, for errors.
     * @param blockIndex buffer index of the block.
     * @param option     buffer index of the option, 32-bit aligned relative to the block.
     * @param end        buffer index of the block's trailing length.
     * @return length of the option value, or -1.
     * @throws CaptureFormatException if the option runs past the end of the block.
     */
    int optionLength(final long offset, final int blockIndex, final int option, final int end)
        throws CaptureFormatException
    {
        if (option >= end)
        {
            return -1;
        }

        final int code = unsignedShort(option + OPTION_CODE_OFFSET);
        final int length = unsignedShort(option + OPTION_LENGTH_OFFSET);
        if (OPT_ENDOFOPT == code)
        {
            return -1;
        }
        if (OPTION_HEADER_LENGTH + length > end - option)
        {
            throw error(
                offset, "option " + code + " at block byte " + (option - blockIndex) + " declares " + length +
                " bytes but only " + (end - option - OPTION_HEADER_LENGTH) + " remain in the block");
        }

        return length;
    }

    /**
     * Decode a UTF-8 option value, dropping trailing NUL bytes that some writers add.
     */
    String string(final int index, final int length)
    {
        int end = length;
        while (end > 0 && 0 == view.getByte(index + end - 1))
        {
            end--;
        }
        return view.getStringWithoutLengthUtf8(index, end);
    }

    private void checkTrailer(final long offset, final int trailerIndex, final long totalLength)
        throws CaptureFormatException
    {
        final long trailer = unsignedInt(trailerIndex);
        if (trailer != totalLength)
        {
            throw error(offset, "block total length " + totalLength + " differs from its trailing copy " + trailer);
        }
    }

    private CaptureFormatException truncated(final long offset, final String name, final long totalLength)
        throws IOException
    {
        final long remaining = input.remaining() + (input.offset() - offset);
        return error(offset, name + " declares " + totalLength + " bytes but only " + remaining + " remain");
    }
}
