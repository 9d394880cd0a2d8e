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

    LabThreads(final LabContext context, final List<Agent> hostSide, final List<? extends Agent> guests,
        final Consumer<Throwable> onError)
    {
        this.context = context;
        this.hostSide = List.copyOf(hostSide);
        this.guests = guests;
        this.onError = onError;
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
