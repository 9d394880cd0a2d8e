package dev.twinpath.datapath.process;

/**
 * The messages between the processes of a lab, on their control streams (see {@link LabAddresses}). The rack
 * process runs the lab: hosts introduce themselves, are started and stopped by it, report to it, and carry out
 * the steps of a live migration it asks for, one step a message, each answered.
 * <p>
 * Immutable, any thread.
 */
public enum ControlKind
{
    /** host -> rack: host index, pid. Sent until the rack answers with {@link #START}. */
    HELLO,
    /** rack -> host: start the lab, offer VFs, answer {@link #READY}. */
    START,
    /** host -> rack: VM adapters on a VF, VMs. */
    READY,
    /** host -> rack, every 200 ms: what each VM of the host received so far (and a sign of life). */
    PROGRESS,
    /** rack -> host: the traffic stopped; downlink position to reach, then drain and {@link #REPORT}. */
    STOP,
    /** host -> rack: uplink position, leaked buffers, each VM's results, events. */
    REPORT,
    /** rack -> host: the run is over, close and exit. */
    EXIT,
    /** rack -> source host: close the VF path of a VM, get ready to forward; answer {@link #SOURCE_READY}. */
    SOURCE_PREPARE,
    /** source -> rack: the VM is synthetic; the end marker the rack must write behind the VM's frames. */
    SOURCE_READY,
    /** rack -> destination host: build the VM's adapter, hold what comes directly; answer {@link #DESTINATION_READY}. */
    DESTINATION_PREPARE,
    /** destination -> rack: prepared, its forwarding subscription waits for the source. */
    DESTINATION_READY,
    /** rack -> source: forward what reaches the VM to the destination, pause the guest; answer {@link #PAUSED}. */
    PAUSE,
    /** source -> rack: the guest is paused; its state (application, counters) follows. */
    PAUSED,
    /** rack -> destination: the VM's state; attach, resume, announce; answer {@link #ARRIVED}. */
    RESUME,
    /** destination -> rack: running, the forwarded stream ended; held, forwarded, VF offered or why not. */
    ARRIVED,
    /** rack -> source: the migration is over, remove the old port. Answer {@link #DEPARTED}. */
    DEPART,
    /** source -> rack: the old port is gone; frames forwarded, lost after close. */
    DEPARTED,
    /** either host -> rack: a step failed; the VM stays where it is. */
    FAILED,
    /** rack -> a host: give up a migration (the VM stays on the source, or its prepared copy is dropped). */
    ABANDON,
    /** rack -> the host a VM runs on: carry out the lab file's schedule entry N on it (a VF revoke, a fault...). */
    ACTION,
    /** host -> rack: the action's outcome line. */
    ACTED;

    private static final ControlKind[] VALUES = values();

    /** @return the kind of code {@code code}, or null. */
    static ControlKind of(final int code)
    {
        return code >= 0 && code < VALUES.length ? VALUES[code] : null;
    }
}
