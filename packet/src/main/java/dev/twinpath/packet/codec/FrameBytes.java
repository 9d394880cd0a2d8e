package dev.twinpath.packet.codec;

import org.agrona.UnsafeApi;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;

/**
 * Network-order reads and native moves of frame bytes <b>without a bounds check per access</b>, for
 * the per-packet loops of the switches: the caller checks the whole window once (a valid pool
 * handle and a length within the slot's data room put every byte of the frame inside the pool's
 * buffer) and then reads fields with plain loads, as Agrona's own bulk operations do after their
 * single check. An address is {@link #address(UnsafeBuffer, int)} of a checked index.
 * <p>
 * Stateless; allocation-free; any thread. Misuse (an unchecked window) reads the wrong memory: every
 * caller states where its window was checked.
 */
public final class FrameBytes
{
    private static final boolean NATIVE_BIG_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN;

    private FrameBytes()
    {
    }

    /** @return the raw address of {@code index} in {@code buffer} (pair it with {@code buffer.byteArray()}). */
    public static long address(final UnsafeBuffer buffer, final int index)
    {
        return buffer.addressOffset() + index;
    }

    public static long u64(final byte[] array, final long address)
    {
        final long v = UnsafeApi.getLong(array, address);
        return NATIVE_BIG_ENDIAN ? v : Long.reverseBytes(v);
    }

    public static int u32(final byte[] array, final long address)
    {
        final int v = UnsafeApi.getInt(array, address);
        return NATIVE_BIG_ENDIAN ? v : Integer.reverseBytes(v);
    }

    /** Store a 32-bit field in network order. */
    public static void putU32(final byte[] array, final long address, final int value)
    {
        UnsafeApi.putInt(array, address, NATIVE_BIG_ENDIAN ? value : Integer.reverseBytes(value));
    }

    public static int u16(final byte[] array, final long address)
    {
        final short v = UnsafeApi.getShort(array, address);
        return (NATIVE_BIG_ENDIAN ? v : Short.reverseBytes(v)) & 0xFFFF;
    }

    public static int u8(final byte[] array, final long address)
    {
        return UnsafeApi.getByte(array, address) & 0xFF;
    }

    /** Load 8 bytes in native order (for moves, not for fields). */
    public static long load(final byte[] array, final long address)
    {
        return UnsafeApi.getLong(array, address);
    }

    /** Store 8 bytes in native order (for moves, not for fields). */
    public static void store(final byte[] array, final long address, final long value)
    {
        UnsafeApi.putLong(array, address, value);
    }

    public static byte byteAt(final byte[] array, final long address)
    {
        return UnsafeApi.getByte(array, address);
    }

    public static void putByte(final byte[] array, final long address, final byte value)
    {
        UnsafeApi.putByte(array, address, value);
    }
}
