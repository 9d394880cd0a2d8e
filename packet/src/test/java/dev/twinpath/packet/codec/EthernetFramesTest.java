package dev.twinpath.packet.codec;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EthernetFramesTest
{
    private static final int AT = 10; // frames start at an odd place in the buffer
    private static final long DST = 0x0200_0000_0001L;
    private static final long SRC = 0x00_1B_21_AA_BB_CCL;

    private final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(2_048));

    /** A frame with the test MACs, the given type word(s) after them and a counting payload. */
    private int frame(final int length, final int... typeWords)
    {
        buffer.setMemory(0, buffer.capacity(), (byte)0x5A);
        buffer.putShort(AT, (short)(DST >>> 32), ByteOrder.BIG_ENDIAN);
        buffer.putInt(AT + 2, (int)DST, ByteOrder.BIG_ENDIAN);
        buffer.putShort(AT + 6, (short)(SRC >>> 32), ByteOrder.BIG_ENDIAN);
        buffer.putInt(AT + 8, (int)SRC, ByteOrder.BIG_ENDIAN);
        int at = AT + 12;
        for (final int word : typeWords)
        {
            buffer.putShort(at, (short)word, ByteOrder.BIG_ENDIAN);
            at += 2;
        }
        for (int i = at; i < AT + length; i++)
        {
            buffer.putByte(i, (byte)i);
        }
        return length;
    }

    private byte[] bytes(final int length)
    {
        final byte[] copy = new byte[length];
        buffer.getBytes(AT, copy);
        return copy;
    }

    @Test
    void readsBothMacsAt48Bits()
    {
        frame(64, 0x0800);
        assertEquals(DST, EthernetFrames.dstMac(buffer, AT));
        assertEquals(SRC, EthernetFrames.srcMac(buffer, AT));
        assertEquals("02:00:00:00:00:01", AddressFormat.mac(EthernetFrames.dstMac(buffer, AT)));
        assertEquals("00:1b:21:aa:bb:cc", AddressFormat.mac(EthernetFrames.srcMac(buffer, AT)));
    }

    @Test
    void highMacBytesDoNotSignExtend()
    {
        frame(64, 0x0800);
        buffer.setMemory(AT, 12, (byte)0xFF);
        assertEquals(EthernetFrames.BROADCAST, EthernetFrames.dstMac(buffer, AT));
        assertEquals(EthernetFrames.BROADCAST, EthernetFrames.srcMac(buffer, AT));
    }

    @Test
    void groupBitIsTheLowBitOfTheFirstOctet()
    {
        assertTrue(EthernetFrames.isGroup(EthernetFrames.BROADCAST));
        assertTrue(EthernetFrames.isGroup(0x0100_5E00_0001L), "IPv4 multicast");
        assertTrue(EthernetFrames.isGroup(0x3333_0000_0001L), "IPv6 multicast");
        assertFalse(EthernetFrames.isGroup(DST), "locally administered unicast");
        assertFalse(EthernetFrames.isGroup(SRC));
        assertFalse(EthernetFrames.isGroup(0x0001_0000_0000L), "the bit in the second octet is not the I/G bit");
    }

    @Test
    void unicastStationExcludesZeroGroupAndWideValues()
    {
        assertTrue(EthernetFrames.isUnicastStation(SRC));
        assertTrue(EthernetFrames.isUnicastStation(0xFEFF_FFFF_FFFFL));
        assertFalse(EthernetFrames.isUnicastStation(0));
        assertFalse(EthernetFrames.isUnicastStation(EthernetFrames.BROADCAST));
        assertFalse(EthernetFrames.isUnicastStation(0x0100_5E00_0001L));
        assertFalse(EthernetFrames.isUnicastStation(1L << 48), "more than 48 bits");
        assertFalse(EthernetFrames.isUnicastStation(-2));
    }

    @Test
    void outerVlanOf8021qTagIgnoresPriorityAndDei()
    {
        frame(64, 0x8100, 0xF000 | 100, 0x0800);
        assertEquals(100, EthernetFrames.outerVlan(buffer, AT, 64));
        frame(64, 0x8100, 0xE000 | 4095, 0x0800);
        assertEquals(4095, EthernetFrames.outerVlan(buffer, AT, 64));
        frame(64, 0x8100, 0x2000, 0x0800);
        assertEquals(0, EthernetFrames.outerVlan(buffer, AT, 64), "priority tag: VLAN 0");
    }

    @Test
    void outerVlanOf8021adIsTheServiceTag()
    {
        frame(64, 0x88A8, 300, 0x8100, 42, 0x0800);
        assertEquals(300, EthernetFrames.outerVlan(buffer, AT, 64));
    }

    @Test
    void untaggedAndUnknownTpidsAreUntagged()
    {
        frame(64, 0x0800);
        assertEquals(EthernetFrames.UNTAGGED, EthernetFrames.outerVlan(buffer, AT, 64));
        frame(64, 0x86DD);
        assertEquals(EthernetFrames.UNTAGGED, EthernetFrames.outerVlan(buffer, AT, 64));
        frame(64, 0x9100, 7, 0x0800); // old QinQ TPID is not recognised
        assertEquals(EthernetFrames.UNTAGGED, EthernetFrames.outerVlan(buffer, AT, 64));
    }

    @Test
    void framesShorterThanATaggedHeaderAreUntagged()
    {
        frame(64, 0x8100, 100, 0x0800);
        assertEquals(100, EthernetFrames.outerVlan(buffer, AT, 18));
        assertEquals(EthernetFrames.UNTAGGED, EthernetFrames.outerVlan(buffer, AT, 17));
        assertEquals(EthernetFrames.UNTAGGED, EthernetFrames.outerVlan(buffer, AT, 0));
    }

    @Test
    void insertTagThenStripTagRestoresTheFrame()
    {
        final int length = frame(60, 0x0800);
        final byte[] original = bytes(length);

        final int tagged = EthernetFrames.insertTag(buffer, AT, length, 42);
        assertEquals(length + EthernetFrames.TAG_LENGTH, tagged);
        assertEquals(42, EthernetFrames.outerVlan(buffer, AT, tagged));
        assertEquals(DST, EthernetFrames.dstMac(buffer, AT));
        assertEquals(SRC, EthernetFrames.srcMac(buffer, AT));
        assertEquals(0x8100_002A, buffer.getInt(AT + 12, ByteOrder.BIG_ENDIAN), "TPID, priority 0, VID 42");
        assertEquals(0x0800, buffer.getShort(AT + 16, ByteOrder.BIG_ENDIAN) & 0xFFFF, "type moved up");
        assertEquals((byte)(AT + 59), buffer.getByte(AT + 63), "last payload byte moved up");

        final int stripped = EthernetFrames.stripTag(buffer, AT, tagged);
        assertEquals(length, stripped);
        assertArrayEquals(original, bytes(stripped));
    }

    @Test
    void insertTagKeepsOnlyTwelveBitsOfTheVlan()
    {
        final int length = frame(60, 0x0800);
        final int tagged = EthernetFrames.insertTag(buffer, AT, length, 0x1_0064);
        assertEquals(0x8100_0064, buffer.getInt(AT + 12, ByteOrder.BIG_ENDIAN));
        assertEquals(100, EthernetFrames.outerVlan(buffer, AT, tagged));
    }

    @Test
    void stripTagOfADoubleTaggedFrameExposesTheInnerTag()
    {
        final int length = frame(68, 0x88A8, 300, 0x8100, 42, 0x0800);
        final int stripped = EthernetFrames.stripTag(buffer, AT, length);
        assertEquals(64, stripped);
        assertEquals(42, EthernetFrames.outerVlan(buffer, AT, stripped));
        final int bare = EthernetFrames.stripTag(buffer, AT, stripped);
        assertEquals(EthernetFrames.UNTAGGED, EthernetFrames.outerVlan(buffer, AT, bare));
        assertEquals(0x0800, buffer.getShort(AT + 12, ByteOrder.BIG_ENDIAN) & 0xFFFF);
    }

    @Test
    void tagEditsLeaveTheBytesAroundTheFrameAlone()
    {
        final int length = frame(60, 0x0800);
        final int tagged = EthernetFrames.insertTag(buffer, AT, length, 7);
        assertEquals((byte)0x5A, buffer.getByte(AT - 1));
        assertEquals((byte)0x5A, buffer.getByte(AT + tagged));
        EthernetFrames.stripTag(buffer, AT, tagged);
        assertEquals((byte)0x5A, buffer.getByte(AT - 1));
    }

    @Property(tries = 200)
    void roundTripOfRandomFrames(
        @ForAll @IntRange(min = 14, max = 1_514) final int length,
        @ForAll @IntRange(max = 4_095) final int vlan,
        @ForAll final long seed)
    {
        final byte[] original = new byte[length];
        new Random(seed).nextBytes(original);
        buffer.putBytes(AT, original);

        final int tagged = EthernetFrames.insertTag(buffer, AT, length, vlan);
        assertEquals(vlan, EthernetFrames.outerVlan(buffer, AT, tagged));
        final int stripped = EthernetFrames.stripTag(buffer, AT, tagged);
        assertArrayEquals(original, bytes(stripped));
    }

    /** The 8-byte move of short frames and the bulk copy of long ones give the byte-exact expected frame. */
    @Property(tries = 300)
    void tagPushAndPopMatchAByteByByteModel(
        @ForAll @IntRange(min = 18, max = 1_500) final int length, @ForAll @IntRange(min = 0, max = 9) final int at,
        @ForAll final long seed)
    {
        final UnsafeBuffer b = new UnsafeBuffer(new byte[length + 32]);
        final Random random = new Random(seed);
        final byte[] frame = new byte[length];
        random.nextBytes(frame);
        b.putBytes(at, frame);
        final int tagged = EthernetFrames.insertTag(b, at, length, 0x123);
        assertEquals(length + 4, tagged);
        final byte[] expected = new byte[length + 4];
        System.arraycopy(frame, 0, expected, 0, 12);
        expected[12] = (byte)0x81;
        expected[13] = 0;
        expected[14] = 0x01;
        expected[15] = 0x23;
        System.arraycopy(frame, 12, expected, 16, length - 12);
        final byte[] got = new byte[length + 4];
        b.getBytes(at, got);
        assertArrayEquals(expected, got);
        assertEquals(length, EthernetFrames.stripTag(b, at, tagged));
        final byte[] back = new byte[length];
        b.getBytes(at, back);
        assertArrayEquals(frame, back);
    }
}
