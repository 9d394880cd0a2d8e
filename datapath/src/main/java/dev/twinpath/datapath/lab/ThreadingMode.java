package dev.twinpath.datapath.lab;

/**
 * How a lab's agents share threads (DESIGN.md §4). Immutable, any thread.
 */
public enum ThreadingMode
{
    /** Every agent on one thread: the NIC, the switch, the host's control, the guests and the wire peer. */
    ONE,
    /**
     * Two threads: the wire side (NIC, switch, IOV control and the wire peer at the other end of the
     * NIC's cable) and the guest side (the VMs' adapters and applications). The default, for 2 cores.
     */
    TWO,
    /** One thread per agent: for machines with a core per agent. */
    PER_AGENT
}
