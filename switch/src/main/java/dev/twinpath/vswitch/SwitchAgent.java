package dev.twinpath.vswitch;

import org.agrona.concurrent.Agent;

/**
 * The Agrona agent that runs a virtual switch: control changes first, then one pass of the data
 * path ({@link SwitchPipeline}). Run it alone on an {@code AgentRunner} or inside a
 * {@code CompositeAgent} with the other host-side agents (the default two-thread layout on a 2-core
 * machine puts the NIC and the switch on the host thread).
 * <p>
 * Threading: one thread, the one that runs it.
 */
public final class SwitchAgent implements Agent
{
    private final VirtualSwitch vswitch;
    private final String roleName;

    SwitchAgent(final VirtualSwitch vswitch)
    {
        this.vswitch = vswitch;
        this.roleName = "vswitch-" + vswitch.name();
    }

    @Override
    public void onStart()
    {
        vswitch.commands().onStart();
    }

    @Override
    public int doWork()
    {
        return vswitch.doWork();
    }

    @Override
    public void onClose()
    {
        vswitch.commands().onClose();
    }

    @Override
    public String roleName()
    {
        return roleName;
    }
}
