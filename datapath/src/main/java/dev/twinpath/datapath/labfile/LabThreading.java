package dev.twinpath.datapath.labfile;

/**
 * How a lab file asks the lab's agents to share threads: the {@code threading} key. Mirrors the
 * lab's own threading mode (DESIGN.md §4) without depending on it, so a lab file stays plain data.
 * <p>
 * Immutable, any thread.
 */
public enum LabThreading
{
    /** {@code one}: every agent on one thread. */
    ONE("one"),
    /** {@code two}: the wire side on one thread, the guests on the other. The default, for 2 cores. */
    TWO("two"),
    /** {@code per-agent}: one thread per agent, for machines with a core per agent. */
    PER_AGENT("per-agent");

    private final String key;

    LabThreading(final String key)
    {
        this.key = key;
    }

    /**
     * @return the spelling in a lab file, e.g. {@code per-agent}.
     */
    public String key()
    {
        return key;
    }
}
