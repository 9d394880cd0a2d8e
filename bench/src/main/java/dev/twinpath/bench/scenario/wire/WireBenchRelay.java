package dev.twinpath.bench.scenario.wire;

import dev.twinpath.datapath.wire.AeronWire;
import dev.twinpath.datapath.wire.WireForwarder;
import dev.twinpath.datapath.wire.WireReceiver;
import dev.twinpath.datapath.wire.WireSender;
import dev.twinpath.packet.pool.PacketPool;
import dev.twinpath.vf.ring.SpscDescriptorRing;
import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import io.aeron.logbuffer.BufferClaim;
import io.aeron.logbuffer.ControlledFragmentHandler;
import io.aeron.logbuffer.Header;
import org.agrona.DirectBuffer;

/**
 * The top-of-rack process of suite {@code wire-proc}: relays A's frames to B, cut-through: a batch A sent is
 * checked by the {@link WireReceiver} and published whole on B's wire ({@link WireSender#forwardWhole}) while nothing
 * of A's stream is queued before it, or left in A's stream while B's wire is back-pressured; otherwise its frames are
 * copied into pool buffers and go {@link WireReceiver} → an SPSC descriptor ring → {@link WireSender} run as an agent
 * reading the ring (which publishes its open batch when a duty cycle finds the ring empty), as the rack process's
 * ports do. The raw baselines relay each message by copying it
 * into a claim on the outgoing publication (a message refused by back-pressure is polled again).
 * <p>
 * Threading: owned by the child's main thread, which runs both ends.
 */
final class WireBenchRelay implements WireBenchRole, ControlledFragmentHandler
{
    private static final int RING_CAPACITY = 1024;

    private final WireRoleOptions options;
    private final WireReceiver receiver;
    private final WireSender sender;
    private final Subscription subscription;
    private final ExclusivePublication publication;
    private final BufferClaim claim = new BufferClaim();
    private long relayed;
    /** Raw baseline: claims refused on the way to B, and the last refusal's code. */
    private long refused;
    private long lastRefusal;

    WireBenchRelay(final WireRoleOptions options, final AeronWire wire, final PacketPool pool)
    {
        this.options = options;
        if (options.raw())
        {
            receiver = null;
            sender = null;
            subscription = wire.aeron().addSubscription(options.in(), options.inStream());
            publication = wire.aeron().addExclusivePublication(wire.context().publicationChannel(options.out()),
                options.outStream());
        }
        else
        {
            subscription = null;
            publication = null;
            final SpscDescriptorRing ring = new SpscDescriptorRing(RING_CAPACITY);
            receiver = wire.newReceiver(pool, ring::enqueueBurst, options.in(), options.inStream());
            sender = wire.newSender(pool, options.out(), options.outStream());
            sender.source(ring::dequeueBurst);
            // cut-through: a batch goes on whole while nothing of A's stream is queued before it
            receiver.forwarder((buffer, offset, length, frames, markers, largest) -> ring.isEmpty() ?
                sender.forwardWhole(buffer, offset, length, frames, markers, largest) : WireForwarder.Outcome.COPY);
        }
    }

    @Override
    public boolean connected()
    {
        return options.raw() ? subscription.isConnected() && publication.isConnected() :
            receiver.isConnected() && sender.isConnected();
    }

    @Override
    public void start(final long startNanos)
    {
    }

    @Override
    public int doWork()
    {
        return options.raw() ? subscription.controlledPoll(this, options.rawFragmentLimit()) : receiver.doWork() + sender.doWork();
    }

    /** Raw baseline: one message relayed, or ABORT to get it again once B's window has room. */
    @Override
    public Action onFragment(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        final long position = publication.tryClaim(length, claim);
        if (position <= 0)
        {
            refused++;
            lastRefusal = position;
            return Action.ABORT;
        }
        claim.buffer().putBytes(claim.offset(), buffer, offset, length);
        claim.commit(); // release: the frame's length, read by B's subscriber (Aeron's pair)
        relayed++;
        return Action.CONTINUE;
    }

    @Override
    public boolean finished(final long nowNanos)
    {
        return false;
    }

    @Override
    public String report()
    {
        return "";
    }

    @Override
    public String stats()
    {
        return options.raw() ? "relayed=" + relayed + " refused=" + refused + " lastRefusal=" + lastRefusal +
            " connectedIn=" + (subscription.isConnected() ? 1 : 0) + " connectedOut=" + (publication.isConnected() ? 1 : 0) :
            "relayed=" + sender.frames() + " messagesIn=" + receiver.messages() + " messagesOut=" + sender.messages() +
            " forwarded=" + receiver.forwardedMessages() + " forwardStalls=" + receiver.forwardStalls() +
            " malformed=" + receiver.malformedTotal() + " connectedIn=" + (receiver.isConnected() ? 1 : 0) +
            " connectedOut=" + (sender.isConnected() ? 1 : 0);
    }

    @Override
    public void close()
    {
        if (options.raw())
        {
            subscription.close();
            publication.close();
        }
        else
        {
            receiver.close();
            sender.close();
        }
    }
}
