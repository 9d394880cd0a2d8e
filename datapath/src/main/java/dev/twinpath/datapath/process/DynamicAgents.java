package dev.twinpath.datapath.process;

import org.agrona.concurrent.Agent;
import org.agrona.concurrent.DynamicCompositeAgent;

import java.util.concurrent.locks.LockSupport;

/**
 * Adding and removing an agent of a running {@link DynamicCompositeAgent} (a wire sender of a lab process) and waiting
 * until its thread has done it: afterwards the agent runs, or has stopped running and may be closed by the caller.
 * <p>
 * Stateless; the control thread, while the composite's thread runs.
 */
final class DynamicAgents
{
    private DynamicAgents()
    {
    }

    static void add(final DynamicCompositeAgent composite, final Agent agent)
    {
        while (!composite.tryAdd(agent))
        {
            LockSupport.parkNanos(100_000);
        }
        while (!composite.hasAddAgentCompleted())
        {
            LockSupport.parkNanos(100_000);
        }
    }

    static void remove(final DynamicCompositeAgent composite, final Agent agent)
    {
        while (!composite.tryRemove(agent))
        {
            LockSupport.parkNanos(100_000);
        }
        while (!composite.hasRemoveAgentCompleted())
        {
            LockSupport.parkNanos(100_000);
        }
    }
}
