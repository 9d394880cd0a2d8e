package dev.twinpath.vmbus;

import static dev.twinpath.vmbus.ControlMessageDescriptor.HEADER_LENGTH;
import static dev.twinpath.vmbus.ControlMessageDescriptor.MAX_SUBCHANNELS;
import static dev.twinpath.vmbus.ControlMessageDescriptor.MAX_VERSION;
import static dev.twinpath.vmbus.ControlMessageDescriptor.MAX_WIRE_VERSION;
import static dev.twinpath.vmbus.ControlMessageDescriptor.MIN_VERSION;
import static dev.twinpath.vmbus.ControlMessageDescriptor.RESERVED_FLAGS;

/**
 * Encodes a {@link ControlMessage} through a {@link ControlMessageFlyweight} and decodes one back,
 * refusing what this implementation must not act on. The checks, in order, each with its
 * {@link ControlDecodeError}:
 * <ol>
 *     <li>the record holds a whole header, else {@code TRUNCATED};</li>
 *     <li>the type id is known, else {@code UNKNOWN_TYPE};</li>
 *     <li>the version is in {@value ControlMessageDescriptor#MIN_VERSION}..
 *     {@value ControlMessageDescriptor#MAX_VERSION}
 *     and not older than the type, else {@code UNSUPPORTED_VERSION};</li>
 *     <li>the body length covers the type's body and the record covers the body, else {@code TRUNCATED};</li>
 *     <li>no reserved flag is set and every field is in range (known status and path ids, 0/1
 *     booleans, {@code 1 <= min <= max <= 65535}, a version on success and none on refusal,
 *     sub-channel counts up to {@value ControlMessageDescriptor#MAX_SUBCHANNELS}), else {@code BAD_FIELD}.</li>
 * </ol>
 * A sender runs the same checks ({@link #validate}) before it writes, so a message that decodes
 * cleanly is exactly one that may be sent.
 * <p>
 * Threading: stateless, any thread (the flyweight and the message belong to the caller's thread).
 */
public final class ControlMessageCodec
{
    private ControlMessageCodec()
    {
    }

    /** @return bytes {@link #encode} writes for a message of this type. */
    public static int encodedLength(final ControlMessageType type)
    {
        return HEADER_LENGTH + type.bodyLength();
    }

    /**
     * @param message a message to check.
     * @return why it must not be sent (or was refused on receipt), or null when it is valid.
     */
    public static ControlDecodeError validate(final ControlMessage message)
    {
        final ControlMessageType type = message.type();
        if (type == null)
        {
            return ControlDecodeError.UNKNOWN_TYPE;
        }
        final int version = message.version();
        if (version < MIN_VERSION || version > MAX_VERSION || version < type.sinceVersion())
        {
            return ControlDecodeError.UNSUPPORTED_VERSION;
        }
        if ((message.flags() & RESERVED_FLAGS) != 0 || message.flags() >>> 16 != 0)
        {
            return ControlDecodeError.BAD_FIELD;
        }
        final ControlStatus status = message.status();
        final boolean valid = switch (type)
        {
            case INIT -> message.minVersion() >= 1 && message.minVersion() <= message.maxVersion() &&
                message.maxVersion() <= MAX_WIRE_VERSION;
            case INIT_COMPLETE -> status != null && (status == ControlStatus.SUCCESS ?
                message.negotiatedVersion() >= 1 && message.negotiatedVersion() <= MAX_WIRE_VERSION :
                message.negotiatedVersion() == 0);
            case LINK_STATUS, VF_ASSOCIATION -> true;
            case SWITCH_DATA_PATH -> message.dataPath() != null;
            case SWITCH_DATA_PATH_COMPLETE -> message.dataPath() != null && status != null;
            case SUBCHANNEL_REQUEST -> message.subchannelCount() >= 1 && message.subchannelCount() <= MAX_SUBCHANNELS;
            case SUBCHANNEL_COMPLETE -> status != null &&
                message.subchannelCount() >= 0 && message.subchannelCount() <= MAX_SUBCHANNELS;
        };
        return valid ? null : ControlDecodeError.BAD_FIELD;
    }

    /**
     * Write a message that {@link #validate} accepts.
     *
     * @return bytes written, {@link #encodedLength} of its type.
     */
    public static int encode(final ControlMessage message, final ControlMessageFlyweight out)
    {
        final ControlMessageType type = message.type();
        out.type(type.id())
            .version(message.version())
            .flags(message.flags())
            .bodyLength(type.bodyLength())
            .transactionId(message.transactionId());
        final ControlStatus status = message.status();
        switch (type)
        {
            case INIT -> out.word0(message.minVersion()).word1(message.maxVersion());
            case INIT_COMPLETE -> out.word0(message.negotiatedVersion()).word1(status.id());
            case LINK_STATUS -> out.word0(message.linkUp() ? 1 : 0);
            case VF_ASSOCIATION -> out.word0(message.vfOffered() ? 1 : 0).word1(message.vfSerial());
            case SWITCH_DATA_PATH -> out.word0(message.dataPath().id());
            case SWITCH_DATA_PATH_COMPLETE -> out.word0(message.dataPath().id()).word1(status.id());
            case SUBCHANNEL_REQUEST -> out.word0(message.subchannelCount());
            case SUBCHANNEL_COMPLETE -> out.word0(message.subchannelCount()).word1(status.id());
        }
        return encodedLength(type);
    }

    /**
     * Decode the message of {@code length} bytes under {@code in} into {@code into} (reset first).
     *
     * @return null when the message is valid, else why it was refused ({@code into} is then undefined).
     */
    public static ControlDecodeError decode(
        final ControlMessageFlyweight in, final int length, final ControlMessage into)
    {
        if (length < HEADER_LENGTH)
        {
            return ControlDecodeError.TRUNCATED;
        }
        final ControlMessageType type = ControlMessageType.fromId(in.type());
        if (type == null)
        {
            return ControlDecodeError.UNKNOWN_TYPE;
        }
        final int version = in.version();
        if (version < MIN_VERSION || version > MAX_VERSION || version < type.sinceVersion())
        {
            return ControlDecodeError.UNSUPPORTED_VERSION;
        }
        final int bodyLength = in.bodyLength();
        if (bodyLength < type.bodyLength() || HEADER_LENGTH + bodyLength > length)
        {
            return ControlDecodeError.TRUNCATED;
        }
        into.reset().type(type).version(version).flags(in.flags()).transactionId(in.transactionId());
        final int word0 = in.word0();
        final int word1 = type.bodyLength() > 4 ? in.word1() : 0;
        switch (type)
        {
            case INIT -> into.minVersion(word0).maxVersion(word1);
            case INIT_COMPLETE -> into.negotiatedVersion(word0).status(ControlStatus.fromId(word1));
            case LINK_STATUS -> into.linkUp(word0 == 1);
            case VF_ASSOCIATION -> into.vfOffered(word0 == 1).vfSerial(word1);
            case SWITCH_DATA_PATH -> into.dataPath(DataPath.fromId(word0));
            case SWITCH_DATA_PATH_COMPLETE -> into.dataPath(DataPath.fromId(word0)).status(ControlStatus.fromId(word1));
            case SUBCHANNEL_REQUEST -> into.subchannelCount(word0);
            case SUBCHANNEL_COMPLETE -> into.subchannelCount(word0).status(ControlStatus.fromId(word1));
        }
        final boolean word0IsBoolean =
            type == ControlMessageType.LINK_STATUS || type == ControlMessageType.VF_ASSOCIATION;
        if (word0IsBoolean && word0 != 0 && word0 != 1)
        {
            return ControlDecodeError.BAD_FIELD;
        }
        return validate(into); // unknown status and path ids decoded as null, which validate() refuses
    }
}
