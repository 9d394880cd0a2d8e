package dev.twinpath.vswitch;

import dev.twinpath.packet.shape.TokenBucket;

/**
 * One port of a virtual switch: its id (the slot in the switch's port table, also used in counters),
 * kind, rings ({@link PortLink}), current {@link PortPolicy} and bandwidth shaper.
 * <p>
 * Threading: created and retired by the control path; {@link #policy} is replaced by the control
 * path with a volatile store (release) and read by the stages with a volatile load (acquire), pair
 * (P). The shaper belongs to the ingress agent; {@link #removed} is set by the switch thread when
 * the removal command runs.
 */
public final class SwitchPort
{
    final int id;
    final PortKind kind;
    final PortLink link;
    final String name;
    final TokenBucket shaper = new TokenBucket();
    volatile PortPolicy policy; // (P)
    volatile boolean removed;
    PortSettings settings;

    SwitchPort(final int id, final PortKind kind, final PortLink link, final PortSettings settings, final PortPolicy policy)
    {
        this.id = id;
        this.kind = kind;
        this.link = link;
        this.name = settings.name;
        this.settings = settings;
        this.policy = policy;
    }

    /** @return the port id (slot in the switch's port table; the id counters use). */
    public int id()
    {
        return id;
    }

    public PortKind kind()
    {
        return kind;
    }

    public String name()
    {
        return name;
    }

    /** @return a copy of the port's current settings. */
    public PortSettings settings()
    {
        return settings.copy();
    }

    /** @return true once the port has left the switch. */
    public boolean isRemoved()
    {
        return removed;
    }

    @Override
    public String toString()
    {
        return "SwitchPort{" + id + " " + kind + " '" + name + "'}";
    }
}
