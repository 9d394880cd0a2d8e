package dev.twinpath.packet.pool;

/**
 * Packs a reference to a packet, or an in-band end-of-epoch marker, into one primitive {@code long}
 * so it can travel through descriptor rings without boxing or allocation.
 * <p>
 * The top byte selects the kind; bit 63 is always zero, so every valid descriptor is
 * non-negative and a ring may use {@link #NULL_DESCRIPTOR} ({@code -1L}) to mean "none".
 * The port field is common to both kinds; bits 0..47 depend on the kind:
 * <pre>
 *   63 62        56 55        48 47                                                0
 *  +--+------------+------------+---------------------------------------------------+
 *  |0 |    kind    |    port    |              kind-specific payload                |
 *  +--+------------+------------+---------------------------------------------------+
 *
 *  kind = KIND_PACKET (0): the payload names a slot of a PacketPool
 *   47        40 39                      24 23                                     0
 *  +------------+--------------------------+---------------------------------------+
 *  |   flags    |          length          |                handle                 |
 *  +------------+--------------------------+---------------------------------------+
 *
 *  kind = KIND_MARKER (1): end-of-epoch marker, no slot attached
 *   47                                                                             0
 *  +-------------------------------------------------------------------------------+
 *  |                                    epoch                                      |
 *  +-------------------------------------------------------------------------------+
 * </pre>
 * A handle has 24 bits (so a pool holds at most {@value #MAX_HANDLE} + 1 slots), a length 16 bits
 * (a 9,216-byte jumbo frame fits, up to {@value #MAX_LENGTH}), flags 8 bits whose meaning belongs to
 * the layer that builds the descriptor, a port 8 bits and an epoch 48 bits.
 * <p>
 * The hot-path builders ({@link #packet(int, int, int, int)}, {@link #marker(long, int)}) check their
 * arguments only with {@code assert} and mask every field so a bad value can never spill into a
 * neighbouring field; the control path uses the checked {@link #of(int, int, int, int)} and
 * {@link #markerOf(long, int)}.
 * <p>
 * Threading: stateless, any thread.
 */
public final class PacketDescriptor
{
    /**
     * A value no valid descriptor takes; rings may use it to mean "no descriptor".
     */
    public static final long NULL_DESCRIPTOR = -1L;

    /**
     * Kind of a descriptor that names a packet slot.
     */
    public static final int KIND_PACKET = 0;

    /**
     * Kind of a descriptor that carries an end-of-epoch marker instead of a slot.
     */
    public static final int KIND_MARKER = 1;

    /**
     * Largest kind value (7 bits: bit 63 stays zero).
     */
    public static final int MAX_KIND = 0x7F;

    /**
     * Largest handle (24 bits).
     */
    public static final int MAX_HANDLE = 0xFF_FFFF;

    /**
     * Largest frame length (16 bits).
     */
    public static final int MAX_LENGTH = 0xFFFF;

    /**
     * Largest flags value (8 bits).
     */
    public static final int MAX_FLAGS = 0xFF;

    /**
     * Largest port value (8 bits).
     */
    public static final int MAX_PORT = 0xFF;

    /**
     * Largest epoch (48 bits).
     */
    public static final long MAX_EPOCH = 0xFFFF_FFFF_FFFFL;

    static final int LENGTH_SHIFT = 24;
    static final int FLAGS_SHIFT = 40;
    static final int PORT_SHIFT = 48;
    static final int KIND_SHIFT = 56;

    private PacketDescriptor()
    {
    }

    /**
     * Descriptor of a packet on port 0.
     *
     * @param handle slot handle, 0..{@value #MAX_HANDLE}.
     * @param length frame length in bytes, 0..{@value #MAX_LENGTH}.
     * @param flags  8 bits owned by the layer that builds the descriptor.
     * @return the descriptor.
     */
    public static long packet(final int handle, final int length, final int flags)
    {
        return packet(handle, length, flags, 0);
    }

    /**
     * Descriptor of a packet; arguments are checked by {@code assert} only.
     *
     * @param handle slot handle, 0..{@value #MAX_HANDLE}.
     * @param length frame length in bytes, 0..{@value #MAX_LENGTH}.
     * @param flags  8 bits owned by the layer that builds the descriptor.
     * @param port   port or queue, 0..{@value #MAX_PORT}.
     * @return the descriptor.
     */
    public static long packet(final int handle, final int length, final int flags, final int port)
    {
        assert handle >= 0 && handle <= MAX_HANDLE : "handle=" + handle;
        assert length >= 0 && length <= MAX_LENGTH : "length=" + length;
        assert flags >= 0 && flags <= MAX_FLAGS : "flags=" + flags;
        assert port >= 0 && port <= MAX_PORT : "port=" + port;

        return ((long)KIND_PACKET << KIND_SHIFT) |
            ((long)(port & MAX_PORT) << PORT_SHIFT) |
            ((long)(flags & MAX_FLAGS) << FLAGS_SHIFT) |
            ((long)(length & MAX_LENGTH) << LENGTH_SHIFT) |
            (handle & MAX_HANDLE);
    }

    /**
     * End-of-epoch marker on port 0.
     *
     * @param epoch epoch id, 0..{@value #MAX_EPOCH}.
     * @return the descriptor.
     */
    public static long marker(final long epoch)
    {
        return marker(epoch, 0);
    }

    /**
     * End-of-epoch marker; arguments are checked by {@code assert} only.
     *
     * @param epoch epoch id, 0..{@value #MAX_EPOCH}.
     * @param port  port or queue the marker closes, 0..{@value #MAX_PORT}.
     * @return the descriptor.
     */
    public static long marker(final long epoch, final int port)
    {
        assert epoch >= 0 && epoch <= MAX_EPOCH : "epoch=" + epoch;
        assert port >= 0 && port <= MAX_PORT : "port=" + port;

        return ((long)KIND_MARKER << KIND_SHIFT) | ((long)(port & MAX_PORT) << PORT_SHIFT) | (epoch & MAX_EPOCH);
    }

    /**
     * Checked variant of {@link #packet(int, int, int, int)} for the control path.
     *
     * @param handle slot handle.
     * @param length frame length.
     * @param flags  flags.
     * @param port   port.
     * @return the descriptor.
     * @throws IllegalArgumentException naming the first field out of range.
     */
    public static long of(final int handle, final int length, final int flags, final int port)
    {
        check("handle", handle, MAX_HANDLE);
        check("length", length, MAX_LENGTH);
        check("flags", flags, MAX_FLAGS);
        check("port", port, MAX_PORT);

        return packet(handle, length, flags, port);
    }

    /**
     * Checked variant of {@link #marker(long, int)} for the control path.
     *
     * @param epoch epoch id.
     * @param port  port.
     * @return the descriptor.
     * @throws IllegalArgumentException naming the first field out of range.
     */
    public static long markerOf(final long epoch, final int port)
    {
        if (epoch < 0 || epoch > MAX_EPOCH)
        {
            throw new IllegalArgumentException("epoch=" + epoch + " must be in [0, " + MAX_EPOCH + "]");
        }
        check("port", port, MAX_PORT);

        return marker(epoch, port);
    }

    /**
     * @param descriptor a descriptor.
     * @return its kind, {@link #KIND_PACKET} or {@link #KIND_MARKER}.
     */
    public static int kind(final long descriptor)
    {
        return (int)(descriptor >>> KIND_SHIFT);
    }

    /**
     * @param descriptor a descriptor.
     * @return true if it names a packet slot.
     */
    public static boolean isPacket(final long descriptor)
    {
        return (descriptor >>> KIND_SHIFT) == KIND_PACKET;
    }

    /**
     * @param descriptor a descriptor.
     * @return true if it is an end-of-epoch marker.
     */
    public static boolean isMarker(final long descriptor)
    {
        return (descriptor >>> KIND_SHIFT) == KIND_MARKER;
    }

    /**
     * @param descriptor a packet descriptor.
     * @return the slot handle.
     */
    public static int handle(final long descriptor)
    {
        return (int)descriptor & MAX_HANDLE;
    }

    /**
     * @param descriptor a packet descriptor.
     * @return the frame length in bytes.
     */
    public static int length(final long descriptor)
    {
        return (int)(descriptor >>> LENGTH_SHIFT) & MAX_LENGTH;
    }

    /**
     * @param descriptor a packet descriptor.
     * @return the 8 flag bits.
     */
    public static int flags(final long descriptor)
    {
        return (int)(descriptor >>> FLAGS_SHIFT) & MAX_FLAGS;
    }

    /**
     * @param descriptor a packet or marker descriptor.
     * @return the port.
     */
    public static int port(final long descriptor)
    {
        return (int)(descriptor >>> PORT_SHIFT) & MAX_PORT;
    }

    /**
     * @param descriptor a marker descriptor.
     * @return the epoch id.
     */
    public static long epoch(final long descriptor)
    {
        return descriptor & MAX_EPOCH;
    }

    /**
     * @param descriptor a packet descriptor.
     * @param length     the new length, 0..{@value #MAX_LENGTH}.
     * @return the same descriptor with its length replaced.
     */
    public static long withLength(final long descriptor, final int length)
    {
        assert length >= 0 && length <= MAX_LENGTH : "length=" + length;

        return (descriptor & ~((long)MAX_LENGTH << LENGTH_SHIFT)) | ((long)(length & MAX_LENGTH) << LENGTH_SHIFT);
    }

    /**
     * @param descriptor a packet descriptor.
     * @param flags      the new flags, 0..{@value #MAX_FLAGS}.
     * @return the same descriptor with its flags replaced.
     */
    public static long withFlags(final long descriptor, final int flags)
    {
        assert flags >= 0 && flags <= MAX_FLAGS : "flags=" + flags;

        return (descriptor & ~((long)MAX_FLAGS << FLAGS_SHIFT)) | ((long)(flags & MAX_FLAGS) << FLAGS_SHIFT);
    }

    /**
     * @param descriptor a packet or marker descriptor.
     * @param port       the new port, 0..{@value #MAX_PORT}.
     * @return the same descriptor with its port replaced.
     */
    public static long withPort(final long descriptor, final int port)
    {
        assert port >= 0 && port <= MAX_PORT : "port=" + port;

        return (descriptor & ~((long)MAX_PORT << PORT_SHIFT)) | ((long)(port & MAX_PORT) << PORT_SHIFT);
    }

    /**
     * Human-readable form for logs and tests (allocates: control path only).
     *
     * @param descriptor a descriptor.
     * @return e.g. {@code packet(handle=7, length=60, flags=0x01, port=2)} or {@code marker(epoch=3, port=0)}.
     */
    public static String toString(final long descriptor)
    {
        if (isPacket(descriptor))
        {
            return "packet(handle=" + handle(descriptor) + ", length=" + length(descriptor) +
                ", flags=0x" + Integer.toHexString(flags(descriptor)) + ", port=" + port(descriptor) + ")";
        }
        if (isMarker(descriptor))
        {
            return "marker(epoch=" + epoch(descriptor) + ", port=" + port(descriptor) + ")";
        }

        return "descriptor(0x" + Long.toHexString(descriptor) + ")";
    }

    private static void check(final String field, final int value, final int max)
    {
        if (value < 0 || value > max)
        {
            throw new IllegalArgumentException(field + "=" + value + " must be in [0, " + max + "]");
        }
    }
}
