package dev.twinpath.packet.rss;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Key handling and argument validation of {@link ToeplitzHash}.
 */
class ToeplitzHashTest
{
    private static final String KEY_HEX = ToeplitzHash.MICROSOFT_DEFAULT_KEY;

    @Test
    void parsesPlainAndColonSeparatedHex()
    {
        final byte[] plain = ToeplitzHash.parseKeyHex(KEY_HEX);
        assertEquals(40, plain.length);
        assertEquals(0x6d, plain[0] & 0xFF);
        assertEquals(0xfa, plain[39] & 0xFF);

        final StringBuilder colons = new StringBuilder();
        for (int i = 0; i < KEY_HEX.length(); i += 2)
        {
            colons.append(i == 0 ? "" : ":").append(KEY_HEX, i, i + 2);
        }
        assertArrayEquals(plain, ToeplitzHash.parseKeyHex(colons.toString()));
        assertArrayEquals(plain, ToeplitzHash.parseKeyHex("  " + colons.toString().toUpperCase() + "\n"));
        assertArrayEquals(plain, ToeplitzHash.parseKeyHex(KEY_HEX.substring(0, 4) + ":" + KEY_HEX.substring(4)));
    }

    @Test
    void refusesOddLength()
    {
        final IllegalArgumentException ex = assertThrows(
            IllegalArgumentException.class, () -> ToeplitzHash.parseKeyHex(KEY_HEX + "0"));
        assertTrue(ex.getMessage().contains("odd number of hex digits: 81"), ex.getMessage());
    }

    @Test
    void refusesNonHexWithoutEchoingTheKey()
    {
        final String bad = KEY_HEX.substring(0, 10) + "g" + KEY_HEX.substring(11);
        final IllegalArgumentException ex = assertThrows(
            IllegalArgumentException.class, () -> ToeplitzHash.parseKeyHex(bad));
        assertTrue(ex.getMessage().contains("not a hex digit at index 10"), ex.getMessage());
        assertFalse(ex.getMessage().contains(KEY_HEX.substring(0, 10)), "message leaks the key: " + ex.getMessage());

        final IllegalArgumentException padded = assertThrows(
            IllegalArgumentException.class, () -> ToeplitzHash.parseKeyHex("  " + bad));
        assertTrue(padded.getMessage().contains("at index 12"), "index counts from the start: " + padded.getMessage());
    }

    @Test
    void refusesMisplacedColons()
    {
        for (final String bad : new String[]{ ":" + KEY_HEX, KEY_HEX + ":", "6d::" + KEY_HEX.substring(2),
            "6:d" + KEY_HEX.substring(2) })
        {
            final IllegalArgumentException ex = assertThrows(
                IllegalArgumentException.class, () -> ToeplitzHash.parseKeyHex(bad), bad);
            assertTrue(ex.getMessage().contains("':' must separate whole bytes"), ex.getMessage());
        }
    }

    @Test
    void refusesShortLongAndNullKeys()
    {
        final IllegalArgumentException shortHex = assertThrows(
            IllegalArgumentException.class, () -> ToeplitzHash.parseKeyHex(KEY_HEX.substring(0, 78)));
        assertTrue(shortHex.getMessage().contains("keyHex is too short: 39 bytes"), shortHex.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ToeplitzHash.parseKeyHex(""));
        assertThrows(IllegalArgumentException.class, () -> ToeplitzHash.parseKeyHex(null));

        final IllegalArgumentException shortKey = assertThrows(
            IllegalArgumentException.class, () -> new ToeplitzHash(new byte[39]));
        assertTrue(shortKey.getMessage().contains("key is too short: 39 bytes"), shortKey.getMessage());
        final IllegalArgumentException longKey = assertThrows(
            IllegalArgumentException.class, () -> new ToeplitzHash(new byte[ToeplitzHash.MAX_KEY_LENGTH + 1]));
        assertTrue(longKey.getMessage().contains("key is too long: 257 bytes"), longKey.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ToeplitzHash(null));
    }

    @Test
    void copiesTheKey()
    {
        final byte[] key = ToeplitzHash.microsoftDefaultKey();
        final ToeplitzHash hash = new ToeplitzHash(key);
        final int before = hash.hashIpv4(0x42_09_95_BB, 0xA1_8E_64_50);
        Arrays.fill(key, (byte)0);
        assertEquals(before, hash.hashIpv4(0x42_09_95_BB, 0xA1_8E_64_50));

        final byte[] copy = hash.key();
        copy[0] = 0;
        assertEquals(0x6d, hash.key()[0] & 0xFF);
        assertEquals(KEY_HEX, hash.keyHex());
    }

    @Test
    void microsoftDefaultIsSharedAndUsesTheDefaultKey()
    {
        assertSame(ToeplitzHash.microsoftDefault(), ToeplitzHash.microsoftDefault());
        assertEquals(KEY_HEX, ToeplitzHash.microsoftDefault().keyHex());
        assertArrayEquals(ToeplitzHash.parseKeyHex(KEY_HEX), ToeplitzHash.microsoftDefaultKey());
    }

    @Test
    void inputLengthIsBoundedByKeyLength()
    {
        final ToeplitzHash hash40 = ToeplitzHash.microsoftDefault();
        final ToeplitzHash hash52 = new ToeplitzHash(new byte[52]);
        assertEquals(36, hash40.maxInputLength());
        assertEquals(48, hash52.maxInputLength());
        assertEquals(52, hash52.keyLength());

        final byte[] input = new byte[64];
        assertEquals(0, hash52.hash(input, 0, 48));
        final IllegalArgumentException ex = assertThrows(
            IllegalArgumentException.class, () -> hash40.hash(input, 0, 37));
        assertTrue(ex.getMessage().contains("length must be in [0, 36]"), ex.getMessage());
        assertThrows(IllegalArgumentException.class, () -> hash40.hash(new UnsafeBuffer(input), 0, 37));
        assertThrows(IllegalArgumentException.class, () -> hash40.hash(input, 0, -1));
        assertThrows(IndexOutOfBoundsException.class, () -> hash40.hash(input, 60, 8));
        assertThrows(IndexOutOfBoundsException.class, () -> hash40.hash(new UnsafeBuffer(input), 60, 8));
    }

    @Test
    void emptyInputHashesToZero()
    {
        assertEquals(0, ToeplitzHash.microsoftDefault().hash(new byte[0], 0, 0));
    }
}
