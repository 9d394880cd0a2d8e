package dev.twinpath.packet.rss;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static dev.twinpath.packet.rss.FlowKeyDescriptor.FLAGS_OFFSET;
import static dev.twinpath.packet.rss.FlowKeyDescriptor.IP_VERSION_OFFSET;
import static dev.twinpath.packet.rss.FlowKeyDescriptor.LENGTH;
import static dev.twinpath.packet.rss.FlowKeyDescriptor.VLAN_ID_OFFSET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * Reading a {@link FlowKeyDescriptor} image trusts the bytes: nothing is validated or normalised.
 */
class FlowKeyDescriptorTest
{
    @Test
    void readTakesBytesAsTheyAre()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[LENGTH]);
        buffer.setMemory(0, LENGTH, (byte)0xFF);
        buffer.putShort(VLAN_ID_OFFSET, (short)0x8000, FlowKeyDescriptor.BYTE_ORDER);
        buffer.putByte(IP_VERSION_OFFSET, (byte)0x7F);
        buffer.putByte(FLAGS_OFFSET, (byte)0xFE);

        final FlowKey key = new FlowKey().readFrom(buffer, 0);

        assertEquals(127, key.ipVersion());
        assertEquals(-1L, key.srcHi());
        assertEquals(-1L, key.dstLo());
        assertEquals(FlowKey.NO_PORT, key.srcPort());
        assertEquals(FlowKey.NO_PROTOCOL, key.protocol());
        assertEquals(-32768, key.vlanId());
        assertFalse(key.fragment());
        assertEquals("FlowKey{no-ip proto=none vlan=-32768 fragment=false}", key.toString());
        assertEquals(0xFABD5135E78697A3L, key.hash64());
        assertEquals(0xF8FB06527529F81BL, key.hash64(-1L));

        assertSame(key, FlowKeyDescriptor.read(buffer, 0, key.reset()));
        assertEquals(127, key.ipVersion());

        final UnsafeBuffer copy = new UnsafeBuffer(new byte[LENGTH]);
        FlowKeyDescriptor.write(key, copy, 0);
        assertEquals(0, copy.getByte(FLAGS_OFFSET), "only the fragment bit of the flags is kept");
        buffer.putByte(FLAGS_OFFSET, (byte)0);
        assertEquals(0, buffer.compareTo(copy), "write gives back every other byte read");
    }
}
