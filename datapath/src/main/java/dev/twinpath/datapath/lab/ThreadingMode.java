package dev.twinpath.datapath.lab;

/**
 * How a lab's agents share threads (DESIGN.md §4). Immutable, any thread.
 */
public enum ThreadingMode
{
    /** Every agent on one thread: the NIC, the switch, the host's control, the guests and the wire peer. */
    ONE,
    /** Two threads: the host side (NIC, switch, IOV control) and the guest side (guests, wire peer). The default, for 2 cores. */
    TWO,
    /** One thread per agent: for machines with a core per agent. */
    PER_AGENT
}
