package dev.twinpath.datapath.process;

import io.aeron.Aeron;
import io.aeron.FragmentAssembler;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import org.agrona.CloseHelper;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The control messages of one lab process: the subscription on its own control stream (every peer that talks to
 * it publishes there) and a publication to each peer it talks to. Messages are offered whole (Aeron fragments
 * and reassembles the large ones) and a refused offer is tried again until the send timeout: a control message
 * is never dropped silently; a send that still fails reports false and the caller says so.
 * <p>
 * A message that cannot be read is counted ({@link #unreadable()}) with its reason kept ({@link #lastProblem()})
 * and skipped.
 * <p>
 * Control thread of its process only.
 */
final class ControlLink implements AutoCloseable
{
    static final long SEND_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final Aeron aeron;
    private final Subscription inbox;
    private final FragmentAssembler assembler;
    private final ControlMessage received = new ControlMessage();
    private final List<Publication> publications = new ArrayList<>();
    private Consumer<ControlMessage> handler;
    private long unreadable;
    private String lastProblem = "";

    ControlLink(final Aeron aeron, final String channel, final int streamId)
    {
        this.aeron = aeron;
        this.inbox = aeron.addSubscription(channel, streamId);
        final FragmentHandler onMessage = (buffer, offset, length, header) ->
        {
            final ControlMessage message;
            try
            {
                message = received.wrap(buffer, offset, length);
            }
            catch (final ControlMessageException ex)
            {
                unreadable++;
                lastProblem = ex.getMessage();
                return;
            }
            handler.accept(message);
        };
        this.assembler = new FragmentAssembler(onMessage);
    }

    /**
     * @return a publication to a peer's control stream (index for {@link #send}); exclusive, so that a new one (after
     * the peer's process restarted) is a new session its new subscription reads from the start.
     */
    int connect(final String channel, final int streamId)
    {
        publications.add(aeron.addExclusivePublication(channel, streamId));
        return publications.size() - 1;
    }

    /** @return true once the peer {@code peer} subscribes. */
    boolean connected(final int peer)
    {
        return publications.get(peer).isConnected();
    }

    /**
     * Replace the publication to {@code peer}, whose process restarted: the old one may still believe the dead process
     * is connected (until its status messages time out) and a message offered there would never reach the new one.
     */
    void reconnect(final int peer)
    {
        final Publication old = publications.get(peer);
        publications.set(peer, aeron.addExclusivePublication(old.channel(), old.streamId()));
        CloseHelper.quietClose(old);
    }

    /**
     * Poll received messages into {@code onMessage}; the message object is reused, read it in the call.
     *
     * @return fragments read.
     */
    int poll(final Consumer<ControlMessage> onMessage, final int limit)
    {
        handler = onMessage;
        return inbox.poll(assembler, limit);
    }

    /**
     * Send {@code message} to {@code peer}, trying again while it is refused (not connected yet, back-pressured)
     * for up to {@code timeoutNanos}.
     *
     * @return true when it is in the publication's log.
     */
    boolean send(final int peer, final ControlMessage message, final long timeoutNanos)
    {
        final Publication publication = publications.get(peer);
        final long deadline = System.nanoTime() + timeoutNanos;
        while (true)
        {
            final long result = publication.offer(message.buffer(), 0, message.length());
            if (result > 0)
            {
                return true;
            }
            if (result == Publication.CLOSED || result == Publication.MAX_POSITION_EXCEEDED || System.nanoTime() - deadline > 0)
            {
                return false;
            }
            LockSupport.parkNanos(100_000);
        }
    }

    /** @return messages that could not be read. */
    long unreadable()
    {
        return unreadable;
    }

    /** @return why the last unreadable message was refused, or "". */
    String lastProblem()
    {
        return lastProblem;
    }

    @Override
    public void close()
    {
        publications.forEach(CloseHelper::quietClose);
        CloseHelper.quietClose(inbox);
    }
}
