package dev.twinpath.datapath.host;

import org.agrona.concurrent.Agent;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.agrona.concurrent.NanoClock;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The host's IOV control agent: runs every adapter's {@link IovPortController} (VMBus control
 * messages, timeouts) and the commands other threads hand it (offer, revoke, surprise removal, flow
 * rules), so the NIC's control plane is driven from one thread.
 * <p>
 * Runs on the host thread (with the NIC and switch agents, or its own); {@link #submit} from any thread.
 */
public final class IovHostAgent implements Agent
{
    private final NanoClock clock;
    private final List<IovPortController> controllers = new ArrayList<>();
    private final ManyToOneConcurrentArrayQueue<Runnable> commands = new ManyToOneConcurrentArrayQueue<>(1024);
    private volatile IovPortController[] snapshot = new IovPortController[0];
    private volatile Duty[] duties = new Duty[0];

    /** Control work run on the host thread at every duty cycle. */
    @FunctionalInterface
    public interface Duty
    {
        /** @return work done. Host thread; must not block. */
        int doWork(long nowNanos);
    }

    public IovHostAgent(final NanoClock clock)
    {
        this.clock = clock;
    }

    /** Add a controller (before the agent runs, or from a submitted command). */
    public synchronized void add(final IovPortController controller)
    {
        controllers.add(controller);
        snapshot = controllers.toArray(new IovPortController[0]);
    }

    /** Remove a controller (from a submitted command). */
    public synchronized void remove(final IovPortController controller)
    {
        controllers.remove(controller);
        snapshot = controllers.toArray(new IovPortController[0]);
    }

    /**
     * Run {@code duty} on the host thread at every duty cycle from now on (e.g. a schedule of VF
     * revokes and offers, which then needs no thread of its own to wake). Any thread.
     */
    public synchronized void addDuty(final Duty duty)
    {
        final Duty[] next = java.util.Arrays.copyOf(duties, duties.length + 1);
        next[duties.length] = duty;
        duties = next;
    }

    /** Stop running {@code duty}. Any thread. */
    public synchronized void removeDuty(final Duty duty)
    {
        duties = java.util.Arrays.stream(duties).filter(d -> d != duty).toArray(Duty[]::new);
    }

    /** Run {@code command} on the host thread; the future completes with its result. Any thread. */
    public <T> CompletableFuture<T> submit(final Supplier<T> command)
    {
        final CompletableFuture<T> future = new CompletableFuture<>();
        final Runnable task = () ->
        {
            try
            {
                future.complete(command.get());
            }
            catch (final Throwable ex)
            {
                future.completeExceptionally(ex);
            }
        };
        if (!commands.offer(task))
        {
            future.completeExceptionally(new IllegalStateException("host command queue full"));
        }
        return future;
    }

    @Override
    public int doWork()
    {
        int work = 0;
        Runnable command;
        while ((command = commands.poll()) != null)
        {
            command.run();
            work++;
        }
        final long now = clock.nanoTime();
        for (final IovPortController c : snapshot)
        {
            work += c.doWork(now);
        }
        for (final Duty duty : duties)
        {
            work += duty.doWork(now);
        }
        return work;
    }

    @Override
    public String roleName()
    {
        return "iov-host";
    }
}
