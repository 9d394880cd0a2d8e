package dev.twinpath.packet.codec;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetAddress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AddressFormatTest
{
    @ParameterizedTest
    @CsvSource({
        "2001:db8::1, 2001:db8::1",
        "2001:0db8:0000:0000:0000:0000:0000:0001, 2001:db8::1",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
        "::, ::",
        "::1, ::1",
        "1::, 1::",
        "452:22:19:0:41a:e4ff:10ff:484d, 452:22:19:0:41a:e4ff:10ff:484d",
        "2200:0:0:0:0:0:0:0:1, ",
    })
    void ipv6Canonical(final String in, final String expected)
    {
        if (expected == null)
        {
            assertThrows(IllegalArgumentException.class, () -> AddressFormat.parseIpv6(in));
            return;
        }
        final long[] a = AddressFormat.parseIpv6(in);
        assertEquals(expected, AddressFormat.ipv6(a[0], a[1]));
    }

    @Test
    void ipv4MappedAndDottedTail()
    {
        final long[] a = AddressFormat.parseIpv6("::ffff:192.0.2.1");
        assertEquals("::ffff:192.0.2.1", AddressFormat.ipv6(a[0], a[1]));
    }

    @Property
    void ipv6AgreesWithJdkParsing(@ForAll final long hi, @ForAll final long lo) throws Exception
    {
        final String text = AddressFormat.ipv6(hi, lo);
        final byte[] bytes = InetAddress.getByName(text).getAddress();
        if (bytes.length == 16)
        {
            final byte[] expected = java.nio.ByteBuffer.allocate(16).putLong(hi).putLong(lo).array();
            assertArrayEquals(expected, bytes);
        }
        assertArrayEquals(new long[]{hi, lo}, AddressFormat.parseIpv6(text));
    }

    @Test
    void macAndIpv4()
    {
        assertEquals("00:1b:21:aa:bb:0c", AddressFormat.mac(0x001B_21AA_BB0CL));
        assertEquals(0x001B_21AA_BB0CL, AddressFormat.parseMac("00:1B:21:aa:bb:0c"));
        assertEquals("192.168.1.2", AddressFormat.ipv4(0xC0A80102));
        assertEquals(0xC0A80102, AddressFormat.parseIpv4("192.168.1.2"));
        assertThrows(IllegalArgumentException.class, () -> AddressFormat.parseIpv4("192.168.1.256"));
        assertThrows(IllegalArgumentException.class, () -> AddressFormat.parseIpv4("1.2.3"));
        assertThrows(IllegalArgumentException.class, () -> AddressFormat.parseMac("00:11:22:33:44"));
    }
}
