package dev.twinpath.bench.scenario.wire;

import dev.twinpath.datapath.wire.WireBatchDescriptor;
import dev.twinpath.datapath.wire.WireContext;

import java.util.Locale;

/**
 * The transports suite {@code wire-proc} measures, each with the message size its raw Aeron baseline sends: the
 * wire's full batch of 64-byte frames at that MTU, scored as that many frames (as suite {@code wire} does).
 * <p>
 * Constants only, any thread.
 */
public enum WireTransport
{
    /** Loopback UDP, each process its own embedded media driver, the default MTU (1,408): 20 frames a message. */
    UDP("udp", WireContext.DEFAULT_MTU),
    /** Loopback UDP with an 8 KiB MTU: 119 frames a message, six times fewer messages. */
    UDP_MTU8K("udp-mtu8k", 8192),
    /** {@code aeron:ipc}: one media driver, started by the parent, shared by the three processes. */
    IPC("ipc", WireContext.DEFAULT_MTU);

    /** Length of every frame the suite sends. */
    public static final int FRAME_LENGTH = 64;
    /** Aeron's frame header, taken from the MTU to give the payload. */
    private static final int AERON_HEADER = 32;

    private final String label;
    private final int mtu;

    WireTransport(final String label, final int mtu)
    {
        this.label = label;
        this.mtu = mtu;
    }

    /** @return the name in the suite's entries and in a child's arguments: {@code udp}, {@code udp-mtu8k}, {@code ipc}. */
    public String label()
    {
        return label;
    }

    /** @return the MTU of every publication. */
    public int mtu()
    {
        return mtu;
    }

    /** @return true for {@code aeron:ipc}. */
    public boolean ipc()
    {
        return this == IPC;
    }

    /** @return 64-byte frames in one full batch (one MTU payload): 20, or 119 with an 8 KiB MTU. */
    public int framesPerBatch()
    {
        return (mtu - AERON_HEADER - WireBatchDescriptor.HEADER_LENGTH) / WireBatchDescriptor.entryLength(FRAME_LENGTH);
    }

    /** @return bytes of a full batch: the raw baseline's message length (1,368, or 8,100 with an 8 KiB MTU). */
    public int batchLength()
    {
        return WireBatchDescriptor.HEADER_LENGTH + framesPerBatch() * WireBatchDescriptor.entryLength(FRAME_LENGTH);
    }

    /** @return frames the sender is given per burst, two full batches (as suite {@code wire}): 40, or 238. */
    public int burst()
    {
        return 2 * framesPerBatch();
    }

    /** @return the transport named {@code text}. @throws IllegalArgumentException naming it when none is. */
    public static WireTransport of(final String text)
    {
        for (final WireTransport t : values())
        {
            if (t.label.equals(text))
            {
                return t;
            }
        }
        throw new IllegalArgumentException("transport: no transport '" + text + "' (udp, udp-mtu8k, ipc)");
    }

    @Override
    public String toString()
    {
        return label.toLowerCase(Locale.ROOT);
    }
}
