package dev.twinpath.packet.rss;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link FlowKey}: setters, equality, hashing, the {@link FlowKeyDescriptor} layout.
 */
class FlowKeyTest
{
    @Property(tries = 300)
    void writeReadRoundTrip(@ForAll("keys") final FlowKey key, @ForAll @IntRange(max = 13) final int offset)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(FlowKeyDescriptor.LENGTH + 16));
        buffer.setMemory(0, buffer.capacity(), (byte)0x5A);
        key.writeTo(buffer, offset);

        final FlowKey read = new FlowKey().readFrom(buffer, offset);
        assertEquals(key, read);
        assertEquals(key.hashCode(), read.hashCode());
        assertEquals(key.hash64(), read.hash64());
        assertEquals(key.toString(), read.toString());
        assertEquals(0x5A, buffer.getByte(offset + FlowKeyDescriptor.LENGTH) & 0xFF, "wrote past LENGTH");
        if (offset > 0)
        {
            assertEquals(0x5A, buffer.getByte(offset - 1) & 0xFF, "wrote before offset");
        }
    }

    @Property(tries = 300)
    void copiesAreEqualWithEqualHashes(@ForAll("keys") final FlowKey key, @ForAll final long seed)
    {
        final FlowKey copy = new FlowKey().copyFrom(key);
        assertEquals(key, copy);
        assertEquals(copy, key);
        assertEquals(key.hashCode(), copy.hashCode());
        assertEquals(key.hash64(seed), copy.hash64(seed));
    }

    @Test
    void everyFieldTakesPartInEquality()
    {
        final FlowKey base = new FlowKey().ipv6(1, 2, 3, 4).ports(5, 6).protocol(17).vlan(7);
        final FlowKey[] variants = {
            new FlowKey().copyFrom(base).ipv6(9, 2, 3, 4),
            new FlowKey().copyFrom(base).ipv6(1, 9, 3, 4),
            new FlowKey().copyFrom(base).ipv6(1, 2, 9, 4),
            new FlowKey().copyFrom(base).ipv6(1, 2, 3, 9),
            new FlowKey().copyFrom(base).ports(9, 6),
            new FlowKey().copyFrom(base).ports(5, 9),
            new FlowKey().copyFrom(base).noPorts(),
            new FlowKey().copyFrom(base).protocol(6),
            new FlowKey().copyFrom(base).vlan(FlowKey.NO_VLAN),
            new FlowKey().copyFrom(base).fragment(true),
            new FlowKey().copyFrom(base).ipv4(2, 4),
        };
        for (final FlowKey variant : variants)
        {
            assertNotEquals(base, variant, variant.toString());
            assertNotEquals(base.hash64(), variant.hash64(), variant.toString());
        }
        assertFalse(base.equals(null));
        assertFalse(base.equals("FlowKey"));
    }

    @Test
    void swappedDirectionIsADifferentKey()
    {
        final FlowKey forward = new FlowKey().ipv4(0x0A00_0001, 0x0A00_0002).ports(1000, 80);
        final FlowKey reverse = new FlowKey().ipv4(0x0A00_0002, 0x0A00_0001).ports(80, 1000);
        assertNotEquals(forward, reverse);
        assertNotEquals(forward.hash64(), reverse.hash64());
    }

    @Test
    void seedChangesTheHash()
    {
        final FlowKey key = new FlowKey().ipv4(0x0A00_0001, 0x0A00_0002).ports(1000, 80);
        assertNotEquals(key.hash64(1), key.hash64(2));
        assertEquals(key.hash64(), key.hash64(0));
    }

    @Test
    void fluentSettersAndGetters()
    {
        final FlowKey key = new FlowKey();
        assertSame(key, key.ipv4(0xC0A8_0102, 0xFFFF_FFFF));
        assertEquals(4, key.ipVersion());
        assertEquals(0, key.srcHi());
        assertEquals(0xC0A8_0102L, key.srcLo());
        assertEquals(0xFFFF_FFFFL, key.dstLo());
        assertEquals(0xC0A8_0102, key.srcIpv4());
        assertEquals(0xFFFF_FFFF, key.dstIpv4());
        assertFalse(key.hasPorts());
        assertEquals(FlowKey.NO_PORT, key.srcPort());

        assertSame(key, key.ports(0, 65535).protocol(6).vlan(4095).fragment(true));
        assertTrue(key.hasPorts());
        assertEquals(0, key.srcPort());
        assertEquals(65535, key.dstPort());
        assertEquals(6, key.protocol());
        assertEquals(4095, key.vlanId());
        assertTrue(key.fragment());

        key.ipv6(-1L, 2L, 3L, Long.MIN_VALUE);
        assertEquals(6, key.ipVersion());
        assertEquals(-1L, key.srcHi());
        assertEquals(Long.MIN_VALUE, key.dstLo());

        assertSame(key, key.reset());
        assertEquals(new FlowKey(), key);
        assertEquals(FlowKey.IP_VERSION_NONE, key.ipVersion());
        assertEquals(FlowKey.NO_PROTOCOL, key.protocol());
        assertEquals(FlowKey.NO_VLAN, key.vlanId());
    }

    @Test
    void settersRefuseOutOfRangeValues()
    {
        final FlowKey key = new FlowKey();
        assertMessage("srcPort must be in [0, 65535]: 65536", () -> key.ports(65536, 1));
        assertMessage("dstPort must be in [0, 65535]: -1", () -> key.ports(1, -1));
        assertMessage("protocol must be in [0, 255] or -1 (none): 256", () -> key.protocol(256));
        assertMessage("vlanId must be in [0, 4095] or -1 (none): 4096", () -> key.vlan(4096));
        assertMessage("vlanId must be in [0, 4095] or -1 (none): -2", () -> key.vlan(-2));
        assertEquals(new FlowKey(), key, "a refused setter must not change the key");
    }

    @Test
    void layoutMatchesTheDescriptor()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[FlowKeyDescriptor.LENGTH]);
        new FlowKey().ipv4(0xC0A8_0102, 0x0A00_0001).ports(0x1234, 80).protocol(6).vlan(100).fragment(true)
            .writeTo(buffer, 0);

        assertEquals(0L, buffer.getLong(FlowKeyDescriptor.SRC_HI_OFFSET));
        assertEquals((byte)0xC0, buffer.getByte(FlowKeyDescriptor.SRC_LO_OFFSET + 4), "big-endian address");
        assertEquals(0xC0A8_0102L, buffer.getLong(FlowKeyDescriptor.SRC_LO_OFFSET, ByteOrder.BIG_ENDIAN));
        assertEquals(0x0A00_0001L, buffer.getLong(FlowKeyDescriptor.DST_LO_OFFSET, ByteOrder.BIG_ENDIAN));
        assertEquals(0x1234, buffer.getInt(FlowKeyDescriptor.SRC_PORT_OFFSET, ByteOrder.BIG_ENDIAN));
        assertEquals(80, buffer.getInt(FlowKeyDescriptor.DST_PORT_OFFSET, ByteOrder.BIG_ENDIAN));
        assertEquals(6, buffer.getInt(FlowKeyDescriptor.PROTOCOL_OFFSET, ByteOrder.BIG_ENDIAN));
        assertEquals(100, buffer.getShort(FlowKeyDescriptor.VLAN_ID_OFFSET, ByteOrder.BIG_ENDIAN));
        assertEquals(4, buffer.getByte(FlowKeyDescriptor.IP_VERSION_OFFSET));
        assertEquals(FlowKeyDescriptor.FRAGMENT_FLAG, buffer.getByte(FlowKeyDescriptor.FLAGS_OFFSET));
        assertEquals(FlowKeyDescriptor.LENGTH, FlowKeyDescriptor.FLAGS_OFFSET + 1);

        new FlowKey().writeTo(buffer, 0);
        assertEquals(-1, buffer.getInt(FlowKeyDescriptor.SRC_PORT_OFFSET));
        assertEquals(-1, buffer.getShort(FlowKeyDescriptor.VLAN_ID_OFFSET));
        assertEquals(-1, buffer.getInt(FlowKeyDescriptor.PROTOCOL_OFFSET));
    }

    @Test
    void toStringIsReadable()
    {
        assertEquals(
            "FlowKey{ipv4 192.168.1.2:1234 -> 10.0.0.1:80 proto=6 vlan=none fragment=false}",
            new FlowKey().ipv4(0xC0A8_0102, 0x0A00_0001).ports(1234, 80).protocol(6).toString());
        assertEquals(
            "FlowKey{ipv6 [3ffe:2501:200:1fff::7]:2794 -> [ff02::1]:4739 proto=17 vlan=12 fragment=true}",
            new FlowKey().ipv6(0x3ffe_2501_0200_1fffL, 7, 0xff02_0000_0000_0000L, 1).ports(2794, 4739)
                .protocol(17).vlan(12).fragment(true).toString());
        assertEquals(
            "FlowKey{ipv6 :: -> 1:0:2::3 proto=none vlan=none fragment=false}",
            new FlowKey().ipv6(0, 0, 0x0001_0000_0002_0000L, 3).toString());
        assertEquals(
            "FlowKey{ipv6 1::2:0:0:3:4 -> 1:0:2:3:4:5:6:7 proto=none vlan=none fragment=false}",
            new FlowKey().ipv6(0x0001_0000_0000_0002L, 0x0000_0000_0003_0004L,
                0x0001_0000_0002_0003L, 0x0004_0005_0006_0007L).toString());
        assertEquals("FlowKey{no-ip proto=none vlan=none fragment=false}", new FlowKey().toString());
    }

    @Provide
    Arbitrary<FlowKey> keys()
    {
        final Arbitrary<Integer> ipVersion = Arbitraries.of(0, 4, 6);
        final Arbitrary<Long> address = Arbitraries.longs();
        final Arbitrary<Integer> port = Arbitraries.integers().between(-1, 65535);
        final Arbitrary<Integer> protocol = Arbitraries.integers().between(-1, 255);
        final Arbitrary<Integer> vlan = Arbitraries.integers().between(-1, 4095);
        final Arbitrary<Boolean> fragment = Arbitraries.of(true, false);

        return Combinators.combine(ipVersion, address, address, address, address, port, port, protocol)
            .as((version, a, b, c, d, sp, dp, proto) ->
            {
                final FlowKey key = new FlowKey();
                if (4 == version)
                {
                    key.ipv4(b.intValue(), d.intValue());
                }
                else if (6 == version)
                {
                    key.ipv6(a, b, c, d);
                }
                if (sp >= 0)
                {
                    key.ports(sp, Math.max(0, dp));
                }
                return key.protocol(proto);
            })
            .flatMap(key -> Combinators.combine(vlan, fragment).as((v, f) -> new FlowKey().copyFrom(key).vlan(v).fragment(f)));
    }

    private static void assertMessage(final String expected, final Runnable action)
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, action::run);
        assertTrue(ex.getMessage().contains(expected), () -> "expected '" + expected + "' in: " + ex.getMessage());
    }
}
