package dev.twinpath.vmbus;

/**
 * A control message, mutable and reusable: {@link VmBusEndpoint#pollControl} decodes every inbound
 * message into the same instance, and a sender may fill one instance again and again. The typed
 * setters ({@link #init}, {@link #linkStatus}, ...) set the type and its body fields and clear the
 * others; {@link #version()}, {@link #flags()} and {@link #transactionId()} are kept until changed
 * or {@link #reset()}. Fields a type does not carry read as their defaults.
 * <p>
 * Threading: not thread-safe; owned by one thread at a time (the control thread that fills or
 * receives it).
 */
public final class ControlMessage
{
    private ControlMessageType type;
    private int version = ControlMessageDescriptor.MAX_VERSION;
    private int flags;
    private long transactionId;
    private int minVersion;
    private int maxVersion;
    private int negotiatedVersion;
    private ControlStatus status;
    private boolean linkUp;
    private boolean vfOffered;
    private int vfSerial;
    private DataPath dataPath;
    private int subchannelCount;

    /** @return this, with no type, version {@link ControlMessageDescriptor#MAX_VERSION} and all else cleared. */
    public ControlMessage reset()
    {
        type = null;
        version = ControlMessageDescriptor.MAX_VERSION;
        flags = 0;
        transactionId = 0;
        return clearBody();
    }

    private ControlMessage clearBody()
    {
        minVersion = 0;
        maxVersion = 0;
        negotiatedVersion = 0;
        status = null;
        linkUp = false;
        vfOffered = false;
        vfSerial = 0;
        dataPath = null;
        subchannelCount = 0;
        return this;
    }

    /** @return this, a copy of {@code other}. */
    public ControlMessage copyFrom(final ControlMessage other)
    {
        type = other.type;
        version = other.version;
        flags = other.flags;
        transactionId = other.transactionId;
        minVersion = other.minVersion;
        maxVersion = other.maxVersion;
        negotiatedVersion = other.negotiatedVersion;
        status = other.status;
        linkUp = other.linkUp;
        vfOffered = other.vfOffered;
        vfSerial = other.vfSerial;
        dataPath = other.dataPath;
        subchannelCount = other.subchannelCount;
        return this;
    }

    // ---------------------------------------------------------------- typed setters, one per type

    /** Guest: offer protocol versions {@code min..max}. */
    public ControlMessage init(final long transactionId, final int minVersion, final int maxVersion)
    {
        clearBody().type(ControlMessageType.INIT).transactionId(transactionId);
        this.minVersion = minVersion;
        this.maxVersion = maxVersion;
        return this;
    }

    /** Host: answer an INIT with the chosen version (0 on refusal) and a status. */
    public ControlMessage initComplete(
        final long transactionId, final int negotiatedVersion, final ControlStatus status)
    {
        clearBody().type(ControlMessageType.INIT_COMPLETE).transactionId(transactionId);
        this.negotiatedVersion = negotiatedVersion;
        this.status = status;
        return this;
    }

    /** Host: the adapter's link went up or down. */
    public ControlMessage linkStatus(final boolean up)
    {
        clearBody().type(ControlMessageType.LINK_STATUS);
        this.linkUp = up;
        return this;
    }

    /** Host: a VF with this serial is offered to the guest, or revoked. */
    public ControlMessage vfAssociation(final boolean offered, final int serial)
    {
        clearBody().type(ControlMessageType.VF_ASSOCIATION);
        this.vfOffered = offered;
        this.vfSerial = serial;
        return this;
    }

    /** Guest: move the adapter's traffic to {@code path}. */
    public ControlMessage switchDataPath(final long transactionId, final DataPath path)
    {
        clearBody().type(ControlMessageType.SWITCH_DATA_PATH).transactionId(transactionId);
        this.dataPath = path;
        return this;
    }

    /** Host: the switch {@code transactionId} is done; {@code path} is now active. */
    public ControlMessage switchDataPathComplete(
        final long transactionId, final DataPath path, final ControlStatus status)
    {
        clearBody().type(ControlMessageType.SWITCH_DATA_PATH_COMPLETE).transactionId(transactionId);
        this.dataPath = path;
        this.status = status;
        return this;
    }

    /** Guest: open {@code count} sub-channels (protocol version 2). */
    public ControlMessage subchannelRequest(final long transactionId, final int count)
    {
        clearBody().type(ControlMessageType.SUBCHANNEL_REQUEST).transactionId(transactionId);
        this.subchannelCount = count;
        return this;
    }

    /** Host: {@code count} sub-channels were opened (protocol version 2). */
    public ControlMessage subchannelComplete(final long transactionId, final int count, final ControlStatus status)
    {
        clearBody().type(ControlMessageType.SUBCHANNEL_COMPLETE).transactionId(transactionId);
        this.subchannelCount = count;
        this.status = status;
        return this;
    }

    // ---------------------------------------------------------------- fields

    public ControlMessageType type()
    {
        return type;
    }

    /** Sets the type only; the body fields are kept. */
    public ControlMessage type(final ControlMessageType type)
    {
        this.type = type;
        return this;
    }

    public int version()
    {
        return version;
    }

    public ControlMessage version(final int version)
    {
        this.version = version;
        return this;
    }

    public int flags()
    {
        return flags;
    }

    public ControlMessage flags(final int flags)
    {
        this.flags = flags;
        return this;
    }

    public long transactionId()
    {
        return transactionId;
    }

    public ControlMessage transactionId(final long transactionId)
    {
        this.transactionId = transactionId;
        return this;
    }

    public int minVersion()
    {
        return minVersion;
    }

    public ControlMessage minVersion(final int minVersion)
    {
        this.minVersion = minVersion;
        return this;
    }

    public int maxVersion()
    {
        return maxVersion;
    }

    public ControlMessage maxVersion(final int maxVersion)
    {
        this.maxVersion = maxVersion;
        return this;
    }

    public int negotiatedVersion()
    {
        return negotiatedVersion;
    }

    public ControlMessage negotiatedVersion(final int negotiatedVersion)
    {
        this.negotiatedVersion = negotiatedVersion;
        return this;
    }

    public ControlStatus status()
    {
        return status;
    }

    public ControlMessage status(final ControlStatus status)
    {
        this.status = status;
        return this;
    }

    public boolean linkUp()
    {
        return linkUp;
    }

    public ControlMessage linkUp(final boolean linkUp)
    {
        this.linkUp = linkUp;
        return this;
    }

    public boolean vfOffered()
    {
        return vfOffered;
    }

    public ControlMessage vfOffered(final boolean vfOffered)
    {
        this.vfOffered = vfOffered;
        return this;
    }

    /** @return the VF serial, an unsigned 32-bit value. */
    public int vfSerial()
    {
        return vfSerial;
    }

    public ControlMessage vfSerial(final int vfSerial)
    {
        this.vfSerial = vfSerial;
        return this;
    }

    public DataPath dataPath()
    {
        return dataPath;
    }

    public ControlMessage dataPath(final DataPath dataPath)
    {
        this.dataPath = dataPath;
        return this;
    }

    public int subchannelCount()
    {
        return subchannelCount;
    }

    public ControlMessage subchannelCount(final int subchannelCount)
    {
        this.subchannelCount = subchannelCount;
        return this;
    }

    /** Allocates: control path, logs and tests. */
    @Override
    public String toString()
    {
        final StringBuilder sb = new StringBuilder(String.valueOf(type)).append("{v").append(version);
        if (flags != 0)
        {
            sb.append(", flags=0x").append(Integer.toHexString(flags));
        }
        if (transactionId != 0)
        {
            sb.append(", tx=").append(transactionId);
        }
        if (type != null)
        {
            switch (type)
            {
                case INIT -> sb.append(", versions=").append(minVersion).append("..").append(maxVersion);
                case INIT_COMPLETE -> sb.append(", version=").append(negotiatedVersion).append(", status=")
                    .append(status);
                case LINK_STATUS -> sb.append(", link=").append(linkUp ? "up" : "down");
                case VF_ASSOCIATION -> sb.append(vfOffered ? ", offered" : ", revoked")
                    .append(", serial=").append(Integer.toUnsignedString(vfSerial));
                case SWITCH_DATA_PATH -> sb.append(", path=").append(dataPath);
                case SWITCH_DATA_PATH_COMPLETE -> sb.append(", path=").append(dataPath).append(", status=")
                    .append(status);
                case SUBCHANNEL_REQUEST -> sb.append(", subchannels=").append(subchannelCount);
                case SUBCHANNEL_COMPLETE -> sb.append(", subchannels=").append(subchannelCount).append(", status=")
                    .append(status);
                default -> { }
            }
        }
        return sb.append('}').toString();
    }
}
