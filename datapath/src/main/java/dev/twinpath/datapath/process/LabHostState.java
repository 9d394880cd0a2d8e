package dev.twinpath.datapath.process;

/**
 * A host process as the rack process sees it (its live counter {@code host X state} shows the name).
 * <p>
 * Immutable, any thread.
 */
public enum LabHostState
{
    /** Not heard from yet. */
    WAITING,
    /** Said hello: started by the rack next. */
    JOINED,
    /** Started: its VMs are on their paths and it reports progress. */
    RUNNING,
    /** Stopped and reported. */
    REPORTED,
    /** Its process is gone (uplink image unavailable, or silent). */
    DOWN
}
