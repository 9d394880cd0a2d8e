package dev.twinpath.packet.pcap;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds pcapng files block by block for reader tests, in either byte order, including blocks
 * that break the format on purpose. Records the offset of every block.
 * <p>
 * Not thread-safe: used by one test thread.
 */
final class PcapngFileBuilder
{
    private ByteBuffer buffer = ByteBuffer.allocate(1024);
    private ByteOrder order = ByteOrder.LITTLE_ENDIAN;
    private final List<Integer> blockOffsets = new ArrayList<>();

    PcapngFileBuilder section(final ByteOrder order)
    {
        return section(order, 1);
    }

    PcapngFileBuilder section(final ByteOrder order, final int majorVersion)
    {
        this.order = order;
        final ByteBuffer body = body().putInt(0x1A2B3C4D).putShort((short)majorVersion).putShort((short)0).putLong(-1);
        return block(0x0A0D0D0A, body, option(4, "builder".getBytes(StandardCharsets.UTF_8)));
    }

    PcapngFileBuilder interfaceDescription(
        final int linkType, final int snaplen, final int tsresol, final long tsoffset)
    {
        final ByteBuffer body = body().putShort((short)linkType).putShort((short)0).putInt(snaplen);
        final byte[] resolution = tsresol < 0 ? new byte[0] : option(9, new byte[]{ (byte)tsresol });
        final byte[] offset = 0 == tsoffset ? new byte[0] :
            option(14, ByteBuffer.allocate(8).order(order).putLong(tsoffset).array());
        return block(1, body, concat(option(2, "eth0".getBytes(StandardCharsets.UTF_8)), resolution, offset));
    }

    PcapngFileBuilder enhancedPacket(
        final int interfaceId, final long units, final byte[] data, final int wireLength, final String comment)
    {
        return enhancedPacket(interfaceId, units, data.length, data, wireLength, comment);
    }

    PcapngFileBuilder enhancedPacket(
        final int interfaceId,
        final long units,
        final int declaredLength,
        final byte[] data,
        final int wireLength,
        final String comment)
    {
        final ByteBuffer body = body().putInt(interfaceId).putInt((int)(units >>> 32)).putInt((int)units)
            .putInt(declaredLength).putInt(wireLength);
        body.put(data).position(align(body.position()));
        final byte[] options = null == comment ? new byte[0] : option(1, comment.getBytes(StandardCharsets.UTF_8));
        return block(6, body, options);
    }

    PcapngFileBuilder packet(final int interfaceId, final long units, final byte[] data, final int wireLength)
    {
        final ByteBuffer body = body().putShort((short)interfaceId).putShort((short)0)
            .putInt((int)(units >>> 32)).putInt((int)units).putInt(data.length).putInt(wireLength);
        body.put(data).position(align(body.position()));
        return block(2, body, new byte[0]);
    }

    PcapngFileBuilder simplePacket(final int wireLength, final byte[] data)
    {
        final ByteBuffer body = body().putInt(wireLength);
        body.put(data).position(align(body.position()));
        return block(3, body, new byte[0]);
    }

    PcapngFileBuilder block(final int type, final byte[] body)
    {
        final ByteBuffer bodyBuffer = ByteBuffer.allocate(body.length).put(body);
        return block(type, bodyBuffer, new byte[0]);
    }

    /**
     * Raw bytes in the current byte order, e.g. a broken block header.
     */
    PcapngFileBuilder ints(final int... values)
    {
        blockOffsets.add(buffer.position());
        for (final int value : values)
        {
            room(4);
            buffer.order(order).putInt(value);
        }
        return this;
    }

    /**
     * Overwrite a 32-bit field of the file, in the byte order of the last section.
     */
    PcapngFileBuilder patchInt(final int fileOffset, final int value)
    {
        buffer.order(order).putInt(fileOffset, value);
        return this;
    }

    int blockOffset(final int index)
    {
        return blockOffsets.get(index);
    }

    int[] blockOffsets()
    {
        return blockOffsets.stream().mapToInt(Integer::intValue).toArray();
    }

    int length()
    {
        return buffer.position();
    }

    byte[] bytes()
    {
        return Arrays.copyOf(buffer.array(), buffer.position());
    }

    private ByteBuffer body()
    {
        return ByteBuffer.allocate(64 * 1024).order(order);
    }

    private PcapngFileBuilder block(final int type, final ByteBuffer body, final byte[] options)
    {
        final int bodyLength = body.position();
        final int optionsLength = 0 == options.length ? 0 : options.length + 4;
        final int totalLength = 12 + bodyLength + optionsLength;
        room(totalLength);
        blockOffsets.add(buffer.position());
        buffer.order(order).putInt(type).putInt(totalLength).put(body.array(), 0, bodyLength);
        if (optionsLength > 0)
        {
            buffer.put(options).putInt(0);
        }
        buffer.putInt(totalLength);
        return this;
    }

    private byte[] option(final int code, final byte[] value)
    {
        final ByteBuffer option = ByteBuffer.allocate(4 + align(value.length)).order(order);
        option.putShort((short)code).putShort((short)value.length).put(value);
        return option.array();
    }

    private void room(final int length)
    {
        if (buffer.remaining() < length)
        {
            final ByteBuffer larger = ByteBuffer.allocate(Math.max(buffer.capacity() * 2, buffer.position() + length));
            buffer.flip();
            larger.put(buffer);
            buffer = larger;
        }
    }

    private static byte[] concat(final byte[]... parts)
    {
        final ByteBuffer all = ByteBuffer.allocate(Arrays.stream(parts).mapToInt((p) -> p.length).sum());
        for (final byte[] part : parts)
        {
            all.put(part);
        }
        return all.array();
    }

    private static int align(final int length)
    {
        return (length + 3) & ~3;
    }
}
