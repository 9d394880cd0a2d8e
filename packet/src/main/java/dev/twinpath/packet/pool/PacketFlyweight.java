package dev.twinpath.packet.pool;

import org.agrona.concurrent.UnsafeBuffer;

import static dev.twinpath.packet.pool.PacketSlotDescriptor.FLAGS_OFFSET;
import static dev.twinpath.packet.pool.PacketSlotDescriptor.LENGTH_OFFSET;
import static dev.twinpath.packet.pool.PacketSlotDescriptor.PORT_OFFSET;
import static dev.twinpath.packet.pool.PacketSlotDescriptor.RSS_HASH_OFFSET;
import static dev.twinpath.packet.pool.PacketSlotDescriptor.SEQUENCE_OFFSET;
import static dev.twinpath.packet.pool.PacketSlotDescriptor.TIMESTAMP_OFFSET;
import static dev.twinpath.packet.pool.PacketSlotDescriptor.USER_LENGTH;
import static dev.twinpath.packet.pool.PacketSlotDescriptor.USER_OFFSET;
import static dev.twinpath.packet.pool.PacketSlotDescriptor.VLAN_TCI_OFFSET;

/**
 * Flyweight over one packet slot of a {@link PacketPool}: getters {@code field()} and fluent setters
 * {@code field(value)} over the metadata laid out by {@link PacketSlotDescriptor}, plus the offset
 * of the frame bytes in {@link #buffer()}.
 * <p>
 * The pool does not reset a slot on allocation; the thread that fills a fresh slot calls
 * {@link #reset()} (or sets every field it relies on). Arguments are checked by {@code assert} only.
 * <p>
 * Threading: owned by one thread, which re-wraps it for each packet it holds. Plain accesses: the
 * ring that hands a handle from one thread to another provides the ordering.
 */
public final class PacketFlyweight
{
    private UnsafeBuffer buffer;
    private int handle = -1;
    private int metaOffset;
    private int dataOffset;
    private int dataRoom;

    /**
     * @param pool   the pool the handle belongs to.
     * @param handle a handle the caller holds.
     * @return this.
     */
    public PacketFlyweight wrap(final PacketPool pool, final int handle)
    {
        this.buffer = pool.buffer();
        this.handle = handle;
        this.metaOffset = pool.metaOffset(handle);
        this.dataOffset = pool.dataOffset(handle);
        this.dataRoom = pool.dataRoom();
        return this;
    }

    /**
     * Zero every metadata field the pool does not own (all but the handle).
     *
     * @return this.
     */
    public PacketFlyweight reset()
    {
        buffer.setMemory(metaOffset + LENGTH_OFFSET, USER_OFFSET + USER_LENGTH - LENGTH_OFFSET, (byte)0);
        return this;
    }

    /**
     * @return the wrapped handle, or -1 before the first wrap.
     */
    public int handle()
    {
        return handle;
    }

    /**
     * @return the handle stored in the slot itself (equal to {@link #handle()} unless memory was corrupted).
     */
    public int storedHandle()
    {
        return buffer.getInt(metaOffset + PacketSlotDescriptor.HANDLE_OFFSET);
    }

    /**
     * @return the pool's region.
     */
    public UnsafeBuffer buffer()
    {
        return buffer;
    }

    /**
     * @return offset of the slot's metadata in {@link #buffer()}.
     */
    public int metaOffset()
    {
        return metaOffset;
    }

    /**
     * @return offset of the first frame byte in {@link #buffer()}, 64-byte aligned.
     */
    public int dataOffset()
    {
        return dataOffset;
    }

    /**
     * @return bytes of data room.
     */
    public int dataRoom()
    {
        return dataRoom;
    }

    /**
     * @return frame length in bytes.
     */
    public int length()
    {
        return buffer.getInt(metaOffset + LENGTH_OFFSET);
    }

    /**
     * @param length frame length, 0..{@link #dataRoom()}.
     * @return this.
     */
    public PacketFlyweight length(final int length)
    {
        assert length >= 0 && length <= dataRoom : "length=" + length + " dataRoom=" + dataRoom;
        buffer.putInt(metaOffset + LENGTH_OFFSET, length);
        return this;
    }

    /**
     * @return port or queue the frame arrived on.
     */
    public int port()
    {
        return buffer.getShort(metaOffset + PORT_OFFSET) & 0xFFFF;
    }

    /**
     * @param port 0..65535.
     * @return this.
     */
    public PacketFlyweight port(final int port)
    {
        buffer.putShort(metaOffset + PORT_OFFSET, (short)port);
        return this;
    }

    /**
     * @return per-packet flags.
     */
    public int flags()
    {
        return buffer.getShort(metaOffset + FLAGS_OFFSET) & 0xFFFF;
    }

    /**
     * @param flags 16 bits.
     * @return this.
     */
    public PacketFlyweight flags(final int flags)
    {
        buffer.putShort(metaOffset + FLAGS_OFFSET, (short)flags);
        return this;
    }

    /**
     * @return RSS hash.
     */
    public int rssHash()
    {
        return buffer.getInt(metaOffset + RSS_HASH_OFFSET);
    }

    /**
     * @param rssHash RSS hash.
     * @return this.
     */
    public PacketFlyweight rssHash(final int rssHash)
    {
        buffer.putInt(metaOffset + RSS_HASH_OFFSET, rssHash);
        return this;
    }

    /**
     * @return timestamp in nanoseconds.
     */
    public long timestamp()
    {
        return buffer.getLong(metaOffset + TIMESTAMP_OFFSET);
    }

    /**
     * @param timestampNs timestamp in nanoseconds.
     * @return this.
     */
    public PacketFlyweight timestamp(final long timestampNs)
    {
        buffer.putLong(metaOffset + TIMESTAMP_OFFSET, timestampNs);
        return this;
    }

    /**
     * @return generator sequence number.
     */
    public long sequence()
    {
        return buffer.getLong(metaOffset + SEQUENCE_OFFSET);
    }

    /**
     * @param sequence generator sequence number.
     * @return this.
     */
    public PacketFlyweight sequence(final long sequence)
    {
        buffer.putLong(metaOffset + SEQUENCE_OFFSET, sequence);
        return this;
    }

    /**
     * @return VLAN tag control information.
     */
    public int vlanTci()
    {
        return buffer.getShort(metaOffset + VLAN_TCI_OFFSET) & 0xFFFF;
    }

    /**
     * @param vlanTci VLAN tag control information.
     * @return this.
     */
    public PacketFlyweight vlanTci(final int vlanTci)
    {
        buffer.putShort(metaOffset + VLAN_TCI_OFFSET, (short)vlanTci);
        return this;
    }

    /**
     * @return offset in {@link #buffer()} of the {@value PacketSlotDescriptor#USER_LENGTH}-byte user area.
     */
    public int userOffset()
    {
        return metaOffset + USER_OFFSET;
    }
}
