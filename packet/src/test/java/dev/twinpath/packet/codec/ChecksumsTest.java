package dev.twinpath.packet.codec;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChecksumsTest
{
    /** Bit-by-bit RFC 1071 reference: 16-bit words, end-around carry after each add. */
    private static int reference(final byte[] data, final int offset, final int length)
    {
        int sum = 0;
        for (int i = 0; i < length; i += 2)
        {
            final int hi = data[offset + i] & 0xFF;
            final int lo = i + 1 < length ? data[offset + i + 1] & 0xFF : 0;
            sum += (hi << 8) | lo;
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return sum;
    }

    @Test
    void rfc1071Example()
    {
        // RFC 1071 section 3: 00 01 f2 03 f4 f5 f6 f7 sums to ddf2.
        final byte[] data = {0x00, 0x01, (byte)0xf2, 0x03, (byte)0xf4, (byte)0xf5, (byte)0xf6, (byte)0xf7};
        assertEquals(0xddf2, Checksums.fold(Checksums.sum(new UnsafeBuffer(data), 0, data.length, 0)));
    }

    @Test
    void ipv4HeaderChecksumOfKnownHeader()
    {
        // A classic example header: 4500 0073 0000 4000 4011 b861 c0a8 0001 c0a8 00c7.
        final byte[] header = {
            0x45, 0x00, 0x00, 0x73, 0x00, 0x00, 0x40, 0x00, 0x40, 0x11, 0x00, 0x00,
            (byte)0xc0, (byte)0xa8, 0x00, 0x01, (byte)0xc0, (byte)0xa8, 0x00, (byte)0xc7};
        final Ipv4Header ip = new Ipv4Header().wrap(new UnsafeBuffer(header), 0, header.length);
        ip.updateChecksum();
        assertEquals(0xb861, ip.checksum());
        assertTrue(ip.checksumValid());
        ip.ttl(63);
        assertEquals(false, ip.checksumValid());
    }

    @Test
    void icmpChecksumComputeThenVerify()
    {
        final byte[] message = {8, 0, 0, 0, 0x12, 0x34, 0, 1, 'p', 'i', 'n', 'g', '!'};
        final IcmpHeader icmp = new IcmpHeader().wrap(new UnsafeBuffer(message), 0, message.length);
        icmp.checksum(icmp.computeChecksum(message.length));
        assertEquals(0xFFFF, Checksums.fold(Checksums.sum(new UnsafeBuffer(message), 0, message.length, 0)));
        assertEquals(0x1234, icmp.identifier());
        assertEquals(1, icmp.sequence());
    }

    @Property
    void sumMatchesReference(
        @ForAll @Size(max = 200) final byte[] data, @ForAll @IntRange(max = 7) final int start)
    {
        final int offset = Math.min(start, data.length);
        final int length = data.length - offset;
        assertEquals(reference(data, offset, length), Checksums.fold(Checksums.sum(new UnsafeBuffer(data), offset, length, 0)));
    }

    @Property
    void incrementalUpdateEqualsRecompute(
        @ForAll @Size(min = 20, max = 20) final byte[] header,
        @ForAll @IntRange(min = 1, max = 9) final int word,
        @ForAll @IntRange(max = 0xFFFF) final int newValue)
    {
        if (word == 5)
        {
            return; // the checksum field itself
        }
        header[0] = 0x45;
        final UnsafeBuffer buffer = new UnsafeBuffer(header);
        final Ipv4Header ip = new Ipv4Header().wrap(buffer, 0, 20);
        ip.updateChecksum();
        final int old = buffer.getShort(word * 2, ByteOrder.BIG_ENDIAN) & 0xFFFF;
        final int updated = Checksums.update16(ip.checksum(), old, newValue);
        buffer.putShort(word * 2, (short)newValue, ByteOrder.BIG_ENDIAN);
        ip.checksum(updated);
        assertTrue(ip.checksumValid(), "incremental update must leave a header that verifies");
    }

    @Property
    void incrementalUpdate32EqualsRecompute(
        @ForAll @Size(min = 20, max = 20) final byte[] header, @ForAll final int newAddress)
    {
        header[0] = 0x45;
        final Ipv4Header ip = new Ipv4Header().wrap(new UnsafeBuffer(header), 0, 20);
        ip.updateChecksum();
        final int updated = Checksums.update32(ip.checksum(), ip.src(), newAddress);
        ip.src(newAddress).checksum(updated);
        assertTrue(ip.checksumValid());
    }
}
