package dev.twinpath.packet.rss;

/**
 * The Toeplitz hash computed straight from its definition, one input bit at a time: for every
 * set bit {@code i} of the input (bit 0 is the most significant bit of the first byte), XOR the
 * 32-bit window of the key that starts at key bit {@code i}.
 * <p>
 * Deliberately simple and slow (32 key-bit reads per set input bit). It shares no code with
 * {@link ToeplitzHash} and is the oracle the table-driven hash is tested against, and the
 * baseline of the {@code twinpath bench rss} suite. Do not use it on a data path.
 * <p>
 * Thread safety: stateless; all methods are safe to call from any thread.
 */
public final class ToeplitzReference
{
    private ToeplitzReference()
    {
    }

    /**
     * Toeplitz hash of a whole array.
     *
     * @param key   secret key, at least 4 bytes.
     * @param input bytes to hash, at most {@code key.length - 4} bytes.
     * @return the hash.
     * @throws IllegalArgumentException if the key is shorter than 4 bytes or the input too long.
     */
    public static int hash(final byte[] key, final byte[] input)
    {
        return hash(key, input, 0, input.length);
    }

    /**
     * Toeplitz hash of {@code length} bytes of an array.
     *
     * @param key    secret key, at least 4 bytes.
     * @param input  array holding the bytes to hash.
     * @param offset of the first input byte.
     * @param length of the input, at most {@code key.length - 4} bytes.
     * @return the hash.
     * @throws IllegalArgumentException  if the key is shorter than 4 bytes or the input too long.
     * @throws IndexOutOfBoundsException if the range is outside {@code input}.
     */
    public static int hash(final byte[] key, final byte[] input, final int offset, final int length)
    {
        if (key.length < 4)
        {
            throw new IllegalArgumentException("key must be at least 4 bytes: " + key.length);
        }
        if (length < 0 || length > key.length - 4)
        {
            throw new IllegalArgumentException(
                "length must be in [0, " + (key.length - 4) + "] for a " + key.length + "-byte key: " + length);
        }
        if (offset < 0 || offset + length > input.length)
        {
            throw new IndexOutOfBoundsException(
                "offset=" + offset + " length=" + length + " input.length=" + input.length);
        }

        // A 64-bit register holds the key bits from the current input bit on; its top 32 bits are
        // the window that a set input bit XORs in. It shifts one bit per input bit and takes the
        // next key byte in every 8 shifts (the software form of the NIC's shift register).
        long window = 0;
        for (int k = 0; k < 8; k++)
        {
            window = (window << 8) | keyByte(key, k);
        }
        int nextKeyByte = 8;
        int result = 0;
        for (int i = 0; i < length; i++)
        {
            final int b = input[offset + i] & 0xFF;
            for (int bit = 7; bit >= 0; bit--)
            {
                if (((b >>> bit) & 1) != 0)
                {
                    result ^= (int)(window >>> 32);
                }
                window <<= 1;
            }
            window |= keyByte(key, nextKeyByte++);
        }

        return result;
    }

    private static long keyByte(final byte[] key, final int index)
    {
        return index < key.length ? key[index] & 0xFFL : 0;
    }
}
