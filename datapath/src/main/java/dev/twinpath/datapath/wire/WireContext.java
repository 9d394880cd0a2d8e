package dev.twinpath.datapath.wire;

import io.aeron.ChannelUri;
import io.aeron.CommonContext;
import io.aeron.logbuffer.FrameDescriptor;
import io.aeron.protocol.DataHeaderFlyweight;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.io.File;

/**
 * Configuration of an {@link AeronWire}: fluent setters, then {@link #conclude()} validates every field
 * (a refusal names it, {@link WireConfigurationException}) and derives the Aeron channel of the
 * publication and the batch budget.
 * <ul>
 * <li>{@code channel}: {@code aeron:ipc} (one machine, shared memory) or
 * {@code aeron:udp?endpoint=host:port} (the subscriber binds the endpoint, the publisher sends to it).
 * {@code mtu} and {@code term-length} are set through their own fields, not in the channel.</li>
 * <li>{@code mtu}: bytes of an Aeron frame; a batch of at most {@code mtu - 32} bytes goes in one frame
 * through {@code tryClaim}; a larger one (a jumbo frame) is fragmented by Aeron and reassembled.</li>
 * <li>{@code termLength}: bytes of each of the publication's 3 terms; the largest message is
 * {@code termLength / 8}, which must hold the largest batch and the largest frame.</li>
 * <li>{@code batchBytes}: byte budget of a batch; 0 (default) means one MTU payload.</li>
 * <li>{@code flushNanos}: how long the sender keeps a partly filled batch open for the frames of later
 * sends (default 20 µs); 0 publishes at the end of every send.</li>
 * <li>{@code aeronDirectory}: null (default) runs an embedded media driver in a fresh directory;
 * a path uses the external driver running there.</li>
 * </ul>
 * Threading: filled in and concluded by one thread on the control path.
 */
public final class WireContext
{
    /** Default channel: shared memory on one machine. */
    public static final String DEFAULT_CHANNEL = "aeron:ipc";
    /** Default stream id. */
    public static final int DEFAULT_STREAM_ID = 1001;
    /** Default Aeron MTU (Aeron's own default). */
    public static final int DEFAULT_MTU = 1408;
    /** Largest MTU Aeron accepts (a UDP datagram's payload). */
    public static final int MAX_MTU = 65504;
    /** Default term length: 4 MiB (3 terms: 12 MiB of log per publication); largest message 512 KiB. */
    public static final int DEFAULT_TERM_LENGTH = 4 * 1024 * 1024;
    /** Default largest frame: a 9,216-byte jumbo frame. */
    public static final int DEFAULT_MAX_FRAME_LENGTH = 9216;
    /** Default descriptors per burst. */
    public static final int DEFAULT_BURST = 32;
    /** Default Aeron fragments per receiver poll. */
    public static final int DEFAULT_FRAGMENT_LIMIT = 16;
    /** Default flush deadline of the sender's open batch: 20 µs. */
    public static final long DEFAULT_FLUSH_NANOS = 20_000;
    /** Longest flush deadline: 1 s. */
    public static final long MAX_FLUSH_NANOS = 1_000_000_000L;

    private String channel = DEFAULT_CHANNEL;
    private int streamId = DEFAULT_STREAM_ID;
    private int mtu = DEFAULT_MTU;
    private int termLength = DEFAULT_TERM_LENGTH;
    private int batchBytes;
    private int maxFrameLength = DEFAULT_MAX_FRAME_LENGTH;
    private int burst = DEFAULT_BURST;
    private int fragmentLimit = DEFAULT_FRAGMENT_LIMIT;
    private long flushNanos = DEFAULT_FLUSH_NANOS;
    private String aeronDirectory;
    private IdleStrategy idleStrategy = new BackoffIdleStrategy(64, 64, 1_000, 100_000);
    private IdleStrategy driverIdleStrategy = new BackoffIdleStrategy(64, 64, 1_000, 100_000);
    private boolean concluded;
    private String publicationChannel;
    private long livenessTimeoutNanos = 2_000_000_000L;
    private boolean udp;

    /**
     * Validate every field and derive the publication channel and the batch budget. Idempotent.
     *
     * @return this.
     * @throws WireConfigurationException naming the first refused field.
     */
    public WireContext conclude()
    {
        udp = checkChannel(channel);
        if (livenessTimeoutNanos < 100_000_000L || livenessTimeoutNanos > 3_600_000_000_000L)
        {
            throw new WireConfigurationException("livenessTimeoutNanos", livenessTimeoutNanos + " must be in [100 ms, 1 h]");
        }
        if (streamId == 0)
        {
            throw new WireConfigurationException("streamId", "0 is reserved; use any other int");
        }
        if (mtu < 2 * DataHeaderFlyweight.HEADER_LENGTH + WireBatchDescriptor.HEADER_LENGTH || mtu > MAX_MTU ||
            mtu % FrameDescriptor.FRAME_ALIGNMENT != 0)
        {
            throw new WireConfigurationException("mtu", mtu + " must be a multiple of 32 in [96, " + MAX_MTU + "]");
        }
        if (termLength < io.aeron.logbuffer.LogBufferDescriptor.TERM_MIN_LENGTH || termLength > io.aeron.logbuffer.LogBufferDescriptor.TERM_MAX_LENGTH ||
            Integer.bitCount(termLength) != 1)
        {
            throw new WireConfigurationException("termLength", termLength + " must be a power of two in [64 KiB, 1 GiB]");
        }
        if (termLength < mtu)
        {
            throw new WireConfigurationException("termLength", termLength + " is smaller than mtu " + mtu);
        }
        final int maxMessage = maxMessageLength();
        if (maxFrameLength < 64 || maxFrameLength > 0xFFFF)
        {
            throw new WireConfigurationException("maxFrameLength", maxFrameLength + " must be in [64, 65535]");
        }
        if (WireBatchDescriptor.HEADER_LENGTH + WireBatchDescriptor.entryLength(maxFrameLength) > maxMessage)
        {
            throw new WireConfigurationException("maxFrameLength", maxFrameLength + " does not fit the largest message " +
                maxMessage + " (termLength / 8); raise termLength");
        }
        if (batchBytes < 0 || (batchBytes > 0 && batchBytes < WireBatchDescriptor.HEADER_LENGTH +
            WireBatchDescriptor.entryLength(64)))
        {
            throw new WireConfigurationException("batchBytes", batchBytes + " must be 0 (one MTU payload) or at least " +
                (WireBatchDescriptor.HEADER_LENGTH + WireBatchDescriptor.entryLength(64)));
        }
        if (batchBytes > maxMessage)
        {
            throw new WireConfigurationException("batchBytes", batchBytes + " exceeds the largest message " + maxMessage +
                " (termLength / 8)");
        }
        if (burst < 1 || burst > 4096)
        {
            throw new WireConfigurationException("burst", burst + " must be in [1, 4096]");
        }
        if (fragmentLimit < 1 || fragmentLimit > 4096)
        {
            throw new WireConfigurationException("fragmentLimit", fragmentLimit + " must be in [1, 4096]");
        }
        if (flushNanos < 0 || flushNanos > MAX_FLUSH_NANOS)
        {
            throw new WireConfigurationException("flushNanos", flushNanos + " must be in [0, " + MAX_FLUSH_NANOS +
                "] (0: publish at the end of every send)");
        }
        if (aeronDirectory != null && !new File(aeronDirectory).isDirectory())
        {
            throw new WireConfigurationException("aeronDirectory", "'" + aeronDirectory + "' is not a directory " +
                "(start the external media driver first, or leave it unset for an embedded one)");
        }
        if (idleStrategy == null)
        {
            throw new WireConfigurationException("idleStrategy", "missing");
        }
        if (driverIdleStrategy == null)
        {
            throw new WireConfigurationException("driverIdleStrategy", "missing");
        }
        publicationChannel = channel + (channel.contains("?") ? "|" : "?") +
            CommonContext.MTU_LENGTH_PARAM_NAME + "=" + mtu + "|" + CommonContext.TERM_LENGTH_PARAM_NAME + "=" + termLength;
        concluded = true;
        return this;
    }

    /**
     * Check a channel's form: {@code aeron:ipc}, or {@code aeron:udp?endpoint=host:port}, without mtu or term-length.
     *
     * @return true for udp.
     * @throws WireConfigurationException naming {@code channel}.
     */
    public static boolean checkChannel(final String channel)
    {
        if (channel == null || channel.isBlank())
        {
            throw new WireConfigurationException("channel", "missing: aeron:ipc or aeron:udp?endpoint=host:port");
        }
        final ChannelUri uri;
        try
        {
            uri = ChannelUri.parse(channel);
        }
        catch (final RuntimeException ex)
        {
            throw new WireConfigurationException("channel", "'" + channel + "' is not an Aeron channel (" + ex.getMessage() + ")");
        }
        final boolean udp = CommonContext.UDP_MEDIA.equals(uri.media());
        if (!udp && !CommonContext.IPC_MEDIA.equals(uri.media()))
        {
            throw new WireConfigurationException("channel", "'" + channel + "': media must be ipc or udp");
        }
        if (udp && !validEndpoint(uri.get(CommonContext.ENDPOINT_PARAM_NAME)))
        {
            throw new WireConfigurationException("channel", "'" + channel + "': a udp channel needs endpoint=host:port");
        }
        if (uri.containsKey(CommonContext.MTU_LENGTH_PARAM_NAME) || uri.containsKey(CommonContext.TERM_LENGTH_PARAM_NAME))
        {
            throw new WireConfigurationException("channel", "'" + channel + "': set mtu and term-length through the " +
                "mtu and termLength fields, not in the channel");
        }
        return udp;
    }

    private static boolean validEndpoint(final String endpoint)
    {
        if (endpoint == null)
        {
            return false;
        }
        final int colon = endpoint.lastIndexOf(':');
        if (colon <= 0 || colon == endpoint.length() - 1)
        {
            return false;
        }
        try
        {
            final int port = Integer.parseInt(endpoint.substring(colon + 1));
            return port >= 0 && port <= 65535;
        }
        catch (final NumberFormatException ex)
        {
            return false;
        }
    }

    /** @return true once {@link #conclude()} succeeded. */
    public boolean isConcluded()
    {
        return concluded;
    }

    /** @return the channel as given. */
    public String channel()
    {
        return channel;
    }

    /** @param channel {@code aeron:ipc} or {@code aeron:udp?endpoint=host:port}. @return this. */
    public WireContext channel(final String channel)
    {
        this.channel = channel;
        return this;
    }

    /** @return the channel of the publication: {@link #channel()} with mtu and term-length (after conclude). */
    public String publicationChannel()
    {
        return publicationChannel;
    }

    /**
     * @param other a channel of the same kind as {@link #channel()} accepts.
     * @return the publication channel for {@code other}: with this context's mtu and term-length (after conclude).
     * @throws WireConfigurationException naming {@code channel} when {@code other} is not one.
     */
    public String publicationChannel(final String other)
    {
        checkChannel(other);
        return other + (other.contains("?") ? "|" : "?") +
            CommonContext.MTU_LENGTH_PARAM_NAME + "=" + mtu + "|" + CommonContext.TERM_LENGTH_PARAM_NAME + "=" + termLength;
    }

    /** @return how long a publisher may be silent before its image is gone: a peer process's death is seen after it. */
    public long livenessTimeoutNanos()
    {
        return livenessTimeoutNanos;
    }

    /** @param nanos in [100 ms, 1 h]; default 2 s (Aeron's own default is 10 s). Embedded driver only. @return this. */
    public WireContext livenessTimeoutNanos(final long nanos)
    {
        this.livenessTimeoutNanos = nanos;
        return this;
    }

    /** @return the channel of the subscription. */
    public String subscriptionChannel()
    {
        return channel;
    }

    /** @return true for a udp channel (after conclude). */
    public boolean isUdp()
    {
        return udp;
    }

    /** @return the stream id. */
    public int streamId()
    {
        return streamId;
    }

    /** @param streamId Aeron stream id, not 0. @return this. */
    public WireContext streamId(final int streamId)
    {
        this.streamId = streamId;
        return this;
    }

    /** @return the Aeron MTU. */
    public int mtu()
    {
        return mtu;
    }

    /** @param mtu Aeron MTU, a multiple of 32 in [96, 65504]. @return this. */
    public WireContext mtu(final int mtu)
    {
        this.mtu = mtu;
        return this;
    }

    /** @return the term length. */
    public int termLength()
    {
        return termLength;
    }

    /** @param termLength a power of two in [64 KiB, 1 GiB]. @return this. */
    public WireContext termLength(final int termLength)
    {
        this.termLength = termLength;
        return this;
    }

    /** @return the largest Aeron message: {@code termLength / 8}. */
    public int maxMessageLength()
    {
        return FrameDescriptor.computeMaxMessageLength(termLength);
    }

    /** @return one MTU payload: the largest message that {@code tryClaim} takes. */
    public int maxPayloadLength()
    {
        return mtu - DataHeaderFlyweight.HEADER_LENGTH;
    }

    /** @return the batch budget as set (0: one MTU payload). */
    public int batchBytes()
    {
        return batchBytes;
    }

    /** @return the batch budget in effect: {@link #batchBytes()}, or one MTU payload when 0. */
    public int effectiveBatchBytes()
    {
        return batchBytes == 0 ? maxPayloadLength() : batchBytes;
    }

    /** @param batchBytes byte budget of a batch, 0 for one MTU payload. @return this. */
    public WireContext batchBytes(final int batchBytes)
    {
        this.batchBytes = batchBytes;
        return this;
    }

    /** @return the largest frame the wire carries. */
    public int maxFrameLength()
    {
        return maxFrameLength;
    }

    /** @param maxFrameLength largest frame, [64, 65535], fitting {@code termLength / 8}. @return this. */
    public WireContext maxFrameLength(final int maxFrameLength)
    {
        this.maxFrameLength = maxFrameLength;
        return this;
    }

    /** @return descriptors per burst. */
    public int burst()
    {
        return burst;
    }

    /** @param burst descriptors per burst, [1, 4096]. @return this. */
    public WireContext burst(final int burst)
    {
        this.burst = burst;
        return this;
    }

    /** @return Aeron fragments per receiver poll. */
    public int fragmentLimit()
    {
        return fragmentLimit;
    }

    /** @param fragmentLimit fragments per poll, [1, 4096]. @return this. */
    public WireContext fragmentLimit(final int fragmentLimit)
    {
        this.fragmentLimit = fragmentLimit;
        return this;
    }

    /** @return how long the sender keeps a partly filled batch open across sends, in ns (0: not at all). */
    public long flushNanos()
    {
        return flushNanos;
    }

    /**
     * @param flushNanos deadline of the sender's open batch, [0, 1 s]; 0 publishes at the end of every send.
     * @return this.
     */
    public WireContext flushNanos(final long flushNanos)
    {
        this.flushNanos = flushNanos;
        return this;
    }

    /** @return the external driver's directory, or null for an embedded driver. */
    public String aeronDirectory()
    {
        return aeronDirectory;
    }

    /** @param aeronDirectory directory of a running external media driver, or null (embedded). @return this. */
    public WireContext aeronDirectory(final String aeronDirectory)
    {
        this.aeronDirectory = aeronDirectory;
        return this;
    }

    /** @return true when an embedded media driver is launched. */
    public boolean embeddedDriver()
    {
        return aeronDirectory == null;
    }

    /** @return idle strategy of the wire's agents when run by an {@code AgentRunner}. */
    public IdleStrategy idleStrategy()
    {
        return idleStrategy;
    }

    /** @param idleStrategy idle strategy for the agents' runners. @return this. */
    public WireContext idleStrategy(final IdleStrategy idleStrategy)
    {
        this.idleStrategy = idleStrategy;
        return this;
    }

    /** @return idle strategy of the embedded driver's one shared thread. */
    public IdleStrategy driverIdleStrategy()
    {
        return driverIdleStrategy;
    }

    /** @param driverIdleStrategy idle strategy of the embedded driver's shared thread. @return this. */
    public WireContext driverIdleStrategy(final IdleStrategy driverIdleStrategy)
    {
        this.driverIdleStrategy = driverIdleStrategy;
        return this;
    }

    @Override
    public String toString()
    {
        return "WireContext{channel=" + channel + ", streamId=" + streamId + ", mtu=" + mtu + ", termLength=" + termLength +
            ", batchBytes=" + batchBytes + ", maxFrameLength=" + maxFrameLength + ", burst=" + burst +
            ", flushNanos=" + flushNanos + ", aeronDirectory=" + aeronDirectory + '}';
    }
}
