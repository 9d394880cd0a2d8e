package dev.twinpath.vmbus;

import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static dev.twinpath.vmbus.ControlMessageCodecTest.assertSameMessage;
import static dev.twinpath.vmbus.VmBusFixture.channel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Control messages through a channel: both ways, past a full data ring, malformed ones skipped, a full control ring. */
class VmBusControlTest
{
    private final List<ControlMessage> received = new ArrayList<>();
    private final ControlMessageHandler collect = (m) -> received.add(new ControlMessage().copyFrom(m));

    @Test
    void everyTypeGoesBothWays()
    {
        try (VmBusChannel channel = channel(4096, 32))
        {
            for (final VmBusEndpoint[] pair : new VmBusEndpoint[][]{{channel.guest(), channel.host()}, {channel.host(), channel.guest()}})
            {
                received.clear();
                final List<ControlMessage> sent = ControlMessageCodecTest.oneOfEachType();
                for (final ControlMessage m : sent)
                {
                    assertTrue(pair[0].sendControl(m));
                }
                assertEquals(sent.size(), pair[1].pollControl(collect, 100));
                for (int i = 0; i < sent.size(); i++)
                {
                    assertSameMessage(sent.get(i), received.get(i));
                }
                assertEquals(sent.size(), pair[0].counters().get(ChannelCounter.CONTROL_SENT));
                assertEquals(sent.size(), pair[1].counters().get(ChannelCounter.CONTROL_RECEIVED));
            }
        }
    }

    @Test
    void controlGetsThroughWhileTheDataRingIsFull()
    {
        try (VmBusChannel channel = channel(4096, 32))
        {
            final long[] src = VmBusFixture.fill(new long[32], 0, 32);
            for (final VmBusEndpoint sender : List.of(channel.guest(), channel.host()))
            {
                while (sender.sendBurst(src, 0, 32) > 0)
                {
                    // fill the data ring to the brim
                }
                assertEquals(0, sender.sendBurst(src, 0, 1), "data ring full");
            }
            // the guest asks to switch paths, the host revokes the VF and answers, with no data moving at all
            assertTrue(channel.guest().sendControl(new ControlMessage().switchDataPath(42, DataPath.SYNTHETIC)));
            assertEquals(1, channel.host().pollControl(collect, 10));
            assertEquals(ControlMessageType.SWITCH_DATA_PATH, received.get(0).type());
            assertTrue(channel.host().sendControl(new ControlMessage().vfAssociation(false, 7)));
            assertTrue(channel.host().sendControl(
                new ControlMessage().switchDataPathComplete(42, DataPath.SYNTHETIC, ControlStatus.SUCCESS)));
            assertEquals(2, channel.guest().pollControl(collect, 10));
            assertEquals("VF_ASSOCIATION{v2, revoked, serial=7}", received.get(1).toString());
            assertEquals(42, received.get(2).transactionId());
            assertTrue(channel.guest().hasData() && channel.host().hasData(), "the data is still there, untouched");
        }
    }

    @Test
    void malformedRecordsAreCountedByReasonAndSkipped()
    {
        try (VmBusChannel channel = channel(4096, 32))
        {
            final VmBusEndpoint guest = channel.guest();
            final VmBusEndpoint host = channel.host();
            final OneToOneRingBuffer ring = guest.outboundControlRing();
            guest.sendControl(new ControlMessage().switchDataPath(1, DataPath.VF));
            writeRaw(ring, new ControlMessage().linkStatus(true), (f) -> f.type(200), 24);
            writeRaw(ring, new ControlMessage().linkStatus(true), (f) -> f.version(9), 24);
            writeRaw(ring, new ControlMessage().vfAssociation(true, 1), (f) -> { }, 20);
            writeRaw(ring, new ControlMessage().linkStatus(true), (f) -> f.word0(5), 24);
            writeRaw(ring, new ControlMessage().linkStatus(true), (f) -> f.flags(0x10), 24);
            assertTrue(ring.write(99, new UnsafeBuffer(new byte[8]), 0, 8), "a record that is not a control record");
            guest.sendControl(new ControlMessage().switchDataPath(2, DataPath.SYNTHETIC));

            assertEquals(2, host.pollControl(collect, 100), "the good messages on both sides of the bad ones");
            assertEquals(1, received.get(0).transactionId());
            assertEquals(2, received.get(1).transactionId());
            final ChannelCounters counters = host.counters();
            assertEquals(2, counters.malformed(ControlDecodeError.UNKNOWN_TYPE));
            assertEquals(1, counters.malformed(ControlDecodeError.UNSUPPORTED_VERSION));
            assertEquals(1, counters.malformed(ControlDecodeError.TRUNCATED));
            assertEquals(2, counters.malformed(ControlDecodeError.BAD_FIELD));
            assertEquals(6, counters.malformed());
            assertEquals(2, counters.get(ChannelCounter.CONTROL_RECEIVED));
            assertEquals(0, host.pollControl(collect, 100));
        }
    }

    @Test
    void aFullControlRingRefusesAndCounts()
    {
        try (VmBusChannel channel = channel(4096, 32))
        {
            final ControlMessage link = new ControlMessage().linkStatus(true);
            int sent = 0;
            while (channel.host().sendControl(link))
            {
                sent++;
            }
            assertEquals(1024 / 32 - 1, sent, "32-byte records in a 1 KiB ring, one header kept free");
            assertEquals(1, channel.host().counters().get(ChannelCounter.CONTROL_RING_FULL));
            assertEquals(5, channel.guest().pollControl(collect, 5), "the limit is honoured");
            assertTrue(channel.host().sendControl(link));
            assertEquals(sent - 5 + 1, channel.guest().pollControl(collect, 1_000));
        }
    }

    @Test
    void anInvalidMessageIsRefusedBeforeAnythingIsWritten()
    {
        try (VmBusChannel channel = channel(4096, 32))
        {
            final IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> channel.guest().sendControl(new ControlMessage().init(1, 5, 2)));
            assertTrue(refused.getMessage().contains("vm1/eth0/guest") && refused.getMessage().contains("BAD_FIELD"),
                refused.getMessage());
            assertEquals(0, channel.host().pollControl(collect, 10));
            assertEquals(0, channel.guest().counters().get(ChannelCounter.CONTROL_SENT));
        }
    }

    @Test
    void aThrowingHandlerPropagatesAndItsMessageIsConsumed()
    {
        try (VmBusChannel channel = channel(4096, 32))
        {
            channel.host().sendControl(new ControlMessage().linkStatus(false));
            channel.host().sendControl(new ControlMessage().linkStatus(true));
            final IllegalStateException boom = new IllegalStateException("boom");
            assertSame(boom, assertThrows(IllegalStateException.class,
                () -> channel.guest().pollControl((m) -> { throw boom; }, 10)));
            assertEquals(1, channel.guest().pollControl(collect, 10));
            assertTrue(received.get(0).linkUp());
            assertFalse(channel.guest().hasData());
        }
    }

    private static void writeRaw(
        final OneToOneRingBuffer ring, final ControlMessage valid, final Consumer<ControlMessageFlyweight> edit, final int length)
    {
        final UnsafeBuffer scratch = new UnsafeBuffer(ByteBuffer.allocate(64));
        final ControlMessageFlyweight flyweight = new ControlMessageFlyweight().wrap(scratch, 0);
        ControlMessageCodec.encode(valid, flyweight);
        edit.accept(flyweight);
        assertTrue(ring.write(ControlMessageDescriptor.CONTROL_RECORD_TYPE_ID, scratch, 0, length));
    }
}
