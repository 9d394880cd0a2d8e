package dev.twinpath.datapath.lab;

import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.CompositeAgent;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The threads of a {@link Lab}: its agents grouped as the {@link ThreadingMode} says (one thread; the
 * host side and the guests; one each), started and stopped together, or run once on the caller's
 * thread for a lab that was never started.
 * <p>
 * Control thread: {@link #start}, {@link #stop} and {@link #doWork}; {@link #running()} from any thread.
 */
final class LabThreads
{
    private final LabContext context;
    private final List<Agent> hostSide;
    private final List<? extends Agent> guests;
    private final Consumer<Throwable> onError;
    private final List<AgentRunner> runners = new ArrayList<>();
    private boolean started;
    private volatile boolean running;
    private Agent[] flat;
    private final org.agrona.concurrent.DynamicCompositeAgent dynamicGuests;

    LabThreads(final LabContext context, final List<Agent> hostSide, final List<? extends Agent> guests,
        final Consumer<Throwable> onError)
    {
        this.context = context;
        this.hostSide = List.copyOf(hostSide);
        this.onError = onError;
        if (context.process() != null)
        {
            // a host process: VMs arrive and leave by live migration while the lab runs
            dynamicGuests = new org.agrona.concurrent.DynamicCompositeAgent("guests", List.copyOf(guests));
            this.guests = List.of(dynamicGuests);
        }
        else
        {
            dynamicGuests = null;
            this.guests = guests;
        }
    }

    /**
     * Add a guest to a running host process's lab (a VM arriving by live migration): it runs from the guests' next
     * duty cycle. Control thread. @return false when it was not added within 10 s.
     */
    boolean addGuest(final Agent guest)
    {
        return change(() -> dynamicGuests.tryAdd(guest), dynamicGuests::hasAddAgentCompleted);
    }

    /** Remove a guest (a VM that left by live migration); its {@code onClose} runs on the guests' thread. Control thread. */
    boolean removeGuest(final Agent guest)
    {
        return change(() -> dynamicGuests.tryRemove(guest), dynamicGuests::hasRemoveAgentCompleted);
    }

    private boolean change(final java.util.function.BooleanSupplier request, final java.util.function.BooleanSupplier done)
    {
        if (dynamicGuests == null)
        {
            throw new IllegalStateException("only a host process's lab adds and removes guests while it runs");
        }
        final long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (!request.getAsBoolean())
        {
            if (!running)
            {
                doWork(); // a lab run on the caller's thread applies the change here
            }
            if (System.nanoTime() - deadline > 0)
            {
                return false;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(100_000);
        }
        while (!done.getAsBoolean())
        {
            if (!running)
            {
                doWork(); // a lab run on the caller's thread applies the change here
            }
            if (System.nanoTime() - deadline > 0)
            {
                return false;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(100_000);
        }
        return true;
    }

    /** @return true between {@link #start} and {@link #stop}. */
    boolean running()
    {
        return running;
    }

    /** @return the agents by thread, as the threading mode groups them. */
    List<Agent> agentsByThread()
    {
        final List<Agent> guest = new ArrayList<>(guests);
        final List<Agent> all = new ArrayList<>(hostSide);
        all.addAll(guest);
        return switch (context.threading())
        {
            case ONE -> List.of(new CompositeAgent(all));
            case TWO -> List.of(new CompositeAgent(hostSide), new CompositeAgent(guest));
            case PER_AGENT -> all;
        };
    }

    void start()
    {
        if (started)
        {
            throw new IllegalStateException("lab already started");
        }
        started = true;
        running = true;
        for (final Agent agent : agentsByThread())
        {
            final AgentRunner runner = new AgentRunner(context.idleStrategy().get(), onError::accept, null, agent);
            runners.add(runner);
            AgentRunner.startOnThread(runner);
        }
    }

    void stop()
    {
        for (final AgentRunner runner : runners)
        {
            runner.close();
        }
        runners.clear();
        running = false;
    }

    /** Run every agent on the caller's thread (a lab never started) until 64 cycles in a row did nothing. @return true then. */
    boolean runUntilQuiet()
    {
        int quiet = 0;
        int rounds = 0;
        while (quiet < 64 && rounds < 1_000_000)
        {
            quiet = doWork() == 0 ? quiet + 1 : 0;
            rounds++;
        }
        return quiet >= 64;
    }

    int doWork()
    {
        int work = 0;
        if (flat == null)
        {
            final List<Agent> all = new ArrayList<>(hostSide);
            all.addAll(guests);
            flat = all.toArray(new Agent[0]);
        }
        try
        {
            for (final Agent agent : flat)
            {
                work += agent.doWork();
            }
        }
        catch (final Exception ex)
        {
            onError.accept(ex);
        }
        return work;
    }
}
