package dev.twinpath.packet.pcap;

import org.agrona.BitUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;

import static dev.twinpath.packet.pcap.PcapngDescriptor.*;

/**
 * Reader of pcapng files: one or more sections, each a Section Header Block (in either byte
 * order) followed by Interface Description Blocks and packet blocks; layout in
 * {@link PcapngDescriptor}.
 * <p>
 * Decoded: SHB, IDB ({@code if_tsresol}, {@code if_tsoffset}), EPB ({@code opt_comment}), SPB
 * (interface 0, no timestamp: {@link #NO_TIMESTAMP}) and the obsolete Packet Block. Every
 * other block type is skipped by its length. A block is valid when its total length is at
 * least 12, a multiple of 4, equal to its trailing copy, and its fixed fields and options fit
 * in it; a packet block must name an interface described earlier in its section (interface
 * ids restart at 0 in each section). Decoded blocks are bounded by {@link #MAXIMUM_BLOCK_LENGTH};
 * skipped blocks may be of any length.
 * <p>
 * Not thread-safe: owned by the thread that reads the file.
 */
public final class PcapngReader implements CaptureReader
{
    /**
     * Timestamp given to packets of a Simple Packet Block, which carries none.
     */
    public static final long NO_TIMESTAMP = Long.MIN_VALUE;

    /**
     * Largest block of a decoded type (SHB, IDB, EPB, SPB, Packet Block) that is read.
     */
    public static final int MAXIMUM_BLOCK_LENGTH = 1 << 20;

    private final CaptureFileInput input;
    private final PcapngBlockInput blocks;
    private final UnsafeBuffer view;
    private final PcapngInterfaceTable interfaces = new PcapngInterfaceTable();
    private int sectionCount;
    private long recordsLongerThanSnaplen;

    PcapngReader(final CaptureFileInput input) throws IOException
    {
        this.input = input;
        this.blocks = new PcapngBlockInput(input);
        this.view = input.view();
        readSectionHeader(input.offset());
    }

    static boolean isMagic(final int magicBigEndian)
    {
        return SECTION_HEADER_BLOCK == magicBigEndian;
    }

    /**
     * {@inheritDoc}
     */
    public Path file()
    {
        return input.file();
    }

    /**
     * {@inheritDoc}
     */
    public CaptureFormat format()
    {
        return CaptureFormat.PCAPNG;
    }

    /**
     * Byte order of the current section.
     *
     * @return byte order of the current section.
     */
    public ByteOrder byteOrder()
    {
        return blocks.order();
    }

    /**
     * Number of Section Header Blocks read so far.
     *
     * @return number of sections read so far.
     */
    public int sectionCount()
    {
        return sectionCount;
    }

    /**
     * Number of interfaces described so far in the current section.
     *
     * @return number of interfaces described in the current section.
     */
    public int interfaceCount()
    {
        return interfaces.count();
    }

    /**
     * Link-layer header type of an interface of the current section.
     *
     * @param interfaceId index below {@link #interfaceCount()}.
     * @return link-layer header type of the interface.
     */
    public int interfaceLinkType(final int interfaceId)
    {
        return interfaces.linkType(checkInterface(interfaceId));
    }

    /**
     * Snapshot length of an interface of the current section, 0 for none.
     *
     * @param interfaceId index below {@link #interfaceCount()}.
     * @return snapshot length of the interface.
     */
    public long interfaceSnaplen(final int interfaceId)
    {
        return interfaces.snaplen(checkInterface(interfaceId));
    }

    /**
     * {@inheritDoc}
     */
    public long recordsLongerThanSnaplen()
    {
        return recordsLongerThanSnaplen;
    }

    /**
     * {@inheritDoc}
     */
    public boolean next(final CaptureRecord record) throws IOException
    {
        while (true)
        {
            final long offset = input.offset();
            if (!input.ensure(BLOCK_HEADER_LENGTH))
            {
                final long remaining = input.remaining();
                if (0 == remaining)
                {
                    return false;
                }
                throw blocks.error(
                    offset, "block header needs " + BLOCK_HEADER_LENGTH + " bytes but only " + remaining + " remain");
            }

            final int type = view.getInt(input.index() + BLOCK_TYPE_OFFSET, blocks.order());
            if (SECTION_HEADER_BLOCK == type)
            {
                readSectionHeader(offset);
                continue;
            }

            final long totalLength = blocks.unsignedInt(input.index() + BLOCK_TOTAL_LENGTH_OFFSET);
            switch (type)
            {
                case ENHANCED_PACKET_BLOCK:
                case PACKET_BLOCK:
                    readPacket(record, offset, type, totalLength);
                    return true;

                case SIMPLE_PACKET_BLOCK:
                    readSimplePacket(record, offset, totalLength);
                    return true;

                case INTERFACE_DESCRIPTION_BLOCK:
                    readInterfaceDescription(offset, totalLength);
                    break;

                default:
                    blocks.skip(offset, String.format("block of type 0x%08x", type), totalLength);
                    break;
            }
        }
    }

    /**
     * {@inheritDoc}
     */
    public void close() throws IOException
    {
        input.close();
    }

    int bufferCapacity()
    {
        return input.capacity();
    }

    private void readSectionHeader(final long offset) throws IOException
    {
        final String name = "section header block";
        if (!input.ensure(SHB_BYTE_ORDER_MAGIC_OFFSET + 4))
        {
            throw blocks.error(
                offset, name + " needs at least " + SHB_MIN_LENGTH + " bytes but only " +
                input.remaining() + " remain");
        }

        final int magic = view.getInt(input.index() + SHB_BYTE_ORDER_MAGIC_OFFSET, ByteOrder.BIG_ENDIAN);
        if (BYTE_ORDER_MAGIC == magic)
        {
            blocks.order(ByteOrder.BIG_ENDIAN);
        }
        else if (Integer.reverseBytes(BYTE_ORDER_MAGIC) == magic)
        {
            blocks.order(ByteOrder.LITTLE_ENDIAN);
        }
        else
        {
            throw blocks.error(
                offset, String.format("byte-order magic 0x%08x is not 0x1a2b3c4d in either byte order", magic));
        }

        final long totalLength = blocks.unsignedInt(input.index() + BLOCK_TOTAL_LENGTH_OFFSET);
        blocks.load(offset, name, SHB_MIN_LENGTH, totalLength, MAXIMUM_BLOCK_LENGTH);

        final int index = input.index();
        final int major = blocks.unsignedShort(index + SHB_MAJOR_VERSION_OFFSET);
        final int minor = blocks.unsignedShort(index + SHB_MINOR_VERSION_OFFSET);
        if (1 != major)
        {
            throw blocks.error(offset, "unsupported pcapng version " + major + "." + minor + ", expected 1.x");
        }

        interfaces.clear();
        sectionCount++;
        input.advance((int)totalLength);
    }

    private void readInterfaceDescription(final long offset, final long totalLength) throws IOException
    {
        blocks.load(
            offset, "interface description block", IDB_MIN_LENGTH, totalLength, MAXIMUM_BLOCK_LENGTH);

        final int index = input.index();
        final int linkType = blocks.unsignedShort(index + IDB_LINK_TYPE_OFFSET);
        final long snaplen = blocks.unsignedInt(index + IDB_SNAPLEN_OFFSET);
        int tsresol = PcapngInterfaceTable.DEFAULT_TSRESOL;
        long tsoffset = 0;

        final int end = index + (int)totalLength - BLOCK_TRAILER_LENGTH;
        int option = index + IDB_OPTIONS_OFFSET;
        int length;
        while ((length = blocks.optionLength(offset, index, option, end)) >= 0)
        {
            final int code = blocks.unsignedShort(option + OPTION_CODE_OFFSET);
            final int value = option + OPTION_HEADER_LENGTH;
            if (IF_TSRESOL == code && length >= 1)
            {
                tsresol = view.getByte(value) & 0xFF;
                if (!PcapngInterfaceTable.isSupportedTsresol(tsresol))
                {
                    throw blocks.error(
                        offset, String.format("if_tsresol 0x%02x is finer than 10^-18 or 2^-63 s", tsresol));
                }
            }
            else if (IF_TSOFFSET == code && length >= 8)
            {
                tsoffset = view.getLong(value, blocks.order());
            }
            option += OPTION_HEADER_LENGTH + BitUtil.align(length, 4);
        }

        try
        {
            interfaces.add(linkType, snaplen, tsresol, tsoffset);
        }
        catch (final ArithmeticException ex)
        {
            throw blocks.error(offset, "if_tsoffset " + tsoffset + " s does not fit in 64-bit nanoseconds");
        }
        input.advance((int)totalLength);
    }

    private void readPacket(final CaptureRecord record, final long offset, final int type, final long totalLength)
        throws IOException
    {
        final String name = ENHANCED_PACKET_BLOCK == type ? "enhanced packet block" : "packet block";
        blocks.checkTotalLength(offset, name, EPB_MIN_LENGTH, totalLength);
        blocks.ensureHeader(offset, name, EPB_DATA_OFFSET, totalLength);

        final long capturedLength = blocks.unsignedInt(input.index() + EPB_CAPTURED_LENGTH_OFFSET);
        if (capturedLength > MAXIMUM_SNAPLEN)
        {
            throw blocks.error(
                offset, name + " declares " + capturedLength + " captured bytes, more than the maximum " +
                MAXIMUM_SNAPLEN);
        }
        blocks.load(offset, name, EPB_MIN_LENGTH, totalLength, MAXIMUM_BLOCK_LENGTH);

        final int index = input.index();
        final int dataEnd = EPB_DATA_OFFSET + BitUtil.align((int)capturedLength, 4);
        if (dataEnd + BLOCK_TRAILER_LENGTH > totalLength)
        {
            throw blocks.error(
                offset, name + " declares " + capturedLength + " captured bytes, more than its total length " +
                totalLength + " holds");
        }

        final long interfaceId = ENHANCED_PACKET_BLOCK == type ?
            blocks.unsignedInt(index + EPB_INTERFACE_ID_OFFSET) : blocks.unsignedShort(index + EPB_INTERFACE_ID_OFFSET);
        if (interfaceId >= interfaces.count())
        {
            throw blocks.error(
                offset, name + " refers to interface " + interfaceId + " but its section describes " +
                interfaces.count());
        }

        final long wireLength = checkWireLength(offset, name, blocks.unsignedInt(index + EPB_WIRE_LENGTH_OFFSET));
        final int id = (int)interfaceId;
        final long units = (blocks.unsignedInt(index + EPB_TIMESTAMP_HIGH_OFFSET) << 32) |
            blocks.unsignedInt(index + EPB_TIMESTAMP_LOW_OFFSET);
        final long timestampNanos;
        try
        {
            timestampNanos = interfaces.timestampNanos(id, units);
        }
        catch (final ArithmeticException ex)
        {
            throw blocks.error(offset, String.format(
                "timestamp %s at if_tsresol 0x%02x does not fit in 64-bit nanoseconds",
                Long.toUnsignedString(units), interfaces.tsresol(id)));
        }

        String comment = null;
        final int end = index + (int)totalLength - BLOCK_TRAILER_LENGTH;
        int option = index + dataEnd;
        int length;
        while ((length = blocks.optionLength(offset, index, option, end)) >= 0)
        {
            if (OPT_COMMENT == blocks.unsignedShort(option + OPTION_CODE_OFFSET) && null == comment)
            {
                comment = blocks.string(option + OPTION_HEADER_LENGTH, length);
            }
            option += OPTION_HEADER_LENGTH + BitUtil.align(length, 4);
        }

        fill(record, offset, index + EPB_DATA_OFFSET, (int)capturedLength, (int)wireLength, timestampNanos, id);
        record.comment(comment);
        input.advance((int)totalLength);
    }

    private void readSimplePacket(final CaptureRecord record, final long offset, final long totalLength)
        throws IOException
    {
        final String name = "simple packet block";
        blocks.checkTotalLength(offset, name, SPB_MIN_LENGTH, totalLength);
        if (0 == interfaces.count())
        {
            throw blocks.error(offset, name + " appears before any interface description block");
        }

        final long snaplen = interfaces.snaplen(0);
        final long room = totalLength - SPB_MIN_LENGTH;
        final long capacity = 0 == snaplen ? room : Math.min(snaplen, room);
        if (capacity > MAXIMUM_SNAPLEN)
        {
            throw blocks.error(
                offset, name + " has room for " + capacity + " captured bytes, more than the maximum " +
                MAXIMUM_SNAPLEN);
        }
        blocks.load(offset, name, SPB_MIN_LENGTH, totalLength, MAXIMUM_BLOCK_LENGTH);

        final int index = input.index();
        final long wireLength = checkWireLength(offset, name, blocks.unsignedInt(index + SPB_WIRE_LENGTH_OFFSET));
        final int capturedLength = (int)Math.min(wireLength, capacity);
        fill(record, offset, index + SPB_DATA_OFFSET, capturedLength, (int)wireLength, NO_TIMESTAMP, 0);
        record.comment(null);
        input.advance((int)totalLength);
    }

    private long checkWireLength(final long offset, final String name, final long wireLength)
        throws CaptureFormatException
    {
        if (wireLength > Integer.MAX_VALUE)
        {
            throw blocks.error(
                offset, name + " declares a wire length of " + wireLength + " bytes, more than " + Integer.MAX_VALUE);
        }
        return wireLength;
    }

    private void fill(
        final CaptureRecord record,
        final long offset,
        final int dataIndex,
        final int capturedLength,
        final int wireLength,
        final long timestampNanos,
        final int interfaceId)
    {
        final long snaplen = interfaces.snaplen(interfaceId);
        final boolean longer = 0 != snaplen && capturedLength > snaplen;
        if (longer)
        {
            recordsLongerThanSnaplen++;
        }

        record.frame(input.byteBuffer(), dataIndex, capturedLength);
        record.wireLength(wireLength);
        record.timestampNanos(timestampNanos);
        record.interfaceId(interfaceId);
        record.linkType(interfaces.linkType(interfaceId));
        record.fileOffset(offset);
        record.longerThanSnaplen(longer);
    }

    private int checkInterface(final int interfaceId)
    {
        if (interfaceId < 0 || interfaceId >= interfaces.count())
        {
            throw new IndexOutOfBoundsException(
                "interface " + interfaceId + " of " + interfaces.count() + " in the current section");
        }
        return interfaceId;
    }
}
