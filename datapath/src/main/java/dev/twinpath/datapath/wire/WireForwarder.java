package dev.twinpath.datapath.wire;

import org.agrona.DirectBuffer;

/**
 * Where a {@link WireReceiver} may send a checked batch on whole, without copying its frames into pool buffers: a
 * relay between two wires (an {@code aeron:ipc} segment and a UDP link, say, or a top-of-rack process passing one
 * host's batch to another), which is what a cut-through switch does with a frame whose way out is known. The
 * receiver asks only when nothing it received earlier is still waiting for its handler; the forwarder must answer
 * {@link Outcome#COPY} while anything of this wire is queued ahead on the way out (its ring not empty, its sender
 * holding a batch), so the order of the stream is kept. {@link WireSender#forwardWhole} is the usual answer.
 * <p>
 * Called on the receiver's thread, which must also own the sender the batch goes out on.
 */
@FunctionalInterface
public interface WireForwarder
{
    /** What became of a batch offered to the forwarder. */
    enum Outcome
    {
        /** Sent on whole: the receiver counts it as forwarded and hands nothing to its handler. */
        FORWARDED,
        /** Not for this way (something queued before it, or it does not fit): the receiver copies its frames. */
        COPY,
        /** The way out is back-pressured: the receiver leaves the batch in its stream and is given it again later. */
        WAIT
    }

    /**
     * @param buffer       holds the batch, header included ({@link WireBatchDescriptor}), well-formed.
     * @param offset       where it starts.
     * @param length       its length in bytes.
     * @param frames       frame entries in it.
     * @param markers      marker entries in it.
     * @param largestFrame the longest frame's length, 0 with no frame.
     * @return what became of it.
     */
    Outcome forward(DirectBuffer buffer, int offset, int length, int frames, int markers, int largestFrame);
}
