package dev.twinpath.vswitch;

import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Control-path changes (add, update or remove a port, static MAC entries) carried to the switch
 * thread, which applies them between bursts: every structure the stages read then has one writer.
 * Before any agent runs the switch, a change is applied at once on the caller's thread. A caller
 * waits for its change with a timeout; if the switch thread does not get to it (for instance it is
 * held by a full lossless port), the caller gets a {@link SwitchConfigurationException} saying so,
 * and the change is still applied later, in order.
 * <p>
 * Threading: {@link #execute} from any control thread; {@link #drain()} on the switch thread; the
 * queue's offer/poll are the release/acquire pair that hands a command over (pair (Q)).
 */
final class SwitchCommands
{
    private final ManyToOneConcurrentArrayQueue<Command> queue = new ManyToOneConcurrentArrayQueue<>(1024);
    private final Object lock = new Object();
    private final long timeoutNanos;
    private Thread owner;

    SwitchCommands(final long timeoutNanos)
    {
        this.timeoutNanos = timeoutNanos;
    }

    /** The switch thread starts: from now on changes go through the queue. */
    void onStart()
    {
        synchronized (lock)
        {
            owner = Thread.currentThread();
        }
    }

    /** The switch thread stops: changes are applied on the caller's thread again. */
    void onClose()
    {
        synchronized (lock) // no change can be queued after this drain: later ones run on their caller
        {
            owner = null;
            drain();
        }
    }

    /** Apply {@code change} on the switch thread (or now, when no agent runs) and wait for it. */
    void execute(final String what, final Runnable change)
    {
        final Command command = new Command(change);
        synchronized (lock)
        {
            if (owner == null || owner == Thread.currentThread())
            {
                change.run();
                return;
            }
            if (!queue.offer(command)) // release (Q): pairs with poll() in drain()
            {
                throw new SwitchConfigurationException(what + ": too many changes pending for the switch thread");
            }
        }
        command.await(what, timeoutNanos);
    }

    /** @return changes applied. Switch thread only. */
    int drain()
    {
        int applied = 0;
        Command command;
        while ((command = queue.poll()) != null) // acquire (Q)
        {
            command.run();
            applied++;
        }
        return applied;
    }

    private static final class Command
    {
        private final Runnable change;
        private final CountDownLatch done = new CountDownLatch(1);
        private volatile RuntimeException failure;

        Command(final Runnable change)
        {
            this.change = change;
        }

        void run()
        {
            try
            {
                change.run();
            }
            catch (final RuntimeException ex)
            {
                failure = ex;
            }
            finally
            {
                done.countDown();
            }
        }

        void await(final String what, final long timeoutNanos)
        {
            try
            {
                if (!done.await(timeoutNanos, TimeUnit.NANOSECONDS))
                {
                    throw new SwitchConfigurationException(what + ": the switch thread did not apply the change within "
                        + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms (is it held by a full lossless port?); "
                        + "it will be applied when the thread gets to it");
                }
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new SwitchConfigurationException(what + ": interrupted while waiting for the switch thread");
            }
            if (failure != null)
            {
                throw failure;
            }
        }
    }
}
