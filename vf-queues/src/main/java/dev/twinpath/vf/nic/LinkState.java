package dev.twinpath.vf.nic;

/** A virtual function's administrative link state ({@code ip link set ... vf N state}). */
public enum LinkState
{
    /** Follow the physical link (always up in the model). */
    AUTO,
    ENABLE,
    /** Link down: RX to the function and TX from it are dropped and counted. */
    DISABLE
}
