package dev.twinpath.vmbus;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.Consumer;

import static dev.twinpath.vmbus.ControlMessageDescriptor.HEADER_LENGTH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Encode/decode round trips of every type, and every refusal reason of the decoder and the sender's check. */
class ControlMessageCodecTest
{
    private final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(64));
    private final ControlMessageFlyweight flyweight = new ControlMessageFlyweight();
    private final ControlMessage decoded = new ControlMessage();

    /** One message of every type, with non-default values in every field it carries. */
    static List<ControlMessage> oneOfEachType()
    {
        return List.of(
            new ControlMessage().init(11, 1, 7),
            new ControlMessage().initComplete(11, 2, ControlStatus.SUCCESS),
            new ControlMessage().initComplete(12, 0, ControlStatus.PROTOCOL_TOO_OLD),
            new ControlMessage().linkStatus(true),
            new ControlMessage().linkStatus(false),
            new ControlMessage().vfAssociation(true, 0xCAFE_F00D),
            new ControlMessage().vfAssociation(false, 3),
            new ControlMessage().switchDataPath(Long.MIN_VALUE, DataPath.VF).flags(ControlMessageDescriptor.FLAG_COMPLETION_REQUESTED),
            new ControlMessage().switchDataPathComplete(Long.MAX_VALUE, DataPath.SYNTHETIC, ControlStatus.UNSUPPORTED),
            new ControlMessage().subchannelRequest(5, 7),
            new ControlMessage().subchannelComplete(5, 4, ControlStatus.SUCCESS));
    }

    @Test
    void everyTypeRoundTrips()
    {
        final List<ControlMessage> messages = oneOfEachType();
        assertEquals(ControlMessageType.values().length,
            messages.stream().map(ControlMessage::type).distinct().count(), "every type is covered");
        for (final ControlMessage message : messages)
        {
            assertNull(ControlMessageCodec.validate(message), message.toString());
            final int length = ControlMessageCodec.encode(message, flyweight.wrap(buffer, 0));
            assertEquals(HEADER_LENGTH + message.type().bodyLength(), length);
            assertNull(ControlMessageCodec.decode(flyweight.wrap(buffer, 0), length, decoded), message.toString());
            assertSameMessage(message, decoded);
        }
    }

    @Property(tries = 300)
    void randomValidFieldsRoundTrip(
        @ForAll @IntRange(min = 1, max = 65535) final int a,
        @ForAll @IntRange(min = 1, max = 65535) final int b,
        @ForAll final long transactionId,
        @ForAll final int serial,
        @ForAll @IntRange(min = 1, max = 63) final int subchannels,
        @ForAll final boolean flag,
        @ForAll @IntRange(min = 1, max = 2) final int version)
    {
        final ControlStatus[] statuses = ControlStatus.values();
        final ControlStatus status = statuses[(a + b) % statuses.length];
        for (final ControlMessage message : List.of(
            new ControlMessage().init(transactionId, Math.min(a, b), Math.max(a, b)),
            new ControlMessage().initComplete(transactionId, status == ControlStatus.SUCCESS ? a : 0, status),
            new ControlMessage().linkStatus(flag),
            new ControlMessage().vfAssociation(flag, serial),
            new ControlMessage().switchDataPath(transactionId, flag ? DataPath.VF : DataPath.SYNTHETIC),
            new ControlMessage().switchDataPathComplete(transactionId, flag ? DataPath.SYNTHETIC : DataPath.VF, status),
            new ControlMessage().subchannelRequest(transactionId, subchannels),
            new ControlMessage().subchannelComplete(transactionId, subchannels - 1, status)))
        {
            message.version(Math.max(version, message.type().sinceVersion())).flags(flag ? 1 : 0);
            final int length = ControlMessageCodec.encode(message, flyweight.wrap(buffer, 0));
            assertNull(ControlMessageCodec.decode(flyweight.wrap(buffer, 0), length, decoded), message.toString());
            assertSameMessage(message, decoded);
        }
    }

    @Test
    void eachRefusalHasItsReason()
    {
        final ControlMessage link = new ControlMessage().linkStatus(true);
        assertRefused(ControlDecodeError.TRUNCATED, link, HEADER_LENGTH - 1, (f) -> { });
        assertRefused(ControlDecodeError.UNKNOWN_TYPE, link, 24, (f) -> f.type(0));
        assertRefused(ControlDecodeError.UNKNOWN_TYPE, link, 24, (f) -> f.type(9));
        assertRefused(ControlDecodeError.UNKNOWN_TYPE, link, 24, (f) -> f.type(0xFFFF));
        assertRefused(ControlDecodeError.UNSUPPORTED_VERSION, link, 24, (f) -> f.version(0));
        assertRefused(ControlDecodeError.UNSUPPORTED_VERSION, link, 24, (f) -> f.version(3));
        assertRefused(ControlDecodeError.UNSUPPORTED_VERSION, link, 24, (f) -> f.version(0xFFFF));
        assertRefused(ControlDecodeError.UNSUPPORTED_VERSION,
            new ControlMessage().subchannelRequest(1, 2), 24, (f) -> f.version(1)); // a version 2 type in version 1
        assertRefused(ControlDecodeError.TRUNCATED, link, 24, (f) -> f.bodyLength(3));
        assertRefused(ControlDecodeError.TRUNCATED, new ControlMessage().vfAssociation(true, 1), 23, (f) -> { });
        assertRefused(ControlDecodeError.BAD_FIELD, link, 24, (f) -> f.flags(0x8000));
        assertRefused(ControlDecodeError.BAD_FIELD, link, 24, (f) -> f.word0(2));
        assertRefused(ControlDecodeError.BAD_FIELD, new ControlMessage().vfAssociation(true, 1), 24, (f) -> f.word0(-1));
        assertRefused(ControlDecodeError.BAD_FIELD, new ControlMessage().init(1, 1, 2), 24, (f) -> f.word0(3));
        assertRefused(ControlDecodeError.BAD_FIELD, new ControlMessage().init(1, 1, 2), 24, (f) -> f.word0(0));
        assertRefused(ControlDecodeError.BAD_FIELD, new ControlMessage().init(1, 1, 2), 24, (f) -> f.word1(0x10000));
        final ControlMessage initComplete = new ControlMessage().initComplete(1, 2, ControlStatus.SUCCESS);
        assertRefused(ControlDecodeError.BAD_FIELD, initComplete, 24, (f) -> f.word1(0));
        assertRefused(ControlDecodeError.BAD_FIELD, initComplete, 24, (f) -> f.word1(99));
        assertRefused(ControlDecodeError.BAD_FIELD, initComplete, 24, (f) -> f.word0(0));
        assertRefused(ControlDecodeError.BAD_FIELD, initComplete, 24, (f) -> f.word1(ControlStatus.FAILURE.id()));
        assertRefused(ControlDecodeError.BAD_FIELD, new ControlMessage().switchDataPath(1, DataPath.VF), 24, (f) -> f.word0(2));
        assertRefused(ControlDecodeError.BAD_FIELD,
            new ControlMessage().switchDataPathComplete(1, DataPath.VF, ControlStatus.SUCCESS), 24, (f) -> f.word1(8));
        assertRefused(ControlDecodeError.BAD_FIELD, new ControlMessage().subchannelRequest(1, 2), 24, (f) -> f.word0(64));
        assertRefused(ControlDecodeError.BAD_FIELD, new ControlMessage().subchannelRequest(1, 2), 24, (f) -> f.word0(0));
    }

    @Test
    void aLongerBodyIsAcceptedAndItsTailIgnored()
    {
        final ControlMessage message = new ControlMessage().linkStatus(true).transactionId(9);
        ControlMessageCodec.encode(message, flyweight.wrap(buffer, 0));
        flyweight.bodyLength(12);
        assertNull(ControlMessageCodec.decode(flyweight, HEADER_LENGTH + 12, decoded));
        assertSameMessage(message, decoded);
    }

    @Test
    void theSenderRefusesWhatTheReceiverWouldRefuse()
    {
        assertEquals(ControlDecodeError.UNKNOWN_TYPE, ControlMessageCodec.validate(new ControlMessage()));
        assertEquals(ControlDecodeError.UNSUPPORTED_VERSION,
            ControlMessageCodec.validate(new ControlMessage().linkStatus(true).version(3)));
        assertEquals(ControlDecodeError.UNSUPPORTED_VERSION,
            ControlMessageCodec.validate(new ControlMessage().subchannelRequest(1, 1).version(1)));
        assertEquals(ControlDecodeError.BAD_FIELD, ControlMessageCodec.validate(new ControlMessage().linkStatus(true).flags(2)));
        assertEquals(ControlDecodeError.BAD_FIELD, ControlMessageCodec.validate(new ControlMessage().init(1, 3, 2)));
        assertEquals(ControlDecodeError.BAD_FIELD, ControlMessageCodec.validate(new ControlMessage().switchDataPath(1, null)));
        assertEquals(ControlDecodeError.BAD_FIELD,
            ControlMessageCodec.validate(new ControlMessage().initComplete(1, 2, null)));
    }

    @Test
    void toStringNamesTheTypeAndItsFields()
    {
        assertEquals("SWITCH_DATA_PATH{v2, flags=0x1, tx=7, path=VF}",
            new ControlMessage().switchDataPath(7, DataPath.VF).flags(1).toString());
        assertEquals("VF_ASSOCIATION{v2, offered, serial=4294967295}", new ControlMessage().vfAssociation(true, -1).toString());
        assertEquals("INIT{v1, tx=3, versions=1..2}", VersionNegotiation.supported().offer(3, new ControlMessage()).toString());
    }

    private void assertRefused(
        final ControlDecodeError expected, final ControlMessage valid, final int length, final Consumer<ControlMessageFlyweight> edit)
    {
        buffer.setMemory(0, buffer.capacity(), (byte)0);
        ControlMessageCodec.encode(valid, flyweight.wrap(buffer, 0));
        edit.accept(flyweight);
        assertEquals(expected, ControlMessageCodec.decode(flyweight.wrap(buffer, 0), length, decoded), valid.toString());
    }

    static void assertSameMessage(final ControlMessage expected, final ControlMessage actual)
    {
        assertEquals(expected.toString(), actual.toString());
        assertEquals(expected.type(), actual.type());
        assertEquals(expected.version(), actual.version());
        assertEquals(expected.flags(), actual.flags());
        assertEquals(expected.transactionId(), actual.transactionId());
        assertEquals(expected.minVersion(), actual.minVersion());
        assertEquals(expected.maxVersion(), actual.maxVersion());
        assertEquals(expected.negotiatedVersion(), actual.negotiatedVersion());
        assertEquals(expected.status(), actual.status());
        assertEquals(expected.linkUp(), actual.linkUp());
        assertEquals(expected.vfOffered(), actual.vfOffered());
        assertEquals(expected.vfSerial(), actual.vfSerial());
        assertEquals(expected.dataPath(), actual.dataPath());
        assertEquals(expected.subchannelCount(), actual.subchannelCount());
    }
}
