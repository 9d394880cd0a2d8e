package dev.twinpath.datapath.process;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The control messages between lab processes: written and read back field by field; a bad one refused by offset. */
class ControlMessageTest
{
    @Test
    void everyKindOfFieldRoundTrips()
    {
        final ControlMessage out = new ControlMessage().begin(ControlKind.PAUSED, 2, 0x1234_5678_9ABCL)
            .putString("vm1").putLong(-7).putLongs(new long[] {1, 2, Long.MAX_VALUE}).putString("été")
            .putBytes(new byte[] {9, 8, 7}, 1, 2);
        final UnsafeBuffer copy = new UnsafeBuffer(new byte[out.length() + 16]);
        copy.putBytes(16, out.buffer(), 0, out.length());
        final ControlMessage in = new ControlMessage().wrap(copy, 16, out.length());
        assertEquals(ControlKind.PAUSED, in.kind());
        assertEquals(2, in.sender());
        assertEquals(0x1234_5678_9ABCL, in.runId());
        assertEquals("vm1", in.getString());
        assertEquals(-7, in.getLong());
        assertArrayEquals(new long[] {1, 2, Long.MAX_VALUE}, in.getLongs());
        assertEquals("été", in.getString());
        assertArrayEquals(new byte[] {8, 7}, in.getBytes());
    }

    @Test
    void aShortOrForeignOrTruncatedMessageIsRefusedNamingTheOffset()
    {
        final ControlMessage out = new ControlMessage().begin(ControlKind.REPORT, 0, 1).putLong(5).putString("problems");
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[out.length()]);
        buffer.putBytes(0, out.buffer(), 0, out.length());

        assertTrue(assertThrows(ControlMessageException.class, () -> new ControlMessage().wrap(buffer, 0, 10))
            .getMessage().contains("shorter than its 20-byte header"));

        final ControlMessage truncated = new ControlMessage().wrap(buffer, 0, out.length() - 3);
        truncated.getLong();
        assertEquals("REPORT: a field of 8 bytes at offset 28 runs past the end of the " + (out.length() - 3) +
            "-byte message", assertThrows(ControlMessageException.class, truncated::getString).getMessage());

        final UnsafeBuffer foreign = new UnsafeBuffer(new byte[out.length()]);
        foreign.putBytes(0, buffer, 0, out.length());
        foreign.putInt(0, 0xCAFE);
        assertEquals("bad magic 0xcafe at offset 0", assertThrows(ControlMessageException.class,
            () -> new ControlMessage().wrap(foreign, 0, out.length())).getMessage());
        foreign.putInt(0, ControlMessage.MAGIC);
        foreign.putInt(4, 999);
        assertEquals("unknown kind 999 at offset 4", assertThrows(ControlMessageException.class,
            () -> new ControlMessage().wrap(foreign, 0, out.length())).getMessage());

        final ControlMessage negative = new ControlMessage().begin(ControlKind.PAUSED, 0, 1);
        negative.buffer().putInt(negative.length(), -5);
        final UnsafeBuffer bad = new UnsafeBuffer(new byte[negative.length() + 4]);
        bad.putBytes(0, negative.buffer(), 0, negative.length() + 4);
        assertThrows(ControlMessageException.class, () -> new ControlMessage().wrap(bad, 0, bad.capacity()).getLongs());
    }
}
