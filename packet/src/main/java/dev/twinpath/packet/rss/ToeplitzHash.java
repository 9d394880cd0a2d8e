package dev.twinpath.packet.rss;

import org.agrona.DirectBuffer;

import java.nio.ByteOrder;
import java.util.Objects;

/**
 * Table-driven Toeplitz hash, the receive-side-scaling hash of Microsoft RSS, for a secret key
 * of {@link #MIN_KEY_LENGTH} to {@link #MAX_KEY_LENGTH} bytes (40 is the standard size, some NICs
 * use 52).
 * <p>
 * The Toeplitz hash of an input is the XOR, over every set bit {@code i} of the input (bit 0 is
 * the most significant bit of byte 0), of the 32-bit window of the key that starts at key bit
 * {@code i}. A key of {@code n} bytes therefore hashes inputs of at most {@code n - 4} bytes.
 * Because the hash is linear over XOR, the contribution of one input byte depends only on its
 * position and its value: the constructor precomputes, for every input position, a 256-entry
 * table {@code table[position][value]} of that contribution, and hashing is then one table
 * lookup and one XOR per input byte. {@link ToeplitzReference} is the bit-by-bit definition it
 * is tested against.
 * <p>
 * Multi-byte inputs are in network byte order, as on the wire: the primitive fast paths take
 * addresses as big-endian numbers (IPv4 {@code 192.168.1.2} is {@code 0xC0A80102}; an IPv6
 * address is its high and low 64 bits) and ports as unsigned 16-bit values, and hash exactly the
 * bytes {@code src | dst [| srcPort | dstPort]} without touching a byte array.
 * <p>
 * Thread safety: immutable once constructed; any number of threads may hash concurrently. No
 * method allocates except the constructor, {@link #key()}, {@link #keyHex()} and
 * {@link #parseKeyHex(String)}.
 */
public final class ToeplitzHash
{
    /**
     * Smallest accepted key: 40 bytes, enough for the longest Microsoft input, an IPv6 4-tuple
     * (36 bytes).
     */
    public static final int MIN_KEY_LENGTH = 40;

    /**
     * Largest accepted key. Each key byte costs a 1 KiB table, so this bounds the memory a bad
     * configuration can ask for.
     */
    public static final int MAX_KEY_LENGTH = 256;

    /**
     * The 40-byte default key of the Microsoft RSS specification, used by its verification
     * table, in hex. It is kept as a string, which cannot be modified, rather than as a shared
     * {@code byte[]}, which any caller could overwrite: {@link #microsoftDefaultKey()} returns a
     * fresh copy of the bytes and {@link #microsoftDefault()} a hash built from it.
     */
    public static final String MICROSOFT_DEFAULT_KEY =
        "6d5a56da255b0ec24167253d43a38fb0d0ca2bcbae7b30b477cb2da38030f20c6a42b73bbeac01fa";

    private static final int TABLE_ENTRIES = 256;

    private final byte[] key;
    private final int maxInputLength;
    /**
     * {@code table[(position << 8) | value]}: the hash contribution of byte {@code value} at
     * input {@code position}. One flat array keeps lookups to one bounds check and one load.
     */
    private final int[] table;

    /**
     * Build the lookup tables for a key.
     *
     * @param key the secret key, {@link #MIN_KEY_LENGTH} to {@link #MAX_KEY_LENGTH} bytes; it is
     *            copied, so later changes to the array do not affect this hash.
     * @throws IllegalArgumentException if {@code key} is null or its length is out of range.
     */
    public ToeplitzHash(final byte[] key)
    {
        if (null == key)
        {
            throw new IllegalArgumentException("key must not be null");
        }
        KeyHex.checkKeyLength("key", key.length, MIN_KEY_LENGTH, MAX_KEY_LENGTH);

        this.key = key.clone();
        this.maxInputLength = key.length - 4;
        this.table = buildTable(this.key, maxInputLength);
    }

    /**
     * The hash for {@link #MICROSOFT_DEFAULT_KEY}, shared: it is immutable and thread-safe.
     *
     * @return the hash with the Microsoft default key.
     */
    public static ToeplitzHash microsoftDefault()
    {
        return MicrosoftDefaultHolder.INSTANCE;
    }

    /**
     * A fresh copy of the Microsoft default key.
     *
     * @return the 40 bytes of {@link #MICROSOFT_DEFAULT_KEY}.
     */
    public static byte[] microsoftDefaultKey()
    {
        return parseKeyHex(MICROSOFT_DEFAULT_KEY);
    }

    /**
     * Parse a key written in hex, as {@code ethtool -x} prints it ({@code 6d:5a:56:...}) or
     * without separators ({@code 6d5a56...}). Surrounding whitespace is ignored; a {@code ':'}
     * may only separate whole bytes. Error messages give positions but never echo the key,
     * which is a secret.
     *
     * @param keyHex hex digits, upper or lower case, optionally separated by {@code ':'}.
     * @return the key bytes.
     * @throws IllegalArgumentException if {@code keyHex} is null, holds a non-hex character, a
     *                                  misplaced {@code ':'}, an odd number of digits, or a key
     *                                  shorter than {@link #MIN_KEY_LENGTH} or longer than
     *                                  {@link #MAX_KEY_LENGTH} bytes.
     */
    public static byte[] parseKeyHex(final String keyHex)
    {
        return KeyHex.parse(keyHex, MIN_KEY_LENGTH, MAX_KEY_LENGTH);
    }

    /**
     * Length of the key in bytes.
     *
     * @return the key length.
     */
    public int keyLength()
    {
        return key.length;
    }

    /**
     * Longest input this key can hash: key length - 4 bytes.
     *
     * @return the maximum input length in bytes.
     */
    public int maxInputLength()
    {
        return maxInputLength;
    }

    /**
     * A copy of the key.
     *
     * @return a new array holding the key.
     */
    public byte[] key()
    {
        return key.clone();
    }

    /**
     * The key in lower-case hex without separators, the form {@link #parseKeyHex(String)} reads.
     *
     * @return the key as hex.
     */
    public String keyHex()
    {
        return KeyHex.format(key);
    }

    /**
     * Hash of an IPv4 2-tuple, input {@code srcIp | dstIp} (8 bytes), as NDIS_HASH_IPV4.
     *
     * @param srcIp source address, big-endian ({@code 192.168.1.2} is {@code 0xC0A80102}).
     * @param dstIp destination address, big-endian.
     * @return the Toeplitz hash.
     */
    public int hashIpv4(final int srcIp, final int dstIp)
    {
        final int[] table = this.table;
        return word(table, 0, srcIp) ^ word(table, 4, dstIp);
    }

    /**
     * Hash of an IPv4 4-tuple, input {@code srcIp | dstIp | srcPort | dstPort} (12 bytes), as
     * NDIS_HASH_TCP_IPV4 (and NDIS_HASH_UDP_IPV4).
     *
     * @param srcIp   source address, big-endian.
     * @param dstIp   destination address, big-endian.
     * @param srcPort source port; only the low 16 bits are used.
     * @param dstPort destination port; only the low 16 bits are used.
     * @return the Toeplitz hash.
     */
    public int hashIpv4(final int srcIp, final int dstIp, final int srcPort, final int dstPort)
    {
        final int[] table = this.table;
        return word(table, 0, srcIp) ^ word(table, 4, dstIp) ^ ports(table, 8, srcPort, dstPort);
    }

    /**
     * Hash of an IPv6 2-tuple, input {@code srcAddress | dstAddress} (32 bytes), as
     * NDIS_HASH_IPV6.
     *
     * @param srcHi high 64 bits of the source address (its first 8 bytes, big-endian).
     * @param srcLo low 64 bits of the source address.
     * @param dstHi high 64 bits of the destination address.
     * @param dstLo low 64 bits of the destination address.
     * @return the Toeplitz hash.
     */
    public int hashIpv6(final long srcHi, final long srcLo, final long dstHi, final long dstLo)
    {
        final int[] table = this.table;
        return quad(table, 0, srcHi) ^ quad(table, 8, srcLo) ^ quad(table, 16, dstHi) ^ quad(table, 24, dstLo);
    }

    /**
     * Hash of an IPv6 4-tuple, input {@code srcAddress | dstAddress | srcPort | dstPort}
     * (36 bytes), as NDIS_HASH_TCP_IPV6 (and NDIS_HASH_UDP_IPV6).
     *
     * @param srcHi   high 64 bits of the source address.
     * @param srcLo   low 64 bits of the source address.
     * @param dstHi   high 64 bits of the destination address.
     * @param dstLo   low 64 bits of the destination address.
     * @param srcPort source port; only the low 16 bits are used.
     * @param dstPort destination port; only the low 16 bits are used.
     * @return the Toeplitz hash.
     */
    public int hashIpv6(
        final long srcHi,
        final long srcLo,
        final long dstHi,
        final long dstLo,
        final int srcPort,
        final int dstPort)
    {
        final int[] table = this.table;
        return quad(table, 0, srcHi) ^ quad(table, 8, srcLo) ^ quad(table, 16, dstHi) ^ quad(table, 24, dstLo) ^
            ports(table, 32, srcPort, dstPort);
    }

    /**
     * Hash of {@code length} bytes of a buffer, read as they lie (network order).
     *
     * @param buffer to read.
     * @param offset of the first input byte.
     * @param length of the input, 0 to {@link #maxInputLength()}.
     * @return the Toeplitz hash.
     * @throws IllegalArgumentException  if {@code length} is out of range.
     * @throws IndexOutOfBoundsException if the range is outside the buffer (checked once per call,
     *                                   whatever Agrona's bounds-check setting).
     */
    public int hash(final DirectBuffer buffer, final int offset, final int length)
    {
        checkInputLength(length);
        buffer.boundsCheck(offset, length);

        final int[] table = this.table;
        int hash = 0;
        int position = 0;
        for (; position + Long.BYTES <= length; position += Long.BYTES)
        {
            hash ^= quad(table, position, buffer.getLong(offset + position, ByteOrder.BIG_ENDIAN));
        }
        for (; position < length; position++)
        {
            hash ^= table[(position << 8) | (buffer.getByte(offset + position) & 0xFF)];
        }

        return hash;
    }

    /**
     * Hash of {@code length} bytes of an array.
     *
     * @param input  to read.
     * @param offset of the first input byte.
     * @param length of the input, 0 to {@link #maxInputLength()}.
     * @return the Toeplitz hash.
     * @throws IllegalArgumentException  if {@code length} is out of range.
     * @throws IndexOutOfBoundsException if the range is outside the array.
     */
    public int hash(final byte[] input, final int offset, final int length)
    {
        checkInputLength(length);
        Objects.checkFromIndexSize(offset, length, input.length);

        final int[] table = this.table;
        int hash = 0;
        for (int position = 0; position < length; position++)
        {
            hash ^= table[(position << 8) | (input[offset + position] & 0xFF)];
        }

        return hash;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public String toString()
    {
        return "ToeplitzHash{keyLength=" + key.length + ", maxInputLength=" + maxInputLength + '}';
    }

    private void checkInputLength(final int length)
    {
        if (length < 0 || length > maxInputLength)
        {
            throw new IllegalArgumentException(
                "length must be in [0, " + maxInputLength + "] for a " + key.length + "-byte key: " + length);
        }
    }

    /**
     * Contribution of 4 big-endian bytes {@code value} at input positions {@code position..+3}.
     */
    private static int word(final int[] table, final int position, final int value)
    {
        final int base = position << 8;
        return table[base | (value >>> 24)] ^
            table[(base + TABLE_ENTRIES) | ((value >>> 16) & 0xFF)] ^
            table[(base + 2 * TABLE_ENTRIES) | ((value >>> 8) & 0xFF)] ^
            table[(base + 3 * TABLE_ENTRIES) | (value & 0xFF)];
    }

    /**
     * Contribution of 8 big-endian bytes {@code value} at input positions {@code position..+7}.
     */
    private static int quad(final int[] table, final int position, final long value)
    {
        return word(table, position, (int)(value >>> 32)) ^ word(table, position + 4, (int)value);
    }

    /**
     * Contribution of two 16-bit ports at input positions {@code position..+3}.
     */
    private static int ports(final int[] table, final int position, final int srcPort, final int dstPort)
    {
        return word(table, position, (srcPort << 16) | (dstPort & 0xFFFF));
    }

    private static int[] buildTable(final byte[] key, final int maxInputLength)
    {
        final int[] table = new int[maxInputLength * TABLE_ENTRIES];
        for (int position = 0; position < maxInputLength; position++)
        {
            final int base = position << 8;
            // table[0] = 0; each further value adds the window of its lowest set bit to the entry
            // for the same value without that bit, which was computed earlier.
            for (int value = 1; value < TABLE_ENTRIES; value++)
            {
                final int lowestBit = Integer.numberOfTrailingZeros(value);
                final int keyBit = (position << 3) + (7 - lowestBit);
                table[base | value] = table[base | (value & (value - 1))] ^ keyWindow(key, keyBit);
            }
        }

        return table;
    }

    /**
     * The 32 key bits starting at bit {@code firstBit} (bit 0 is the most significant bit of
     * key byte 0). Callers guarantee {@code firstBit + 32 <= 8 * key.length}.
     */
    private static int keyWindow(final byte[] key, final int firstBit)
    {
        final int index = firstBit >>> 3;
        final int shift = firstBit & 7;
        long fiveBytes = 0;
        for (int i = 0; i < 5; i++)
        {
            final int keyIndex = index + i;
            fiveBytes = (fiveBytes << 8) | (keyIndex < key.length ? key[keyIndex] & 0xFF : 0);
        }

        return (int)(fiveBytes >>> (8 - shift));
    }

    private static final class MicrosoftDefaultHolder
    {
        private static final ToeplitzHash INSTANCE = new ToeplitzHash(microsoftDefaultKey());
    }
}
