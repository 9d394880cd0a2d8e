package dev.twinpath.datapath.lab;

import dev.twinpath.datapath.NetVscAdapter;
import dev.twinpath.datapath.host.IovHostAgent;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * How a {@link Lab}'s control thread gets work done on the agents' threads: a command for the hosts' IOV
 * service thread (VF offers and revokes, settings, flow rules: every host's controllers run there) or
 * for a guest's thread (its adapter's steering), awaited with a timeout. A lab that is not running runs
 * the command on the caller's thread.
 * <p>
 * Control thread.
 */
final class LabCommands
{
    private final Supplier<IovHostAgent> hostAgent;
    private final BooleanSupplier running;
    private final FlowSteering.Sides sides = new FlowSteering.Sides()
    {
        @Override
        public <T> T onGuest(final NetVscAdapter adapter, final Supplier<T> command)
        {
            final CompletableFuture<T> future = new CompletableFuture<>();
            if (!adapter.execute(() -> future.complete(command.get())))
            {
                throw new IllegalStateException(adapter.name() + ": command queue full");
            }
            if (!running.getAsBoolean())
            {
                adapter.doWork();
            }
            return await(future);
        }

        @Override
        public <T> T onHost(final Supplier<T> command)
        {
            return LabCommands.this.onHost(command);
        }
    };

    LabCommands(final Supplier<IovHostAgent> hostAgent, final BooleanSupplier running)
    {
        this.hostAgent = hostAgent;
        this.running = running;
    }

    FlowSteering.Sides sides()
    {
        return sides;
    }

    <T> T onHost(final Supplier<T> command)
    {
        final IovHostAgent agent = hostAgent.get();
        final var future = agent.submit(command);
        if (!running.getAsBoolean())
        {
            agent.doWork();
        }
        return await(future);
    }

    private static <T> T await(final Future<T> future)
    {
        try
        {
            return future.get(10, TimeUnit.SECONDS);
        }
        catch (final ExecutionException ex)
        {
            throw ex.getCause() instanceof RuntimeException re ? re : new IllegalStateException(ex.getCause());
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException("host agent did not run the command: " + ex, ex);
        }
    }
}
