package dev.twinpath.packet.codec;

import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;

/**
 * The few layer-2 reads and edits a switch (the NIC's embedded switch or the host's virtual switch)
 * does per frame, straight from packet memory: destination and source MAC as 48-bit longs, the outer
 * VLAN id, and pushing or popping an 802.1Q tag in place. Lighter than the full
 * {@code FrameParser}: nothing is validated beyond the lengths each call states.
 * <p>
 * Stateless; allocation-free; any thread.
 */
public final class EthernetFrames
{
    /** {@link #outerVlan} of a frame without an 802.1Q/802.1ad tag. */
    public static final int UNTAGGED = -1;
    /** Bytes an 802.1Q tag adds to a frame. */
    public static final int TAG_LENGTH = 4;
    /** The broadcast MAC address {@code ff:ff:ff:ff:ff:ff}. */
    public static final long BROADCAST = 0xFFFF_FFFF_FFFFL;

    private static final ByteOrder NETWORK = ByteOrder.BIG_ENDIAN;
    /** Up to this many bytes a tag push/pop moves them with 8-byte loads and stores; a bulk copy beyond. */
    private static final int SMALL_MOVE = 256;

    private EthernetFrames()
    {
    }

    /** @return the destination MAC of the frame at {@code at} (needs 8 readable bytes). */
    public static long dstMac(final UnsafeBuffer b, final int at)
    {
        return b.getLong(at, NETWORK) >>> 16;
    }

    /** @return the source MAC of the frame at {@code at} (needs 12 readable bytes). */
    public static long srcMac(final UnsafeBuffer b, final int at)
    {
        return b.getLong(at + 4, NETWORK) & 0xFFFF_FFFF_FFFFL;
    }

    /** @return true for a group (broadcast or multicast) address: the I/G bit is set. */
    public static boolean isGroup(final long mac)
    {
        return (mac & 0x0100_0000_0000L) != 0;
    }

    /** @return true for an address usable as a station's own: 48 bits, not zero, not a group address. */
    public static boolean isUnicastStation(final long mac)
    {
        return mac > 0 && mac <= 0xFFFF_FFFF_FFFFL && !isGroup(mac);
    }

    /** @return the outer VLAN id, or {@link #UNTAGGED}. Reads bytes 12..15 of a frame of at least 18 bytes. */
    public static int outerVlan(final UnsafeBuffer b, final int at, final int length)
    {
        if (length < 18)
        {
            return UNTAGGED;
        }
        final int word = b.getInt(at + 12, NETWORK);
        final int type = word >>> 16;
        return type == 0x8100 || type == 0x88A8 ? word & 0x0FFF : UNTAGGED;
    }

    /**
     * Remove the outer tag in place: everything after it moves 4 bytes down (the frame keeps its
     * start, which a descriptor does not carry). Overlapping copies are memmove-safe in Agrona.
     *
     * @return the new length.
     */
    public static int stripTag(final UnsafeBuffer b, final int at, final int length)
    {
        final int n = length - 16;
        if (n > SMALL_MOVE)
        {
            b.putBytes(at + 12, b, at + 16, n);
            return length - TAG_LENGTH;
        }
        b.boundsCheck(at, length); // the one check: every move below stays inside [at, at + length)
        final byte[] array = b.byteArray();
        final long base = FrameBytes.address(b, at);
        int i = 0;
        for (; i + 8 <= n; i += 8) // forward: each load is taken before the store that overlaps it
        {
            FrameBytes.store(array, base + 12 + i, FrameBytes.load(array, base + 16 + i));
        }
        for (; i < n; i++)
        {
            FrameBytes.putByte(array, base + 12 + i, FrameBytes.byteAt(array, base + 16 + i));
        }
        return length - TAG_LENGTH;
    }

    /**
     * Insert an 802.1Q tag (priority 0) in place after the MACs, moving the rest of the frame 4 bytes
     * up; the caller checks that the data room holds {@code length + 4} bytes.
     *
     * @return the new length.
     */
    public static int insertTag(final UnsafeBuffer b, final int at, final int length, final int vlan)
    {
        final int n = length - 12;
        b.boundsCheck(at, length + TAG_LENGTH); // the one check: every move and store below stays inside it
        final byte[] array = b.byteArray();
        final long base = FrameBytes.address(b, at);
        if (n > SMALL_MOVE)
        {
            b.putBytes(at + 16, b, at + 12, n);
        }
        else
        {
            int i = n;
            for (; i >= 8; i -= 8) // backward: each load is taken before the store that overlaps it
            {
                FrameBytes.store(array, base + 8 + i, FrameBytes.load(array, base + 4 + i));
            }
            for (; i > 0; i--)
            {
                FrameBytes.putByte(array, base + 15 + i, FrameBytes.byteAt(array, base + 11 + i));
            }
        }
        FrameBytes.putU32(array, base + 12, 0x8100_0000 | (vlan & 0x0FFF));
        return length + TAG_LENGTH;
    }
}
